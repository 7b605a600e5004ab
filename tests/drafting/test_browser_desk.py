"""A secretariat officer drafts a case in the browser, from login to the downloaded PDF and DOCX (issue 4, Tests)."""

import io

import docx
import pypdfium2
import pytest
from django.contrib.auth.models import Group

from spcomms.workflow.roles import SECRETARIAT
from tests.browser import log_in, screenshot
from tests.drafting.builders import MINORITIES, STATE_SET, SUPPLY_CHAIN_SET

PASSWORD = "a-long-test-password"
GP13 = "Guiding Principle 13: avoid causing, prevent or mitigate adverse impacts (v1)"


@pytest.fixture
def officer(django_user_model):
    """A secretariat account as `createstaff` makes it: the desk must work with the role's permissions alone."""
    user = django_user_model.objects.create_user("officer", "officer@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    assert not user.is_superuser
    return user


def click(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def follow(page, name):
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).first.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_generate_preview_and_download(live_server, browser_page, officer):
    page = browser_page
    log_in(page, live_server.url, "/staff/cases/", "officer", PASSWORD)
    screenshot(page, "1-case-list")

    follow(page, "New case")
    page.fill("#id_title", "Forced labour in garment factories")
    page.select_option("#id_type", "AL")
    page.fill("#id_letter_date", "2021-03-12")
    page.select_option("#id_mandates-0-mandate", label=MINORITIES)
    screenshot(page, "2-new-case")
    click(page, "Create case")
    assert "Case created" in page.content()

    follow(page, "Letter text and annex")
    page.fill("#id_facts", "Workers are allegedly moved to factories against their will.[^1]")
    page.fill("#id_notes-0-text", "See the report of 2020.")
    page.select_option(
        "#id_clauses-0-clause",
        label="Guiding Principle 13: avoid causing, prevent or mitigate adverse impacts (ungp-13, v1)",
    )
    screenshot(page, "3-letter-text")
    click(page, "Save text")

    for name, question_set in (("State concerned", STATE_SET), ("Companies", SUPPLY_CHAIN_SET)):
        follow(page, "New addressee group")
        page.fill("#id_name", name)
        page.select_option("#id_question_set", label=question_set)
        click(page, "Save group")

    follow(page, "Add addressee")
    page.select_option("#id_group", label="State concerned")
    page.select_option("#id_existing", label="China (State)")
    click(page, "Add")
    follow(page, "Add addressee")
    page.select_option("#id_group", label="Companies")
    page.fill("#id_company", "Acme Textiles Ltd.")
    page.select_option("#id_honorific", "Ms.")
    page.fill("#id_person", "Jane Roe")
    screenshot(page, "4-add-addressee")
    click(page, "Add")

    # the stock supply-chain questions leave the affected people and abuses to the case
    follow(page, "Case-specific words")
    for index, words in enumerate(["garment workers", "their right to leave", "forced labour", "migrant workers"]):
        page.fill(f"#id_word-{index}", words)
    click(page, "Save")
    assert "Case-specific words saved." in page.content()

    click(page, "Generate letters")
    assert "2 letter(s) generated." in page.content()
    screenshot(page, "5-case")

    follow(page, "AL CHN 1/2021")
    assert page.locator("article.letter .salutation").inner_text() == "Excellency,"
    follow(page, "AL OTH 1/2021")
    assert page.locator("article.letter .salutation").inner_text() == "Dear Ms. Jane Roe,"
    assert "also sent to the Government of China." in page.locator("article.letter").inner_text()
    screenshot(page, "6-preview")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF", exact=True).click()
    content = open(pdf.value.path(), "rb").read()
    assert content.startswith(b"%PDF")
    text = "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(content))
    assert "AL OTH 1/2021" in text and "Jane Roe" in text

    with page.expect_download() as word:
        page.get_by_role("link", name="DOCX", exact=True).click()
    paragraphs = docx.Document(io.BytesIO(open(word.value.path(), "rb").read())).paragraphs
    assert "Dear Ms. Jane Roe," in [p.text for p in paragraphs]
