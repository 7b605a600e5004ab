"""Staff pages of the reports: pick a session, read its draft report, publish it; the fuller statistics."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.db.models import Count, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from spcomms.cases import visibility
from spcomms.cases.lifecycle import DISPATCHED, WAITING
from spcomms.cases.models import Communication
from spcomms.lib import clock
from spcomms.lib import sessions as rules
from spcomms.workflow.views.common import requires, run

from . import news
from .actions.reports import OverrideSession, PublishReport
from .models import PublishedReport, SessionOverride
from .render.formats import CONTENT_TYPES, render_report
from .report import build_report
from .sessions import SessionError, council_session, parse_session


def _session_or_404(raw) -> int:
    try:
        return parse_session(raw)
    except SessionError as exc:
        raise Http404(str(exc)) from None


class OverrideForm(forms.Form):
    symbol = forms.CharField(max_length=40, required=False, help_text="empty: A/HRC/<session>/3")
    sent_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sent_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    replies_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    replies_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    report_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text="the date on the title page; empty: the day it is generated")  # fmt: skip
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


def not_in_report(number: int) -> dict:
    """Staff-only: letters of the window that the report leaves out because they are not public (yet)."""
    session = council_session(number)
    window = Communication.objects.filter(date__gte=session.sent_from, date__lte=session.sent_to)
    public = visibility.published_communications().filter(pk__in=window.values("pk"))
    return {
        "held": window.filter(on_hold=True).count(),
        "unpublished": window.exclude(pk__in=public.values("pk")).filter(on_hold=False).count(),
    }


@require_safe
@requires("workflow.view_desk")
def sessions_page(request):
    upcoming = rules.next_session(clock.today())
    chosen = _session_or_404(request.GET.get("session") or upcoming.number)
    report = build_report(chosen)
    published = {r.session: r for r in PublishedReport.objects.defer("pdf", "docx", "data")}
    existing = SessionOverride.objects.filter(number=chosen).first()
    initial = {f: getattr(existing, f) for f in OverrideForm.base_fields} if existing else {}
    nearby = [
        council_session(n) for n in range(max(rules.FIRST_RULED_SESSION, upcoming.number - 4), upcoming.number + 2)
    ]
    return render(
        request,
        "reports/staff_sessions.html",
        {"report": report, "session": council_session(chosen), "upcoming": upcoming, "nearby": nearby,
         "published": published, "left_out": not_in_report(chosen), "flagged": news.flagged_cases()[:20],
         "override_form": OverrideForm(initial=initial)},
    )  # fmt: skip


@require_safe
@requires("workflow.view_desk")
def draft(request, number, fmt):
    number = _session_or_404(number)
    if fmt not in CONTENT_TYPES:
        raise Http404(f"no format {fmt[:10]!r} (formats: {', '.join(CONTENT_TYPES)})")
    content = render_report(build_report(number), fmt, request.GET.get("table", "communications"))
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt in ("pdf", "docx"):
        response["Content-Disposition"] = f'attachment; filename="draft-A_HRC_{number}_3.{fmt}"'
    return response


@require_POST
@requires("reports.publish_report")
def publish(request, number):
    number = _session_or_404(number)
    if run(request, PublishReport(request.user), number, success=f"The report to session {number} is published."):
        return redirect("reports:list")
    return redirect(f"/staff/reports/?session={number}")


@require_POST
@requires("reports.override_session")
def override(request, number):
    number = _session_or_404(number)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
    else:
        values = dict(form.cleaned_data)
        reason = values.pop("reason")
        run(request, OverrideSession(request.user), number, reason=reason, **values, success="Session changed.")
    return redirect(f"/staff/reports/?session={number}")


def staff_statistics_data(today: dt.date) -> dict:
    """Reply rates per mandate and per addressee, overdue letters and time to reply, over every sent letter."""
    sent = Communication.objects.filter(status__in=DISPATCHED)
    overdue = sent.filter(status__in=WAITING, reply_due__lt=today).select_related("addressee").order_by("reply_due")
    with_first = sent.annotate(first_reply=Min("replies__received_on"))
    per_mandate = (
        sent.values("case__casemandate__mandate__short")
        .annotate(
            letters=Count("pk", distinct=True), replied=Count("pk", distinct=True, filter=Q(replies__isnull=False))
        )
        .order_by("-letters")
    )
    per_addressee = (
        sent.values("addressee__name", "addressee__kind")
        .annotate(
            letters=Count("pk", distinct=True), replied=Count("pk", distinct=True, filter=Q(replies__isnull=False))
        )
        .order_by("-letters")[:50]
    )
    days = sorted(
        (row["first_reply"] - row["date"]).days
        for row in with_first.filter(first_reply__isnull=False, date__isnull=False).values("first_reply", "date")
    )
    return {
        "today": today,
        "overdue": overdue[:200],
        "overdue_count": overdue.count(),
        "per_mandate": [r | {"rate": r["replied"] / r["letters"] if r["letters"] else None} for r in per_mandate],
        "per_addressee": [r | {"rate": r["replied"] / r["letters"] if r["letters"] else None} for r in per_addressee],
        "time_to_reply": {
            "answered": len(days),
            "median": days[len(days) // 2] if days else None,
            "p90": days[int(len(days) * 0.9)] if days else None,
            "within_60": sum(1 for d in days if d <= 60),
        },
    }


@require_safe
@requires("workflow.view_desk", "cases.view_every_case")  # figures over every case: not for one mandate's holder
def staff_statistics(request):
    return render(request, "reports/staff_statistics.html", staff_statistics_data(clock.today()))
