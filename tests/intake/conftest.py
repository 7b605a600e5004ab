"""Intake tests: files under a temporary MEDIA_ROOT, a movable clock, personas for triage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission

from spcomms.lib import clock
from spcomms.workflow.roles import SECRETARIAT

PASSWORD = "a-long-test-password"


class FakeClock:
    def __init__(self, start: dt.datetime):
        self.current = start

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta) -> None:
        self.current += dt.timedelta(**delta)


@pytest.fixture
def fake_clock(monkeypatch):
    fake = FakeClock(dt.datetime(2021, 3, 15, 9, 0, tzinfo=dt.UTC))
    monkeypatch.setattr(clock, "now", fake)
    return fake


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def secretariat(db, django_user_model):
    user = django_user_model.objects.create_user("sec", "sec@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture
def source_reader(db, django_user_model):
    """Secretariat staff who were also granted the right to open sources."""
    user = django_user_model.objects.create_user("reader", "reader@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    user.user_permissions.add(Permission.objects.get(content_type__app_label="intake", codename="read_source"))
    return user


@pytest.fixture
def outsider(db, django_user_model):
    return django_user_model.objects.create_user("nobody", "nobody@example.org", PASSWORD)
