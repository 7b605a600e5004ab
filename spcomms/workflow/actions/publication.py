"""Publication: the worker publishes each letter once its date comes; staff may hold it, with a recorded reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from spcomms.audit.actions import Action
from spcomms.cases import visibility
from spcomms.cases.lifecycle import DISPATCHED, WAITING, move
from spcomms.cases.models import Communication
from spcomms.lib import clock
from spcomms.portal import index


def due_for_publication(today=None):
    """Sent letters whose publication date has come, not yet published, not held."""
    return Communication.objects.filter(
        published_at__isnull=True, on_hold=False, publish_on__lte=today or clock.today(), status__in=DISPATCHED
    ).order_by("publish_on", "pk")


class PublishCommunication(Action):
    permission = None  # the worker
    records = ("communication.published",)

    def perform(self, comm_id: int) -> bool:
        now = clock.now()
        # The conditional UPDATE is the claim: of two workers, exactly one sees a row change.
        claimed = due_for_publication(clock.today()).filter(pk=comm_id).update(published_at=now)
        if not claimed:
            return False
        comm = Communication.objects.get(pk=comm_id)
        before = {"status": comm.status, "published_at": None}
        if comm.status in WAITING:
            move(comm, Communication.NO_REPLY)
            comm.save(update_fields=["status", "updated_at"])
        self.audit(
            "communication.published",
            comm,
            before=before,
            after={
                "status": comm.status,
                "published_at": now,
                "replies": visibility.public_reply_count(comm),
            },
        )
        index.refresh_for(comm)
        return True


class HoldPublication(Action):
    permission = "workflow.hold_publication"
    records = ("communication.publication_held",)

    def describe(self):
        return "hold a publication"

    def perform(self, comm: Communication, reason: str) -> Communication:
        comm = Communication.objects.select_for_update().get(pk=comm.pk)
        if not reason.strip():
            raise ValidationError("A hold needs a recorded reason.")
        if comm.on_hold:
            raise ValidationError(f"The publication of {comm} is already on hold.")
        comm.on_hold, comm.hold_reason = True, reason.strip()
        comm.save(update_fields=["on_hold", "hold_reason", "updated_at"])
        self.audit(
            "communication.publication_held", comm, before={"on_hold": False}, after={"reason": comm.hold_reason}
        )
        index.refresh_for(comm)
        return comm


class ReleaseHold(Action):
    permission = "workflow.hold_publication"
    records = ("communication.publication_released",)

    def describe(self):
        return "release a held publication"

    def perform(self, comm: Communication) -> Communication:
        comm = Communication.objects.select_for_update().get(pk=comm.pk)
        if not comm.on_hold:
            raise ValidationError(f"The publication of {comm} is not on hold.")
        before = {"on_hold": True, "reason": comm.hold_reason}
        comm.on_hold, comm.hold_reason = False, ""
        comm.save(update_fields=["on_hold", "hold_reason", "updated_at"])
        self.audit("communication.publication_released", comm, before=before, after={"on_hold": False})
        if comm.published_at:
            index.refresh_for(comm)
        return comm
