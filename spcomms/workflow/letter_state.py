"""Each letter's true state in words: where it is, what happens next and who acts (issue 12, item 3).

The stored status says "prepared" both for a letter waiting for clearance and for one whose e-mail the worker is
sending; staff need to know which. Reading only: nothing here changes a letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from spcomms.cases.lifecycle import LEAVING
from spcomms.cases.models import Case, Communication
from spcomms.drafting.clearance import all_approved
from spcomms.workflow.models import Outbox

SECRETARIAT, HOLDERS, WORKER, ADDRESSEE, NOBODY = "secretariat", "mandate holders", "the worker", "the addressee", ""
RECORD_DISPATCH, SEND, RESOLVE_EMAIL, REVIEW_REPLY = "record-dispatch", "send", "resolve-email", "review-reply"


@dataclass
class LetterState:
    label: str  # short, for a table cell
    next: str  # what happens next, in a sentence
    who: str  # who acts: one of the names above
    action: str = ""  # the step a page may offer: RECORD_DISPATCH, SEND, RESOLVE_EMAIL, REVIEW_REPLY


def _date(value) -> str:
    return f"{value.day} {value:%B %Y}" if value else "—"


def _day(value) -> str:
    return _date(timezone.localtime(value)) if value else ""


def cleared(case: Case) -> bool:
    """Its prepared letters may leave: the case is approved (or being sent), or a sent case's follow-up letters are
    approved."""
    return case.status in LEAVING or (case.status == Case.SENT and all_approved(case))


def letter_state(comm: Communication, may_leave: bool | None = None) -> LetterState:
    """`may_leave`: whether the case's clearance lets its prepared letters leave (computed when not given)."""
    if comm.status == Communication.PREPARED:
        return _prepared(comm, cleared(comm.case) if may_leave is None else may_leave)
    published = f"; published {_day(comm.published_at)}" if comm.published_at else ""
    held = "; publication on hold" if comm.on_hold else ""
    waiting = comm.replies.filter(under_review=True).count()
    if waiting:
        return LetterState(
            f"Reply awaiting review ({waiting})" if waiting > 1 else "Reply awaiting review",
            "Review the reply received through the link: accept it for publication or keep it confidential "
            f"(nothing of it is public until then){published}{held}.",
            SECRETARIAT,
            REVIEW_REPLY,
        )
    if comm.status == Communication.SENT:
        return LetterState(
            f"Sent {_day(comm.sent_at)} ({comm.get_dispatch_channel_display()})",
            f"Waiting for the reply, due {_date(comm.reply_due)}; public from {_date(comm.publish_on)}{held}.",
            ADDRESSEE,
        )
    if comm.status == Communication.AWAITING:
        return LetterState(
            f"Reply overdue since {_date(comm.reply_due)}",
            f"The worker sends reminders; record the reply when it comes{published}{held}.",
            ADDRESSEE,
        )
    if comm.status == Communication.REPLIED:
        return LetterState("Replied", f"Reply on file{published}{held}.", NOBODY)
    return LetterState("No reply", f"Published without a reply{published}; a late reply is still recorded.", NOBODY)


def _prepared(comm: Communication, may_leave: bool) -> LetterState:
    email = comm.outbox.filter(kind=Outbox.LETTER).exclude(status=Outbox.SENT).order_by("-created_at").first()
    if email is not None and email.status in (Outbox.PENDING, Outbox.SENDING):
        return LetterState("Queued for e-mail", f"The worker e-mails it to {email.to_address}.", WORKER)
    if email is not None and email.status == Outbox.UNCERTAIN:
        return LetterState(
            "E-mail uncertain",
            "It may have left: on the letter page, confirm it was sent (the mail server's log) or send it again.",
            SECRETARIAT,
            RESOLVE_EMAIL,
        )
    if email is not None:
        return LetterState(
            "E-mail failed",
            "It did not leave: on the letter page, send it again or record its dispatch by hand.",
            SECRETARIAT,
            RESOLVE_EMAIL,
        )
    if not may_leave:
        return LetterState("Prepared, not cleared", "Waits for every co-signing mandate's approval.", HOLDERS)
    if not comm.addressee.email:
        return LetterState(
            "Prepared: no e-mail address",
            "Record the dispatch (note verbale, fax or courier) on the letter page once it has left.",
            SECRETARIAT,
            RECORD_DISPATCH,
        )
    return LetterState("Approved, not sent", f"Send it: it is e-mailed to {comm.addressee.email}.", SECRETARIAT, SEND)
