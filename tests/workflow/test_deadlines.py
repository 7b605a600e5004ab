"""Reply deadlines per type, overdue letters, and reminder e-mails at the configured offsets, each sent once."""

import datetime as dt

import pytest

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Communication
from spcomms.workflow import worker
from spcomms.workflow.models import Outbox
from tests.workflow import builders
from tests.workflow.procedure import sent_by_hand

SENT_ON = dt.date(2021, 3, 15)


@pytest.fixture
def sent(case, holder_minorities, holder_slavery, fake_clock):
    return sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON)


def test_reply_due_60_days_after_sending(sent):
    assert sent.reply_due == SENT_ON + dt.timedelta(days=60)
    assert sent.publish_on == SENT_ON + dt.timedelta(days=60)


def test_urgent_appeals_are_due_sooner(db, holder_minorities, holder_slavery, fake_clock, settings):
    settings.REPLY_DAYS = {"AL": 60, "OL": 60, "UA": 30}
    ua = sent_by_hand(builders.drafted_case(type="UA"), holder_minorities, holder_slavery, on=SENT_ON)
    assert ua.reply_due == SENT_ON + dt.timedelta(days=30)


def test_overdue_after_the_due_date(sent, fake_clock):
    Communication.objects.filter(pk=sent.pk).update(reply_due=dt.date(2021, 4, 14))  # before publication
    fake_clock.current = dt.datetime(2021, 4, 14, 12, tzinfo=dt.UTC)  # due date itself: still on time
    worker.run_once()
    assert Communication.objects.get(pk=sent.pk).status == Communication.SENT
    fake_clock.advance(days=1)
    assert worker.run_once()["overdue"] == 1
    assert Communication.objects.get(pk=sent.pk).status == Communication.AWAITING
    assert AuditEvent.objects.filter(action="communication.reply_overdue").count() == 1


def test_reminders_at_each_offset_once(sent, smtp, fake_clock, settings):
    settings.REMINDER_OFFSETS_DAYS = (-7, 7)
    due = sent.reply_due
    fake_clock.current = dt.datetime.combine(due - dt.timedelta(days=8), dt.time(12), tzinfo=dt.UTC)
    worker.run_once()
    assert smtp.messages == []
    fake_clock.advance(days=1)
    worker.run_once()
    worker.run_once()
    assert [m["Subject"] for m in smtp.messages] == [f"Reminder: communication {sent.reference}"]
    fake_clock.advance(days=14)
    worker.run_once()
    worker.run_once()
    assert len(smtp.messages) == 2
    assert sorted(Outbox.objects.values_list("dedup_key", flat=True)) == [
        f"reminder:{sent.pk}:-7",
        f"reminder:{sent.pk}:7",
    ]


def test_no_reminder_after_a_reply(sent, smtp, fake_clock):
    from spcomms.workflow.actions.replies import RecordReply

    RecordReply("test").execute(sent, received_on=SENT_ON, language="en", channel="email", text="Our answer.")
    fake_clock.current = dt.datetime.combine(sent.reply_due + dt.timedelta(days=30), dt.time(12), tzinfo=dt.UTC)
    worker.run_once()
    assert not Outbox.objects.filter(kind=Outbox.REMINDER).exists()


def test_a_worker_that_was_down_sends_only_the_latest_reminder(sent, smtp, fake_clock, settings):
    settings.REMINDER_OFFSETS_DAYS = (-7, 7)
    fake_clock.current = dt.datetime.combine(sent.reply_due + dt.timedelta(days=10), dt.time(12), tzinfo=dt.UTC)
    worker.run_once()
    assert list(Outbox.objects.values_list("dedup_key", flat=True)) == [f"reminder:{sent.pk}:7"]
