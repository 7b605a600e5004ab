"""One pass of the background worker: deliver the outbox, watch deadlines, publish what is due.

Every step claims its rows with a conditional UPDATE, so any number of workers may run at once and a worker killed
at any point leaves nothing half-done that another would repeat. Time comes from spcomms.lib.clock.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections import Counter

from spcomms.assessment.actions import AssessPendingReplies
from spcomms.lib import clock
from spcomms.workflow import mailer
from spcomms.workflow.actions.deadlines import MarkOverdue, QueueReminder, overdue, reminder_candidates
from spcomms.workflow.actions.dispatch import (
    HandOverEmail,
    MarkUncertain,
    RecordEmailFailure,
    RecordEmailSent,
    claim_email,
    deliverable,
    lease_start,
)
from spcomms.workflow.actions.publication import PublishCommunication, due_for_publication
from spcomms.workflow.actions.replies import reply_url
from spcomms.workflow.models import Outbox

log = logging.getLogger(__name__)
ACTOR = "worker"


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def deliver(row_id: int, worker_id: str) -> str:
    """One e-mail, exactly once: claim, render, hand over (if the claim still holds), send, record the outcome."""
    if MarkUncertain(ACTOR).execute(row_id, lease_start(clock.now())):
        return "uncertain"
    if not claim_email(row_id, worker_id, clock.now()):
        return "skipped"
    row = Outbox.objects.select_related("communication__addressee").get(pk=row_id)
    try:
        attachment = mailer.attachment(row)  # the slow part: a lease can run out here
        link = HandOverEmail(ACTOR).execute(row_id, worker_id)
        if link is None:
            log.warning("outbox %s: claim taken over by another worker; not sent by %s", row_id, worker_id)
            return "lost_claim"
        mailer.send(mailer.compose(row, reply_url(link), attachment))
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
