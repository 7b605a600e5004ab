"""`spcomms demo`: personas with their logins and a case in each state of the procedure, made by the actions."""

import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.registry.models import HolderAccount
from spcomms.workflow.demo import SAMPLE_MANDATES, SPECS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def december_2026(fake_clock):
    """A fixed day: the demo dates its cases back from today, and picks the holders in office then."""
    fake_clock.current = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", password="demo-password-1", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def by_title(stage: str) -> Case:
    return Case.objects.get(title=next(s.title for s in SPECS if s.stage == stage))


def test_the_demo_makes_personas_and_a_case_in_each_state():
    printed = run_demo()
    assert "Start at http://127.0.0.1:8000/staff/" in printed and "password: demo-password-1" in printed
    assert authenticate(username="secretariat", password="demo-password-1") is not None
    assert HolderAccount.objects.filter(holder__mandate__title__in=SAMPLE_MANDATES).count() == 7
    for username in ("secretariat", "admin", "sr-minorities", "sr-cultural-rights", "wg-business"):
        assert f"  {username} " in printed
    assert "approves letters for SR Minorities as Nicolas Levrat" in printed

    assert by_title("drafting").status == Case.DRAFT and not by_title("drafting").communications.exists()
    clearance = by_title("clearance")
    assert clearance.status == Case.IN_CLEARANCE and clearance.approvals.count() == 1
    sending = by_title("sending")  # one letter left, the other waits for its dispatch to be recorded
    assert sending.status == Case.SENDING
    statuses = sorted(sending.communications.values_list("status", flat=True))
    assert statuses == [Communication.PREPARED, Communication.SENT]
    awaiting = by_title("awaiting")
    assert awaiting.status == Case.SENT
    assert set(awaiting.communications.values_list("status", flat=True)) == {Communication.SENT}
    replied = by_title("replied").communications.get(addressee__kind="company")
    assert replied.status == Communication.REPLIED and replied.published_at is None
    published = by_title("published").communications.all()
    assert published.count() == 2 and all(c.published_at for c in published)
    # made on its own day: approved before it was dispatched, 75 days ago
    last_approval = max(a.approved_at for a in by_title("published").approvals.all())
    assert all(last_approval <= c.sent_at for c in published)
    assert {c.sent_at.date() for c in published} == {dt.date(2026, 9, 17)}
    # made by the people of the procedure, through its actions
    generated = AuditEvent.objects.filter(action="communication.generated").values_list("actor_label", flat=True)
    assert set(generated) == {"secretariat"}
    approvers = set(AuditEvent.objects.filter(action="case.mandate_approved").values_list("actor_label", flat=True))
    assert approvers == {"sr-cultural-rights", "sr-minorities"}


def test_running_it_again_resets_the_passwords_and_keeps_the_cases():
    run_demo()
    cases = Case.objects.count()
    out = io.StringIO()
    call_command("demo", password="another-password-2", stdout=out, stderr=io.StringIO())
    assert Case.objects.count() == cases and "made by an earlier run" in out.getvalue()
    assert authenticate(username="sr-minorities", password="another-password-2") is not None
    assert get_user_model().objects.filter(username="sr-minorities").count() == 1
