"""The outbox and `spcomms worker`: each letter leaves exactly once, through a real SMTP server (aiosmtpd)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.workflow import worker
from spcomms.workflow.actions.dispatch import ConfirmEmailSent, RecordEmailSent, RequeueEmail
from spcomms.workflow.models import Outbox, ReplyToken
from tests.workflow import builders
from tests.workflow.procedure import STAFF, send


@pytest.fixture
def queued(case, holder_minorities, holder_slavery, fake_clock):
    result = send(case, holder_minorities, holder_slavery)
    assert len(result.queued) == 1
    return result.queued[0]


def test_letter_leaves_with_its_pdf_and_the_clocks_start(queued, smtp, fake_clock):
    assert worker.run_once()["sent"] == 1
    [message] = smtp.messages
    assert message["To"] == "ceo@acme.example"
    assert message["Message-ID"] == Outbox.objects.get().message_id
    pdfs = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_payload(decode=True).startswith(b"%PDF-")
    [text] = [p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain"]
    assert "http://127.0.0.1:8000/reply/" in text
    comm = Communication.objects.get(pk=queued.pk)
    assert comm.status == Communication.SENT and comm.dispatch_channel == Communication.EMAIL
    assert comm.sent_at == fake_clock()
    assert comm.reply_due == dt.date(2021, 5, 14) and comm.publish_on == dt.date(2021, 5, 14)
    assert ReplyToken.objects.filter(communication=comm).count() == 1
    assert Case.objects.get(pk=comm.case_id).status == Case.SENT


def test_sending_twice_queues_once(queued, smtp):
    worker.run_once()
    worker.run_once()
    assert len(smtp.messages) == 1
    assert Outbox.objects.count() == 1


def test_smtp_down_retries_with_backoff_and_shows(queued, smtp_down, fake_clock, settings):
    assert worker.run_once()["pending"] == 1
    row = Outbox.objects.get()
    assert row.status == Outbox.PENDING and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at == fake_clock() + dt.timedelta(minutes=1)
    assert worker.run_once()["pending"] == 0  # not due yet: no hammering of a dead server
    fake_clock.advance(minutes=1)
    worker.run_once()
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at == fake_clock() + dt.timedelta(minutes=2)
    settings.OUTBOX_MAX_ATTEMPTS = 3
    fake_clock.advance(minutes=2)
    assert worker.run_once()["failed"] == 1
    row.refresh_from_db()
    assert row.status == Outbox.FAILED
    assert Communication.objects.get(pk=queued.pk).status == Communication.PREPARED
    assert AuditEvent.objects.filter(action="outbox.failed").exists()


def test_failed_mail_goes_out_once_the_server_is_back(queued, smtp, settings, fake_clock):
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing there
    settings.OUTBOX_MAX_ATTEMPTS = 1
    worker.run_once()
    row = Outbox.objects.get()
    assert row.status == Outbox.FAILED
    settings.EMAIL_PORT = real_port
    RequeueEmail(STAFF).execute(row)
    assert worker.run_once()["sent"] == 1
    assert len(smtp.messages) == 1 and smtp.messages[0]["Message-ID"] == row.message_id


class Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the worker catches it."""


def test_worker_killed_after_smtp_accepted_never_sends_twice(queued, smtp, fake_clock, monkeypatch):
    def die(self, row_id, worker_id):
        raise Killed

    monkeypatch.setattr(RecordEmailSent, "perform", die)
    with pytest.raises(Killed):
        worker.run_once("worker-a")
    assert len(smtp.messages) == 1
    monkeypatch.undo()
    monkeypatch.setattr("spcomms.lib.clock.now", fake_clock)

    assert worker.run_once("worker-b")["sent"] == 0  # the claim is still fresh: left alone
    fake_clock.advance(hours=1)  # lease expired: the message may have left, so it is not sent again
    assert worker.run_once("worker-b")["uncertain"] == 1
    worker.run_once("worker-b")
    assert len(smtp.messages) == 1
    row = Outbox.objects.get()
    assert row.status == Outbox.UNCERTAIN

    ConfirmEmailSent(STAFF).execute(row)  # staff found the Message-ID in the mail server's log
    comm = Communication.objects.get(pk=queued.pk)
    assert comm.status == Communication.SENT
    assert row.message_id in comm.dispatch_note


def test_worker_killed_before_handing_over_retries_after_the_lease(queued, smtp, fake_clock, monkeypatch):
    from spcomms.workflow import mailer

    def die(row):
        raise Killed

    monkeypatch.setattr(mailer, "attachment", die)  # killed while rendering the letter, before the hand-over
    with pytest.raises(Killed):
        worker.run_once("worker-a")
    monkeypatch.undo()
    monkeypatch.setattr("spcomms.lib.clock.now", fake_clock)
    assert Outbox.objects.get().handed_at is None
    fake_clock.advance(hours=1)
    assert worker.run_once("worker-b")["sent"] == 1
    assert len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_letter_once(smtp, django_user_model):
    from tests.workflow.conftest import holder_of

    holders = [
        holder_of(django_user_model, t, f"holder{i}") for i, t in enumerate((builders.MINORITIES, builders.SLAVERY))
    ]
    emails = tuple(f"office{i}@company.example" for i in range(6))
    send(builders.drafted_case(emails=emails), *holders)
    assert Outbox.objects.count() == 6

    start = threading.Barrier(2)
    errors = []

    def run(name):
        try:
            start.wait()
            worker.run_once(name)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(f"worker-{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(smtp.message_ids()) == sorted(Outbox.objects.values_list("message_id", flat=True))
    assert Outbox.objects.filter(status=Outbox.SENT).count() == 6
    assert Communication.objects.filter(status=Communication.SENT).count() == 6
    assert AuditEvent.objects.filter(action="communication.sent").count() == 6


def test_addressee_without_email_needs_a_manual_dispatch(db, holder_minorities, holder_slavery, fake_clock):
    case = builders.drafted_case(emails=("",))
    result = send(case, holder_minorities, holder_slavery)
    assert result.manual and not result.queued
    assert not Outbox.objects.exists()


def test_regenerating_the_letters_leaves_a_queued_letter_as_it_was_cleared(queued, smtp):
    from spcomms.drafting.actions import GenerateLetters
    from spcomms.drafting.actions.generate import GenerationError
    from spcomms.drafting.models import Draft

    cleared = Communication.objects.get(pk=queued.pk).letter
    Draft.objects.filter(case=queued.case).update(facts="Facts changed after the letters were cleared.")
    with pytest.raises(GenerationError, match="is being sent"):
        GenerateLetters(STAFF).execute(queued.case)
    assert Communication.objects.get(pk=queued.pk).letter == cleared
    worker.run_once()
    [message] = smtp.messages
    assert message["To"] == "ceo@acme.example"
