"""The whole intake path in a browser: a visitor submits in several steps (a mistake on the way keeps what was
typed) → receipt code → staff ask a question → the submitter answers with a file → triage → conversion into a
draft case → the case's letter cites none of the source's identity."""

import pytest
from django.contrib.auth.models import Group, Permission

from spcomms.drafting.actions import GenerateLetters
from spcomms.intake.models import Submission
from tests.browser import staff_page

from .conftest import PASSWORD
from .helpers import PDF, ready_to_generate, sample_facts

IDENTITY = ("Amina Rahimova", "Rahimova", "amina@example.org", "+44 20 7946 0000", "Dilnur Tursun", "Tursun")


def _visitor_submits(page, base, tmp_path) -> str:
    page.goto(f"{base}/submit/")
    page.check("input[name=submitter_kind][value=family]")
    page.fill("#id_name", "Amina Rahimova")
    page.fill("#id_phone", "+44 20 7946 0000")
    page.select_option("#id_language", "en")
    page.click("button[value=next]")  # no e-mail, telephone given: fine
    page.check("input[name=victims_kind][value=individual]")
    page.fill("#id_victims_names", "Dilnur Tursun")
    page.click("button[value=next]")
    page.select_option("#id_country", "CHN")
    page.check("input[name=perpetrator_kind][value=both]")
    page.fill("#id_when", "since 2019")
    page.fill("#id_place", "Xinjiang")
    page.fill("#id_narrative", "too short")
    page.click("button[value=next]")  # refused: the narrative is too short …
    assert "Tell us what happened" in page.inner_text("main")
    assert page.input_value("#id_place") == "Xinjiang"  # … and nothing typed was lost
    page.fill("#id_narrative", "Dilnur Tursun, brother of Amina Rahimova, was transferred. " + sample_facts())
    page.click("button[value=next]")
    evidence = tmp_path / "transfer-order.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#id_files", str(evidence))
    page.click("button[value=next]")
    assert "Dilnur Tursun" in page.inner_text("main")  # the summary before sending
    page.check("#id_truthful")
    page.click("button[value=next]")
    return page.inner_text("#receipt-code").replace(" ", "")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_from_submission_to_a_draft_case_whose_letter_names_no_source(
    chromium, live_server, django_user_model, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    staff = django_user_model.objects.create_user("sec", "sec@example.org", PASSWORD)
    staff.groups.add(Group.objects.get(name="secretariat"))
    staff.user_permissions.add(Permission.objects.get(codename="read_source"))

    visitor = chromium.new_context().new_page()
    visitor.set_default_timeout(15_000)
    code = _visitor_submits(visitor, base, tmp_path)
    assert len(code) == 16
    source_id = Submission.objects.get().source_id

    desk = staff_page(chromium, base, "sec", PASSWORD)
    desk.goto(f"{base}/staff/intake/")
    desk.click(f"text={source_id}")
    assert "Amina" not in desk.inner_text("main")  # triage reads the account, not the identity
    desk.fill("#id_body", "Which factory was he sent to?")
    desk.click("text=Send to the submitter")
    assert desk.inner_text("#state") == "Information requested"

    visitor.goto(f"{base}/submit/status/")
    visitor.fill("input[name=code]", code)
    visitor.click("main button[type=submit]")
    assert "Which factory was he sent to?" in visitor.inner_text("main")
    answer = tmp_path / "factory-photo.pdf"
    answer.write_bytes(PDF)
    visitor.fill("#id_body", "The factory in Hefei.")
    visitor.set_input_files("#id_files", str(answer))
    visitor.click("text=Send")
    assert "The factory in Hefei." in visitor.inner_text("main") and "factory-photo.pdf" in visitor.inner_text("main")

    desk.reload()
    assert "The factory in Hefei." in desk.inner_text("main")
    desk.click("button[value=admissible]")
    assert desk.inner_text("#state") == "Admissible"
    assert "Special Rapporteur on contemporary forms of slavery" in desk.inner_text("#suggestions")
    desk.fill("#source-reason", "to check consent by telephone")
    desk.click("text=Open the source")
    assert "+44 20 7946 0000" in desk.inner_text("#identity")
    desk.go_back()
    desk.reload()
    desk.fill("#convert input[name=title]", "Forced labour transfers from Xinjiang")
    desk.click("text=Create the draft case")
    desk.wait_for_url(f"{base}/staff/cases/*/")
    submission = Submission.objects.get()
    assert submission.state == Submission.CONVERTED

    case = ready_to_generate(submission.case)
    letter = GenerateLetters("test").execute(case)[0]
    desk.goto(f"{base}/staff/cases/{case.pk}/letters/{letter.pk}/")
    text = desk.inner_text("main")
    assert "According to the information received" in text and "Uyghur" in text and "[victim 1]" in text
    for secret in IDENTITY:
        assert secret not in text
