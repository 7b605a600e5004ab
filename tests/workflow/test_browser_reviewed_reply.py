"""In a browser: the addressee opens the reply link of a published letter, is told what will be published and when,
uploads a reply asking that it be kept confidential (with a reason), reads the receipt; the secretariat sees it
pending on the letter page and keeps it confidential; the public letter page shows no trace of it."""

import pytest
from django.contrib.auth.models import Group

from spcomms.cases.models import Reply
from spcomms.lib.references import slug_of
from spcomms.workflow.actions.replies import IssueReplyLink
from tests.browser import screenshot, staff_page
from tests.workflow import files
from tests.workflow.conftest import PASSWORD
from tests.workflow.link_replies import SENT_ON, publish
from tests.workflow.procedure import STAFF, sent_by_hand

MARKER = "Wrenfield Okapi clause"  # in the reply's text only
REASON = "The reply names two officials who have not yet been informed."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_confidential_request_reviewed_in_the_browser(
    chromium, live_server, fake_clock, case, holder_minorities, holder_slavery, django_user_model, tmp_path
):
    base = live_server.url
    staff = django_user_model.objects.create_user("sec", "sec@example.org", PASSWORD)
    staff.groups.add(Group.objects.get(name="secretariat"))
    comm = publish(sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON), fake_clock)
    link = f"{base}/reply/{IssueReplyLink(STAFF).execute(comm)}/"
    public_url = f"{base}/communications/{slug_of(comm.reference)}"

    addressee = chromium.new_context().new_page()
    addressee.goto(link)
    promise = addressee.inner_text("#what-is-published")
    assert "next to this letter, which is already public, after review by the secretariat" in promise
    assert "You may ask that your reply be kept confidential" in promise
    screenshot(addressee, "reviewed-reply-page")
    upload = tmp_path / "our-reply.docx"
    upload.write_bytes(files.sample_reply_docx(MARKER))
    addressee.set_input_files("#id_file", str(upload))
    addressee.check("#id_keep_confidential")
    addressee.click("text=Send reply")  # no reason: refused, nothing recorded
    assert "Please give the reason" in addressee.inner_text("main")
    assert not Reply.objects.exists()
    addressee.set_input_files("#id_file", str(upload))
    addressee.check("#id_keep_confidential")
    addressee.fill("#id_reason", REASON)
    addressee.click("text=Send reply")
    addressee.wait_for_selector("#receipt")
    assert REASON in addressee.inner_text("#asked")
    assert "nothing of it is published" in addressee.inner_text("#next")
    assert "our-reply.docx" in addressee.inner_text("#sent-through-link")
    screenshot(addressee, "reviewed-reply-receipt")
    reply = Reply.objects.get()

    page = staff_page(chromium, base, "sec", PASSWORD)
    assert comm.reference in page.inner_text("#reviews")
    page.click(f"#reviews a[href$='#review-{reply.pk}']")
    box = page.locator(f"#review-{reply.pk}")
    assert REASON in box.inner_text() and "awaiting review" in page.inner_text(f"#staff-reply-{reply.pk}")
    assert "Reply awaiting review" in page.inner_text("#next-step")
    screenshot(page, "reviewed-reply-pending")
    box.locator("button[value=confidential]").click()
    page.wait_for_selector("text=Reply kept confidential.")
    assert "confidential" in page.inner_text(f"#staff-reply-{reply.pk}")
    screenshot(page, "reviewed-reply-letter-page")

    public = chromium.new_context().new_page()
    assert public.goto(public_url).status == 200
    text = public.content()
    assert comm.reference in public.inner_text("h1")
    for trace in ("Wrenfield", "groundless", "our-reply.docx", REASON, reply.sha256, f"reply-{reply.pk}"):
        assert trace not in text, trace
    assert "Wrenfield" not in public.goto(public_url + ".json").text()
