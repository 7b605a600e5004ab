"""Staff sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after login."""

import pytest


@pytest.fixture
def short_sessions(settings):
    settings.SESSION_IDLE_MINUTES = 30
    settings.SESSION_MAX_HOURS = 10


def test_an_idle_session_ends(client, secretariat, fake_clock, short_sessions):
    client.force_login(secretariat)
    assert client.get("/staff/").status_code == 200
    fake_clock.advance(minutes=29)
    assert client.get("/staff/").status_code == 200
    fake_clock.advance(minutes=31)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_an_active_session_ends_at_its_absolute_lifetime(client, secretariat, fake_clock, short_sessions):
    client.force_login(secretariat)
    for _ in range(25):  # a request every 25 minutes (never idle) up to 10 hours
        assert client.get("/staff/").status_code == 200
        fake_clock.advance(minutes=25)
    assert client.get("/staff/").status_code == 302  # 625 minutes after login


def test_production_defaults_are_short(monkeypatch):
    from importlib import reload

    import spcomms.settings as production

    monkeypatch.delenv("SPCOMMS_SESSION_IDLE_MINUTES", raising=False)
    monkeypatch.delenv("SPCOMMS_SESSION_MAX_HOURS", raising=False)
    reload(production)
    assert (production.SESSION_IDLE_MINUTES, production.SESSION_MAX_HOURS) == (30, 10)
    assert production.SESSION_COOKIE_AGE == 10 * 3600
