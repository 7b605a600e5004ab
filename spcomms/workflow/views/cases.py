"""A case's clearance page: its letters, each mandate's approval, and the buttons that move the case on."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from spcomms.cases.models import Case
from spcomms.drafting.clearance import clearance_of
from spcomms.drafting.textversion import text_hash
from spcomms.registry.models import Mandate
from spcomms.workflow.actions.clearance import (
    ApproveLetters,
    CloseCase,
    SubmitForClearance,
    follow_up_submitted,
    has_follow_up,
)
from spcomms.workflow.actions.dispatch import SendCase
from spcomms.workflow.holders import mandates_held_by
from spcomms.workflow.models import Outbox

from .common import requires, run


@require_safe
@requires("workflow.view_desk", "cases.view_case")
def case_page(request, case_id):
    case = get_object_or_404(Case, pk=case_id)
    current = text_hash(case)
    held = mandates_held_by(request.user)
    rows = clearance_of(case, current)
    letters = case.communications.select_related("addressee").order_by("ref_code", "ref_number")
    follow_up = has_follow_up(case)
    return render(
        request,
        "workflow/case.html",
        {
            "case": case,
            "text_hash": current,
            "clearance": [(row, row.mandate.pk in held) for row in rows],
            "letters": letters,
            # a sent case with letters not yet dispatched: they go through clearance while the case stays sent
            "follow_up": follow_up,
            "follow_up_submitted": follow_up and follow_up_submitted(case, current),
            "follow_up_approved": follow_up and all(row.approval for row in rows),
            "outbox": Outbox.objects.filter(communication__case=case).select_related("communication"),
        },
    )


@require_POST
@requires("workflow.submit_for_clearance")
def submit(request, case_id):
    case = get_object_or_404(Case, pk=case_id)
    follow_up = has_follow_up(case)
    success = f"The follow-up letters of {case} are now in clearance." if follow_up else f"{case} is now in clearance."
    run(request, SubmitForClearance(request.user), case, success=success)
    return redirect("workflow:case", case_id=case.pk)


@require_POST
@requires("workflow.approve_letters")
def approve(request, case_id, mandate_id):
    case = get_object_or_404(Case, pk=case_id)
    mandate = get_object_or_404(Mandate, pk=mandate_id)
    seen = request.POST.get("text_hash", "")
    run(request, ApproveLetters(request.user), case, mandate, seen, success=f"Approved for {mandate.short}.")
    return redirect("workflow:case", case_id=case.pk)


@require_POST
@requires("workflow.send_letters")
def send(request, case_id):
    case = get_object_or_404(Case, pk=case_id)
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
    case = get_object_or_404(Case, pk=case_id)
    run(request, CloseCase(request.user), case, success=f"{case} is closed.")
    return redirect("workflow:case", case_id=case.pk)
