"""Browser-test helpers: Debian chromium driven by Playwright's sync API (no downloads, no pytest-playwright).

Use the `browser_page` fixture in a test marked `@pytest.mark.browser` together with pytest-django's `live_server`.
Set SPCOMMS_SCREENSHOTS=/some/dir to keep full-page screenshots taken with `screenshot(page, name)`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-quic",
]


# Module scope: a Playwright sync session must be closed before another one starts (two at once fail with
# "Sync API inside the asyncio loop"), and test modules elsewhere may start their own.
@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: apt-get install -y --no-install-recommends chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, base_url: str, start: str, username: str, password: str) -> None:
    """Open `start` (a page that needs a login), log in on whatever login page the site sends us to."""
    page.goto(base_url + start)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.press("#id_password", "Enter")


def staff_page(chromium, base_url: str, username: str, password: str):
    """A new browser context logged in as `username` on the staff login page, left on /staff/."""
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/staff/")
    return page


def screenshot(page, name: str) -> None:
    folder = os.environ.get("SPCOMMS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
