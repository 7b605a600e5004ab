"""Staff pages of the reading of replies: one reply beside its letter's questions, a case's matrix, CSV export.

Login and permission on every page (`assessment.view_assessment` to read, `assessment.review_assessment` to
confirm or change); every change goes through an action. Nothing here is reachable from the public site.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from spcomms.assessment.actions import RequestAssessment, ReviewLabel, ReviewScore
from spcomms.assessment.forms import LabelForm, ScoreForm
from spcomms.assessment.matrix import case_matrix, csv_rows
from spcomms.assessment.models import Assessment, QuestionLabel, RubricScore
from spcomms.cases.models import Case, Reply
from spcomms.lib.refusal import requires

VIEW, REVIEW = "assessment.view_assessment", "assessment.review_assessment"


@require_safe
@requires(VIEW)
def index(request):
    cases = Case.objects.filter(communications__replies__assessment__isnull=False).distinct().order_by("-created_at")
    pending = Assessment.objects.exclude(status=Assessment.DONE).select_related("reply__communication")
    return render(request, "assessment/index.html", {"cases": cases, "pending": pending})


def highlighted(text: str, labels) -> list[dict]:
    """The text cut at every evidence boundary; each piece knows which questions it is evidence for."""
    cuts = {0, len(text)}
    spans = []
    for label in labels:
        for item in label.evidence:
            start, end = int(item["start"]), int(item["end"])
            if 0 <= start < end <= len(text):
                spans.append((start, end, label.number))
                cuts |= {start, end}
    points = sorted(cuts)
    pieces = []
    for start, end in zip(points, points[1:], strict=False):
        numbers = sorted({n for s, e, n in spans if s <= start and end <= e})
        pieces.append({"text": text[start:end], "questions": " ".join(f"q{n}" for n in numbers), "numbers": numbers})
    return pieces


@require_safe
@requires(VIEW, "cases.view_reply")
def reply_page(request, reply_id):
    reply = get_object_or_404(
        Reply.objects.select_related("communication__addressee", "communication__case"), pk=reply_id
    )
    assessment = Assessment.objects.filter(reply=reply).first()
    labels = list(assessment.labels.all()) if assessment else []
    scores = list(assessment.scores.all()) if assessment else []
    can_review = request.user.has_perm(REVIEW)
    return render(
        request,
        "assessment/reply.html",
        {
            "reply": reply,
            "comm": reply.communication,
            "assessment": assessment,
            "labels": [
                (label, LabelForm(initial={"label": label.label}, prefix=f"q{label.number}")) for label in labels
            ],
            "scores": [(score, ScoreForm(initial={"score": score.score}, prefix=score.indicator)) for score in scores],
            "pieces": highlighted(assessment.text, labels) if assessment and assessment.text else [],
            "can_review": can_review,
        },
    )


def _review(request, action, row, form, field, reply_id):
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        messages.error(request, f"Nothing changed: {problems}")
        return redirect("assessment:reply", reply_id)
    try:
        action.execute(row, form.cleaned_data[field], note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Saved; the machine's value is kept beside yours.")
    return redirect("assessment:reply", reply_id)


@require_POST
@requires(VIEW, REVIEW)
def review_label(request, label_id):
    label = get_object_or_404(QuestionLabel.objects.select_related("assessment"), pk=label_id)
    form = LabelForm(request.POST, prefix=f"q{label.number}")
    return _review(request, ReviewLabel(request.user), label, form, "label", label.assessment.reply_id)


@require_POST
@requires(VIEW, REVIEW)
def review_score(request, score_id):
    score = get_object_or_404(RubricScore.objects.select_related("assessment"), pk=score_id)
    form = ScoreForm(request.POST, prefix=score.indicator)
    return _review(request, ReviewScore(request.user), score, form, "score", score.assessment.reply_id)


@require_POST
@requires(VIEW, REVIEW)
def reread(request, reply_id):
    reply = get_object_or_404(Reply, pk=reply_id)
    RequestAssessment(request.user).execute(reply)
    messages.success(request, "The worker will read this reply again within a minute.")
    return redirect("assessment:reply", reply_id)


@require_safe
@requires(VIEW)
def case_page(request, case_id):
    matrix = case_matrix(get_object_or_404(Case, pk=case_id))
    return render(request, "assessment/case.html", {"matrix": matrix})


@require_safe
@requires(VIEW)
def case_csv(request, case_id):
    matrix = case_matrix(get_object_or_404(Case, pk=case_id))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{matrix.case.pk}-replies.csv"'
    writer = csv.writer(response)
    writer.writerows(csv_rows(matrix))
    return response
