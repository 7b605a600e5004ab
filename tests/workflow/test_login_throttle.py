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


def test_five_failures_lock_the_login_for_fifteen_minutes(client, user, fake_clock):
    path = "/staff/login/"
    for _ in range(5):
        assert login(client, path, "wrong").status_code == 200
    locked = login(client, path, PASSWORD)
    assert locked.status_code == 200 and "Too many failed logins" in locked.content.decode()
    fake_clock.advance(minutes=14)
    assert "Too many failed logins" in login(client, path, PASSWORD).content.decode()
    fake_clock.advance(minutes=2)
    assert login(client, path, PASSWORD).status_code == 302


def test_the_username_lock_holds_from_every_address(client, user, fake_clock):
    for _ in range(5):
        login(client, "/staff/login/", "wrong")
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert "Too many failed logins" in login(elsewhere, "/staff/login/", PASSWORD).content.decode()


def test_the_admin_login_is_the_staff_login(client, user):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/staff/login/?next=/admin/"


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


@pytest.mark.django_db(transaction=True)
def test_parallel_attempts_cannot_pass_the_limit(django_user_model, monkeypatch):
    """Regression: 8 parallel POSTs had 7 wrong passwords checked, then the right one accepted (limit 5)."""
    import threading

    from django.contrib.auth.models import User

    django_user_model.objects.create_user("sec", password=PASSWORD)
    checked, lock = [], threading.Lock()
    real_check = User.check_password

    def counting_check(self, raw):
        with lock:
            checked.append(raw)
        return real_check(self, raw)

    monkeypatch.setattr(User, "check_password", counting_check)
    barrier = threading.Barrier(8)
    results = []

    def attempt(password):
        barrier.wait()
        results.append(login(Client(), "/staff/login/", password).status_code)

    threads = [threading.Thread(target=attempt, args=(f"wrong-{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and len(checked) <= project_settings.LOGIN_MAX_FAILURES
    after = login(Client(), "/staff/login/", PASSWORD)
    assert after.status_code == 200 and "Too many failed logins" in after.content.decode()


def test_one_address_spraying_many_usernames_is_locked(client, user, fake_clock, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    for number in range(20):
        client.post("/staff/login/", {"username": f"someone{number}", "password": "Winter2021!"})
    refused = login(client, "/staff/login/", PASSWORD)
    assert refused.status_code == 200 and "Too many failed logins" in refused.content.decode()
    assert login(Client(REMOTE_ADDR="10.0.0.9"), "/staff/login/", PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(client, user, fake_clock, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    via_proxy = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        via_proxy.post("/staff/login/", {"username": f"someone{number}", "password": "x"})
    assert "Too many failed logins" in login(via_proxy, "/staff/login/", PASSWORD).content.decode()
    other_client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert login(other_client, "/staff/login/", PASSWORD).status_code == 302
    spoofing = Client(REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")  # not a proxy: not believed
    for number in range(3):
        spoofing.post("/staff/login/", {"username": f"other{number}", "password": "x"})
    assert (
        "Too many failed logins"
        in login(
            Client(REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.10"), "/staff/login/", PASSWORD
        ).content.decode()
    )
