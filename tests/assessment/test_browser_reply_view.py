"""In a real browser: a reviewer opens a read reply, shows a question's passages, corrects a label."""

import pytest

from spcomms.assessment.models import QuestionLabel
from tests.browser import log_in, screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reviewer_reads_and_corrects(browser_page, live_server, reviewer, read_reply_135):
    page = browser_page
    log_in(page, live_server.url, f"/staff/assessment/replies/{read_reply_135.pk}/", "reviewer", "a-long-test-password")
    assert page.locator("#question-7 [data-label]").inner_text() == "Answered"
    page.click("#question-7 .show-evidence")
    active = page.locator("mark.active")
    assert active.count() >= 1 and "grievance mechanism" in active.first.inner_text()
    screenshot(page, "assessment-reply")
    page.select_option("#question-8 select", "partly")
    page.fill("#question-8 input[type=text]", "says what was not done")
    with page.expect_navigation():
        page.click("#question-8 button[type=submit]")
    assert page.locator("#question-8 [data-label]").inner_text() == "Partly answered"
    assert "changed by reviewer" in page.locator("#question-8").inner_text()
    label = QuestionLabel.objects.get(assessment__reply=read_reply_135, number=8)
    assert (label.machine_label, label.label) == ("not_addressed", "partly")
