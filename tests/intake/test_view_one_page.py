"""The whole public form on one page (/submit/all/): two requests, the same checks, nothing typed ever lost."""

import re

import pytest
from django.test import Client

from spcomms.audit.models import AuditEvent
from spcomms.intake.models import Attachment, IntakeDraft, Submission
from spcomms.intake.records import account_of, identity_of
from spcomms.lib import receipts
from spcomms.registry.models import Mandate

from .helpers import ONE_PAGE, PDF, form_values, one_page_data, receipt_code

pytestmark = pytest.mark.django_db


def test_every_step_is_on_the_page_with_one_honeypot_and_the_way_back_to_the_steps(client):
    page = client.get(ONE_PAGE).content.decode()
    for title in ("About you", "The alleged victims", "What happened", "Mandates, files and consent", "Check and"):
        assert title in page
    assert page.count('name="website"') == 1 and 'name="narrative"' in page and 'name="files"' in page
    assert 'href="/submit/"' in page
    assert 'href="/submit/all/"' in client.get("/submit/").content.decode()  # offered on the first step


def test_one_post_sends_the_submission_with_its_file_and_shows_the_receipt_once(client):
    response = client.post(ONE_PAGE, one_page_data())
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    code = receipt_code(response)
    submission = Submission.objects.get()
    assert submission.receipt_hash == receipts.code_hash(code)
    assert identity_of(submission)["name"] == "Amina Rahimova"
    assert "Dilnur Tursun was transferred to a factory" in account_of(submission)["narrative"]
    assert [a.kind for a in submission.files.all()] == ["pdf"] and not IntakeDraft.objects.exists()
    saved = AuditEvent.objects.get(action="intakedraft.saved")
    assert saved.after == {"steps": [1, 2, 3, 4, 5], "files_added": 1}
    assert AuditEvent.objects.filter(action="submission.received").count() == 1
    assert "intake_draft" not in client.session


def test_a_refused_page_keeps_every_field_and_the_file_and_a_second_post_sends_it(client):
    steps = form_values()
    steps[3]["narrative"] = "too short"
    steps[1]["email"] = "not an address"
    response = client.post(ONE_PAGE, one_page_data(steps))
    page = response.content.decode()
    assert response.status_code == 400 and "Nothing you typed has been lost" in page
    assert "Tell us what happened in a few sentences" in page and "Enter a valid email address" in page
    assert 'value="Amina Rahimova"' in page and "too short" in page and "evidence.pdf" in page
    assert not Submission.objects.exists() and Attachment.objects.filter(draft__isnull=False).count() == 1
    assert "too short" in client.get(ONE_PAGE).content.decode()  # the draft, read back
    fixed = form_values()
    response = client.post(ONE_PAGE, one_page_data(fixed, files=()))
    assert response.status_code == 200 and receipt_code(response)
    assert Submission.objects.get().files.count() == 1  # the file of the first try, not sent again


def test_the_steps_and_the_page_share_one_draft(client):
    steps = form_values()
    steps[5]["truthful"] = None
    assert client.post(ONE_PAGE, one_page_data(steps, go="save")).status_code == 400  # the box not ticked
    page = client.get("/submit/step/5/").content.decode()  # every step reached: the check page
    assert "Amina Rahimova" in page and "evidence.pdf" in page


def test_a_file_that_is_not_a_document_is_refused_by_name_and_the_text_kept(client):
    data = one_page_data(files=(("virus.pdf", b"MZ\x90\x00" + b"\0" * 50), ("ok.pdf", PDF)))
    response = client.post(ONE_PAGE, data)
    page = response.content.decode()
    assert response.status_code == 400 and "virus.pdf" in page and "judged by its content" in page
    assert [a.kind for a in Attachment.objects.all()] == ["pdf"] and not Submission.objects.exists()


def test_a_filled_honeypot_is_refused_and_nothing_saved(client):
    response = client.post(ONE_PAGE, one_page_data() | {"website": "http://spam.example"})
    assert response.status_code == 400 and not IntakeDraft.objects.exists() and not Attachment.objects.exists()


def test_posts_and_submissions_are_throttled_per_address(client, settings):
    settings.INTAKE_SUBMIT_RATE = 1
    assert client.post(ONE_PAGE, one_page_data()).status_code == 200
    response = client.post(ONE_PAGE, one_page_data())
    assert response.status_code == 429 and Submission.objects.count() == 1
    assert IntakeDraft.objects.count() == 1  # what was typed the second time is kept, and found again
    assert "Amina Rahimova" in client.get(ONE_PAGE).content.decode() and client.session["intake_draft"]
    settings.INTAKE_POST_RATE = 3
    client.post(ONE_PAGE, one_page_data(go="save"))  # the third post of the hour reaches the limit
    assert client.get(ONE_PAGE).status_code == 429 and client.post(ONE_PAGE, one_page_data()).status_code == 429


def _token(page: str) -> str:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[-1]


def test_the_empty_page_is_shared_but_each_visitor_gets_their_own_csrf_token():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [c.get(ONE_PAGE).content.decode() for c in (first, second)]
    tokens = [_token(p) for p in pages]
    assert tokens[0] != tokens[1] and pages[0].replace(tokens[0], "") == pages[1].replace(tokens[1], "")
    for client, token in zip((first, second), tokens, strict=True):
        response = client.post(ONE_PAGE, one_page_data() | {"csrfmiddlewaretoken": token})
        assert response.status_code == 200 and receipt_code(response)
    assert Submission.objects.count() == 2
    assert Client(enforce_csrf_checks=True).post(ONE_PAGE, one_page_data()).status_code == 403  # no token


def test_the_empty_page_follows_the_registry(client):
    mandate = Mandate.objects.filter(active=True).first()
    assert mandate.title in client.get(ONE_PAGE).content.decode()
    Mandate.objects.filter(pk=mandate.pk).update(title="Special Rapporteur on a renamed mandate")
    assert "Special Rapporteur on a renamed mandate" in client.get(ONE_PAGE).content.decode()


def test_a_send_that_fails_leaves_the_draft_to_come_back_to(client, monkeypatch):
    from django.db import OperationalError

    from spcomms.intake.actions import SubmitDraft

    def locked(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SubmitDraft, "perform", locked)
    response = client.post(ONE_PAGE, one_page_data())
    page = response.content.decode()
    assert response.status_code == 503 and "could not be sent just now" in page and 'value="Amina Rahimova"' in page
    assert not Submission.objects.exists() and IntakeDraft.objects.count() == 1
    monkeypatch.undo()
    page = client.get(ONE_PAGE).content.decode()  # the session cookie came with the 503
    assert 'value="Amina Rahimova"' in page and "evidence.pdf" in page
