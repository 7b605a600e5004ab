"""The staff page of one reply: the letter's questions beside the reply, passages highlighted, labels and scores
confirmed or changed through actions."""

import re

from spcomms.assessment.models import Assessment, QuestionLabel, Review, RubricScore


def page(client, reply):
    return client.get(f"/staff/assessment/replies/{reply.pk}/")


def test_questions_labels_and_highlighted_passages(client, reviewer, read_reply_135):
    client.force_login(reviewer)
    html = page(client, read_reply_135).content.decode()
    assert 'id="question-6"' in html and 'data-label="partly"' in html
    assert "Please provide information on whether your company has reported" in html
    marks = re.findall(r'<mark class="([^"]*)"[^>]*>(.*?)</mark>', html, re.S)
    assert any("q7" in classes and "Our grievance mechanism" in text for classes, text in marks)
    assert 'id="indicator-policy_commitment"' in html
    assert "Read again" in html


def test_changing_a_label_keeps_the_machine_value(client, reviewer, read_reply_135):
    client.force_login(reviewer)
    label = QuestionLabel.objects.get(assessment__reply=read_reply_135, number=8)
    response = client.post(
        f"/staff/assessment/labels/{label.pk}/", {"q8-label": "partly", "q8-note": "says what was not done"}
    )
    assert response.status_code == 302
    label.refresh_from_db()
    assert (label.machine_label, label.label) == ("not_addressed", "partly")
    html = page(client, read_reply_135).content.decode()
    assert "changed by reviewer" in html


def test_changing_a_score(client, reviewer, read_reply_135):
    client.force_login(reviewer)
    score = RubricScore.objects.get(assessment__reply=read_reply_135, indicator="public_reporting")
    client.post(f"/staff/assessment/scores/{score.pk}/", {"public_reporting-score": "1", "public_reporting-note": ""})
    score.refresh_from_db()
    assert (score.machine_score, score.score) == (0, 1)
    assert Review.objects.get().target == "indicator"


def test_bad_values_are_refused_with_a_message(client, reviewer, read_reply_135):
    client.force_login(reviewer)
    label = QuestionLabel.objects.get(assessment__reply=read_reply_135, number=1)
    response = client.post(f"/staff/assessment/labels/{label.pk}/", {"q1-label": "maybe"}, follow=True)
    assert "Nothing changed" in response.content.decode() and "maybe" in response.content.decode()
    score = RubricScore.objects.get(assessment__reply=read_reply_135, indicator="training")
    client.post(f"/staff/assessment/scores/{score.pk}/", {"training-score": "7"})
    assert not Review.objects.exists()


def test_readers_see_but_cannot_change(client, reader, read_reply_135):
    client.force_login(reader)
    html = page(client, read_reply_135).content.decode()
    assert 'id="question-1"' in html and "<form" not in html.split('id="content"')[1].split("<script")[0]
    label = QuestionLabel.objects.get(assessment__reply=read_reply_135, number=1)
    assert client.post(f"/staff/assessment/labels/{label.pk}/", {"q1-label": "partly"}).status_code == 403
    assert client.post(f"/staff/assessment/replies/{read_reply_135.pk}/reread").status_code == 403


def test_staff_without_the_permission_get_403(client, django_user_model, read_reply_135):
    client.force_login(django_user_model.objects.create_user("clerk", password="a-long-test-password"))
    assert page(client, read_reply_135).status_code == 403


def test_read_again_queues_the_reply(client, reviewer, read_reply_135):
    client.force_login(reviewer)
    client.post(f"/staff/assessment/replies/{read_reply_135.pk}/reread")
    assert Assessment.objects.get(reply=read_reply_135).status == Assessment.PENDING
    assert "has not read this reply yet" in page(client, read_reply_135).content.decode()
