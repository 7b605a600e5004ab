"""Clearance: staff submit a case's letters, each co-signing mandate approves that exact text, edits start over.

Follow-up letters (new addressees of a sent case, docs/workflow.md) go through the same clearance while the case
stays sent: the submission pins the text version, and a later change needs a new submission.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from spcomms.audit.actions import Action
from spcomms.audit.log import actor_fields
from spcomms.cases.lifecycle import move
from spcomms.cases.models import Case, Communication
from spcomms.drafting.actions import ResetClearance
from spcomms.drafting.clearance import all_approved
from spcomms.drafting.models import Approval, Clearance
from spcomms.drafting.textversion import text_hash
from spcomms.lib import clock
from spcomms.registry.models import Mandate
from spcomms.workflow.models import HolderAccount


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def has_follow_up(case: Case) -> bool:
    """A sent case with letters that have not left: they need every mandate's approval before they do."""
    return case.status == Case.SENT and case.communications.filter(status=Communication.PREPARED).exists()


def follow_up_submitted(case: Case, current_hash: str | None = None) -> bool:
    """The follow-up letters were submitted in this very version (edits of a sent case reset nothing else)."""
    current_hash = current_hash or text_hash(case)
    return Clearance.objects.filter(case=case, text_hash=current_hash).exists()


class SubmitForClearance(Action):
    permission = "workflow.submit_for_clearance"
    records = ("case.submitted_for_clearance",)

    def describe(self):
        return "submit letters for clearance"

    def perform(self, case: Case) -> Case:
        case = _locked(case)
        if not case.communications.filter(status=Communication.PREPARED).exists():
            raise ValidationError("There is nothing to clear: generate the case's letters first.")
        if case.status == Case.SENT:
            return self._follow_up(case)
        previous = move(case, Case.IN_CLEARANCE)
        current = text_hash(case)
        self._record_submission(case, current)
        case.save(update_fields=["status", "updated_at"])
        self.audit("case.submitted_for_clearance", case, before={"status": previous}, after={"status": case.status})
        return case

    def _record_submission(self, case: Case, current: str) -> None:
        """The text submitted (its hash), by whom and when; approvals count only for this hash."""
        Clearance.objects.update_or_create(
            case=case,
            defaults={
                "text_hash": current,
                "submitted_at": clock.now(),
                "submitted_by": actor_fields(self.actor)["actor_label"],
            },
        )

    def _follow_up(self, case: Case) -> Case:
        current = text_hash(case)
        if all_approved(case, current):
            raise ValidationError(f"The letters of {case} are already approved by all its mandates: they can be sent.")
        old = Clearance.objects.filter(case=case).values_list("text_hash", flat=True).first()
        self._record_submission(case, current)
        letters = case.communications.filter(status=Communication.PREPARED).order_by("ref_code", "ref_number")
        self.audit(
            "case.submitted_for_clearance",
            case,
            before={"status": case.status, "text_hash": old},
            after={
                "status": case.status,
                "text_hash": current,
                "follow_up": True,
                "letters": [c.reference for c in letters],
            },
        )
        return case


class ApproveLetters(Action):
    """A holder approves the text they read (`seen_hash`) for their own mandate."""

    permission = "workflow.approve_letters"
    records = ("case.mandate_approved", "case.follow_up_approved", "case.approved")

    def describe(self):
        return "approve letters"

    def perform(self, case: Case, mandate: Mandate, seen_hash: str) -> Approval:
        case = _locked(case)
        if case.status == Case.APPROVED:
            raise ValidationError(f"{case} is already approved by all its mandates.")
        follow_up = has_follow_up(case)
        if case.status != Case.IN_CLEARANCE and not follow_up:
            raise ValidationError(
                f"{case} is {case.get_status_display().lower()}, not in clearance: nothing to approve."
            )
        if not case.casemandate_set.filter(mandate=mandate).exists():
            raise ValidationError(f"{mandate} does not sign {case}.")
        account = (
            HolderAccount.objects.filter(user=self.actor, holder__mandate=mandate).select_related("holder").first()
            if not isinstance(self.actor, str)
            else None
        )
        if account is None:
            raise PermissionDenied(f"You can approve only for your own mandate; you do not hold {mandate}.")
        current = text_hash(case)
        if seen_hash != current:
            raise ValidationError("The letters changed since you opened them. Read the new text before approving.")
        if not follow_up:
            # bring the recorded version up to date if it lagged behind
            ResetClearance(self.actor, skip_permission_checks=True).execute(case)
        elif not follow_up_submitted(case, current):
            raise ValidationError(
                f"The follow-up letters of {case} have not been submitted for clearance in this version: "
                "submit them for clearance first."
            )
        if Approval.objects.filter(case=case, mandate=mandate, text_hash=current).exists():
            raise ValidationError(f"{mandate} has already approved this text.")
        approval = Approval.objects.create(
            case=case,
            mandate=mandate,
            holder=account.holder,
            user=self.actor,
            text_hash=current,
            approved_at=clock.now(),
        )
        self.audit(
            "case.mandate_approved",
            case,
            after={"mandate": mandate.title, "holder": account.holder.name, "text_hash": current},
        )
        if follow_up:
            if all_approved(case, current):  # the case stays sent; its follow-up letters may now leave
                self.audit("case.follow_up_approved", case, after={"status": case.status, "text_hash": current})
        elif all_approved(case, current):
            previous = move(case, Case.APPROVED)
            case.save(update_fields=["status", "updated_at"])
            self.audit("case.approved", case, before={"status": previous}, after={"status": case.status})
        return approval


class CloseCase(Action):
    permission = "workflow.close_case"
    records = ("case.closed",)

    def describe(self):
        return "close a case"

    def perform(self, case: Case) -> Case:
        case = _locked(case)
        previous = move(case, Case.CLOSED)
        case.save(update_fields=["status", "updated_at"])
        self.audit("case.closed", case, before={"status": previous}, after={"status": case.status})
        return case
