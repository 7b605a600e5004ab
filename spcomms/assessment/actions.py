"""Every change to a reading of a reply: requested, claimed and stored by the worker, reviewed by staff.

The worker's pass (`AssessPendingReplies`) runs each reply in steps of its own: claim the row with a conditional
UPDATE, read the reply outside any transaction (the model takes a second; no lock is held meanwhile), then store
the result only if the claim still holds. Two workers never read the same reply twice at once, and a worker
killed mid-reading leaves a claim that expires and is taken over.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from spcomms.assessment.models import Assessment, QuestionLabel, Review, RubricScore
from spcomms.assessment.reading import read, reply_text
from spcomms.audit.actions import Action
from spcomms.cases.models import Reply
from spcomms.lib import clock
from spcomms.lib.reading.labels import LABELS

log = logging.getLogger(__name__)
CLAIM_MINUTES = 10  # a claim older than this belongs to a worker that stopped
MAX_ATTEMPTS = 3


def _user(actor):
    return None if isinstance(actor, str) or actor is None else actor


class RequestAssessment(Action):
    """Ask the worker to read a reply (again). RecordReply calls it for every new reply."""

    permission = "assessment.review_assessment"
    records = ("assessment.requested",)

    def describe(self):
        return "request a reading of a reply"

    def perform(self, reply: Reply) -> Assessment:
        now = clock.now()
        assessment, created = Assessment.objects.get_or_create(reply=reply, defaults={"requested_at": now})
        if not created:
            Assessment.objects.filter(pk=assessment.pk).update(
                status=Assessment.PENDING, requested_at=now, attempts=0, error="", claimed_by="", claimed_at=None
            )
            assessment.refresh_from_db()
        self.audit("assessment.requested", assessment, after={"reply": reply.pk, "status": assessment.status})
        return assessment


def claimable(now: dt.datetime):
    stale = now - dt.timedelta(minutes=CLAIM_MINUTES)
    return Assessment.objects.filter(
        Q(status=Assessment.PENDING) | Q(status=Assessment.RUNNING, claimed_at__lt=stale)
    ).order_by("requested_at")


def claim(assessment_id: int, worker_id: str, now: dt.datetime) -> bool:
    """Conditional UPDATE: true only for the one worker whose update found the row still claimable."""
    return bool(
        claimable(now)
        .filter(pk=assessment_id)
        .update(status=Assessment.RUNNING, claimed_by=worker_id, claimed_at=now, attempts=F("attempts") + 1)
    )


def _latest_reviews(assessment: Assessment) -> dict:
    return {(r.target, r.key): r.value for r in assessment.reviews.order_by("reviewed_at", "id")}


class AssessPendingReplies(Action):
    """The worker's step: read every reply waiting for it. `execute(worker_id)` → Counter of outcomes.

    Overrides `execute`: each reply is claimed, read and stored in transactions of its own (one transaction around
    the whole pass would hold the database while the model runs and hide claims from other workers).
    """

    records = ("assessment.completed", "assessment.failed")

    def execute(self, worker_id: str, limit: int = 20) -> Counter:
        self.check()
        results: Counter = Counter()
        for assessment_id in list(claimable(clock.now()).values_list("pk", flat=True)[:limit]):
            results[self.assess_one(assessment_id, worker_id)] += 1
        return results

    def assess_one(self, assessment_id: int, worker_id: str) -> str:
        if not claim(assessment_id, worker_id, clock.now()):
            return "assessment_skipped"
        assessment = Assessment.objects.select_related("reply__communication__addressee").get(pk=assessment_id)
        try:
            text = reply_text(assessment.reply)
            result = read(assessment.reply, text)
        except Exception as exc:  # a broken file or model error: retried, then marked failed for staff to see
            log.warning("assessment %s: %s", assessment_id, exc)
            return self.record_failure(assessment_id, worker_id, f"{type(exc).__name__}: {exc}")
        return "replies_assessed" if self.store(assessment_id, worker_id, text, result) else "assessment_skipped"

    def store(self, assessment_id: int, worker_id: str, text: str, result) -> bool:
        """Store a result only if this worker's claim still holds; staff decisions already made are kept."""
        with transaction.atomic():
            assessment = (
                Assessment.objects.select_for_update()
                .filter(pk=assessment_id, claimed_by=worker_id, status=Assessment.RUNNING)
                .first()
            )
            if assessment is None:
                return False  # the claim expired and another worker took the reply over
            _replace_results(assessment, result)
            assessment.status, assessment.assessed_at, assessment.error = Assessment.DONE, clock.now(), ""
            assessment.text, assessment.language = text, result.language
            assessment.language_probability = result.language_probability
            assessment.refuses_to_answer, assessment.model_version = result.refuses_to_answer, result.model_version
            assessment.save()
            self.audit(
                "assessment.completed",
                assessment,
                after={
                    "reply": assessment.reply_id,
                    "language": result.language,
                    "labels": {q.number: q.label for q in result.questions},
                    "rubric": {s.indicator.code: s.score for s in result.rubric},
                    "model_version": result.model_version,
                },
            )
            return True

    def record_failure(self, assessment_id: int, worker_id: str, error: str) -> str:
        with transaction.atomic():
            assessment = Assessment.objects.select_for_update().filter(pk=assessment_id, claimed_by=worker_id).first()
            if assessment is None:
                return "assessment_skipped"
            final = assessment.attempts >= MAX_ATTEMPTS
            assessment.status = Assessment.FAILED if final else Assessment.PENDING
            assessment.error, assessment.claimed_by, assessment.claimed_at = error[:2000], "", None
            assessment.save(update_fields=["status", "error", "claimed_by", "claimed_at"])
            self.audit("assessment.failed", assessment, after={"error": error[:500], "final": final})
            return "assessment_failed" if final else "assessment_retry"


