"""The search page in Debian chromium on the real letters: facet values look like links, clear all filters,
compact mandates, snippets, the favicon, the no-results page; and the screenshot docs/img/search.png."""

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import SAMPLES

pytestmark = pytest.mark.browser
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "search.png"


@pytest.mark.django_db(transaction=True)
def test_search_page_polish(browser_page, live_server):
    page = browser_page
    call_command("ingest", str(SAMPLES))
    page.goto(live_server.url + "/communications?q=forced+labour")
    hits = page.locator("ol.results > li")
    assert hits.count() == 3

    link_colour = page.locator(".formats a").first.evaluate("a => getComputedStyle(a).color")
    value = page.locator(".facet li:not(.selected) a", has_text="Company").first
    assert value.evaluate("a => getComputedStyle(a).color") == link_colour
    assert "underline" in value.locator(".label").evaluate("e => getComputedStyle(e).textDecorationLine")
    assert page.locator(".facet .count", has_text="0").count() == 0

    for index in range(hits.count()):
        hit = hits.nth(index)
        assert len(hit.locator(".snippet").inner_text().strip()) > 40
        assert hit.locator(".mandates .mandate").all_inner_texts() == ["WG Business", "SR Cultural rights",
                                                                         "SR Minorities"]  # fmt: skip
        assert hit.locator(".mandates .more").inner_text() == "+4 more"

    value.click()
    assert page.locator(".facet li.selected", has_text="Company").count() == 1
    page.locator(".search-row input").wait_for()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)

    page.get_by_role("link", name="✕ Clear all filters").click()
    assert page.url == live_server.url + "/communications?q=forced+labour"
    assert page.locator(".facet li.selected").count() == 0 and hits.count() == 3

    icon = page.locator("link[rel=icon]").get_attribute("href")
    status, kind = page.evaluate(f"fetch('{icon}').then(r => [r.status, r.headers.get('content-type')])")
    assert status == 200 and kind.startswith("image/svg+xml")

    page.goto(live_server.url + "/communications?q=zanzibarxyz")
    assert page.locator(".facet h3").count() == 0
    assert "check the spelling" in page.locator(".no-results").inner_text()
    page.get_by_role("link", name="browse every published communication").click()
    assert hits.count() == 3
