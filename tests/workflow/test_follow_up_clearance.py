"""Follow-up letters: new addressees of a sent case leave only once every co-signing mandate approved them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.drafting.actions import AddAddressees, GenerateLetters
from spcomms.drafting.clearance import all_approved
from spcomms.drafting.models import AddresseeGroup, Clearance
from spcomms.drafting.textversion import text_hash
from spcomms.workflow.actions.clearance import ApproveLetters, SubmitForClearance
from spcomms.workflow.actions.dispatch import RecordManualDispatch, SendCase
from spcomms.workflow.models import Outbox
from tests import factories
from tests.workflow import builders
from tests.workflow.procedure import STAFF, approve, sent_by_hand

DAY = dt.date(2021, 3, 15)
REFUSED = "need the approval of every mandate: submit them for clearance"


@pytest.fixture
def sent_case(case, holder_minorities, holder_slavery, fake_clock):
    sent_by_hand(case, holder_minorities, holder_slavery, on=DAY)
    case.refresh_from_db()
    assert case.status == Case.SENT
    return case


def add_letter(case: Case, name: str, email: str = "") -> Communication:
    """What staff do on the drafting desk: a further company in the case's group, and its letter."""
    company = factories.company(name)
    company.email = email
    company.save()
    AddAddressees(STAFF).execute(case, [company], group=AddresseeGroup.objects.get(case=case))
    GenerateLetters(STAFF).execute(case)
    return case.communications.get(addressee=company)


def dispatch(comm: Communication) -> Communication:
    return RecordManualDispatch(STAFF).execute(comm, Communication.NOTE_VERBALE, DAY, "NV 2/2021")


def test_a_follow_up_letter_cannot_leave_without_clearance(sent_case):
    comm = add_letter(sent_case, "Beta Textiles Ltd.")
    assert comm.status == Communication.PREPARED
    with pytest.raises(ValidationError, match=REFUSED):
        dispatch(comm)
    comm.refresh_from_db()
    assert comm.status == Communication.PREPARED and comm.sent_at is None
    assert not AuditEvent.objects.filter(action="communication.sent", object_id=str(comm.pk)).exists()


def test_submit_then_every_mandate_approves_then_it_leaves_once(sent_case, holder_minorities, holder_slavery):
    comm = add_letter(sent_case, "Beta Textiles Ltd.")
    SubmitForClearance(STAFF).execute(sent_case)
    sent_case.refresh_from_db()
    assert sent_case.status == Case.SENT  # no new case status: the case stays sent
    assert Clearance.objects.get(case=sent_case).text_hash == text_hash(sent_case)
    submitted = AuditEvent.objects.filter(action="case.submitted_for_clearance").latest("id")
    assert submitted.after["follow_up"] is True and submitted.after["letters"] == [comm.reference]

    approve(sent_case, holder_minorities)
    with pytest.raises(ValidationError, match=REFUSED):  # one mandate is not enough
        dispatch(comm)
    approve(sent_case, holder_slavery)
    assert all_approved(sent_case) and sent_case.status == Case.SENT
    assert AuditEvent.objects.filter(action="case.follow_up_approved").count() == 1

    dispatch(comm)
    comm.refresh_from_db()
    assert comm.status == Communication.SENT and comm.reply_due is not None
    with pytest.raises(ValidationError, match="cannot become sent"):
        dispatch(comm)
    assert AuditEvent.objects.filter(action="communication.sent", object_id=str(comm.pk)).count() == 1


