"""The Assessment and its labels, scores and reviews, as the worker and staff leave them."""

from spcomms.assessment.actions import ReviewLabel
from spcomms.assessment.models import Assessment, QuestionLabel, Review


def test_a_read_reply_keeps_text_language_labels_and_rubric(read_reply_135):
    assessment = Assessment.objects.get(reply=read_reply_135)
    assert assessment.status == Assessment.DONE and assessment.language == "en"
    assert assessment.model_version.startswith("all-MiniLM-L6-v2-onnx-int8/")
    assert assessment.labels.count() == 8 and assessment.scores.count() == 12
    sixth = assessment.labels.get(number=6)
    assert sixth.question.startswith("Please provide information on whether your company has reported")
    for item in sixth.evidence:
        assert assessment.text[item["start"] : item["end"]] == item["text"]


def test_corrected_means_reviewed_and_different(read_reply_135, reviewer):
    label = QuestionLabel.objects.get(assessment__reply=read_reply_135, number=8)
    assert not label.corrected
    ReviewLabel(reviewer).execute(label, "not_addressed")
    label.refresh_from_db()
    assert label.reviewed_at and not label.corrected
    ReviewLabel(reviewer).execute(label, "partly", note="the reply says nothing was done")
    label.refresh_from_db()
    assert label.corrected and label.machine_label == "not_addressed" and label.label == "partly"
    assert list(Review.objects.values_list("previous_value", "value")) == [
        ("not_addressed", "not_addressed"),
        ("not_addressed", "partly"),
    ]
