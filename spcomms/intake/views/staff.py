"""Triage at /staff/intake/: the queue, one submission with its suggestions, and the actions on it.

Reading the account needs `intake.triage_submission`, and shows it with the source's and the victims' names
replaced by placeholders; the source's identity is shown only after a POST with a
reason (OpenSource, `intake.read_source`), on a page that is not cached and not linked.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from spcomms.intake import forms as intake_forms
from spcomms.intake import keys, records, suggest
from spcomms.intake.actions import (
    Conversion,
    ConvertToCase,
    MergeSubmission,
    MoveSubmission,
    OpenAttachment,
    OpenSource,
    WriteToSubmitter,
    scrub,
)
from spcomms.intake.models import Attachment, Submission
from spcomms.registry.models import Addressee
from spcomms.workflow.uploads import CONTENT_TYPES
from spcomms.workflow.views.common import requires, run

TRIAGE = "intake.triage_submission"


@never_cache
@require_GET
@requires(TRIAGE)
def queue(request):
    state = request.GET.get("state", "open")
    rows = Submission.objects.annotate(file_count=Count("files"))
    if state == "open":
        rows = rows.filter(state__in=Submission.OPEN)
    elif state in dict(Submission.STATES):
        rows = rows.filter(state=state)
    page = Paginator(rows.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    entries = [(s, _scrubbed_account(s).get("narrative", "")[:200]) for s in page]
    counts = dict(Submission.objects.values_list("state").annotate(n=Count("id")))
    return render(
        request,
        "intake/staff/queue.html",
        {
            "page": page,
            "entries": entries,
            "state": state,
            "states": [(code, label, counts.get(code, 0)) for code, label in Submission.STATES],
        },
    )


def _scrubbed_account(submission: Submission) -> dict:
    """The account as triage reads it: who the source is, and the victims' names, replaced by placeholders (the
    identity itself opens only through OpenSource, with a reason)."""
    identity = records.identity_of(submission)
    return {k: scrub(str(v or ""), identity, False) for k, v in records.account_of(submission).items()}


def _submission(source_id) -> Submission:
    return get_object_or_404(Submission, source_id=source_id)


@never_cache
@require_GET
@requires(TRIAGE)
def detail(request, source_id):
    submission = _submission(source_id)
    return render(request, "intake/staff/detail.html", _detail_context(submission))


def _detail_context(submission: Submission, **extra) -> dict:
    found = suggest.triage(submission)
    state_addressee = Addressee.objects.filter(kind=Addressee.STATE, iso3=submission.country).first()
    convert = intake_forms.ConvertForm(
        initial={
            "title": f"Information received {submission.source_id}",
            "type": "AL",
            "mandates": [s.mandate.pk for s in found.mandates[:3]],
            "addressees": [state_addressee.pk] if state_addressee else [],
        }
    )
    thread = [(m, records.body_of(m)) for m in submission.messages.select_related("author")]
    attachments = [(a, keys.open_json(a.sealed_name, a.context("name"))) for a in submission.files.all()]
    return {
        "submission": submission,
        "account": _scrubbed_account(submission),
        "triage": found,
        "thread": thread,
        "attachments": attachments,
        "targets": sorted(_targets(submission)),
        "states": dict(Submission.STATES),
        "message_form": intake_forms.StaffMessageForm(),
        "reason_form": intake_forms.ReasonForm(),
        "merge_form": intake_forms.MergeForm(),
        "convert_form": convert,
        "can_read_source": False,
        **extra,
    }


def _targets(submission):
    from spcomms.intake.actions import TRANSITIONS

    return TRANSITIONS[submission.state]


@require_POST
@requires(TRIAGE)
def write(request, source_id):
    submission = _submission(source_id)
    form = intake_forms.StaffMessageForm(request.POST)
    if form.is_valid():
        run(request, WriteToSubmitter(request.user), submission, form.cleaned_data["body"], success="Message sent.")
    else:
        messages.error(request, "The message is empty.")
    return redirect("intake:staff-detail", source_id=source_id)


@require_POST
@requires(TRIAGE)
def move(request, source_id):
    submission = _submission(source_id)
    target, reason = request.POST.get("target", ""), request.POST.get("reason", "")
    run(request, MoveSubmission(request.user), submission, target, reason, success="State changed.")
    return redirect("intake:staff-detail", source_id=source_id)


@require_POST
@requires(TRIAGE)
def merge(request, source_id):
    submission = _submission(source_id)
    run(request, MergeSubmission(request.user), submission, request.POST.get("into", ""), success="Merged.")
    return redirect("intake:staff-detail", source_id=source_id)


@never_cache
@require_POST
@requires(TRIAGE, "intake.read_source")
def open_source(request, source_id):
    submission = _submission(source_id)
    identity = run(request, OpenSource(request.user), submission, request.POST.get("reason", ""))
    if identity is None:
        return redirect("intake:staff-detail", source_id=source_id)
    response = render(request, "intake/staff/source.html", {"submission": submission, "identity": identity})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@requires(TRIAGE, "cases.add_case")
def convert(request, source_id):
    submission = _submission(source_id)
    form = intake_forms.ConvertForm(request.POST)
    if not form.is_valid():
        context = _detail_context(submission, convert_form=form)
        return render(request, "intake/staff/detail.html", context, status=400)
    data = form.cleaned_data
    conversion = Conversion(data["title"], data["type"], list(data["mandates"]), list(data["addressees"]))
    case = run(request, ConvertToCase(request.user), submission, conversion, success="Draft case created.")
    if case is None:
        return redirect("intake:staff-detail", source_id=source_id)
    return redirect("drafting:case", pk=case.pk)


@never_cache
@require_GET
@requires(TRIAGE)
def attachment(request, uid):
    found = get_object_or_404(Attachment, uid=uid, submission__isnull=False)
    name, data = OpenAttachment(request.user).execute(found)
    response = HttpResponse(data, content_type=CONTENT_TYPES.get(found.kind, "application/octet-stream"))
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + _quoted(name)
    response["Cache-Control"] = "no-store"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
