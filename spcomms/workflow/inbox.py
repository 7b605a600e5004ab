"""Who must act now: the letters awaiting a holder's approval, and the secretariat's next steps (reading only)."""

from __future__ import annotations

from dataclasses import dataclass

from spcomms.cases.models import Case, Communication
from spcomms.drafting.models import Approval, Clearance
from spcomms.drafting.textversion import text_hash
from spcomms.registry.models import HolderAccount, Mandate
from spcomms.workflow.actions.clearance import follow_up_submitted, has_follow_up
from spcomms.workflow.holders import mandates_held_by
from spcomms.workflow.letter_state import RECORD_DISPATCH, RESOLVE_EMAIL, cleared, letter_state


@dataclass
class Awaiting:
    case: Case
    mandate: Mandate
    letters: list[Communication]
    others_pending: list[str]  # the other mandates that have not approved yet (short labels)


def awaiting_approval(user) -> list[Awaiting]:
    """Cases in clearance (or sent cases with submitted follow-up letters) that a mandate the user holds has not
    approved in their current text.

    The text version recorded for clearance (`Clearance.text_hash`, brought up to date by every edit) says which
    approvals count; only a case that looks approved is checked against its recomputed version, so a page with
    many cases in clearance does not hash them all (bench/desk.py).
    """
    held = mandates_held_by(user)
    if not held:
        return []
    candidates = list(
        Case.objects.filter(casemandate__mandate_id__in=held, status__in=(Case.IN_CLEARANCE, Case.SENT))
        .distinct()
        .order_by("updated_at")
        .prefetch_related("casemandate_set__mandate")
    )
    recorded = dict(Clearance.objects.filter(case__in=candidates).values_list("case_id", "text_hash"))
    approved = set(Approval.objects.filter(case__in=candidates).values_list("case_id", "mandate_id", "text_hash"))
    found = []
    for case in candidates:
        if case.status == Case.SENT and not (has_follow_up(case) and follow_up_submitted(case)):
            continue
        mandates = [cm.mandate for cm in sorted(case.casemandate_set.all(), key=lambda cm: cm.position)]
        version = recorded.get(case.pk)
        pending = [m for m in mandates if (case.pk, m.pk, version) not in approved]
        if any(m.pk in held for m in mandates if m not in pending):
            current = text_hash(case)  # looks approved by the user: make sure it is this very text
            pending = [m for m in mandates if (case.pk, m.pk, current) not in approved]
        letters = list(case.communications.filter(status=Communication.PREPARED).select_related("addressee"))
        for mandate in (m for m in pending if m.pk in held):
            others = [m.short for m in pending if m.pk != mandate.pk]
            found.append(Awaiting(case, mandate, letters, others))
    return found


@dataclass
class Task:
    case: Case
    text: str
    communication: Communication | None = None
    on_desk: bool = False  # the step is taken on the drafting desk


def secretariat_tasks(limit: int = 100) -> list[Task]:
    """What the secretariat must do next: send approved letters, record dispatches, resolve e-mails, chase
    clearance where a mandate has no holder account to approve with."""
    tasks = []
    for case in Case.objects.filter(status=Case.DRAFT).order_by("updated_at")[:limit]:
        if case.communications.exists():
            tasks.append(Task(case, "Letters generated: check them and submit them for clearance."))
        else:
            tasks.append(Task(case, "In drafting: complete it and generate the letters.", on_desk=True))
    for case in Case.objects.filter(status=Case.APPROVED).order_by("updated_at")[:limit]:
        tasks.append(Task(case, "Approved by every mandate: send the letters (clearance page)."))
    prepared = Communication.objects.filter(
        status=Communication.PREPARED, case__status__in=(Case.APPROVED, Case.SENDING, Case.SENT)
    ).select_related("case", "addressee")
    may_leave: dict[int, bool] = {}
    for comm in prepared.order_by("case_id", "ref_code", "ref_number")[:limit]:
        if comm.case_id not in may_leave:
            may_leave[comm.case_id] = cleared(comm.case)
        state = letter_state(comm, may_leave[comm.case_id])
        if state.action in (RECORD_DISPATCH, RESOLVE_EMAIL):
            tasks.append(Task(comm.case, f"{comm.reference} to {comm.addressee}: {state.next}", comm))
    accounts = set(HolderAccount.objects.values_list("holder__mandate_id", flat=True))
    in_clearance = Case.objects.filter(status=Case.IN_CLEARANCE).prefetch_related("casemandate_set__mandate")
    for case in in_clearance.order_by("updated_at")[:limit]:
        missing = [cm.mandate.short for cm in case.casemandate_set.all() if cm.mandate_id not in accounts]
        if missing:
            tasks.append(
                Task(case, f"In clearance, but no holder account can approve for {', '.join(missing)}: create one.")
            )
    return tasks
