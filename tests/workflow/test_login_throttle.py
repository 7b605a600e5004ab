"""Login throttling (staff and admin login), argon2 first, CSRF enforced on staff forms."""

import pytest
from django.conf import settings as project_settings
from django.test import Client

from tests.workflow.conftest import PASSWORD


@pytest.fixture
def user(secretariat):
    secretariat.is_staff = True
    secretariat.save()
    return secretariat


def login(client, path, password):
    return client.post(path, {"username": "sec", "password": password})


@pytest.mark.parametrize("path", ["/staff/login/", "/admin/login/"])
def test_five_failures_lock_the_login_for_fifteen_minutes(client, user, fake_clock, path):
    for _ in range(5):
        assert login(client, path, "wrong").status_code == 200
    locked = login(client, path, PASSWORD)
    assert locked.status_code == 200 and "Too many failed logins" in locked.content.decode()
    fake_clock.advance(minutes=14)
    assert "Too many failed logins" in login(client, path, PASSWORD).content.decode()
    fake_clock.advance(minutes=2)
    assert login(client, path, PASSWORD).status_code == 302


def test_the_lock_is_per_address(client, user, fake_clock):
    for _ in range(5):
        login(client, "/staff/login/", "wrong")
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert login(elsewhere, "/staff/login/", PASSWORD).status_code == 302


def test_success_clears_the_count(client, user, fake_clock):
    for _ in range(4):
        login(client, "/staff/login/", "wrong")
    assert login(client, "/staff/login/", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "/staff/login/", "wrong")
    assert login(client, "/staff/login/", PASSWORD).status_code == 302


def test_argon2_is_the_production_hasher():
    from importlib import reload

    import spcomms.settings as production

    reload(production)
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_staff_forms_need_the_csrf_token(secretariat, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    assert client.post(f"/staff/clearance/{case.pk}/submit/").status_code == 403


def test_cookies_are_secure_outside_debug(monkeypatch):
    from importlib import reload

    import spcomms.settings as production

    monkeypatch.delenv("SPCOMMS_SECURE_COOKIES", raising=False)  # the test settings turn them off for the client
    monkeypatch.delenv("SPCOMMS_DEBUG", raising=False)
    reload(production)
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert project_settings.LOGIN_URL == "/staff/login/"
