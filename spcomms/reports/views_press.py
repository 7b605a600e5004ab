"""The press desk: cases whose letters announce a release, drafting, clearance by the mandates, publication."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from spcomms.cases import access
from spcomms.cases.models import Case
from spcomms.registry.models import Mandate
from spcomms.workflow.holders import mandates_held_by
from spcomms.workflow.views.common import requires, run

from . import news, press
from .actions.press import (
    ApproveRelease,
    DismissPressFlag,
    DraftRelease,
    EditRelease,
    PublishRelease,
    SubmitRelease,
    approved_by_all,
)
from .models import PressRelease, ReleaseApproval


class ReleaseForm(forms.Form):
    headline = forms.CharField(max_length=300)
    city = forms.CharField(max_length=60)
    release_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    lead = forms.CharField(widget=forms.Textarea)
    body = forms.CharField(widget=forms.Textarea, required=False, help_text="paragraphs separated by a blank line")
    quotes = forms.CharField(
        widget=forms.Textarea, required=False, help_text="one quote a line: the quote — who said it"
    )
    contacts = forms.CharField(widget=forms.Textarea, required=False)
    embargo_until = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), help_text="Geneva time"
    )

    def clean_quotes(self):
        quotes = []
        for line in self.cleaned_data["quotes"].splitlines():
            if not line.strip():
                continue
            text, _, speaker = line.partition(" — ")
            if not speaker.strip():
                raise forms.ValidationError(f"quote {text[:40]!r} needs ' — ' and who said it")
            quotes.append({"text": text.strip(), "speaker": speaker.strip()})
        return quotes


def _initial(release: PressRelease) -> dict:
    return {
        "headline": release.headline, "city": release.city, "release_date": release.release_date,
        "lead": release.lead, "body": release.body, "contacts": release.contacts,
        "embargo_until": release.embargo_until,
        "quotes": "\n".join(f"{q['text']} — {q['speaker']}" for q in release.quotes),
    }  # fmt: skip


@require_safe
@requires("workflow.view_desk")
def desk(request):
    return render(request, "reports/press_desk.html", {
        "flagged": news.flagged_cases()[:100],
        "releases": PressRelease.objects.filter(case__in=access.visible_cases(request.user)).select_related("case")[
            :100
        ],
        "cases": access.visible_cases(request.user)
        .filter(status__in=[Case.SENT, Case.CLOSED])
        .order_by("-updated_at")[:100],
    })  # fmt: skip


@require_POST
@requires("reports.draft_press_release")
def new_release(request, case_id=None):
    chosen = case_id if case_id is not None else request.POST.get("case", "")
    if not str(chosen).isdigit():
        messages.error(request, "Choose a case to draft a release for.")
        return redirect("reports:press-desk")
    case = get_object_or_404(access.visible_cases(request.user), pk=int(chosen))
    release = run(request, DraftRelease(request.user), case, success="Release drafted from the case.")
    return redirect("reports:press-release", release.pk) if release else redirect("reports:press-desk")


@require_POST
@requires("reports.dismiss_press_flag")
def dismiss(request, case_id):
    case = get_object_or_404(access.visible_cases(request.user), pk=case_id)
    run(request, DismissPressFlag(request.user), case, request.POST.get("reason", ""), success="Flag dismissed.")
    return redirect("reports:press-desk")


@require_http_methods(["GET", "POST"])
@requires("workflow.view_desk")
def release_page(request, release_id):
    releases = PressRelease.objects.filter(case__in=access.visible_cases(request.user))
    release = get_object_or_404(releases.select_related("case"), pk=release_id)
    form = ReleaseForm(request.POST or None, initial=_initial(release))
    if request.method == "POST":
        if not request.user.has_perm("reports.draft_press_release"):
            messages.error(request, "You may not edit press releases.")
        elif form.is_valid() and run(request, EditRelease(request.user), release, **form.cleaned_data,
                                     success="Release saved."):  # fmt: skip
            return redirect("reports:press-release", release.pk)
    current = press.text_hash(release)
    approved = set(
        ReleaseApproval.objects.filter(release=release, text_hash=current).values_list("mandate_id", flat=True)
    )
    held = mandates_held_by(request.user)
    mandates = [
        {"mandate": m, "approved": m.pk in approved, "mine": m.pk in held} for m in release.case.ordered_mandates()
    ]
    return render(request, "reports/press_release.html", {
        "release": release, "form": form, "content": press.content(release), "hash": current,
        "mandates": mandates, "all_approved": approved_by_all(release, current), "unsent": press.unsent(release.case),
        "letters": news.public_letters_of(release.case_id),
    })  # fmt: skip


@require_POST
@requires("workflow.view_desk")
def step(request, release_id, step):
    release = get_object_or_404(PressRelease.objects.filter(case__in=access.visible_cases(request.user)), pk=release_id)
    if step == "submit":
        run(request, SubmitRelease(request.user), release, success="Submitted to the case's mandates.")
    elif step == "approve":
        mandate = get_object_or_404(Mandate, pk=request.POST.get("mandate") or 0)
        run(request, ApproveRelease(request.user), release, mandate, request.POST.get("hash", ""), success="Approved.")
    elif step == "publish":
        if run(request, PublishRelease(request.user), release, success="Published on /news/."):
            release.refresh_from_db()
    else:
        messages.error(request, f"Unknown step {step[:20]!r}.")
    return redirect("reports:press-release", release.pk)
