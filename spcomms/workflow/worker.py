"""One pass of the background worker: deliver the outbox, watch deadlines, publish what is due.

Every step claims its rows with a conditional UPDATE, so any number of workers may run at once and a worker killed
at any point leaves nothing half-done that another would repeat. Time comes from spcomms.lib.clock.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections import Counter

from django.conf import settings
from django.db.models import F, Q

from spcomms.assessment.actions import AssessPendingReplies
from spcomms.lib import clock
from spcomms.workflow import mailer
from spcomms.workflow.actions.deadlines import MarkOverdue, QueueReminder, overdue, reminder_candidates
from spcomms.workflow.actions.dispatch import MarkUncertain, RecordEmailFailure, RecordEmailSent
from spcomms.workflow.actions.publication import PublishCommunication, due_for_publication
from spcomms.workflow.actions.replies import IssueReplyLink, reply_url
from spcomms.workflow.models import Outbox

log = logging.getLogger(__name__)
ACTOR = "worker"


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _stale_before(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(minutes=settings.OUTBOX_LEASE_MINUTES)


def deliverable(now: dt.datetime):
    """Rows a worker may try now: pending and due, or claimed by a worker that stopped (lease expired)."""
    stale = _stale_before(now)
    return Outbox.objects.filter(
        Q(status=Outbox.PENDING, next_attempt_at__lte=now) | Q(status=Outbox.SENDING, claimed_at__lt=stale)
    )


def claim(row_id: int, worker_id: str, now: dt.datetime) -> bool:
    stale = _stale_before(now)
    # A stale claim may be retried only if the message never reached the SMTP server (handed_at is empty).
    return bool(
        Outbox.objects.filter(pk=row_id)
        .filter(
            Q(status=Outbox.PENDING, next_attempt_at__lte=now)
            | Q(status=Outbox.SENDING, claimed_at__lt=stale, handed_at__isnull=True)
        )
        .update(status=Outbox.SENDING, claimed_by=worker_id, claimed_at=now, attempts=F("attempts") + 1)
    )


def deliver(row_id: int, worker_id: str) -> str:
    now = clock.now()
    if MarkUncertain(ACTOR).execute(row_id, _stale_before(now)):
        return "uncertain"
    if not claim(row_id, worker_id, now):
        return "skipped"
    row = Outbox.objects.select_related("communication__addressee").get(pk=row_id)
    try:
        link = reply_url(IssueReplyLink(ACTOR).execute(row.communication))
        message = mailer.compose(row, link)
        # From here on the message may reach the server: a worker dying now leaves the row "uncertain", never resent.
        Outbox.objects.filter(pk=row_id, claimed_by=worker_id).update(handed_at=clock.now())
        mailer.send(message)
    except Exception as exc:  # SMTP down, refused, rendering error: retry later with backoff
        log.warning("outbox %s: %s", row_id, exc)
        return RecordEmailFailure(ACTOR).execute(row_id, worker_id, f"{type(exc).__name__}: {exc}")
    RecordEmailSent(ACTOR).execute(row_id, worker_id)
    return "sent"


def process_outbox(worker_id: str, limit: int = 100) -> Counter:
    results: Counter = Counter()
    for row_id in list(deliverable(clock.now()).values_list("pk", flat=True)[:limit]):
        results[deliver(row_id, worker_id)] += 1
    return results


def watch_deadlines() -> Counter:
    results: Counter = Counter()
    for comm_id in list(overdue(clock.today()).values_list("pk", flat=True)):
        results["overdue"] += MarkOverdue(ACTOR).execute(comm_id)
    for comm_id in list(reminder_candidates().values_list("pk", flat=True)):
        if QueueReminder(ACTOR).execute(comm_id) is not None:
            results["reminders_queued"] += 1
    return results


def publish_due() -> Counter:
    results: Counter = Counter()
    for comm_id in list(due_for_publication(clock.today()).values_list("pk", flat=True)):
        results["published"] += PublishCommunication(ACTOR).execute(comm_id)
    return results


def run_once(worker_id: str | None = None) -> Counter:
    worker_id = worker_id or new_worker_id()
    results = Counter()
    results.update(watch_deadlines())  # first, so that reminders queued now leave in this same pass
    results.update(process_outbox(worker_id))
    results.update(AssessPendingReplies(ACTOR).execute(worker_id))  # read new replies against their questions
    results.update(publish_due())
    return results
