"""Publication by the worker: exactly once, when the date comes, with replies; holds; never early; never sources."""

import dataclasses
import datetime as dt
import json
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from spcomms.audit.models import AuditEvent
from spcomms.cases import visibility
from spcomms.cases.models import Communication
from spcomms.workflow import worker
from spcomms.workflow.actions.publication import HoldPublication, PublishCommunication, ReleaseHold
from spcomms.workflow.actions.replies import RecordReply
from tests.intake.helpers import case_source
from tests.workflow.procedure import STAFF, sent_by_hand

SENT_ON = dt.date(2021, 3, 15)
CANARY = "CANARY-9d1e"


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)


@pytest.fixture
def sent(case, holder_minorities, holder_slavery, fake_clock):
    case_source(case, f"{CANARY}-source", f"{CANARY}-contact", narrative=f"{CANARY}-source-account")
    comm = sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON)
    Communication.objects.filter(pk=comm.pk).update(confidential_annex=f"{CANARY}-annex", staff_notes=CANARY)
    return comm


def reply(comm, day, **kw):
    return RecordReply(STAFF).execute(comm, received_on=day, language="en", channel="email", text="Reply text.", **kw)


def test_not_public_before_its_date(sent, fake_clock):
    fake_clock.current = at(sent.publish_on - dt.timedelta(days=1))
    assert worker.run_once()["published"] == 0
    assert not visibility.published_communications(fake_clock()).exists()


def test_published_once_on_its_date_with_replies(sent, fake_clock):
    fake_clock.advance(days=3)
    reply(sent, fake_clock().date())
    assert not visibility.published_communications(fake_clock()).exists()  # a reply does not publish early
    fake_clock.current = at(sent.publish_on)
    assert worker.run_once()["published"] == 1
    assert worker.run_once()["published"] == 0
    comm = Communication.objects.get(pk=sent.pk)
    assert comm.published_at == fake_clock()
    assert AuditEvent.objects.filter(action="communication.published").count() == 1
    public = visibility.public_data(comm, fake_clock())
    assert [r.text for r in public.replies] == ["Reply text."]
    assert CANARY not in json.dumps(dataclasses.asdict(public), default=str)


def test_without_reply_it_is_published_as_no_reply_and_a_late_reply_is_public_on_receipt(sent, fake_clock):
    fake_clock.current = at(sent.publish_on)
    worker.run_once()
    assert Communication.objects.get(pk=sent.pk).status == Communication.NO_REPLY
    fake_clock.advance(days=20)
    reply(sent, fake_clock().date())
    assert Communication.objects.get(pk=sent.pk).status == Communication.REPLIED
    assert len(visibility.get_public(sent.pk, fake_clock()).replies) == 1


def test_confidential_reply_is_never_public(sent, fake_clock):
    reply(sent, SENT_ON, confidential=True)
    fake_clock.current = at(sent.publish_on)
    worker.run_once()
    assert visibility.get_public(sent.pk, fake_clock()).replies == ()


def test_hold_keeps_it_private_and_release_lets_the_worker_publish(sent, fake_clock, secretariat):
    HoldPublication(secretariat).execute(sent, "The addressee asked for a correction.")
    fake_clock.current = at(sent.publish_on + dt.timedelta(days=5))
    assert worker.run_once()["published"] == 0
    assert AuditEvent.objects.get(action="communication.publication_held").after["reason"].startswith("The addressee")
    ReleaseHold(secretariat).execute(sent)
    assert worker.run_once()["published"] == 1


def test_hold_after_publication_withdraws_it(sent, fake_clock, secretariat):
    fake_clock.current = at(sent.publish_on)
    worker.run_once()
    HoldPublication(secretariat).execute(sent, "Security concern for a victim.")
    assert not visibility.published_communications(fake_clock()).exists()


def test_hold_needs_a_reason(sent, secretariat):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="reason"):
        HoldPublication(secretariat).execute(sent, "   ")


def test_a_publication_time_in_the_future_never_shows(sent, fake_clock):
    Communication.objects.filter(pk=sent.pk).update(published_at=at(dt.date(2030, 1, 1)))
    assert not visibility.published_communications(fake_clock()).exists()
    with pytest.raises(Communication.DoesNotExist):
        visibility.get_public(sent.pk, fake_clock())


def test_dry_run_lists_and_changes_nothing(sent, fake_clock, capsys):
    fake_clock.current = at(sent.publish_on)
    call_command("worker", "--dry-run")
    out = capsys.readouterr().out
    assert "would publish 1 communication(s)" in out and sent.reference in out
    assert Communication.objects.get(pk=sent.pk).published_at is None


@pytest.mark.django_db(transaction=True)
def test_two_publishers_publish_once(django_user_model, monkeypatch):
    from tests.workflow import builders
    from tests.workflow.conftest import FakeClock, holder_of

    fake = FakeClock(at(SENT_ON))
    monkeypatch.setattr("spcomms.lib.clock.now", fake)
    holders = [holder_of(django_user_model, t, f"h{i}") for i, t in enumerate((builders.MINORITIES, builders.SLAVERY))]
    comm = sent_by_hand(builders.drafted_case(), *holders, on=SENT_ON)
    fake.current = at(comm.publish_on)
    results = []
    start = threading.Barrier(2)

    def run():
        try:
            start.wait()
            results.append(PublishCommunication("worker").execute(comm.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, True]
    assert AuditEvent.objects.filter(action="communication.published").count() == 1
