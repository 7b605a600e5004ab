"""Staff pages: the session picker with overrides, the staff statistics, the dashboard's press flag; roles."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User

from spcomms.cases.models import Communication
from spcomms.reports.models import SessionOverride
from spcomms.reports.report import build_report

from .conftest import reply


def _client(client, role):
    user = User.objects.create_user(f"u-{role}".replace(" ", "-"), password="a-long-test-password")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


@pytest.fixture
def secretariat(db, client):
    return _client(client, "secretariat")


def test_an_override_changes_the_symbol_and_window_and_needs_a_reason(march_case, secretariat):
    url = "/staff/reports/48/override/"
    secretariat.post(url, {"symbol": "A/HRC/48/3/Rev.1", "reason": ""})
    assert not SessionOverride.objects.exists()
    secretariat.post(url, {"symbol": "A/HRC/48/3/Rev.1", "sent_to": "2021-03-11", "reason": "corrected by DCM"})
    report = build_report(48)
    assert report["symbol"] == "A/HRC/48/3/Rev.1" and report["communications"] == []  # the letters are of 12 March
    assert secretariat.post(url, {"sent_from": "2021-05-01", "sent_to": "2021-03-01", "reason": "x"}).status_code == 302
    assert SessionOverride.objects.get().sent_to == dt.date(2021, 3, 11)  # the inverted window was refused


def test_the_draft_in_every_format_for_staff_only(march_case, secretariat, client):
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("json", b"{"), ("html", b"<!doctype")):
        assert secretariat.get(f"/staff/reports/48/draft.{fmt}").content.startswith(start)
    client.logout()
    assert client.get("/staff/reports/48/draft.json").status_code == 302


def test_the_session_page_says_what_the_report_leaves_out(march_case, secretariat):
    Communication.objects.filter(ref_number=167).update(on_hold=True, hold_reason="reprisals")
    page = secretariat.get("/staff/reports/?session=48").content.decode()
    assert "0 letter(s) of the period not yet published, 1 held" in page
    assert secretariat.get("/staff/reports/?session=3").status_code == 404


def test_staff_statistics_show_overdue_letters_and_reply_rates(march_case, secretariat):
    Communication.objects.filter(ref_number=167).update(status=Communication.AWAITING, reply_due=dt.date(2021, 5, 11))
    reply(Communication.objects.get(ref_number=135), dt.date(2021, 6, 1), text="A second reply.")
    page = secretariat.get("/staff/statistics/")
    assert page.context["overdue_count"] == 1
    assert page.context["time_to_reply"] == {"answered": 2, "median": 56, "p90": 56, "within_60": 2}
    rows = page.context["per_mandate"]
    per_mandate = {r["case__casemandate__mandate__short"]: (r["letters"], r["replied"]) for r in rows}
    assert per_mandate["SR Slavery"] == (3, 2)


def test_the_dashboard_flags_a_case_announcing_a_press_release(march_case, secretariat):
    assert f'data-press-flag="{march_case.pk}"' in secretariat.get("/staff/").content.decode()


def test_a_reviewer_cannot_publish_or_override(march_case, client):
    reviewer = _client(client, "reviewer")
    assert reviewer.get("/staff/reports/?session=48").status_code == 200
    assert reviewer.post("/staff/reports/48/publish/").status_code == 403
    assert reviewer.post("/staff/reports/48/override/", {"reason": "x"}).status_code == 403
