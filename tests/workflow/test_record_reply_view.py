"""Staff record replies that came by e-mail, post or note verbale: checked files, hashes, duplicates."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spcomms.cases.models import Reply
from tests.workflow import files
from tests.workflow.corrupt_files import docx_needing_zip_version_15
from tests.workflow.procedure import sent_by_hand


@pytest.fixture
def sent(case, holder_minorities, holder_slavery, fake_clock):
    return sent_by_hand(case, holder_minorities, holder_slavery, on=dt.date(2021, 3, 15))


def post(client, comm, data=None, name="reply.pdf", **fields):
    form = {"received_on": "2021-03-15", "language": "es", "channel": "note_verbale", "text": "", **fields}
    if data is not None:
        form["file"] = SimpleUploadedFile(name, data)
    return client.post(f"/staff/letters/{comm.pk}/replies/new/", form)


def test_record_a_reply_with_a_file(client, secretariat, sent):
    client.force_login(secretariat)
    data = files.reply_pdf()
    response = post(client, sent, data)
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.language, reply.channel, reply.received_on) == ("es", "note_verbale", dt.date(2021, 3, 15))
    assert reply.sha256 == hashlib.sha256(data).hexdigest() and reply.size == len(data)
    assert reply.text  # extracted
    download = client.get(f"/staff/replies/{reply.pk}/file/")
    assert b"".join(download.streaming_content) == data


def test_text_only_reply(client, secretariat, sent):
    client.force_login(secretariat)
    assert post(client, sent, text="The Government rejects the allegations.").status_code == 302
    assert Reply.objects.get().text == "The Government rejects the allegations."


def test_duplicate_file_is_refused(client, secretariat, sent):
    client.force_login(secretariat)
    post(client, sent, files.PNG, "scan.png")
    response = post(client, sent, files.PNG, "scan-again.png")
    assert response.status_code == 200 and "already received" in response.content.decode()
    assert Reply.objects.count() == 1


def test_wrong_type_and_oversized_files_are_refused(client, secretariat, sent, settings):
    client.force_login(secretariat)
    assert "is not a PDF, DOCX or an image" in post(client, sent, files.EXECUTABLE, "reply.docx").content.decode()
    settings.REPLY_MAX_BYTES = 1024
    assert "too large" in post(client, sent, files.reply_pdf()).content.decode()
    assert not Reply.objects.exists()


def test_a_damaged_docx_is_a_form_error(client, secretariat, sent):
    client.force_login(secretariat)
    response = post(client, sent, docx_needing_zip_version_15(), "reply.docx")
    assert response.status_code == 200  # the form again, with the error under the file field
    assert "reply.docx is not a readable DOCX: NotImplementedError: zip file version 15.0" in response.content.decode()
    assert not Reply.objects.exists()


def test_a_reply_from_the_future_is_refused(client, secretariat, sent):
    client.force_login(secretariat)
    response = post(client, sent, text="x", received_on="2030-01-01")
    assert "cannot be received in the future" in response.content.decode()
    assert not Reply.objects.exists()


def test_reviewer_cannot_record_a_reply(client, reviewer, sent):
    client.force_login(reviewer)
    assert post(client, sent, text="x").status_code == 403
    assert not Reply.objects.exists()
