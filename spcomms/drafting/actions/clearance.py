"""The effect of every edit on clearance: approvals of the previous text version stop counting.

Each drafting action calls `reset_clearance()` after its last write, so the reset and its audit entry (with the
editing user as actor) commit or roll back with the edit.
"""

from __future__ import annotations

from spcomms.audit.actions import Action
from spcomms.cases import lifecycle
from spcomms.cases.models import Case
from spcomms.drafting.models import Approval, Clearance
from spcomms.drafting.textversion import text_hash


class ResetClearance(Action):
    """The text changed: approvals of the old version stop counting; an approved case goes back to clearance."""

    permission = None  # follows an edit that was itself permission-checked
    records = ("case.clearance_reset",)

    def perform(self, case: Case) -> bool:
        clearance = Clearance.objects.filter(case=case).first()
        if clearance is None:
            return False
        current = text_hash(case)
        if clearance.text_hash == current:
            return False
        dropped = list(
            Approval.objects.filter(case=case, text_hash=clearance.text_hash).values_list("mandate__title", flat=True)
        )
        before = {"status": case.status, "text_hash": clearance.text_hash, "approved_by": dropped}
        clearance.text_hash = current
        clearance.save(update_fields=["text_hash"])
        if case.status == Case.APPROVED:
            lifecycle.move(case, Case.IN_CLEARANCE)
            case.save(update_fields=["status", "updated_at"])
        self.audit("case.clearance_reset", case, before=before, after={"status": case.status, "text_hash": current})
        return True


def reset_clearance(actor, case: Case) -> None:
    """After an edit: a case under clearance starts its approvals over. (A sent case's follow-up letters need a
    new submission after any change: their submission pins the text version, see workflow.actions.clearance.)"""
    if lifecycle.under_clearance(case):
        ResetClearance(actor, skip_permission_checks=True).execute(case)
