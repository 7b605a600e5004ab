"""Where the vault key comes from: the environment, a key file (made with mode 0600 for a demo), or nowhere —
then a production process refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from spcomms.intake import keys
from spcomms.lib import vault

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_ring(settings):
    yield settings
    keys.forget()  # back to the test run's own key once the settings are restored


def test_a_demo_key_file_is_generated_in_the_data_dir_with_mode_600(fresh_ring, tmp_path):
    fresh_ring.VAULT_KEY, fresh_ring.VAULT_KEY_FILE, fresh_ring.VAULT_KEY_GENERATE = None, tmp_path / "v.key", True
    ring = keys.reload()
    assert (tmp_path / "v.key").stat().st_mode & 0o777 == 0o600
    assert vault.read_key_file(tmp_path / "v.key").keys == ring.keys


def test_the_environment_key_ring_wins(fresh_ring, tmp_path):
    ring = vault.generate().with_new_current("prod2")
    fresh_ring.VAULT_KEY, fresh_ring.VAULT_KEY_FILE = ring.serialise().replace("\n", ","), tmp_path / "absent"
    assert keys.reload().current == "prod2" and not (tmp_path / "absent").exists()


def test_a_bad_environment_key_stops_with_its_name(fresh_ring):
    fresh_ring.VAULT_KEY = "k1:tooshort"
    with pytest.raises(ImproperlyConfigured, match="SPCOMMS_VAULT_KEY: key 'k1' is"):
        keys.reload()


def _start(env_extra, tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "SPCOMMS_SECRET_KEY": "x",
        "SPCOMMS_DATA_DIR": str(tmp_path),
        "SPCOMMS_SITE_URL": "https://spcomms.example.org",
        "SPCOMMS_MAIL_FROM": "communications@example.org",
    }
    return subprocess.run(  # the web application, as a WSGI server loads it
        [sys.executable, "-c", "import spcomms.wsgi"],
        env=env | env_extra,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_key_refuses_to_start(tmp_path):
    result = _start({}, tmp_path)
    assert result.returncode != 0 and "the source vault has no key" in result.stderr
    assert _start({"SPCOMMS_VAULT_KEY": vault.generate().serialise().strip()}, tmp_path).returncode == 0
