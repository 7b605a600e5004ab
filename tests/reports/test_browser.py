"""The secretariat's flow in a browser: pick the next session, read the draft report and the statistics, publish the
report; the public then sees /reports/, /statistics/ and /news/. Screenshots go to $SPCOMMS_SCREENSHOTS."""

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from spcomms.lib import clock
from spcomms.reports.actions.press import PublishRelease
from tests.browser import screenshot, staff_page

from .test_press import _cleared

PASSWORD = "a-long-test-password"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_secretariat_publishes_the_48th_report_and_the_public_reads_it(
    chromium, live_server, march_case, django_user_model, monkeypatch, tmp_path
):
    monkeypatch.setattr(clock, "now", lambda: timezone.make_aware(dt.datetime(2021, 8, 20, 10)))
    staff = django_user_model.objects.create_user("sec", "sec@example.org", PASSWORD)
    staff.groups.add(Group.objects.get(name="secretariat"))
    PublishRelease(staff).execute(_cleared(march_case, staff))
    base = live_server.url
    page = staff_page(chromium, base, "sec", PASSWORD)

    page.click("text=Reports")
    selected = page.locator("#session option[selected]").inner_text()
    assert "48th session (September 2021) — next" in selected
    assert "3</strong> communications" in page.content()
    with page.expect_navigation():
        page.click("text=HTML")
    assert "A/HRC/48/3" in page.content() and "Draft" in page.content()
    page.go_back()
    page.click("text=Staff statistics")
    assert "Reply rate per mandate" in page.content()
    page.goto(f"{base}/staff/reports/?session=48")
    page.click("text=Publish the report to session 48")
    page.wait_for_url(f"{base}/reports/")

    public = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    public.goto(f"{base}/reports/")
    assert public.locator("h2 a", has_text="A/HRC/48/3").count() == 1
    screenshot(public, "reports")
    public.goto(f"{base}/statistics/")
    assert public.locator("figure.chart").count() == 4
    assert public.locator("figure.chart img").first.evaluate("img => img.naturalWidth") > 0
    screenshot(public, "statistics")
    public.goto(f"{base}/news/")
    assert public.locator("text=GENEVA (29 March 2021) –").count() == 1
    screenshot(public, "news")
    public.click("text=UN experts alarmed by forced labour in supply chains")
    public.click("text=AL OTH 135/2021")
    assert "Press releases" in public.content()

    folder = os.environ.get("SPCOMMS_SCREENSHOTS")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(public.request.get(f"{base}/reports/48.pdf").body())
    assert pdf.read_bytes().startswith(b"%PDF")
    if folder:
        pages = ["-f", "1", "-l", "1"]
        subprocess.run(["pdftoppm", "-png", "-r", "80", *pages, str(pdf), str(Path(folder) / "report-pdf")], check=True)
