"""The whole procedure in a browser: clearance by both mandates → sending (mail captured) → the addressee's online
reply → publication 60 days later → the secretariat accepts the reply → visible through the gate and on the page."""

import hashlib
import re
from urllib.parse import urljoin

import pytest

from spcomms.cases import visibility
from spcomms.cases.models import Case, Communication
from spcomms.lib.references import slug_of
from spcomms.workflow import worker
from tests.browser import staff_page
from tests.workflow import builders, files
from tests.workflow.conftest import PASSWORD, holder_of


@pytest.fixture
def browser(chromium):
    return chromium


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_from_clearance_to_publication(browser, live_server, smtp, fake_clock, django_user_model, tmp_path):
    from django.contrib.auth.models import Group

    base = live_server.url
    staff = django_user_model.objects.create_user("sec", "sec@example.org", PASSWORD)
    staff.groups.add(Group.objects.get(name="secretariat"))
    holder_of(django_user_model, builders.MINORITIES, "minorities")
    holder_of(django_user_model, builders.SLAVERY, "slavery")
    case = builders.drafted_case()
    clearance_url = f"{base}/staff/clearance/{case.pk}/"

    page = staff_page(browser, base, "sec", PASSWORD)
    page.goto(clearance_url)
    page.click("text=Submit for clearance")
    assert page.inner_text("#case-status") == "In clearance"
    page.context.close()

    for username, _short in (("minorities", "SR minorities"), ("slavery", "SR Slavery")):
        page = staff_page(browser, base, username, PASSWORD)
        page.goto(clearance_url)
        page.locator("form[action*='/approve/'] button").click()
        page.wait_for_selector("text=Approved for")
        page.context.close()
    assert Case.objects.get(pk=case.pk).status == Case.APPROVED

    page = staff_page(browser, base, "sec", PASSWORD)
    page.goto(clearance_url)
    page.click("text=Send the letters")
    page.wait_for_selector("text=queued for e-mail")
    assert worker.run_once()["sent"] == 1
    [mail] = smtp.messages
    pdf = [p for p in mail.walk() if p.get_content_type() == "application/pdf"]
    assert pdf and pdf[0].get_payload(decode=True).startswith(b"%PDF-")
    body = next(p for p in mail.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    link = re.search(r"http://127\.0\.0\.1:8000(/reply/[\w-]+/)", body).group(1)

    addressee = browser.new_context().new_page()
    addressee.goto(base + link)
    assert "Workers are allegedly transferred" in addressee.content()
    reply_file = tmp_path / "our-reply.pdf"
    reply_file.write_bytes(files.reply_pdf())
    addressee.set_input_files("#id_file", str(reply_file))
    addressee.select_option("#id_language", "fr")
    addressee.click("text=Send reply")
    addressee.wait_for_selector("#receipt")
    assert addressee.inner_text("#sha256") == hashlib.sha256(reply_file.read_bytes()).hexdigest()

    comm = Communication.objects.get(case=case)
    assert comm.status == Communication.REPLIED
    reply = comm.replies.get()
    public_url = f"{base}/communications/{slug_of(comm.reference)}"
    public_page = addressee.context.new_page()
    assert public_page.goto(public_url).status == 404  # replied, but not 60 days old: not public
    assert not visibility.published_communications(fake_clock()).exists()

    fake_clock.advance(days=59)
    assert worker.run_once()["published"] == 0
    assert public_page.goto(public_url).status == 404
    fake_clock.advance(days=1)
    assert worker.run_once()["published"] == 1
    # Sent through the link, the reply waits for the secretariat's review: published letter, no public reply yet.
    assert visibility.get_public(comm.pk, fake_clock()).replies == ()

    page.goto(f"{base}/staff/letters/{comm.pk}/")
    assert "published" in page.inner_text("#publication")
    page.locator(f"#review-{reply.pk} button[value=accept]").click()
    page.wait_for_selector("text=Reply accepted for publication.")
    public = visibility.get_public(comm.pk, fake_clock())
    assert len(public.replies) == 1 and public.replies[0].sha256

    # The public page: the letter under its reference, and the addressee's reply with its date and file.
    assert public_page.goto(public_url).status == 200
    assert comm.reference in public_page.inner_text("h1")
    assert "Workers are allegedly transferred" in public_page.content()
    article = public_page.locator(f"#reply-{reply.pk}").locator("xpath=..")
    assert "Reply received 15 March 2021" in article.inner_text()
    assert "language: fr" in article.inner_text()
    download = article.get_by_role("link", name="Download the reply")
    reply_response = public_page.request.get(urljoin(public_page.url, download.get_attribute("href")))
    assert reply_response.status == 200 and reply_response.body() == reply_file.read_bytes()
