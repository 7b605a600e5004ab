"""The reading of a reply is internal: no public page, JSON or CSV shows any of it, and its staff pages need a login."""

import datetime as dt

from django.utils import timezone

from spcomms.assessment.actions import ReviewLabel
from spcomms.assessment.models import Assessment, QuestionLabel, RubricScore
from spcomms.cases.models import Communication

CANARY = "CANARY-assess-7f3a"


def test_public_site_never_shows_the_assessment(client, read_reply_135, reviewer):
    comm = read_reply_135.communication
    Assessment.objects.filter(reply=read_reply_135).update(model_version=f"{CANARY}-model")
    QuestionLabel.objects.filter(assessment__reply=read_reply_135).update(note=f"{CANARY}-note")
    RubricScore.objects.filter(assessment__reply=read_reply_135).update(title=f"{CANARY}-indicator")
    ReviewLabel(reviewer).execute(QuestionLabel.objects.filter(number=2).get(), "partly", note=f"{CANARY}-review")
    past = timezone.now() - dt.timedelta(days=1)
    Communication.objects.filter(pk=comm.pk).update(
        published_at=past, publish_on=past.date(), date=dt.date(2021, 3, 12)
    )
    pages = [
        "/",
        "/index.json",
        "/communications",
        "/communications.json",
        "/communications.csv",
        "/communications/AL-OTH-135-2021",
        "/communications/AL-OTH-135-2021.json",
        "/export/communications.csv",
        "/export/communications.json",
        "/feeds/communications.atom",
    ]
    seen_reply = False
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert CANARY.encode() not in body, url
        assert b"not_addressed" not in body and b"due diligence rubric" not in body.lower(), url
        seen_reply = seen_reply or b"Head of Sustainability" in body
    assert seen_reply  # the reply itself is public once its letter is: only its reading is not


def test_staff_pages_of_the_assessment_need_a_login(client, read_reply_135):
    for url in (
        f"/staff/assessment/replies/{read_reply_135.pk}/",
        f"/staff/assessment/cases/{read_reply_135.communication.case_id}/",
        f"/staff/assessment/cases/{read_reply_135.communication.case_id}.csv",
        "/staff/assessment/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login/" in response["Location"], url
