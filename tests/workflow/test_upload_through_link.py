"""UploadThroughLink: a reply sent through a reply link is recorded under review, remembered as that link's, and
nothing of it is public, not even next to a letter that is already published."""

import pytest
from django.core.exceptions import ValidationError

from spcomms.audit.models import AuditEvent
from spcomms.cases import visibility
from spcomms.cases.models import Communication, Reply
from spcomms.workflow.models import LinkReply
from tests.workflow.link_replies import SENT_ON, new_link, publish, upload
from tests.workflow.procedure import sent_by_hand

MARKER = "Ouzelbrook"  # a word no letter or reply of the register contains


@pytest.fixture
def sent(case, holder_minorities, holder_slavery, fake_clock):
    return sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON)


def test_a_link_upload_waits_for_review_and_is_remembered_as_the_links(sent):
    token, _ = new_link(sent)
    reply = upload(token, MARKER)
    assert reply.under_review and not reply.confidential and reply.channel == Reply.ONLINE
    assert "groundless" in reply.text  # the sample reply's text, extracted from the DOCX
    assert LinkReply.objects.get(reply=reply).token == token
    assert Communication.objects.get(pk=sent.pk).status == Communication.REPLIED
    event = AuditEvent.objects.get(action="reply.uploaded_through_link")
    assert event.actor_label == f"addressee-token:{token.pk}"
    assert event.after == {"token": token.pk, "under_review": True, "confidentiality_requested": False}
    assert AuditEvent.objects.get(action="reply.recorded").after["under_review"] is True


def test_the_senders_request_for_confidentiality_is_kept_for_the_reviewer(sent):
    token, _ = new_link(sent)
    reply = upload(token, reason="  It names officials who have not been informed yet.  ")
    assert reply.confidentiality_requested
    assert reply.confidentiality_reason == "It names officials who have not been informed yet."
    assert AuditEvent.objects.get(action="reply.uploaded_through_link").after["confidentiality_requested"] is True


def test_next_to_a_published_letter_a_link_upload_is_not_public(sent, fake_clock, client):
    published = publish(sent, fake_clock)
    token, _ = new_link(published)
    reply = upload(token, MARKER)
    assert visibility.public_replies(published, fake_clock()) == []
    assert visibility.public_reply_count(published) == 0
    assert client.get(f"/communications.json?q={MARKER}").json()["total"] == 0  # the index was not given its text
    assert client.get("/communications.json?q=groundless").json()["total"] == 0
    assert reply.pk not in [r.id for r in visibility.get_public(published.pk, fake_clock()).replies]


def test_a_refused_upload_leaves_no_reply_and_no_link_row(sent):
    token, _ = new_link(sent)
    upload(token, MARKER)
    with pytest.raises(ValidationError, match="already received"):
        upload(token, MARKER, name="again.docx")  # the same bytes: a duplicate
    assert Reply.objects.count() == 1 and LinkReply.objects.count() == 1
