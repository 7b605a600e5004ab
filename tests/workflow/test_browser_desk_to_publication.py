"""The daily procedure in a browser, as its people do it: the secretariat generates and submits on the desk, two
holders approve from their inbox, the secretariat records both dispatches by hand and a reply, the worker publishes
60 days later; a holder who tries a secretariat page gets the refused page.

With SPCOMMS_SCREENSHOTS=DIR the test keeps its screenshots (desk, clearance, dashboard, holder-inbox, refused);
those in docs/img are taken from the demo by scripts/demo-screenshots.py.
"""

import pytest

from spcomms.cases.models import Case, Communication
from spcomms.lib.references import slug_of
from spcomms.workflow import worker
from tests.browser import screenshot, staff_page
from tests.drafting.builders import MINORITIES, SLAVERY, ready_case
from tests.workflow.conftest import PASSWORD, holder_of


@pytest.fixture
def people(django_user_model, secretariat):
    return {
        "sec": secretariat,
        "minorities": holder_of(django_user_model, MINORITIES, "sr-minorities"),
        "slavery": holder_of(django_user_model, SLAVERY, "sr-slavery"),
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_desk_clearance_dispatch_reply_publication(chromium, live_server, fake_clock, people):
    base = live_server.url
    case = ready_case(mandates=(MINORITIES, SLAVERY))

    page = staff_page(chromium, base, "sec", PASSWORD)
    page.goto(f"{base}/staff/cases/{case.pk}/")
    assert "Generate the letters: every problem is solved." in page.inner_text("#next-step")
    page.click("text=Generate letters")
    page.wait_for_selector("text=2 letter(s) generated.")
    assert "submit them for clearance on the clearance page" in page.inner_text("#next-step")
    screenshot(page, "desk")
    page.click("#to-clearance")
    page.click("text=Submit for clearance")
    assert page.inner_text("#case-status") == "In clearance"
    assert "Waiting for the approval of SR Minorities, SR Slavery." in page.inner_text("#next-step")
    assert "waiting for Tomoya Obokata (sr-slavery)" in page.content()
    screenshot(page, "clearance")
    page.context.close()

    for username in ("sr-minorities", "sr-slavery"):
        page = staff_page(chromium, base, username, PASSWORD)
        inbox = page.inner_text("#inbox")
        assert case.title in inbox and "AL CHN" in inbox and "AL OTH" in inbox
        if username == "sr-minorities":
            assert "SR Slavery" in inbox  # who else must approve
            screenshot(page, "holder-inbox")
        page.click("text=Read and approve")
        page.locator("form[action*='/approve/'] button").click()
        page.wait_for_selector("text=Approved for")
        page.goto(f"{base}/staff/")
        assert "Nothing awaits your approval" in page.inner_text("#inbox")
        page.context.close()
    assert Case.objects.get(pk=case.pk).status == Case.APPROVED

    page = staff_page(chromium, base, "sec", PASSWORD)
    page.goto(f"{base}/staff/clearance/{case.pk}/")
    assert page.locator("text=Send the letters").count() == 0  # no e-mail address: nothing to send
    assert page.locator("text=Prepared: no e-mail address").count() == 2
    for _ in range(2):
        page.goto(f"{base}/staff/clearance/{case.pk}/")
        page.locator("a.button", has_text="Record the dispatch").first.click()
        page.select_option("#id_channel", "note_verbale")
        page.fill("#id_sent_on", "2021-03-15")
        page.fill("#id_note", "NV 12/2021")
        page.click("text=Record dispatch")
        page.wait_for_selector("text=recorded.")
        assert "Waiting for the reply" in page.inner_text("#next-step")
    assert Case.objects.get(pk=case.pk).status == Case.SENT
    assert set(case.communications.values_list("status", flat=True)) == {Communication.SENT}

    company_letter = case.communications.get(addressee__name="Acme Textiles Ltd.")
    page.goto(f"{base}/staff/letters/{company_letter.pk}/")
    page.click("text=Record a reply")
    page.fill("#id_received_on", "2021-03-15")
    page.fill("#id_text", "We are looking into the allegations and will answer each question.")
    page.click("button:has-text('Record reply')")
    page.wait_for_selector("text=Reply recorded")
    assert page.inner_text("#letter-status") == "Replied"
    page.goto(f"{base}/staff/")
    screenshot(page, "dashboard")

    public = f"{base}/communications/{slug_of(company_letter.reference)}"
    assert page.goto(public).status == 404  # not 60 days yet
    fake_clock.advance(days=60)
    assert worker.run_once()["published"] == 2
    assert page.goto(public).status == 200
    assert company_letter.reference in page.inner_text("h1")
    reply = page.inner_text("article.reply")
    assert "Reply received 15 March 2021" in reply and "We are looking into the allegations" in reply


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_holder_refused_a_secretariat_page_sees_why(chromium, live_server, people):
    base = live_server.url
    case = ready_case(mandates=(MINORITIES, SLAVERY))
    page = staff_page(chromium, base, "sr-minorities", PASSWORD)
    page.goto(f"{base}/staff/cases/{case.pk}/")
    assert page.locator("text=Generate letters").count() == 0  # not offered to a holder
    assert page.locator("text=Add addressee").count() == 0
    response = page.goto(f"{base}/staff/cases/{case.pk}/text/")
    assert response.status == 403
    assert page.inner_text("h1") == "Not allowed"
    assert "Can change the letter text and case-specific words of a case: secretariat" in page.inner_text("#who-may")
    assert "sr-minorities" in page.inner_text("#refusal")
    screenshot(page, "refused")