def test_approved_follow_up_letters_go_by_email_and_the_first_letters_stay_untouched(
    sent_case, holder_minorities, holder_slavery
):
    first = sent_case.communications.get(status=Communication.SENT)
    comm = add_letter(sent_case, "Beta Textiles Ltd.", email="ceo@beta.example")
    with pytest.raises(ValidationError, match=REFUSED):
        SendCase(STAFF).execute(sent_case)
    assert not Outbox.objects.exists()
    SubmitForClearance(STAFF).execute(sent_case)
    approve(sent_case, holder_minorities, holder_slavery)

    result = SendCase(STAFF).execute(sent_case)
    assert [c.pk for c in result.queued] == [comm.pk]
    assert Outbox.objects.get().communication == comm
    sent_case.refresh_from_db()
    assert sent_case.status == Case.SENT
    with pytest.raises(ValidationError, match="already been sent"):  # queued once, never twice
        SendCase(STAFF).execute(sent_case)
    first_after = Communication.objects.get(pk=first.pk)
    assert (first_after.status, first_after.sent_at) == (Communication.SENT, first.sent_at)


def test_a_change_after_approval_needs_a_new_submission(sent_case, holder_minorities, holder_slavery):
    beta = add_letter(sent_case, "Beta Textiles Ltd.")
    SubmitForClearance(STAFF).execute(sent_case)
    approve(sent_case, holder_minorities, holder_slavery)
    gamma = add_letter(sent_case, "Gamma Garments Ltd.")  # the text changed: the approvals no longer count
    assert not all_approved(sent_case)
    for comm in (beta, gamma):
        with pytest.raises(ValidationError, match=REFUSED):
            dispatch(comm)
    with pytest.raises(ValidationError, match="not been submitted for clearance in this version"):
        approve(sent_case, holder_minorities)

    SubmitForClearance(STAFF).execute(sent_case)
    approve(sent_case, holder_minorities, holder_slavery)
    dispatch(beta)
    dispatch(gamma)
    assert sent_case.communications.filter(status=Communication.PREPARED).count() == 0


def test_approval_needs_the_submission_and_the_holders_own_mandate(sent_case, holder_minorities, secretariat):
    add_letter(sent_case, "Beta Textiles Ltd.")
    minorities, slavery = builders.mandate(builders.MINORITIES), builders.mandate(builders.SLAVERY)
    with pytest.raises(ValidationError, match="not been submitted"):
        ApproveLetters(holder_minorities).execute(sent_case, minorities, text_hash(sent_case))
    SubmitForClearance(STAFF).execute(sent_case)
    with pytest.raises(PermissionDenied, match="your own mandate"):
        ApproveLetters(holder_minorities).execute(sent_case, slavery, text_hash(sent_case))
    with pytest.raises(PermissionDenied):
        ApproveLetters(secretariat).execute(sent_case, minorities, text_hash(sent_case))
    assert not all_approved(sent_case)
    assert sent_case.approvals.filter(text_hash=text_hash(sent_case)).count() == 0


def test_a_sent_case_without_new_letters_has_nothing_to_clear(sent_case, holder_minorities):
    with pytest.raises(ValidationError, match="nothing to clear"):
        SubmitForClearance(STAFF).execute(sent_case)
    with pytest.raises(ValidationError, match="not in clearance"):
        ApproveLetters(holder_minorities).execute(
            sent_case, builders.mandate(builders.MINORITIES), text_hash(sent_case)
        )


def test_the_case_page_offers_submission_and_approval(client, sent_case, secretariat, holder_minorities):
    comm = add_letter(sent_case, "Beta Textiles Ltd.")
    client.force_login(secretariat)
    page = client.get(f"/staff/clearance/{sent_case.pk}/").content.decode()
    assert "Submit the follow-up letters for clearance" in page and comm.reference in page
    response = client.post(f"/staff/clearance/{sent_case.pk}/submit/", follow=True)
    assert "The follow-up letters of" in response.content.decode()
    assert Clearance.objects.get(case=sent_case).text_hash == text_hash(sent_case)

    client.force_login(holder_minorities)
    page = client.get(f"/staff/clearance/{sent_case.pk}/").content.decode()
    assert "They are in clearance." in page and "Approve for" in page
    assert client.get("/staff/").status_code == 200
