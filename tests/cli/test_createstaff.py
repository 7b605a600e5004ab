"""`spcomms createstaff`: accounts for each role, holders linked to the registry, bad input refused whole."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case
from spcomms.drafting.textversion import text_hash
from spcomms.registry.models import Mandate, MandateHolder
from spcomms.workflow.actions.clearance import ApproveLetters, SubmitForClearance
from spcomms.workflow.models import HolderAccount
from spcomms.workflow.roles import MANDATE_HOLDER, REVIEWER, SECRETARIAT
from tests.workflow import builders

pytestmark = pytest.mark.django_db

MINORITIES_HOLDER = "Fernand de Varennes"  # SR minority issues in the shipped registry


def create(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("createstaff", *args, stdout=out)
    return out.getvalue()


def roles(username) -> set[str]:
    return set(get_user_model().objects.get(username=username).groups.values_list("name", flat=True))


def test_the_default_role_is_secretariat_with_the_admin(client):
    out = create("clerk")
    user = get_user_model().objects.get(username="clerk")
    assert roles("clerk") == {SECRETARIAT} and user.is_staff and not user.is_superuser
    assert out.startswith("staff account created (secretariat): username clerk  password ")
    assert client.login(username="clerk", password=out.split("password ")[1].strip())


def test_superuser_keeps_the_secretariat_role():
    create("root", "--superuser")
    user = get_user_model().objects.get(username="root")
    assert user.is_superuser and user.is_staff and roles("root") == {SECRETARIAT}


def test_a_reviewer_account():
    create("auditor", "--role", "reviewer")
    assert roles("auditor") == {REVIEWER}
    assert not HolderAccount.objects.exists()


def test_a_holder_account_is_linked_and_can_approve_for_its_mandate():
    out = create("varennes", "--role", "holder", "--holder", "fernand  DE varennes", "--password", "a-long-password")
    user = get_user_model().objects.get(username="varennes")
    assert roles("varennes") == {MANDATE_HOLDER}
    assert not user.is_staff  # holders use /staff/, not the admin
    account = HolderAccount.objects.get(user=user)
    assert account.holder.name == MINORITIES_HOLDER
    assert "approves for Fernand de Varennes (Special Rapporteur on minority issues)" in out
    assert AuditEvent.objects.filter(action="holderaccount.created", object_id=str(account.pk)).exists()

    case = builders.drafted_case(mandates=(builders.MINORITIES,))
    SubmitForClearance("test").execute(case)
    ApproveLetters(user).execute(case, builders.mandate(builders.MINORITIES), text_hash(case))
    assert Case.objects.get(pk=case.pk).status == Case.APPROVED


def test_the_audit_entries_never_hold_the_password():
    create("clerk", "--password", "a-long-password")
    events = AuditEvent.objects.filter(object_type="auth.user")
    assert {e.action for e in events} == {"user.created", "user.role_added"}
    assert all("password" not in (e.after or {}) for e in events)
    assert all(e.actor_label == "cli:createstaff" for e in events)


def test_running_again_resets_the_password_and_adds_the_role(client):
    create("clerk", "--role", "reviewer", "--password", "first-password-1")
    create("clerk", "--password", "second-password-2")
    assert roles("clerk") == {REVIEWER, SECRETARIAT}
    assert client.login(username="clerk", password="second-password-2")
    assert AuditEvent.objects.filter(action="user.password_reset").count() == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "holder"], r"--role holder needs --holder"),
        (["--holder", MINORITIES_HOLDER], r"--holder is only for --role holder"),
        (["--role", "holder", "--holder", "Fernand de Varenes"], r"no mandate holder named .* did you mean"),
        (
            ["--role", "holder", "--holder", "Nobody At All"],
            r"no mandate holder named 'Nobody At All' in the registry$",
        ),
        (["--role", "holder", "--holder", "  "], r"the mandate holder's name is empty"),
        (["--role", "chair"], r"invalid choice: 'chair'"),
        (["--email", "not-an-email"], r"'not-an-email' is not an e-mail address"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_saved(args, message):
    with pytest.raises(CommandError, match=message):
        create("someone", *args)
    assert not get_user_model().objects.filter(username="someone").exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("username", ["a b/c", "name with spaces", "semi;colon", "", "x" * 151])
def test_invalid_usernames_are_refused(username):
    with pytest.raises(CommandError, match=r"^username '.*': "):
        create(username)
    assert not get_user_model().objects.exists()


def test_a_name_that_several_holders_share_needs_the_mandate():
    other = Mandate.objects.exclude(title=builders.MINORITIES).first()
    MandateHolder.objects.create(mandate=other, name=MINORITIES_HOLDER, printed_title="Namesake")
    with pytest.raises(CommandError, match=r"names 2 mandate holders: .*minority issues.*'Name \(Mandate title\)'"):
        create("varennes", "--role", "holder", "--holder", MINORITIES_HOLDER)
    assert not get_user_model().objects.exists()

    create("varennes", "--role", "holder", "--holder", f"{MINORITIES_HOLDER} ({other.title})")
    assert HolderAccount.objects.get().holder.mandate == other


def test_of_several_terms_of_one_mandate_the_latest_is_taken():
    current = MandateHolder.objects.get(name=MINORITIES_HOLDER)
    earlier = MandateHolder.objects.create(
        mandate=current.mandate,
        name=MINORITIES_HOLDER,
        printed_title=current.printed_title,
        term_start=dt.date(2010, 1, 1),
        term_end=dt.date(2012, 1, 1),
    )
    create("varennes", "--role", "holder", "--holder", MINORITIES_HOLDER)
    assert HolderAccount.objects.get().holder == current != earlier


def test_names_outside_ascii_match_whatever_their_case():
    mandate = Mandate.objects.get(title=builders.SLAVERY)
    holder = MandateHolder.objects.create(mandate=mandate, name="Ólafur Ängström", printed_title="Member")
    create("olafur", "--role", "holder", "--holder", "ÓLAFUR ÄNGSTRÖM")
    assert HolderAccount.objects.get().holder == holder
