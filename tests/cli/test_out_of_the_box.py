"""`spcomms` on a fresh install, with no variable set: a secret key is generated once and reused."""

import os
import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from spcomms.lib.secret_key import stored_secret_key


def _spcomms(data_dir, *args, **extra):
    env = {"PATH": os.environ["PATH"], "HOME": str(data_dir), "SPCOMMS_DATA_DIR": str(data_dir), **extra}
    return subprocess.run([sys.executable, "-m", "spcomms", *args], capture_output=True, text=True, env=env)


def test_help_works_without_any_variable_and_keeps_one_private_key(tmp_path):
    data_dir = tmp_path / "fresh"
    first = _spcomms(data_dir, "--help")
    assert first.returncode == 0, first.stderr
    assert "parse" in first.stdout
    key_file = data_dir / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text()
    assert len(key.strip()) >= 50
    assert _spcomms(data_dir, "check").returncode == 0
    assert key_file.read_text() == key  # reused, not regenerated


def test_production_setting_insists_on_an_explicit_key(tmp_path):
    result = _spcomms(tmp_path, "--help", SPCOMMS_REQUIRE_SECRET_KEY="1")
    assert result.returncode == 2
    assert "SPCOMMS_SECRET_KEY must be set (SPCOMMS_REQUIRE_SECRET_KEY=1 is on)" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_an_explicit_key_needs_no_file(tmp_path):
    result = _spcomms(tmp_path, "--help", SPCOMMS_SECRET_KEY="x" * 50, SPCOMMS_REQUIRE_SECRET_KEY="1")
    assert result.returncode == 0
    assert not (tmp_path / "secret_key").exists()


def test_the_stored_key_is_read_back(tmp_path):
    assert stored_secret_key(tmp_path) == stored_secret_key(tmp_path) == (tmp_path / "secret_key").read_text().strip()


def test_a_damaged_key_file_is_named(tmp_path):
    (tmp_path / "secret_key").write_text("short")
    with pytest.raises(ImproperlyConfigured, match="holds no usable secret key"):
        stored_secret_key(tmp_path)


def test_a_data_directory_that_cannot_be_made_is_named(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ImproperlyConfigured, match="cannot keep one in"):
        stored_secret_key(blocker / "data")


def test_a_command_before_migrate_says_to_migrate(tmp_path):
    result = _spcomms(tmp_path, "audit")
    assert result.returncode == 1
    assert "spcomms: database error: no such table: audit_auditevent (run `spcomms migrate`" in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_works_on_a_fresh_install(tmp_path, samples_dir):
    result = _spcomms(tmp_path, "parse", str(samples_dir / "AL-OTH-78-2021_CRRC.txt"))
    assert result.returncode == 0, result.stderr
    assert "reference    AL OTH 78/2021, dated 2021-03-12" in result.stdout
    assert "warning: mandates not checked against the registry" in result.stderr


def test_make_demo_takes_a_port():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(["make", "-n", "demo", "PORT=8001"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "spcomms serve 127.0.0.1:8001" in result.stdout and "http://127.0.0.1:8001/" in result.stdout


def test_the_package_license_is_an_spdx_expression():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    assert project["project"]["license"] == "MIT"  # a table ({text = …}) makes setuptools ≥ 77 warn at every install
