"""The public form at /submit/: steps saved as typed, checks that name what is wrong, files kept, the receipt."""

import re

import pytest

from spcomms.intake.models import Attachment, IntakeDraft, Submission
from spcomms.lib import receipts

from .helpers import PDF, PNG, form_values, post_step, submit

pytestmark = pytest.mark.django_db


def test_a_submission_in_five_steps_gives_a_receipt_code_stored_only_as_its_hash(client):
    code, response = submit(client)
    assert len(code) == 16 and code.isdigit()
    assert "no-store" in response["Cache-Control"]
    submission = Submission.objects.get()
    assert submission.receipt_hash == receipts.code_hash(code) and code not in submission.receipt_hash
    assert submission.files.count() == 1 and submission.state == Submission.NEW
    assert IntakeDraft.objects.count() == 0  # the draft became the submission
    assert code not in client.get("/submit/status/").content.decode()  # shown once


def test_each_step_is_saved_and_shown_again_when_the_visitor_comes_back(client):
    values = form_values()
    post_step(client, 1, values[1])
    post_step(client, 2, values[2])
    page = client.get("/submit/step/1/").content.decode()
    assert 'value="Amina Rahimova"' in page and 'value="amina@example.org"' in page
    assert "Dilnur Tursun" in client.get("/submit/step/2/").content.decode()


def test_a_failed_step_keeps_every_field_and_the_file_that_was_attached(client):
    values = form_values()
    for step in (1, 2, 3):
        post_step(client, step, values[step])
    values[4]["mandates"] = ["999999"]  # not a mandate: the step fails
    response = post_step(client, 4, values[4] | {"confidential_parts": "my brother's name"}, files=[("a.png", PNG)])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing you typed has been lost" in page and "my brother&#x27;s name" in page
    assert "a.png" in page and Attachment.objects.filter(draft__isnull=False).count() == 1
    assert "Amina Rahimova" in client.get("/submit/step/1/").content.decode()


def test_a_file_that_is_not_a_document_is_refused_by_name_and_the_rest_kept(client):
    values = form_values()
    for step in (1, 2, 3):
        post_step(client, step, values[step])
    response = post_step(client, 4, values[4], files=[("virus.pdf", b"MZ\x90\x00" + b"\0" * 50), ("ok.pdf", PDF)])
    page = response.content.decode()
    assert response.status_code == 400 and "virus.pdf" in page and "judged by its content" in page
    assert [a.kind for a in Attachment.objects.all()] == ["pdf"]


def test_too_large_a_file_is_refused_with_the_limit(client, settings):
    settings.INTAKE_MAX_FILE_BYTES = 2048
    values = form_values()
    for step in (1, 2, 3):
        post_step(client, step, values[step])
    response = post_step(client, 4, values[4], files=[("big.pdf", PDF + b"0" * 4096)])
    assert response.status_code == 400 and "the limit is 2,048 bytes" in response.content.decode()
    assert not Attachment.objects.exists()


def test_anonymous_or_unreachable_submitters_are_told_what_is_missing(client):
    response = post_step(client, 1, form_values(name="", email="")[1])
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required" in page and "at least one way to reach you" in page


def test_the_detention_and_disappearance_working_groups_take_only_the_person_family_or_representative(client):
    from spcomms.registry.models import Mandate

    values = form_values(submitter_kind="organisation")
    for step in (1, 2, 3):
        post_step(client, step, values[step])
    wgad = Mandate.objects.get(short="WG Detention")
    response = post_step(client, 4, values[4] | {"mandates": [str(wgad.pk)]})
    assert response.status_code == 400
    assert "accepts information only from the person concerned" in response.content.decode()


def test_the_mandate_choices_carry_plain_language_descriptions(client):
    values = form_values()
    for step in (1, 2, 3):
        post_step(client, step, values[step])
    page = client.get("/submit/step/4/").content.decode()
    assert "arrested or held without a legal basis" in page  # the Working Group on Arbitrary Detention
    assert re.search(r'class="mandate-description">Information about [^<]+\.<', page)  # made from a title


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(client):
    response = post_step(client, 1, form_values()[1] | {"website": "http://spam.example"})
    assert response.status_code == 400 and "meant to stay empty" in response.content.decode()
    assert not IntakeDraft.objects.exists()


def test_steps_cannot_be_skipped(client):
    assert client.get("/submit/step/4/")["Location"] == "/submit/step/1/"
    post_step(client, 1, form_values()[1])
    assert client.get("/submit/step/4/")["Location"] == "/submit/step/2/"
    assert client.get("/submit/step/9/").status_code == 404


def test_back_saves_without_checking(client):
    values = form_values()
    post_step(client, 1, values[1])
    response = post_step(client, 2, {"victims_kind": "", "victims_names": "half-typed"}, go="back")
    assert response.status_code == 302 and response["Location"] == "/submit/step/1/"
    assert "half-typed" in client.get("/submit/step/2/").content.decode()


def test_the_form_works_in_french_and_spanish_strings_are_marked(client):
    from spcomms.intake.forms import SubmitterForm

    assert type(SubmitterForm.base_fields["name"].label).__name__ == "__proxy__"  # gettext_lazy
    response = client.get("/submit/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200 and '<html lang="fr">' in response.content.decode()


def test_submissions_per_address_are_limited(client, settings):
    settings.INTAKE_SUBMIT_RATE = 2
    submit(client)
    submit(client)
    values = form_values()
    for step in (1, 2, 3, 4):
        post_step(client, step, values[step])
    response = post_step(client, 5, values[5])
    assert response.status_code == 429 and Submission.objects.count() == 2


def test_a_refused_account_keeps_the_state_chosen(client):
    values = form_values()
    post_step(client, 1, values[1])
    post_step(client, 2, values[2])
    response = post_step(client, 3, values[3] | {"narrative": "too short"})
    page = response.content.decode()
    assert response.status_code == 400 and "Tell us what happened" in page
    states = page[page.index('<select name="country"') : page.index("</select>", page.index('<select name="country"'))]
    assert '<option value="CHN" selected>' in states and states.count(" selected>") == 1
