"""One letter for staff: its dispatch, replies, publication; and the actions on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from spcomms.cases import access
from spcomms.cases.models import Communication
from spcomms.lib import clock
from spcomms.workflow import mailer
from spcomms.workflow.actions.dispatch import (
    ConfirmEmailSent,
    PublicationNeedsConfirmation,
    RecordManualDispatch,
    RequeueEmail,
)
from spcomms.workflow.actions.publication import HoldPublication, ReleaseHold
from spcomms.workflow.actions.replies import IssueReplyLink, RecordReply, reply_url
from spcomms.workflow.actions.review import ACCEPT, ReviewReply
from spcomms.workflow.forms import HoldForm, ManualDispatchForm, ReviewReplyForm, StaffReplyForm
from spcomms.workflow.letter_state import letter_state
from spcomms.workflow.models import Outbox

from .common import requires, run


def _letter(request, comm_id) -> Communication:
    """The letter, if its case is within the user's need-to-know (cases.access); 404 otherwise."""
    return get_object_or_404(access.visible_letters(request.user).select_related("case", "addressee"), pk=comm_id)


@require_safe
@requires("workflow.view_desk", "cases.view_communication")
def letter_page(request, comm_id):
    return _letter_page(request, _letter(request, comm_id))


def _letter_page(request, comm: Communication, dispatch_form=None, confirm_dispatch=None):
    return render(
        request,
        "workflow/letter.html",
        {
            "comm": comm,
            "replies": comm.replies.all(),
            "outbox": comm.outbox.all().order_by("created_at"),
            "dispatch_form": dispatch_form or ManualDispatchForm(initial={"sent_on": clock.today()}),
            "confirm_dispatch": confirm_dispatch,
            "hold_form": HoldForm(),
            "can_send": request.user.has_perm("workflow.send_letters"),
            "can_hold": request.user.has_perm("workflow.hold_publication"),
            "can_reply": request.user.has_perm("cases.add_reply"),
            "can_review": request.user.has_perm("workflow.review_replies"),
            "state": letter_state(comm),
        },
    )


@require_safe
@requires("workflow.view_desk", "cases.view_communication")
def letter_pdf(request, comm_id):
    comm = _letter(request, comm_id)
    if not comm.letter:
        return HttpResponse("This letter has not been generated.", status=404, content_type="text/plain")
    response = HttpResponse(mailer.letter_pdf(comm), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{mailer.pdf_filename(comm)}"'
    return response


@require_POST
@requires("workflow.send_letters")
def manual_dispatch(request, comm_id):
    comm = _letter(request, comm_id)
    form = ManualDispatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Dispatch not recorded: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("workflow:letter", comm_id=comm.pk)
    data = form.cleaned_data
    try:
        RecordManualDispatch(request.user).execute(
            comm, data["channel"], data["sent_on"], data["note"], data["confirm_publication_on"]
        )
    except PublicationNeedsConfirmation as needed:
        # The same form again, carrying the day to confirm: nothing is recorded until staff agree to that day.
        confirm = ManualDispatchForm(initial=data | {"confirm_publication_on": needed.publish_on})
        return _letter_page(request, comm, confirm, {"message": needed.messages[0], "publish_on": needed.publish_on})
    except ValidationError as refused:
        messages.error(request, "Dispatch not recorded: " + " ".join(refused.messages))
    else:
        messages.success(request, f"Dispatch of {comm} recorded.")
    return redirect("workflow:letter", comm_id=comm.pk)


@require_POST
@requires("workflow.send_letters")
def new_reply_link(request, comm_id):
    comm = _letter(request, comm_id)
    raw = run(request, IssueReplyLink(request.user), comm)
    if raw:
        # Shown once: only its hash is kept. Staff copy it into the note verbale or a message to the addressee.
        messages.success(request, f"New reply link (copy it now, it is not shown again): {reply_url(raw)}")
    return redirect("workflow:letter", comm_id=comm.pk)


@require_POST
@requires("workflow.hold_publication")
def hold(request, comm_id):
    comm = _letter(request, comm_id)
    form = HoldForm(request.POST)
    if form.is_valid():
        run(request, HoldPublication(request.user), comm, form.cleaned_data["reason"], success="Publication held.")
    else:
        messages.error(request, "A hold needs a recorded reason.")
    return redirect("workflow:letter", comm_id=comm.pk)


@require_POST
@requires("workflow.hold_publication")
def release(request, comm_id):
    comm = _letter(request, comm_id)
    run(request, ReleaseHold(request.user), comm, success="Hold released.")
    return redirect("workflow:letter", comm_id=comm.pk)


@requires("workflow.view_desk", "cases.add_reply")
def record_reply(request, comm_id):
    comm = _letter(request, comm_id)
    form = StaffReplyForm(request.POST or None, request.FILES or None, initial={"received_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reply = run(
            request,
            RecordReply(request.user),
            comm,
            received_on=data["received_on"],
            language=data["language"],
            channel=data["channel"],
            file=data["file"],
            text=data["text"],
            confidential=data["confidential"],
        )
        if reply:
            messages.success(request, f"Reply recorded (SHA-256 {reply.sha256 or '—'}).")
            return redirect("workflow:letter", comm_id=comm.pk)
    return render(request, "workflow/record_reply.html", {"comm": comm, "form": form})


@require_POST
@requires("workflow.view_desk", "workflow.review_replies")
def review_reply(request, reply_id):
    reply = get_object_or_404(access.visible_replies(request.user), pk=reply_id)
    form = ReviewReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Review not recorded: " + "; ".join(e for errs in form.errors.values() for e in errs))
    else:
        decision = form.cleaned_data["decision"]
        done = "accepted for publication" if decision == ACCEPT else "kept confidential"
        run(request, ReviewReply(request.user), reply, decision, form.cleaned_data["note"], success=f"Reply {done}.")
    return redirect("workflow:letter", comm_id=reply.communication_id)


@require_safe
@requires("workflow.view_desk", "cases.view_reply")
def reply_file(request, reply_id):
    reply = get_object_or_404(access.visible_replies(request.user), pk=reply_id)
    if not reply.file:
        return HttpResponse("This reply has no file.", status=404, content_type="text/plain")
    return FileResponse(
        reply.file.open("rb"), as_attachment=True, filename=reply.filename or None, content_type=reply.content_type
    )


@require_POST
@requires("workflow.send_letters")
def outbox_requeue(request, outbox_id):
    row = get_object_or_404(Outbox, pk=outbox_id, communication__in=access.visible_letters(request.user))
    run(request, RequeueEmail(request.user), row, success="The e-mail will be sent again by the worker.")
    return redirect("workflow:letter", comm_id=row.communication_id)


@require_POST
@requires("workflow.send_letters")
def outbox_confirm(request, outbox_id):
    row = get_object_or_404(Outbox, pk=outbox_id, communication__in=access.visible_letters(request.user))
    run(request, ConfirmEmailSent(request.user), row, success="Recorded as sent.")
    return redirect("workflow:letter", comm_id=row.communication_id)
