"""Personas, a movable clock, a real SMTP server (aiosmtpd on 127.0.0.1) and a drafted case for workflow tests."""

from __future__ import annotations

import datetime as dt
import email
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group

from spcomms.lib import clock
from spcomms.registry.models import HolderAccount
from spcomms.workflow.roles import MANDATE_HOLDER, REVIEWER, SECRETARIAT
from tests import factories
from tests.workflow import builders


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


# --- SMTP ----------------------------------------------------------------------------------------------------


@dataclass
class Mailbox:
    messages: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 OK"

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield mailbox
    controller.stop()


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2


# --- personas ------------------------------------------------------------------------------------------------

PASSWORD = "a-long-test-password"


def _user(django_user_model, username, role=None):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def secretariat(db, django_user_model):
    return _user(django_user_model, "sec", SECRETARIAT)


@pytest.fixture
def reviewer(db, django_user_model):
    return _user(django_user_model, "rev", REVIEWER)


@pytest.fixture
def outsider(db, django_user_model):
    return _user(django_user_model, "nobody")


def holder_of(django_user_model, title: str, username: str):
    user = _user(django_user_model, username, MANDATE_HOLDER)
    HolderAccount.objects.create(user=user, holder=factories.holder_on(builders.mandate(title)))
    return user


@pytest.fixture
def holder_minorities(db, django_user_model):
    return holder_of(django_user_model, builders.MINORITIES, "sr-minorities")


@pytest.fixture
def holder_slavery(db, django_user_model):
    return holder_of(django_user_model, builders.SLAVERY, "sr-slavery")


@pytest.fixture
def case(db):
    return builders.drafted_case()
