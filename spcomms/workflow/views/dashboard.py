import datetime as dt
from collections import Counter

from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from spcomms.cases import access
from spcomms.cases.lifecycle import WAITING
from spcomms.cases.models import Case, Communication
from spcomms.lib import clock
from spcomms.workflow.actions.publication import due_for_publication
from spcomms.workflow.holders import mandates_held_by
from spcomms.workflow.inbox import awaiting_approval, secretariat_tasks
from spcomms.workflow.models import Outbox
from spcomms.workflow.review import pending_reviews

from .common import requires


def dashboard_data(user, today: dt.date) -> dict:
    """What the user may know of (cases.access): every case for the secretariat, a holder's own for a holder."""
    cases = access.visible_cases(user)
    counts = dict(cases.values_list("status").annotate(n=Count("pk")))
    open_cases = cases.exclude(status=Case.CLOSED).order_by("status", "-updated_at")[:100]
    letters = access.visible_letters(user).select_related("addressee", "case")
    return {
        "today": today,
        "case_counts": [(label, counts.get(code, 0), code) for code, label in Case.STATUSES],
        "open_cases": open_cases,
        "awaiting": letters.filter(status__in=WAITING, reply_due__gte=today).order_by("reply_due")[:100],
        "overdue": letters.filter(status__in=WAITING, reply_due__lt=today).order_by("reply_due")[:100],
        "due_for_publication": due_for_publication(today).filter(case__in=cases).select_related("addressee")[:100],
        "publishing_soon": letters.filter(
            published_at__isnull=True, on_hold=False, publish_on__gt=today, publish_on__lte=today + dt.timedelta(14)
        ).order_by("publish_on")[:100],
        "held": letters.filter(on_hold=True).order_by("-updated_at")[:100],
        "reviews": pending_reviews(user)[:100],
        "recent_replies": access.visible_replies(user)
        .select_related("communication__addressee")
        .order_by("-created_at")[:20],
        "outbox_problems": Outbox.objects.filter(communication__case__in=cases)
        .select_related("communication")
        .exclude(status=Outbox.SENT)
        .exclude(status=Outbox.PENDING, attempts=0)
        .order_by("-next_attempt_at")[:100],
        "outbox_waiting": Outbox.objects.filter(
            communication__case__in=cases, status=Outbox.PENDING, attempts=0
        ).count(),
    }


def letters_summaries(cases) -> dict[int, str]:
    """Where each case's letters are, e.g. "1 replied, 1 sent · 2 published": a sent case is not all alike."""
    labels = dict(Communication.STATUSES)
    counts: dict[int, Counter] = {}
    published: Counter = Counter()
    rows = Communication.objects.filter(case__in=cases).values_list("case_id", "status", "published_at")
    for case_id, status, published_at in rows:
        counts.setdefault(case_id, Counter())[status] += 1
        published[case_id] += published_at is not None
    summaries = {}
    for case in cases:
        found = counts.get(case.pk)
        text = ", ".join(f"{n} {labels[s].lower()}" for s, n in sorted(found.items())) if found else "no letters yet"
        summaries[case.pk] = f"{text} · {published[case.pk]} published" if published[case.pk] else text
    return summaries


@require_safe
@requires("workflow.view_desk")
def dashboard(request):
    data = dashboard_data(request.user, clock.today())
    user = request.user
    data["holds_mandates"] = bool(mandates_held_by(user))
    data["inbox"] = awaiting_approval(user) if user.has_perm("workflow.approve_letters") else []
    data["tasks"] = secretariat_tasks() if user.has_perm("workflow.send_letters") else []
    cases = list(data["open_cases"])
    summaries = letters_summaries(cases)
    data["open_cases"] = [(case, summaries[case.pk]) for case in cases]
    return render(request, "workflow/dashboard.html", data)
