"""Which state may follow which. Actions move objects only through `move()`, which refuses anything else clearly.

Communication states (docs/workflow.md):
  prepared        generated, not yet dispatched
  sent            dispatch recorded (e-mail accepted by the SMTP server, or a manual dispatch); reply window open
  awaiting_reply  the reply due date passed without a reply
  replied         at least one reply recorded (late replies included)
  no_reply        published without any reply
Publication (published_at / on_hold) is orthogonal to these states.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from spcomms.cases.models import Case, Communication

C, M = Case, Communication
CASE_NEXT = {
    C.DRAFT: {C.IN_CLEARANCE},
    C.IN_CLEARANCE: {C.APPROVED, C.DRAFT},
    C.APPROVED: {C.SENT, C.IN_CLEARANCE},  # back to clearance when the text changes after approval
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
DISPATCHED = (M.SENT, M.AWAITING, M.REPLIED, M.NO_REPLY)
WAITING = (M.SENT, M.AWAITING)


class IllegalTransition(ValidationError):
    pass


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
