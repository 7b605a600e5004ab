"""Screenshots of the staff pages for docs/img, taken from a running demo (`make demo`, or `spcomms demo` then
`spcomms serve`), as its people see them.

    .venv/bin/python scripts/demo-screenshots.py http://127.0.0.1:8000 PASSWORD docs/img

PASSWORD is the one `spcomms demo` printed. Uses Debian chromium through Playwright, like the browser tests.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def log_in(browser, base: str, username: str, password: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/staff/")
    return page


def case_link(page, title_part: str) -> str:
    """The desk URL of the demo case whose title contains `title_part` (from the case list)."""
    page.goto(page.url.split("/staff/")[0] + "/staff/cases/")
    href = page.locator("a", has_text=re.compile(re.escape(title_part))).first.get_attribute("href")
    return page.url.split("/staff/")[0] + href


def main(base: str, password: str, folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = log_in(browser, base, "secretariat", password)
        page.screenshot(path=str(out / "dashboard.png"), full_page=True)
        desk = case_link(page, "hydropower dam")
        page.goto(desk)
        page.screenshot(path=str(out / "desk.png"), full_page=True)
        page.click("#to-clearance")
        page.screenshot(path=str(out / "clearance.png"), full_page=True)
        page.context.close()
        page = log_in(browser, base, "sr-minorities", password)
        page.screenshot(path=str(out / "holder-inbox.png"), full_page=True)
        page.context.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
