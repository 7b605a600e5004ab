"""The case lifecycle, in one place: which state may follow which, what a case in each state still takes, locking.

Case states:
  draft         being written; everything may change
  in_clearance  submitted to its mandates; an edit starts the approvals over
  approved      every mandate approved the current text; an edit sends it back to clearance
  sending       its letters are leaving (e-mails queued, dispatches to record by hand): the text is fixed, and
                the case is sent once every letter has left
  sent          every letter has left: type, mandates, signatories and text are the record; follow-up letters
                to further addressees may still be added (and need every mandate's approval before they leave)
  closed        nothing changes any more

Communication (letter) states:
  prepared        generated, not yet dispatched
  sent            dispatch recorded (e-mail accepted by the SMTP server, or a manual dispatch); reply window open
  awaiting_reply  the reply due date passed without a reply
  replied         at least one reply recorded (late replies included)
  no_reply        published without any reply
Publication (published_at / on_hold) is orthogonal to these states.

Actions move objects only through `move()`, which refuses anything else clearly; the caller saves and audits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F

from spcomms.cases.models import Case, Communication

C, M = Case, Communication
CASE_NEXT = {
    C.DRAFT: {C.IN_CLEARANCE},
    C.IN_CLEARANCE: {C.APPROVED, C.DRAFT},
    # Back to clearance when the text changes after approval; straight to sent when its only letter left by hand.
    C.APPROVED: {C.SENDING, C.SENT, C.IN_CLEARANCE},
    C.SENDING: {C.SENT},
    C.SENT: {C.CLOSED},
    C.CLOSED: set(),
}
COMMUNICATION_NEXT = {
    M.PREPARED: {M.SENT},
    M.SENT: {M.AWAITING, M.REPLIED, M.NO_REPLY},
    M.AWAITING: {M.REPLIED, M.NO_REPLY},
    M.REPLIED: set(),
    M.NO_REPLY: {M.REPLIED},  # late replies are welcome
}
DISPATCHED = (M.SENT, M.AWAITING, M.REPLIED, M.NO_REPLY)  # the letter has left
WAITING = (M.SENT, M.AWAITING)  # the letter has left and no reply came yet

# What a case still takes. Approved is editable: an edit sends the case back to clearance.
EDITABLE = (C.DRAFT, C.IN_CLEARANCE, C.APPROVED)
FOLLOW_UP = (*EDITABLE, C.SENT)  # further addressees of a sent case get their own letters
UNDER_CLEARANCE = (C.IN_CLEARANCE, C.APPROVED)  # approvals are being collected or complete
LEAVING = (C.APPROVED, C.SENDING)  # cleared letters may leave; the case is sent when the last one has


class IllegalTransition(ValidationError):
    pass


class CaseLocked(ValidationError):
    """The change would alter what was sent; nothing was saved."""


class StaleVersion(Exception):
    """Someone saved the case after the user opened it; nothing was saved."""

    def __init__(self, expected: int, current: int):
        super().__init__(f"the case is at version {current}, the form was opened at version {expected}")
        self.expected, self.current = expected, current


def _label(obj, state: str) -> str:
    return dict(type(obj).STATUSES).get(state, state).lower()


def check(obj: Case | Communication, target: str) -> None:
    table = CASE_NEXT if isinstance(obj, Case) else COMMUNICATION_NEXT
    allowed = table[obj.status]
    if target not in allowed:
        kind = "case" if isinstance(obj, Case) else "letter"
        options = ", ".join(sorted(_label(obj, s) for s in allowed)) or "none: this is a final state"
        raise IllegalTransition(
            f"The {kind} {obj} is {_label(obj, obj.status)}; it cannot become {_label(obj, target)} "
            f"(possible next: {options})."
        )


def move(obj: Case | Communication, target: str) -> str:
    """Set the new status after checking the transition; returns the old status. The caller saves and audits."""
    check(obj, target)
    previous, obj.status = obj.status, target
    return previous


def editable(case: Case) -> bool:
    """Everything in the case may change: it has not been sent."""
    return case.status in EDITABLE


def takes_follow_ups(case: Case) -> bool:
    """New groups, addressees and their letters may be added (a sent case too, a closed one not)."""
    return case.status in FOLLOW_UP


def under_clearance(case: Case) -> bool:
    return case.status in UNDER_CLEARANCE


def locked_message(case: Case) -> str:
    if case.status == Case.SENDING:
        return (
            f"The case “{case}” is being sent: its letters are leaving as they were approved, so nothing in it can "
            "change now. Further addressees can be added once every letter has left."
        )
    if case.status == Case.SENT:
        return (
            f"The case “{case}” has been sent: its type, mandates, signatories and letter text are the record of "
            "what was sent and can no longer be changed. Further addressees can still be added and sent their own "
            "letters."
        )
    return f"The case “{case}” is {case.get_status_display().lower()}: nothing in it can be changed any more."


def lock_case(case: Case, *, follow_up: bool = False) -> None:
    """Lock the case row (as sending does, so an edit and a send never interleave); refuse if the case no longer
    takes this change. The caller's instance gets the current status."""
    case.status = Case.objects.select_for_update().values_list("status", flat=True).get(pk=case.pk)
    if not (takes_follow_ups(case) if follow_up else editable(case)):
        raise CaseLocked(locked_message(case))


def bump_version(case: Case, expected: int | None) -> None:
    """Optimistic locking: compare-and-swap on Case.version; `expected=None` skips the comparison.

    Of two people saving the same case only the first wins; the second gets StaleVersion and keeps their text.
    """
    rows = Case.objects.filter(pk=case.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if not rows.update(version=F("version") + 1):
        raise StaleVersion(expected, Case.objects.values_list("version", flat=True).get(pk=case.pk))
    case.refresh_from_db(fields=["version"])


def all_left(case: Case) -> bool:
    """Every letter of the case has left (e-mail accepted by the SMTP server or dispatch recorded by hand)."""
    return not case.communications.filter(status=Communication.PREPARED).exists()


def letter_fixed(comm: Communication) -> bool:
    """The letter's text is a record: it has left, or an e-mail of it is on its way (the worker sends what was
    cleared). Regeneration leaves such letters alone."""
    return comm.status != Communication.PREPARED or comm.email_queued_at is not None
