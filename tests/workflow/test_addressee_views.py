"""The addressee's secret link: read the letter, upload replies, receipts; bad, expired and foreign links."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Communication, Reply
from spcomms.workflow.actions.replies import IssueReplyLink, RecordReply
from spcomms.workflow.models import ReplyToken
from spcomms.workflow.tokens import hash_token
from tests.workflow import builders, files
from tests.workflow.corrupt_files import docx_needing_zip_version_15
from tests.workflow.link_replies import publish
from tests.workflow.procedure import STAFF, sent_by_hand


@pytest.fixture
def sent(case, holder_minorities, holder_slavery, fake_clock):
    return sent_by_hand(case, holder_minorities, holder_slavery, on=dt.date(2021, 3, 15))


@pytest.fixture
def token(sent):
    return IssueReplyLink(STAFF).execute(sent)


def upload(client, token, data, name="reply.pdf", language="fr"):
    return client.post(f"/reply/{token}/", {"file": SimpleUploadedFile(name, data), "language": language})


def test_token_is_long_random_and_stored_hashed(token):
    assert len(token) >= 43  # 32 bytes in URL-safe base64: 256 bits
    stored = ReplyToken.objects.get()
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash


def test_the_addressee_reads_the_letter(client, token, sent):
    page = client.get(f"/reply/{token}/")
    assert page.status_code == 200
    assert sent.reference in page.content.decode()
    assert "Workers are allegedly transferred" in page.content.decode()
    pdf = client.get(f"/reply/{token}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_upload_gives_a_receipt_with_the_sha256(client, token, sent):
    data = files.reply_pdf()
    response = upload(client, token, data)
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.sha256 == hashlib.sha256(data).hexdigest()
    assert reply.channel == Reply.ONLINE and reply.language == "fr" and reply.content_type == "application/pdf"
    assert "Excellency" in reply.text  # text extracted from the PDF
    receipt = client.get(response["Location"])
    assert reply.sha256 in receipt.content.decode()
    assert Communication.objects.get(pk=sent.pk).status == Communication.REPLIED
    assert AuditEvent.objects.get(action="reply.recorded").actor_label.startswith("addressee-token:")


def test_several_replies_and_a_duplicate_is_detected(client, token):
    assert upload(client, token, files.reply_pdf()).status_code == 302
    assert upload(client, token, files.PNG, "annex.png").status_code == 302
    again = upload(client, token, files.reply_pdf(), "same-again.pdf")
    assert again.status_code == 400
    assert "already received" in again.content.decode()
    assert Reply.objects.count() == 2


def test_wrong_type_is_refused_by_content(client, token):
    response = upload(client, token, files.EXECUTABLE, "reply.pdf")
    assert response.status_code == 400
    assert "is not a PDF, DOCX or an image" in response.content.decode()
    assert upload(client, token, files.HTML_AS_PDF, "reply.pdf").status_code == 400
    assert not Reply.objects.exists()


def test_a_damaged_docx_is_refused_with_the_reason(client, token):
    response = upload(client, token, docx_needing_zip_version_15(), "reply.docx")
    assert response.status_code == 400
    assert "reply.docx is not a readable DOCX: NotImplementedError: zip file version 15.0" in response.content.decode()
    assert not Reply.objects.exists()


def test_oversized_file_is_refused(client, token, settings):
    settings.REPLY_MAX_BYTES = 2048
    response = upload(client, token, files.reply_pdf())
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not Reply.objects.exists()


def test_expired_link_is_refused(client, token, fake_clock, settings):
    fake_clock.advance(days=settings.REPLY_LINK_DAYS + 1)
    assert client.get(f"/reply/{token}/").status_code == 404
    assert upload(client, token, files.reply_pdf()).status_code == 404
    assert not Reply.objects.exists()


def test_late_replies_are_welcome_while_the_link_lives(client, token, sent, fake_clock):
    fake_clock.advance(days=200)
    assert upload(client, token, files.reply_pdf()).status_code == 302


def test_unknown_link_is_refused(client, sent):
    assert client.get("/reply/not-a-real-token-at-all/").status_code == 404


def test_a_link_opens_only_its_own_letter(client, token, holder_minorities, holder_slavery):
    other = sent_by_hand(
        builders.drafted_case(emails=("other@company.example",), title="Other case"),
        holder_minorities,
        holder_slavery,
        on=dt.date(2021, 3, 15),
    )
    reply = Reply.objects.create(communication=other, received_on=dt.date(2021, 3, 15), text="theirs")
    assert client.get(f"/reply/{token}/receipt/{reply.pk}/").status_code == 404


def test_guessing_links_is_rate_limited(client, sent, settings):
    settings.REPLY_LINK_RATE = 3
    codes = [client.get(f"/reply/guess-{i}/").status_code for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]


def test_uploads_per_link_are_rate_limited(client, token, settings):
    settings.REPLY_LINK_RATE = 2
    codes = [upload(client, token, files.EXECUTABLE).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_no_link_before_the_letter_is_sent(client, case):
    comm = case.communications.get()
    raw = IssueReplyLink(STAFF).execute(comm)
    assert client.get(f"/reply/{raw}/").status_code == 404


# --- reviewed replies: what the addressee is told, the confidentiality request, receipts of this link only ---


def test_the_page_says_what_is_published_and_when_before_the_letter_is_public(client, token, sent):
    page = client.get(f"/reply/{token}/").content.decode()
    # Sent on 15 March 2021: public 60 days later, on 14 May 2021.
    assert "published on the public site of the Special Procedures with the letter, not before 14 May 2021" in page
    assert "and only after review by the secretariat" in page
    assert "You may ask that your reply be kept confidential" in page and 'name="reason"' in page


def test_next_to_a_public_letter_the_page_says_after_review(client, sent, fake_clock):
    published = publish(sent, fake_clock)
    raw = IssueReplyLink(STAFF).execute(published)
    page = client.get(f"/reply/{raw}/").content.decode()
    assert "next to this letter, which is already public, after review by the secretariat" in page
    assert "not before" not in page


def test_asking_for_confidentiality_needs_a_reason(client, token):
    response = client.post(
        f"/reply/{token}/",
        {"file": SimpleUploadedFile("r.pdf", files.reply_pdf()), "language": "en", "keep_confidential": "on"},
    )
    assert response.status_code == 400
    assert "Please give the reason why the reply should be kept confidential." in response.content.decode()
    response = client.post(
        f"/reply/{token}/", {"file": SimpleUploadedFile("r.pdf", files.reply_pdf()), "language": "en", "reason": "x"}
    )
    assert response.status_code == 400 and "Tick the box to ask for confidentiality" in response.content.decode()
    assert not Reply.objects.exists()


def test_the_receipt_says_what_was_asked_and_what_happens_next(client, token):
    reason = "The reply names two officials who have not yet been informed."
    response = client.post(
        f"/reply/{token}/",
        {
            "file": SimpleUploadedFile("r.docx", files.sample_reply_docx()),
            "language": "en",
            "keep_confidential": "on",
            "reason": reason,
        },
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.under_review and reply.confidentiality_reason == reason
    receipt = client.get(response["Location"]).content.decode()
    assert f"That the reply be kept confidential, because: “{reason}”" in receipt
    assert "The secretariat reviews the reply. Until it decides, nothing of it is published." in receipt
    assert "awaiting review by the secretariat, not published" in receipt


def test_receipts_list_only_what_came_through_this_link(client, token, sent):
    """Regression: the receipt showed any reply of the letter, staff-recorded ones included."""
    assert upload(client, token, files.reply_pdf(), "ours.pdf").status_code == 302
    other_link = IssueReplyLink(STAFF).execute(sent)
    assert upload(client, other_link, files.PNG, "theirs.png").status_code == 302
    by_staff = RecordReply(STAFF).execute(
        sent, received_on=dt.date(2021, 3, 15), language="en", channel=Reply.ONLINE, text="Recorded by staff."
    )
    ours = Reply.objects.get(filename="ours.pdf")
    assert client.get(f"/reply/{token}/receipt/{by_staff.pk}/").status_code == 404
    assert client.get(f"/reply/{token}/receipt/{Reply.objects.get(filename='theirs.png').pk}/").status_code == 404
    for page in (client.get(f"/reply/{token}/receipt/{ours.pk}/"), client.get(f"/reply/{token}/")):
        text = page.content.decode()
        assert "ours.pdf" in text and "theirs.png" not in text and "Recorded by staff" not in text
