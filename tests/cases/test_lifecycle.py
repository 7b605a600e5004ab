"""The case lifecycle read as a state machine: every transition of the tables, allowed and refused."""

import itertools

import pytest

from spcomms.cases import lifecycle
from spcomms.cases.models import Case, Communication

# Written out here, independently of lifecycle's tables, as docs/workflow.md describes the procedure.
CASE_ALLOWED = {
    ("draft", "in_clearance"),
    ("in_clearance", "approved"),
    ("in_clearance", "draft"),
    ("approved", "sending"),  # its e-mails queued, or one letter of several dispatched by hand
    ("approved", "sent"),  # its only letter dispatched by hand
    ("approved", "in_clearance"),
    ("sending", "sent"),  # the last letter left
    ("sent", "closed"),
}
LETTER_ALLOWED = {
    ("prepared", "sent"),
    ("sent", "awaiting_reply"),
    ("sent", "replied"),
    ("sent", "no_reply"),
    ("awaiting_reply", "replied"),
    ("awaiting_reply", "no_reply"),
    ("no_reply", "replied"),
}
CASE_STATES = [s for s, _ in Case.STATUSES]
LETTER_STATES = [s for s, _ in Communication.STATUSES]


@pytest.mark.parametrize(("source", "target"), list(itertools.product(CASE_STATES, CASE_STATES)))
def test_case_transition(source, target):
    case = Case(title="A case", type="AL", status=source)
    if (source, target) in CASE_ALLOWED:
        assert lifecycle.move(case, target) == source
        assert case.status == target
    else:
        with pytest.raises(lifecycle.IllegalTransition, match=f"cannot become {dict(Case.STATUSES)[target].lower()}"):
            lifecycle.move(case, target)
        assert case.status == source


@pytest.mark.parametrize(("source", "target"), list(itertools.product(LETTER_STATES, LETTER_STATES)))
def test_letter_transition(source, target):
    letter = Communication(status=source)
    if (source, target) in LETTER_ALLOWED:
        assert lifecycle.move(letter, target) == source
        assert letter.status == target
    else:
        with pytest.raises(lifecycle.IllegalTransition, match="cannot become"):
            lifecycle.move(letter, target)
        assert letter.status == source


@pytest.mark.parametrize("state", CASE_STATES)
def test_what_a_case_still_takes(state):
    case = Case(title="A case", type="AL", status=state)
    assert lifecycle.editable(case) == (state in ("draft", "in_clearance", "approved"))
    assert lifecycle.takes_follow_ups(case) == (state not in ("sending", "closed"))
    assert lifecycle.under_clearance(case) == (state in ("in_clearance", "approved"))
    locked = {"sending": "is being sent", "sent": "has been sent", "closed": "nothing in it can be changed"}
    if not lifecycle.editable(case):
        assert locked[state] in lifecycle.locked_message(case)


def test_a_closed_case_is_final():
    case = Case(title="A case", type="AL", status=Case.CLOSED)
    with pytest.raises(lifecycle.IllegalTransition, match="none: this is a final state"):
        lifecycle.check(case, Case.DRAFT)


@pytest.mark.parametrize(
    ("status", "queued", "fixed"),
    [("prepared", False, False), ("prepared", True, True), ("sent", False, True), ("replied", False, True)],
)
def test_letter_fixed_once_queued_or_sent(status, queued, fixed):
    import datetime as dt

    letter = Communication(status=status, email_queued_at=dt.datetime(2021, 3, 12, tzinfo=dt.UTC) if queued else None)
    assert lifecycle.letter_fixed(letter) is fixed
