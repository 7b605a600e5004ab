"""A case's clearance page: its letters, each mandate's approval, and the buttons that move the case on."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from spcomms.cases import access
from spcomms.cases.models import Case
from spcomms.drafting import history
from spcomms.drafting.clearance import clearance_of
from spcomms.drafting.textversion import text_hash
from spcomms.registry.models import HolderAccount, Mandate
from spcomms.workflow.actions.clearance import (
    ApproveLetters,
    CloseCase,
    SubmitForClearance,
    follow_up_submitted,
    has_follow_up,
)
from spcomms.workflow.actions.dispatch import SendCase
from spcomms.workflow.holders import mandates_held_by
from spcomms.workflow.letter_state import RECORD_DISPATCH, SEND, cleared, letter_state
from spcomms.workflow.models import Outbox

from .common import requires, run


@require_safe
@requires("workflow.view_desk", "cases.view_case")
def case_page(request, case_id):
    case = get_object_or_404(access.visible_cases(request.user), pk=case_id)
    current = text_hash(case)
    held = mandates_held_by(request.user)
    rows = clearance_of(case, current)
    letters = list(case.communications.select_related("addressee").order_by("ref_code", "ref_number"))
    follow_up = has_follow_up(case)
    may_leave = cleared(case)
    states = [(comm, letter_state(comm, may_leave)) for comm in letters]
    historic = history.is_historic(case)
    return render(
        request,
        "workflow/case.html",
        {
            "case": case,
            "text_hash": current,
            "clearance": [(row, row.mandate.pk in held, _approvers(case, row.mandate)) for row in rows],
            "letters": states,
            "historic": historic,
            "can_send_some": any(state.action == SEND for _comm, state in states),
            "to_record": [comm for comm, state in states if state.action == RECORD_DISPATCH],
            "next_step": _next_step(case, rows, states, historic),
            "offers": _offers(request.user, case, bool(letters), follow_up),
            # a sent case with letters not yet dispatched: they go through clearance while the case stays sent
            "follow_up": follow_up,
            "follow_up_submitted": follow_up and follow_up_submitted(case, current),
            "follow_up_approved": follow_up and all(row.approval for row in rows),
            "outbox": Outbox.objects.filter(communication__case=case).select_related("communication"),
        },
    )


def _approvers(case: Case, mandate) -> dict:
    """Who can approve for the mandate: the accounts linked to its holders, and the holder signing this case."""
    accounts = HolderAccount.objects.filter(holder__mandate=mandate).select_related("user", "holder")
    signatory = case.casesignatory_set.filter(holder__mandate=mandate).select_related("holder").first()
    return {
        "accounts": [f"{a.holder.name} ({a.user.get_username()})" for a in accounts],
        "signatory": signatory.holder.name if signatory else "",
    }


def _offers(user, case: Case, has_letters: bool, follow_up: bool) -> bool:
    """Whether the actions card has anything for this user (an empty card says nothing)."""
    acts = user.has_perm("workflow.submit_for_clearance") or user.has_perm("workflow.send_letters")
    if not acts:
        return True  # it says who does these steps
    if case.status == Case.DRAFT:
        return has_letters and user.has_perm("workflow.submit_for_clearance")
    return case.status in (Case.APPROVED, Case.SENT) or follow_up  # being sent: each letter's row says what to do


def _next_step(case: Case, rows, states, historic: bool) -> tuple[str, str]:
    """(what happens next, who acts) for the clearance page."""
    if historic:
        return "Nothing to clear or send: these letters were sent before they were registered here.", ""
    pending = [row.mandate.short for row in rows if row.approval is None]
    waiting = [state for _comm, state in states if state.action]
    if case.status == Case.DRAFT:
        if not states:
            return "Generate the letters on the drafting desk, then submit them here for clearance.", "secretariat"
        return "Submit the letters for clearance: each co-signing mandate then approves them.", "secretariat"
    if case.status == Case.IN_CLEARANCE:
        return f"Waiting for the approval of {', '.join(pending)}.", "mandate holders"
    if case.status in (Case.APPROVED, Case.SENDING, Case.SENT) and waiting:
        return "Every letter below that has not left says what to do with it.", "secretariat"
    if case.status == Case.SENDING:
        return "The worker is e-mailing the letters; the case is sent once every letter has left.", "the worker"
    if case.status == Case.SENT and has_follow_up(case):
        if pending:
            return f"Follow-up letters wait for the approval of {', '.join(pending)}.", "mandate holders"
        return "The follow-up letters are being e-mailed by the worker.", "the worker"
    if case.status == Case.SENT:
        return "Every letter has left. Replies are recorded on each letter's page.", "secretariat"
    return "The case is closed.", ""


@require_POST
@requires("workflow.submit_for_clearance")
def submit(request, case_id):
    case = get_object_or_404(access.visible_cases(request.user), pk=case_id)
    follow_up = has_follow_up(case)
    success = f"The follow-up letters of {case} are now in clearance." if follow_up else f"{case} is now in clearance."
    run(request, SubmitForClearance(request.user), case, success=success)
    return redirect("workflow:case", case_id=case.pk)


@require_POST
@requires("workflow.approve_letters")
def approve(request, case_id, mandate_id):
    case = get_object_or_404(access.visible_cases(request.user), pk=case_id)
    mandate = get_object_or_404(Mandate, pk=mandate_id)
    seen = request.POST.get("text_hash", "")
    run(request, ApproveLetters(request.user), case, mandate, seen, success=f"Approved for {mandate.short}.")
    return redirect("workflow:case", case_id=case.pk)


@require_POST
@requires("workflow.send_letters")
def send(request, case_id):
    case = get_object_or_404(access.visible_cases(request.user), pk=case_id)
    result = run(request, SendCase(request.user), case)
    if result:
        messages.success(request, f"{len(result.queued)} letter(s) queued for e-mail.")
        if result.manual:
            refs = ", ".join(c.reference for c in result.manual)
            messages.warning(request, f"No e-mail address for {refs}: record their dispatch by hand.")
    return redirect("workflow:case", case_id=case.pk)


@require_POST
@requires("workflow.close_case")
def close(request, case_id):
    case = get_object_or_404(access.visible_cases(request.user), pk=case_id)
    run(request, CloseCase(request.user), case, success=f"{case} is closed.")
    return redirect("workflow:case", case_id=case.pk)
