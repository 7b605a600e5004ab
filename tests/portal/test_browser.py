"""The public site in Debian chromium: search, facet, open a letter, download it, follow a related letter."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser_page):
    return browser_page


@pytest.mark.django_db(transaction=True)
def test_search_filter_open_download_and_follow(page, live_server, register, tmp_path):
    page.goto(live_server.url + "/")
    page.get_by_label("Search letters and replies").fill("labour")
    page.get_by_role("button", name="Search").click()
    results = page.locator("ol.results > li")
    assert results.count() == 2
    assert page.locator("mark").first.inner_text().lower() == "labour"

    page.locator(".facet a", has_text="Company").click()
    assert results.count() == 1
    assert page.locator(".facet li.selected", has_text="Company").count() == 1

    page.get_by_role("link", name="AL OTH 135/2021").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("AL OTH 135/2021")
    assert page.locator("article.letter").inner_text().count("Workers were transferred") == 1

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Letter (PDF)").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.name == "AL-OTH-135-2021.pdf" and saved.read_bytes().startswith(b"%PDF")

    page.locator(".related a", has_text="AL CHN 18/2020").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("AL CHN 18/2020")
    assert page.locator(".related").inner_text().count("Reply received") == 1  # the company's letter was answered

    # Keyboard access, and a phone-sized screen (one test: live_server flushes the registry). The screenshot in
    # docs/ is taken by test_browser_search.py.
    page.goto(live_server.url + "/communications?q=labour")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/communications?q=labour")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"horizontal scrolling on a phone: {width}px"
