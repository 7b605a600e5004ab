"""`spcomms worker`: one pass by default, --dry-run changes nothing, and it is in the short command list."""

import datetime as dt
import os
import signal
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from spcomms.cli import COMMANDS
from spcomms.workflow.models import Outbox
from tests.workflow.procedure import send


def test_one_pass_sends_and_reports(case, holder_minorities, holder_slavery, smtp, fake_clock, capsys):
    send(case, holder_minorities, holder_slavery)
    call_command("worker", "--once")
    assert "sent 1" in capsys.readouterr().out
    assert len(smtp.messages) == 1


def test_dry_run_sends_nothing(case, holder_minorities, holder_slavery, smtp, fake_clock, capsys):
    send(case, holder_minorities, holder_slavery)
    call_command("worker", "--dry-run")
    assert "would try 1 e-mail(s)" in capsys.readouterr().out
    assert smtp.messages == [] and Outbox.objects.get().status == Outbox.PENDING


def test_nothing_to_do(db, fake_clock, capsys):
    fake_clock.current = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    call_command("worker")
    assert "nothing to do" in capsys.readouterr().out


def test_listed_in_the_cli():
    assert "worker" in COMMANDS


@pytest.fixture(scope="module")
def migrated_data_dir(tmp_path_factory):
    """A database of its own for a worker process (the test database lives in this process's transaction)."""
    data = tmp_path_factory.mktemp("worker-data")
    env = os.environ | {"SPCOMMS_DEBUG": "1", "SPCOMMS_DATA_DIR": str(data), "DATABASE_URL": f"sqlite:///{data}/db"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "spcomms", "migrate", "-v0"], env=env, check=True, timeout=300)
    return env


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_the_loop_stops_cleanly_on_sigint_and_sigterm(migrated_data_dir, signum):
    worker = subprocess.Popen(
        [sys.executable, "-m", "spcomms", "worker", "--loop", "--interval", "1"],
        env=migrated_data_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started = worker.stdout.readline()
        assert "a pass every 1s" in started
        worker.send_signal(signum)
        out, err = worker.communicate(timeout=60)
    finally:
        worker.kill()
    assert worker.returncode == 0, err
    assert f"{signum.name}, stopping after this pass" in out and out.rstrip().endswith("stopped")
    assert "Traceback" not in err


@pytest.mark.parametrize("missing", ["SITE_URL", "DEFAULT_FROM_EMAIL"])
def test_without_debug_the_worker_needs_the_site_url_and_sender(db, settings, missing):
    settings.DEBUG = False
    setattr(settings, missing, "")
    variable = {"SITE_URL": "SPCOMMS_SITE_URL", "DEFAULT_FROM_EMAIL": "SPCOMMS_MAIL_FROM"}[missing]
    with pytest.raises(CommandError, match=f"{variable} must be set when SPCOMMS_DEBUG is off"):
        call_command("worker", "--once")
