"""A holder's inbox on /staff/: the letters awaiting *their* approval, and nothing once they approved."""

from spcomms.workflow.actions.clearance import SubmitForClearance
from tests.workflow.procedure import STAFF, approve


def test_a_holder_sees_the_letters_awaiting_their_approval(client, case, holder_minorities, holder_slavery):
    client.force_login(holder_minorities)
    page = client.get("/staff/").content.decode()
    assert 'id="inbox"' in page and "Nothing awaits your approval" in page  # not submitted yet
    SubmitForClearance(STAFF).execute(case)
    page = client.get("/staff/").content.decode()
    letter = case.communications.get()
    assert 'Awaiting your approval <span class="pill">1</span>' in page
    assert case.title in page and letter.reference in page and "SR Slavery" in page  # the other one still to approve
    assert f'href="/staff/clearance/{case.pk}/">Read and approve' in page
    case.refresh_from_db()
    approve(case, holder_minorities)
    page = client.get("/staff/").content.decode()
    assert "Nothing awaits your approval" in page
    client.force_login(holder_slavery)
    page = client.get("/staff/").content.decode()
    assert "nobody else: yours is the last approval" in page


def test_the_secretariat_sees_its_next_steps_and_no_inbox(client, secretariat, case, holder_minorities):
    SubmitForClearance(STAFF).execute(case)
    client.force_login(secretariat)
    page = client.get("/staff/").content.decode()
    assert 'id="inbox"' not in page and 'id="tasks"' in page
    # holder_slavery has no account here: clearance cannot finish, and the secretariat is told
    assert "no holder account can approve for SR Slavery: create one" in page


def test_a_holder_account_without_a_mandate_is_told_why_nothing_comes(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("unlinked", "u@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name="mandate holder"))
    client.force_login(user)
    page = client.get("/staff/").content.decode()
    assert "Your account is not linked to a mandate holder" in page


def test_an_edit_after_approval_puts_the_case_back_in_the_inbox(client, case, holder_minorities, holder_slavery):
    from tests.workflow import builders

    SubmitForClearance(STAFF).execute(case)
    case.refresh_from_db()
    approve(case, holder_minorities)
    client.force_login(holder_minorities)
    assert "Nothing awaits your approval" in client.get("/staff/").content.decode()
    builders.edit_draft(case, "Workers are allegedly moved to factories far from home.")  # approvals start over
    page = client.get("/staff/").content.decode()
    assert 'Awaiting your approval <span class="pill">1</span>' in page and case.title in page
