"""Two-factor login: enrolment with a real authenticator code, recovery codes, compulsory for the roles that read
sources or approve letters, the admin behind the same login. Codes are computed here from the device key (RFC 6238)."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from spcomms.audit.models import AuditEvent
from tests.workflow.conftest import PASSWORD


def totp(secret_base32: str, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret_base32), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@pytest.fixture
def compulsory(settings):
    settings.TWO_FACTOR_REQUIRED = True


def password_login(client, username) -> None:
    assert client.post("/staff/login/", {"username": username, "password": PASSWORD}).status_code == 302


def enrol(client) -> tuple[str, list[str]]:
    page = client.get("/staff/two-factor/?next=/staff/")
    secret = re.search(r'id="totp-secret">([A-Z2-7=]+)<', page.content.decode()).group(1)
    done = client.post("/staff/two-factor/", {"code": totp(secret), "next": "/staff/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    return secret, codes


def test_the_password_alone_opens_nothing_for_the_secretariat(client, secretariat, compulsory):
    password_login(client, "sec")
    for url in ["/staff/", "/staff/cases/", "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/staff/two-factor/"), url


def test_enrolment_with_a_real_code_then_login_with_a_code(client, secretariat, compulsory):
    password_login(client, "sec")
    secret, codes = enrol(client)
    assert len(codes) == 10 and TOTPDevice.objects.get(user=secretariat).confirmed
    assert client.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="two_factor.enrolled").count() == 1

    again = Client()
    password_login(again, "sec")
    assert again.get("/staff/").status_code == 302
    wrong = again.post("/staff/two-factor/", {"code": "000000"})
    assert wrong.status_code == 400 and "wrong or has expired" in wrong.content.decode()
    refused = again.post("/staff/two-factor/", {"code": totp(secret, time.time() + 30)})
    assert refused.status_code == 400  # django-otp backs off after a failure (1 s, doubling): no fast guessing
    time.sleep(1.1)
    later = totp(secret, time.time() + 30)  # the next step: the enrolment code cannot be replayed
    assert again.post("/staff/two-factor/", {"code": later, "next": "/staff/"}).status_code == 302
    assert again.get("/staff/").status_code == 200


def test_a_recovery_code_works_once(client, secretariat, compulsory):
    password_login(client, "sec")
    _, codes = enrol(client)
    for expected in (302, 400):
        other = Client()
        password_login(other, "sec")
        assert other.post("/staff/two-factor/", {"code": codes[0]}).status_code == expected
    assert AuditEvent.objects.filter(action="two_factor.recovery_code_used").count() == 1


def test_holders_need_it_and_the_setting_turns_it_off(client, holder_minorities, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(holder_minorities)
    assert client.get("/staff/")["Location"].startswith("/staff/two-factor/")
    settings.TWO_FACTOR_REQUIRED = False
    assert client.get("/staff/").status_code == 200


def test_reviewers_and_source_readers_need_it(client, reviewer, settings, django_user_model):
    from django.contrib.auth.models import Permission

    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(reviewer)
    assert client.get("/staff/")["Location"].startswith("/staff/two-factor/")
    reader = django_user_model.objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(content_type__app_label="intake", codename="read_source"))
    client.force_login(reader)
    assert client.get("/staff/")["Location"].startswith("/staff/two-factor/")
    assert not Permission.objects.filter(content_type__app_label="cases", codename__endswith="_source").exists()


def test_compulsory_by_default_outside_debug(monkeypatch):
    from importlib import reload

    import spcomms.settings as production

    monkeypatch.delenv("SPCOMMS_TWO_FACTOR_REQUIRED", raising=False)
    monkeypatch.delenv("SPCOMMS_DEBUG", raising=False)
    reload(production)
    assert production.TWO_FACTOR_REQUIRED is True
    monkeypatch.setenv("SPCOMMS_DEBUG", "1")
    reload(production)
    assert production.TWO_FACTOR_REQUIRED is False
