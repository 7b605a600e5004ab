"""RecordManualDispatch beside the outbox: a letter whose e-mail may still leave (or may have left) is never also
dispatched by hand; one whose e-mail failed for good may go by note verbale, and then never by e-mail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from spcomms.cases.models import Case, Communication
from spcomms.workflow import worker
from spcomms.workflow.actions.dispatch import MarkUncertain, RecordManualDispatch, RequeueEmail
from spcomms.workflow.letter_state import letter_state
from spcomms.workflow.models import Outbox
from tests.workflow.procedure import STAFF, send

SENT_ON = dt.date(2021, 3, 15)


@pytest.fixture
def queued(case, holder_minorities, holder_slavery, fake_clock):
    [comm] = send(case, holder_minorities, holder_slavery).queued
    return comm


def _by_hand(comm):
    return RecordManualDispatch(STAFF).execute(comm, Communication.NOTE_VERBALE, SENT_ON, "NV 12/2021")


def test_a_letter_waiting_for_the_worker_is_not_also_dispatched_by_hand(queued):
    with pytest.raises(ValidationError, match="is waiting for the worker: a dispatch by hand would send it twice"):
        _by_hand(queued)
    assert Communication.objects.get(pk=queued.pk).status == Communication.PREPARED


def test_an_uncertain_email_must_be_confirmed_or_sent_again(queued, fake_clock):
    row = Outbox.objects.get()
    Outbox.objects.filter(pk=row.pk).update(
        status=Outbox.SENDING, claimed_by="worker-a", claimed_at=fake_clock(), handed_at=fake_clock()
    )
    fake_clock.advance(hours=1)
    assert MarkUncertain(None).execute(row.pk, fake_clock() - dt.timedelta(minutes=30))
    state = letter_state(Communication.objects.get(pk=queued.pk))  # what the pages say matches what is accepted
    assert state.label == "E-mail uncertain" and "confirm it was sent" in state.next and "by hand" not in state.next
    with pytest.raises(ValidationError, match=r"may have left \(uncertain\): confirm it was sent, or send it again"):
        _by_hand(queued)


def test_a_failed_email_gives_way_to_a_note_verbale(queued, smtp_down, settings, fake_clock):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    assert worker.run_once()["failed"] == 1
    state = letter_state(Communication.objects.get(pk=queued.pk))
    assert state.label == "E-mail failed" and "record its dispatch by hand" in state.next
    comm = _by_hand(queued)
    assert comm.status == Communication.SENT and comm.dispatch_channel == Communication.NOTE_VERBALE
    assert Case.objects.get(pk=comm.case_id).status == Case.SENT  # its only letter has left
    with pytest.raises(ValidationError, match="is already recorded as sent"):
        RequeueEmail(STAFF).execute(Outbox.objects.get())  # and it does not leave a second time by e-mail
