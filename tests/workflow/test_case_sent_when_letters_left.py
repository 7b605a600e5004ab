"""A case is sent when every letter has left (e-mail accepted by the SMTP server, or dispatch recorded by hand):
until then it is being sent, whatever path its letters take (`settle_case` in workflow/actions/dispatch.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.workflow import worker
from spcomms.workflow.actions.dispatch import ConfirmEmailSent, RecordEmailSent, RecordManualDispatch, SendCase
from spcomms.workflow.models import Outbox
from tests.workflow import builders
from tests.workflow.procedure import STAFF, approve, send

DISPATCHED_ON = dt.date(2021, 3, 15)


def _status(case: Case) -> str:
    return Case.objects.get(pk=case.pk).status


def _by_hand(comm: Communication) -> None:
    RecordManualDispatch(STAFF).execute(comm, Communication.NOTE_VERBALE, DISPATCHED_ON, "NV")


def _case_events(case: Case, name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=name, object_id=str(case.pk)))


def test_a_mixed_case_is_sent_once_the_hand_dispatch_and_the_email_have_both_left(
    holder_minorities, holder_slavery, fake_clock, smtp
):
    case = builders.drafted_case(emails=("ceo@acme.example", ""))
    result = send(case, holder_minorities, holder_slavery)
    assert _status(case) == Case.SENDING
    [sending] = _case_events(case, "case.sending")
    assert sending.before["status"] == Case.APPROVED

    [by_hand] = result.manual
    _by_hand(by_hand)
    assert _status(case) == Case.SENDING  # the e-mail has not left yet
    assert _case_events(case, "case.sent") == []

    assert worker.run_once()["sent"] == 1
    assert _status(case) == Case.SENT
    [sent] = _case_events(case, "case.sent")
    assert sent.before == {"status": Case.SENDING}
    assert sent.after["letters_left"] == 2 and sent.after["letters"] == 2
    assert sent.actor_label != STAFF  # the worker recorded it, when the last letter left


def test_letters_without_email_settle_the_case_as_each_dispatch_is_recorded(
    holder_minorities, holder_slavery, fake_clock
):
    case = approve(builders.drafted_case(emails=("", "")), holder_minorities, holder_slavery)
    first, second = case.communications.order_by("ref_number")
    _by_hand(first)
    assert _status(case) == Case.SENDING
    assert _case_events(case, "case.sending")[0].before == {"status": Case.APPROVED}
    _by_hand(second)
    assert _status(case) == Case.SENT


def test_a_single_letter_dispatched_by_hand_sends_its_case_at_once(holder_minorities, holder_slavery, fake_clock):
    case = approve(builders.drafted_case(emails=("",)), holder_minorities, holder_slavery)
    _by_hand(case.communications.get())
    assert _status(case) == Case.SENT
    assert _case_events(case, "case.sent")[0].before == {"status": Case.APPROVED}


def test_an_email_confirmed_by_staff_sends_the_case(holder_minorities, holder_slavery, fake_clock, smtp, monkeypatch):
    case = builders.drafted_case()
    send(case, holder_minorities, holder_slavery)

    def stopped(self, row_id, worker_id):  # the worker dies after the SMTP server accepted the message
        raise KeyboardInterrupt

    monkeypatch.setattr(RecordEmailSent, "perform", stopped)
    with pytest.raises(KeyboardInterrupt):
        worker.run_once("worker-a")
    monkeypatch.undo()
    monkeypatch.setattr("spcomms.lib.clock.now", fake_clock)
    fake_clock.advance(hours=1)
    worker.run_once("worker-b")  # the lease ran out: marked uncertain, never sent again
    assert _status(case) == Case.SENDING
    ConfirmEmailSent(STAFF).execute(Outbox.objects.get(status=Outbox.UNCERTAIN))
    assert _status(case) == Case.SENT
    assert len(smtp.messages) == 1


def test_a_case_being_sent_cannot_be_sent_again(holder_minorities, holder_slavery, fake_clock):
    case = builders.drafted_case(emails=("ceo@acme.example", ""))
    send(case, holder_minorities, holder_slavery)
    with pytest.raises(ValidationError, match="is already being sent: each letter that has not left says what"):
        SendCase(STAFF).execute(case)
    assert Outbox.objects.count() == 1


def test_the_pages_of_a_case_being_sent_name_what_each_letter_waits_for(
    client, secretariat, holder_minorities, holder_slavery, fake_clock
):
    case = builders.drafted_case(emails=("ceo@acme.example", ""))
    send(case, holder_minorities, holder_slavery)
    client.force_login(secretariat)
    desk = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "Being sent" in desk and "2 letter(s) have not left yet" in desk
    page = client.get(f"/staff/clearance/{case.pk}/").content.decode()
    assert "Being sent" in page
    assert "Every letter below that has not left says what to do with it." in page
    assert "Record the dispatch (note verbale, fax or courier)" in page
    assert "Close the case" not in page  # only a sent case can be closed
    assert 'id="actions"' not in page  # no empty card of buttons: the letters' rows hold the next steps
