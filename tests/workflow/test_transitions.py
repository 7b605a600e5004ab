"""Illegal transitions are refused with a message that names the state and what could come next."""

import pytest
from django.core.exceptions import ValidationError

from spcomms.cases.lifecycle import CASE_NEXT, COMMUNICATION_NEXT, IllegalTransition, check
from spcomms.cases.models import Case, Communication
from spcomms.workflow.actions.clearance import CloseCase, SubmitForClearance
from spcomms.workflow.actions.dispatch import SendCase
from spcomms.workflow.actions.replies import RecordReply
from tests.workflow.procedure import STAFF


def test_every_state_has_a_rule():
    assert set(CASE_NEXT) == {s for s, _ in Case.STATUSES}
    assert set(COMMUNICATION_NEXT) == {s for s, _ in Communication.STATUSES}


def test_refusal_names_states_and_options():
    comm = Communication(status=Communication.PREPARED)
    with pytest.raises(IllegalTransition) as refused:
        check(comm, Communication.REPLIED)
    assert "is prepared; it cannot become replied (possible next: sent)" in refused.value.messages[0]


def test_a_draft_case_cannot_be_sent(case):
    with pytest.raises(ValidationError, match="is draft; it cannot become sent"):
        SendCase(STAFF).execute(case)
    case.refresh_from_db()
    assert case.status == Case.DRAFT


def test_a_draft_case_cannot_be_closed(case):
    with pytest.raises(ValidationError, match="cannot become closed"):
        CloseCase(STAFF).execute(case)


def test_submitting_twice_is_refused(case):
    SubmitForClearance(STAFF).execute(case)
    with pytest.raises(ValidationError, match="is in clearance; it cannot become in clearance"):
        SubmitForClearance(STAFF).execute(case)


def test_no_reply_to_an_unsent_letter(case, fake_clock):
    comm = case.communications.get()
    with pytest.raises(ValidationError, match="has not been sent"):
        RecordReply(STAFF).execute(
            comm, received_on=fake_clock().date(), language="en", channel="email", text="Thank you."
        )
