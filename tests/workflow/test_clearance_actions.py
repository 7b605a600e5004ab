"""Clearance: each co-signing mandate approves the exact text; edits start over; sending waits for everyone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case
from spcomms.drafting.actions import GenerateLetters
from spcomms.drafting.clearance import all_approved, clearance_of
from spcomms.drafting.models import Approval
from spcomms.drafting.textversion import text_hash
from spcomms.workflow.actions.clearance import ApproveLetters, SubmitForClearance
from spcomms.workflow.actions.dispatch import SendCase
from tests.workflow import builders
from tests.workflow.procedure import STAFF, approve, send


def test_approval_records_who_when_and_which_text(case, holder_minorities, fake_clock):
    approve(case, holder_minorities)
    approval = Approval.objects.get()
    assert approval.user == holder_minorities
    assert approval.mandate.title == builders.MINORITIES
    assert approval.approved_at == fake_clock()
    assert approval.text_hash == text_hash(case)
    assert AuditEvent.objects.filter(action="case.mandate_approved", actor=holder_minorities).exists()


def test_approved_only_when_every_mandate_approved(case, holder_minorities, holder_slavery):
    approve(case, holder_minorities)
    assert case.status == Case.IN_CLEARANCE
    with pytest.raises(ValidationError, match="cannot become sent"):
        SendCase(STAFF).execute(case)
    approve(case, holder_slavery)
    assert case.status == Case.APPROVED and all_approved(case)


def test_a_holder_approves_only_for_their_own_mandate(case, holder_minorities):
    SubmitForClearance(STAFF).execute(case)
    with pytest.raises(PermissionDenied, match="your own mandate"):
        ApproveLetters(holder_minorities).execute(case, builders.mandate(builders.SLAVERY), text_hash(case))
    assert not Approval.objects.exists()


def test_staff_without_the_permission_cannot_approve(case, secretariat):
    SubmitForClearance(STAFF).execute(case)
    with pytest.raises(PermissionDenied):
        ApproveLetters(secretariat).execute(case, builders.mandate(builders.MINORITIES), text_hash(case))


def test_approving_a_text_one_has_not_seen_is_refused(case, holder_minorities):
    SubmitForClearance(STAFF).execute(case)
    with pytest.raises(ValidationError, match="changed since you opened them"):
        ApproveLetters(holder_minorities).execute(case, builders.mandate(builders.MINORITIES), "0" * 64)


def test_approving_twice_is_refused(case, holder_minorities):
    approve(case, holder_minorities)
    with pytest.raises(ValidationError, match="already approved this text"):
        approve(case, holder_minorities)


def test_editing_the_draft_after_approval_resets_clearance(case, holder_minorities, holder_slavery):
    approve(case, holder_minorities, holder_slavery)
    assert case.status == Case.APPROVED
    builders.edit_draft(case, "New facts came in.")
    case.refresh_from_db()
    assert case.status == Case.IN_CLEARANCE
    assert [row.approval for row in clearance_of(case)] == [None, None]
    reset = AuditEvent.objects.get(action="case.clearance_reset")
    assert reset.before["approved_by"] == [builders.MINORITIES, builders.SLAVERY]
    with pytest.raises(ValidationError):
        SendCase(STAFF).execute(case)


def test_regenerating_changed_letters_resets_but_identical_ones_do_not(case, holder_minorities):
    approve(case, holder_minorities)
    GenerateLetters(STAFF).execute(case)  # same text: same snapshot, approvals stand
    assert clearance_of(case)[0].approval is not None
    builders.edit_draft(case, "Other facts.")
    GenerateLetters(STAFF).execute(case)
    assert clearance_of(case)[0].approval is None


def test_nothing_to_clear_without_letters(db):
    from tests import factories

    bare = factories.case()
    with pytest.raises(ValidationError, match="generate the case's letters first"):
        SubmitForClearance(STAFF).execute(bare)


# Edits of what the letters are made from, on the drafting desk, reset clearance like a text edit.


def _outline(case, mandates, type=None, title=None):
    from spcomms.drafting.actions import CaseFields, SaveCase

    fields = CaseFields(title or case.title, type or case.type, [(builders.mandate(t), "") for t in mandates])
    SaveCase(STAFF, case).execute(fields, case.version)


def test_changing_the_type_or_mandates_during_clearance_resets_approvals(case, holder_minorities, holder_slavery):
    approve(case, holder_minorities, holder_slavery)
    _outline(case, [builders.MINORITIES, builders.SLAVERY], type="UA")
    case.refresh_from_db()
    assert case.status == Case.IN_CLEARANCE
    assert [row.approval for row in clearance_of(case)] == [None, None]
    reset = AuditEvent.objects.get(action="case.clearance_reset")
    assert reset.actor_label == STAFF and reset.before["approved_by"] == [builders.MINORITIES, builders.SLAVERY]
    approve(case, holder_minorities)
    _outline(case, [builders.SLAVERY, builders.MINORITIES])  # the printed order is part of the text
    assert clearance_of(case)[1].approval is None


def test_renaming_the_case_keeps_approvals(case, holder_minorities):
    approve(case, holder_minorities)
    _outline(case, [builders.MINORITIES, builders.SLAVERY], title="Internal label")
    assert clearance_of(case)[0].approval is not None
    assert not AuditEvent.objects.filter(action="case.clearance_reset").exists()


def test_changing_addressees_or_groups_during_clearance_resets_approvals(case, holder_minorities):
    from spcomms.drafting.actions import AddAddressees, ChangeMembership, SaveGroup
    from spcomms.drafting.models import AddresseeGroup, GroupMembership

    approve(case, holder_minorities)
    others = SaveGroup(STAFF).execute(AddresseeGroup(case=case, name="Others", question_set=None))
    assert clearance_of(case)[0].approval is None
    approve(case, holder_minorities)
    membership = GroupMembership.objects.get(group__case=case)
    ChangeMembership(STAFF).execute(membership, others, "")
    assert clearance_of(case)[0].approval is None
    approve(case, holder_minorities)
    AddAddressees(STAFF).execute(case, [builders.state_addressee("CHN")], group=others)
    assert clearance_of(case)[0].approval is None


def test_reordering_annex_clauses_resets_approvals(case, holder_minorities):
    from spcomms.drafting.actions import DraftText, SaveDraft
    from spcomms.drafting.models import Clause

    def save_clauses(keys):
        draft = case.draft
        text = DraftText(
            draft.letter_date, draft.introduction, draft.facts, draft.concerns, draft.after_questions, [],
            [Clause.objects.get(key=k) for k in keys], draft.annex_text, draft.press_release, draft.publication_days,
        )  # fmt: skip
        case.refresh_from_db()
        SaveDraft(STAFF).execute(case, text, case.version)

    keys = list(Clause.objects.order_by("key").values_list("key", flat=True)[:2])
    save_clauses(keys)
    approve(case, holder_minorities)
    save_clauses(keys[::-1])
    assert clearance_of(case)[0].approval is None


def test_a_case_being_sent_refuses_desk_edits_without_a_trace(case, holder_minorities, holder_slavery):
    from spcomms.cases.lifecycle import CaseLocked

    send(case, holder_minorities, holder_slavery)
    case.refresh_from_db()
    events = AuditEvent.objects.count()
    with pytest.raises(CaseLocked, match="is being sent: its letters are leaving as they were approved"):
        _outline(case, [builders.MINORITIES], type="UA")
    case.refresh_from_db()
    assert case.type == "AL" and len(case.ordered_mandates()) == 2
    assert AuditEvent.objects.count() == events
