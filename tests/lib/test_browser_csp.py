"""In Debian chromium, the strict Content-Security-Policy blocks nothing of ours: staff and public pages get their
stylesheets and report no violation (every style is a static file; no inline script or style)."""

import pytest
from django.contrib.auth.models import Group

from spcomms.workflow.roles import SECRETARIAT
from tests.browser import log_in

PASSWORD = "a-long-test-password"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_render_styled_without_csp_violations(live_server, browser_page, django_user_model):
    user = django_user_model.objects.create_user("officer", "officer@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    page, violations = browser_page, []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    log_in(page, live_server.url, "/staff/", "officer", PASSWORD)
    header = page.locator("header.top")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(20, 50, 79)"  # staff.css applied
    for path in ["/staff/cases/", "/staff/cases/new/", "/", "/communications"]:
        response = page.goto(live_server.url + path)
        assert response.status < 400, path
        assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert violations == []
