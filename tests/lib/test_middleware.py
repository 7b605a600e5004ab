"""Request size limit before parsing; CSP on every response; no-store on staff pages, reply links and downloads."""

import re
from pathlib import Path

import pytest

TEMPLATE_DIRS = [Path("spcomms"), Path("templates")]


def test_an_oversized_body_is_refused_before_it_is_read(client, settings):
    """Regression: a 200 MB POST was parsed whole before any limit applied."""
    response = client.post(
        "/staff/login/", data=b"x" * 10, content_type="application/x-www-form-urlencoded", CONTENT_LENGTH="209715200"
    )
    assert response.status_code == 413
    assert f"limit is {settings.REQUEST_MAX_BYTES:,} bytes" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/communications", "/staff/login/", "/api"])
def test_every_page_has_a_strict_content_security_policy(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_needs_unsafe_inline():
    inline = re.compile(r"<style|<script(?![^>]*\bsrc=)|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)
    offenders = [
        str(path)
        for root in TEMPLATE_DIRS
        for path in root.rglob("*.html")
        if inline.search(path.read_text()) and path.name != "standalone.html"  # a downloaded file, not a page
    ]
    assert offenders == []


@pytest.mark.django_db
def test_staff_pages_and_reply_links_are_never_stored(staff_client):
    client = staff_client
    for url in ["/staff/", "/staff/login/", "/reply/unknown-token/", "/admin/"]:
        assert client.get(url)["Cache-Control"] == "no-store, private", url
    assert "no-store" not in client.get("/communications").get("Cache-Control", "")
