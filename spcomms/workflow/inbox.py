"""Who must act now: the letters awaiting a holder's approval, and the secretariat's next steps (reading only)."""

from __future__ import annotations

from dataclasses import dataclass

from spcomms.cases.models import Case, Communication
from spcomms.registry.models import Mandate
from spcomms.workflow.actions.clearance import follow_up_submitted, has_follow_up
from spcomms.workflow.clearance import clearance_of, mandates_held_by
from spcomms.workflow.letter_state import RECORD_DISPATCH, RESOLVE_EMAIL, cleared, letter_state
from spcomms.workflow.models import HolderAccount
from spcomms.workflow.textversion import text_hash


@dataclass
class Awaiting:
    case: Case
    mandate: Mandate
    letters: list[Communication]
    others_pending: list[str]  # the other mandates that have not approved yet (short labels)


def awaiting_approval(user) -> list[Awaiting]:
    """Cases in clearance (or sent cases with submitted follow-up letters) that a mandate the user holds has not
    approved in their current text."""
    held = mandates_held_by(user)
    if not held:
        return []
    candidates = (
        Case.objects.filter(casemandate__mandate_id__in=held, status__in=(Case.IN_CLEARANCE, Case.SENT))
        .distinct()
        .order_by("updated_at")
    )
    found = []
    for case in candidates:
        current = text_hash(case)
        if case.status == Case.SENT and not (has_follow_up(case) and follow_up_submitted(case, current)):
            continue
        rows = clearance_of(case, current)
        pending = [row.mandate for row in rows if row.approval is None]
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
        status=Communication.PREPARED, case__status__in=(Case.APPROVED, Case.SENT)
    ).select_related("case", "addressee")
    may_leave: dict[int, bool] = {}
    for comm in prepared.order_by("case_id", "ref_code", "ref_number")[:limit]:
        if comm.case_id not in may_leave:
            may_leave[comm.case_id] = cleared(comm.case)
        state = letter_state(comm, may_leave[comm.case_id])
        if state.action in (RECORD_DISPATCH, RESOLVE_EMAIL):
            tasks.append(Task(comm.case, f"{comm.reference} to {comm.addressee}: {state.next}", comm))
    accounts = set(HolderAccount.objects.values_list("holder__mandate_id", flat=True))
    for case in Case.objects.filter(status=Case.IN_CLEARANCE).order_by("updated_at")[:limit]:
        missing = [m.short for m in case.ordered_mandates() if m.pk not in accounts]
        if missing:
            tasks.append(
                Task(case, f"In clearance, but no holder account can approve for {', '.join(missing)}: create one.")
            )
    return tasks
