"""The worker's deadline pass: overdue letters, and reminder e-mails at the configured offsets (once each)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from spcomms.audit.actions import Action
from spcomms.cases.lifecycle import WAITING
from spcomms.cases.models import Communication
from spcomms.lib import clock
from spcomms.workflow.actions.dispatch import queue_email
from spcomms.workflow.models import Outbox


class MarkOverdue(Action):
    permission = None  # the worker
    records = ("communication.reply_overdue",)

    def perform(self, comm_id: int) -> bool:
        claimed = Communication.objects.filter(
            pk=comm_id, status=Communication.SENT, reply_due__lt=clock.today()
        ).update(status=Communication.AWAITING)
        if claimed:
            comm = Communication.objects.get(pk=comm_id)
            self.audit(
                "communication.reply_overdue",
                comm,
                before={"status": Communication.SENT},
                after={"status": comm.status, "reply_due": comm.reply_due},
            )
        return bool(claimed)


def overdue(today: dt.date):
    return Communication.objects.filter(status=Communication.SENT, reply_due__lt=today)


def reminder_due(comm: Communication, today: dt.date) -> int | None:
    """The latest offset already reached (a worker that was down does not fire every missed reminder at once)."""
    reached = [o for o in settings.REMINDER_OFFSETS_DAYS if comm.reply_due + dt.timedelta(days=o) <= today]
    return reached[-1] if reached else None


class QueueReminder(Action):
    permission = None  # the worker
    records = ("outbox.queued",)

    def perform(self, comm_id: int) -> Outbox | None:
        comm = Communication.objects.select_related("addressee").get(pk=comm_id)
        if comm.status not in WAITING or not comm.reply_due or not comm.addressee.email:
            return None
        offset = reminder_due(comm, clock.today())
        if offset is None:
            return None
        return queue_email(self, comm, Outbox.REMINDER, f"reminder:{comm.pk}:{offset}")


def reminder_candidates():
    return Communication.objects.filter(status__in=WAITING, reply_due__isnull=False).exclude(addressee__email="")