def _replace_results(assessment: Assessment, result) -> None:
    questions = [str(q) for q in (assessment.reply.communication.letter or {}).get("questions", [])]
    assessment.labels.all().delete()
    assessment.scores.all().delete()
    decided = _latest_reviews(assessment)
    QuestionLabel.objects.bulk_create(
        QuestionLabel(
            assessment=assessment,
            number=q.number,
            question=questions[q.number - 1] if q.number <= len(questions) else "",
            machine_label=q.label,
            machine_confidence=round(q.confidence, 2),
            method=q.method,
            note=q.note[:200],
            evidence=[{"start": s.start, "end": s.end, "text": s.text} for s in q.evidence],
            label=decided.get((Review.QUESTION, str(q.number)), q.label),
        )
        for q in result.questions
    )
    RubricScore.objects.bulk_create(
        RubricScore(
            assessment=assessment,
            indicator=s.indicator.code,
            title=s.indicator.label,
            position=position,
            machine_score=s.score,
            evidence=[{"start": e.start, "end": e.end, "text": e.text} for e in s.evidence],
            score=int(decided.get((Review.INDICATOR, s.indicator.code), s.score)),
        )
        for position, s in enumerate(result.rubric, start=1)
    )


class _Review:
    """What ReviewLabel and ReviewScore share (a mixin: only the two concrete actions are Actions)."""

    permission = "assessment.review_assessment"
    target = ""
    choices: tuple = ()

    def perform(self, row, value, note: str = ""):
        value = self.clean(value)
        previous = self.current(row)
        now = clock.now()
        self.set(row, value)
        row.reviewed_by, row.reviewed_at = _user(self.actor), now
        row.save()
        assessment = row.assessment
        Review.objects.create(
            assessment=assessment,
            target=self.target,
            key=self.key(row),
            machine_value=str(self.machine(row)),
            previous_value=str(previous),
            value=str(value),
            model_version=assessment.model_version,
            note=note.strip(),
            reviewed_by=_user(self.actor),
            reviewed_at=now,
        )
        verb = "confirmed" if str(value) == str(self.machine(row)) else "corrected"
        self.audit(
            f"assessment.{self.target_name}_{verb}",
            assessment,
            before={self.target: self.key(row), "value": previous},
            after={self.target: self.key(row), "value": value, "machine": self.machine(row), "note": note.strip()},
        )
        return row


class ReviewLabel(_Review, Action):
    """Staff confirm a question's label or change it; the machine's label stays beside it."""

    target, target_name = Review.QUESTION, "label"
    records = ("assessment.label_confirmed", "assessment.label_corrected")

    def describe(self):
        return "review the reading of a reply"

    def clean(self, value):
        if value not in LABELS:
            raise ValidationError(f"{value!r} is not a label; choose one of {', '.join(LABELS)}.")
        return value

    def current(self, row):
        return row.label

    def set(self, row, value):
        row.label = value

    def key(self, row):
        return str(row.number)

    def machine(self, row):
        return row.machine_label


class ReviewScore(_Review, Action):
    """Staff confirm a rubric score or change it (0, 1 or 2); the machine's score stays beside it."""

    target, target_name = Review.INDICATOR, "score"
    records = ("assessment.score_confirmed", "assessment.score_corrected")

    def describe(self):
        return "review the due-diligence rubric of a reply"

    def clean(self, value):
        try:
            score = int(value)
        except (TypeError, ValueError):
            score = -1
        if score not in (0, 1, 2):
            raise ValidationError(f"{value!r} is not a score; a score is 0, 1 or 2.")
        return score

    def current(self, row):
        return row.score

    def set(self, row, value):
        row.score = value

    def key(self, row):
        return row.indicator

    def machine(self, row):
        return row.machine_score
