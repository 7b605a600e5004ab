"""`spcomms worker`: one pass by default, --dry-run changes nothing, and it is in the short command list."""

import datetime as dt

from django.core.management import call_command

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
