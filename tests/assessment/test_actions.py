"""Requesting, claiming, storing and reviewing readings: one worker per reply, claims that expire, audited reviews."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spcomms.assessment import actions
from spcomms.assessment.actions import (
    AssessPendingReplies,
    RequestAssessment,
    ReviewLabel,
    ReviewScore,
    claim,
)
from spcomms.assessment.models import Assessment, QuestionLabel, Review, RubricScore
from spcomms.audit.models import AuditEvent
from spcomms.lib import clock
from tests.assessment.conftest import record, shared_reply_text


def test_recording_a_reply_requests_a_reading(letter_78):
    reply = record(letter_78, shared_reply_text("AL-OTH-78-2021"))
    assessment = Assessment.objects.get(reply=reply)
    assert assessment.status == Assessment.PENDING and not assessment.labels.exists()
    assert AuditEvent.objects.filter(action="assessment.requested", object_id=str(assessment.pk)).exists()


def test_the_worker_step_reads_pending_replies_once(letter_78):
    reply = record(letter_78, shared_reply_text("AL-OTH-78-2021"))
    assert AssessPendingReplies("worker").execute("w1") == {"replies_assessed": 1}
    assert AssessPendingReplies("worker").execute("w1") == {}
    assessment = Assessment.objects.get(reply=reply)
    assert assessment.refuses_to_answer and assessment.labels.get(number=1).label == "answered"
    assert AuditEvent.objects.filter(action="assessment.completed").count() == 1


def test_a_claim_is_held_by_one_worker_until_it_expires(letter_78):
    assessment = Assessment.objects.get(reply=record(letter_78, "We reject the allegations."))
    now = clock.now()
    assert claim(assessment.pk, "w1", now)
    assert not claim(assessment.pk, "w2", now)
    assert claim(assessment.pk, "w2", now + dt.timedelta(minutes=actions.CLAIM_MINUTES + 1))
    assessment.refresh_from_db()
    assert assessment.claimed_by == "w2" and assessment.attempts == 2


def test_a_worker_that_lost_its_claim_stores_nothing(letter_78):
    assessment = Assessment.objects.get(reply=record(letter_78, "We reject the allegations."))
    now = clock.now()
    claim(assessment.pk, "w1", now)
    claim(assessment.pk, "w2", now + dt.timedelta(minutes=actions.CLAIM_MINUTES + 1))
    from spcomms.lib.reading.assess import assess_reply

    result = assess_reply("We reject the allegations.", ["Any comment on the allegations?"], "company")
    assert AssessPendingReplies("worker").store(assessment.pk, "w1", "We reject the allegations.", result) is False
    assert not QuestionLabel.objects.filter(assessment=assessment).exists()


def test_failures_are_retried_then_recorded(letter_78, monkeypatch):
    assessment = Assessment.objects.get(reply=record(letter_78, "We reject the allegations."))

    def broken(reply, text):
        raise RuntimeError("model file damaged")

    monkeypatch.setattr(actions, "read", broken)
    outcomes = [AssessPendingReplies("worker").execute("w1") for _ in range(actions.MAX_ATTEMPTS)]
    assert outcomes[0] == {"assessment_retry": 1} and outcomes[-1] == {"assessment_failed": 1}
    assessment.refresh_from_db()
    assert assessment.status == Assessment.FAILED and "model file damaged" in assessment.error


def test_review_keeps_the_machine_value_and_audits(read_reply_135, reviewer):
    label = QuestionLabel.objects.get(assessment__reply=read_reply_135, number=6)
    ReviewLabel(reviewer).execute(label, "answered", note="complicity is covered by the reporting policy")
    label.refresh_from_db()
    assert (label.machine_label, label.label, label.reviewed_by) == ("partly", "answered", reviewer)
    review = Review.objects.get()
    assert (review.target, review.key, review.machine_value, review.value) == ("question", "6", "partly", "answered")
    event = AuditEvent.objects.get(action="assessment.label_corrected")
    assert event.after["note"] == "complicity is covered by the reporting policy"


def test_a_staff_decision_survives_a_new_reading(read_reply_135, reviewer):
    score = RubricScore.objects.get(assessment__reply=read_reply_135, indicator="public_reporting")
    ReviewScore(reviewer).execute(score, 1)
    RequestAssessment(reviewer).execute(read_reply_135)
    assert AssessPendingReplies("worker").execute("w1") == {"replies_assessed": 1}
    renewed = RubricScore.objects.get(assessment__reply=read_reply_135, indicator="public_reporting")
    assert (renewed.machine_score, renewed.score) == (0, 1)


def test_bad_values_and_missing_permission_are_refused(read_reply_135, reader):
    label = QuestionLabel.objects.get(assessment__reply=read_reply_135, number=1)
    score = RubricScore.objects.get(assessment__reply=read_reply_135, indicator="training")
    with pytest.raises(ValidationError, match="not a label"):
        ReviewLabel("test").execute(label, "maybe")
    with pytest.raises(ValidationError, match="a score is 0, 1 or 2"):
        ReviewScore("test").execute(score, "3")
    with pytest.raises(PermissionDenied):
        ReviewLabel(reader).execute(label, "partly")
    assert not Review.objects.exists()


def test_confirming_a_score_is_recorded_as_a_confirmation(read_reply_135, reviewer):
    score = RubricScore.objects.get(assessment__reply=read_reply_135, indicator="training")
    ReviewScore(reviewer).execute(score, score.machine_score)
    event = AuditEvent.objects.get(action="assessment.score_confirmed")
    assert event.after["value"] == event.after["machine"] == 2
