"""/submit/status/: the receipt code opens the thread; answers and files; look-ups throttled per address and code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from spcomms.intake.actions import WriteToSubmitter
from spcomms.intake.models import Message, Submission
from spcomms.intake.records import body_of
from spcomms.lib import receipts

from .helpers import PDF, STATUS, direct_submission

pytestmark = pytest.mark.django_db


def _open(client, code, **extra):
    return client.post(STATUS, {"code": code}, **extra)


def test_the_code_opens_the_messages_and_the_submitter_answers_with_a_file(client, secretariat):
    submission, code = direct_submission()
    WriteToSubmitter(secretariat).execute(submission, "When exactly was he transferred?")
    response = _open(client, receipts.display(code))  # typed with spaces, as shown
    assert response.status_code == 302
    page = client.get(STATUS).content.decode()
    assert "When exactly was he transferred?" in page and "asked you for more information" in page
    answer = client.post(STATUS, {"body": "On 3 March 2021.", "files": [SimpleUploadedFile("order.pdf", PDF)]})
    assert answer.status_code == 302
    message = Message.objects.get(direction=Message.FROM_SUBMITTER)
    assert body_of(message) == "On 3 March 2021." and message.files.get().kind == "pdf"
    assert "order.pdf" in client.get(STATUS).content.decode()


def test_a_wrong_or_malformed_code_says_so(client):
    direct_submission()
    wrong = _open(client, "1234 5678 9012 3456")
    assert wrong.status_code == 400 and "No submission has this receipt code" in wrong.content.decode()
    short = _open(client, "12345")
    assert short.status_code == 400 and "16 digits" in short.content.decode()


def test_failed_look_ups_lock_the_address(client, settings):
    settings.INTAKE_LOOKUP_RATE = 3
    submission, code = direct_submission()
    for guess in range(3):
        _open(client, f"{guess:016d}")
    assert _open(client, code).status_code == 429  # even the right code, from this address, for an hour
    assert _open(Client(REMOTE_ADDR="10.9.9.9"), code).status_code == 302  # another address is not affected


def test_look_ups_of_one_code_are_limited_from_every_address(settings):
    settings.INTAKE_CODE_RATE = 2
    submission, code = direct_submission()
    assert _open(Client(REMOTE_ADDR="10.0.0.1"), code).status_code == 302
    assert _open(Client(REMOTE_ADDR="10.0.0.2"), code).status_code == 302
    assert _open(Client(REMOTE_ADDR="10.0.0.3"), code).status_code == 429


def test_the_throttle_never_stores_the_code(client):
    from spcomms.workflow.models import Throttle

    submission, code = direct_submission()
    _open(client, code)
    assert Throttle.objects.exists() and not any(code in key for key in Throttle.objects.values_list("key", flat=True))


def test_the_opened_page_closes_after_its_time(client, fake_clock, settings):
    submission, code = direct_submission()
    _open(client, code)
    fake_clock.advance(minutes=settings.INTAKE_STATUS_MINUTES + 1)
    assert 'name="code"' in client.get(STATUS).content.decode()


def test_a_closed_submission_takes_no_answer(client, secretariat):
    from spcomms.intake.actions import MoveSubmission

    submission, code = direct_submission()
    MoveSubmission(secretariat).execute(submission, Submission.NOT_TAKEN_UP, "outside the mandates")
    _open(client, code)
    page = client.get(STATUS).content.decode()
    assert "Not taken up." in page and 'name="body"' not in page
    assert client.post(STATUS, {"body": "more"}).status_code == 400
    assert not Message.objects.exists()


def test_a_code_hashed_before_the_argon2id_parameters_changed_still_opens(client):
    from argon2.low_level import Type, hash_secret_raw

    submission, code = direct_submission()
    old_hash = hash_secret_raw(code.encode(), b"spcomms-intake-receipt-v1", 3, 4096, 1, 32, Type.ID).hex()
    Submission.objects.filter(pk=submission.pk).update(receipt_hash=old_hash)
    assert _open(client, code).status_code == 302
    assert client.session["intake_status"]["id"] == submission.pk
