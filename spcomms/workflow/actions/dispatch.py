"""Sending: approved cases queue their letters in the outbox; dispatch (by e-mail or by hand) starts the clocks.

An approved case is "being sent" from the moment its letters start leaving and "sent" once the last one has left
(`settle_case`, called by every action that records a dispatch).

Follow-up letters (prepared letters of a sent case) leave only once every mandate approved the case's current text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone

from spcomms.audit.actions import Action
from spcomms.cases import deadlines
from spcomms.cases.lifecycle import LEAVING, all_left, check, move
from spcomms.cases.models import Case, Communication
from spcomms.drafting.actions import ResetClearance
from spcomms.drafting.clearance import all_approved, clearance_of
from spcomms.lib import clock
from spcomms.workflow.actions.replies import issue_reply_link
from spcomms.workflow.models import Outbox, ReplyToken

# An e-mail that may still leave, or may have left: a dispatch by hand would send the letter twice. A failed one
# (the worker gave up) never left: the letter may then go by note verbale, fax or courier.
MAY_LEAVE_OR_LEFT = {
    Outbox.PENDING: "is waiting for the worker",
    Outbox.SENDING: "is being sent by the worker",
    Outbox.UNCERTAIN: "may have left (uncertain): confirm it was sent, or send it again",
}


def _require_cleared(case: Case, actor) -> None:
    if case.status == Case.APPROVED and not all_approved(case):
        ResetClearance(actor, skip_permission_checks=True).execute(case)
        raise ValidationError(f"The letters of {case} changed after approval: clearance starts over.")
    if case.status not in (*LEAVING, Case.SENT):
        check(case, Case.SENT)  # raises the clear "cannot become sent" message
    if case.status == Case.SENT:
        _require_follow_up_cleared(case)


def _require_follow_up_cleared(case: Case) -> None:
    """A prepared letter of a sent case: the current text (addressees and letters included) must be approved."""
    if not all_approved(case):
        raise ValidationError(
            f"The follow-up letters of {case} need the approval of every mandate: submit them for clearance."
        )


def mark_dispatched(action: Action, comm: Communication, channel: str, sent_at: dt.datetime, note: str = "") -> None:
    """Record that the letter left: status, channel, and the reply and publication dates that follow."""
    previous = move(comm, Communication.SENT)
    sent_on = timezone.localdate(sent_at)
    comm.sent_at, comm.dispatch_channel, comm.dispatch_note = sent_at, channel, note
    comm.email_queued_at = None  # it has left: its status says so from now on
    comm.reply_due = deadlines.reply_due(comm.ref_type, sent_on)
    comm.publish_on = deadlines.publish_on(comm.letter, sent_on)
    comm.save(
        update_fields=[
            "status",
            "sent_at",
            "dispatch_channel",
            "dispatch_note",
            "reply_due",
            "publish_on",
            "email_queued_at",
            "updated_at",
        ]
    )
    action.audit(
        "communication.sent",
        comm,
        before={"status": previous},
        after={
            "status": comm.status,
            "channel": channel,
            "sent_at": sent_at,
            "reply_due": comm.reply_due,
            "publish_on": comm.publish_on,
            "note": note,
        },
    )


def _lock_case(case_id: int) -> None:
    """Every dispatch locks its case before its letter, so two letters leaving at once settle the case in turn."""
    list(Case.objects.select_for_update().filter(pk=case_id).values_list("pk", flat=True))


def settle_case(action: Action, case: Case) -> None:
    """After a letter left: an approved case is being sent, and sent once every letter has left. A sent case's
    follow-up letters leave one by one (it stays sent)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status not in LEAVING:
        return
    target = Case.SENT if all_left(case) else Case.SENDING
    if case.status == target:
        return
    previous = move(case, target)
    case.save(update_fields=["status", "updated_at"])
    left = case.communications.exclude(status=Communication.PREPARED).count()
    action.audit(
        "case.sent" if target == Case.SENT else "case.sending",
        case,
        before={"status": previous},
        after={"status": case.status, "letters_left": left, "letters": case.communications.count()},
    )


def queue_email(action: Action, comm: Communication, kind: str, dedup_key: str) -> Outbox | None:
    """One outbox row per dedup key, ever: a second request for the same e-mail is ignored."""
    if Outbox.objects.filter(dedup_key=dedup_key).exists():
        return None
    now = clock.now()
    row = Outbox.objects.create(
        communication=comm,
        kind=kind,
        dedup_key=dedup_key,
        to_address=comm.addressee.email,
        message_id=make_msgid(domain=settings.MAIL_DOMAIN),  # the idempotency key, fixed before any attempt
        next_attempt_at=now,
        created_at=now,
    )
    if kind == Outbox.LETTER:
        _letter_queued(comm, now)
    action.audit("outbox.queued", comm, after={"kind": kind, "to": row.to_address, "message_id": row.message_id})
    return row


def _letter_queued(comm: Communication, when: dt.datetime | None) -> None:
    """While an e-mail of the letter is on its way its text is fixed (`lifecycle.letter_fixed`); None: given up."""
    Communication.objects.filter(pk=comm.pk).update(email_queued_at=when)
    comm.email_queued_at = when


@dataclass
class SendResult:
    queued: list[Communication] = field(default_factory=list)
    manual: list[Communication] = field(default_factory=list)  # no e-mail address: record a manual dispatch


class SendCase(Action):
    """Queue every prepared letter of an approved case for e-mail; the case is being sent until every letter has
    left (letters without an e-mail address wait for their dispatch to be recorded by hand).

    A sent case with approved follow-up letters queues those (it stays sent); letters already queued are not again.
    """

    permission = "workflow.send_letters"
    records = ("case.sending", "case.follow_up_sent", "outbox.queued")

    def describe(self):
        return "send letters"

    def perform(self, case: Case) -> SendResult:
        case = Case.objects.select_for_update().get(pk=case.pk)
        prepared = case.communications.filter(status=Communication.PREPARED).select_related("addressee")
        follow_up = case.status == Case.SENT
        if follow_up and not prepared.exclude(outbox__kind=Outbox.LETTER).exists():
            raise ValidationError(f"{case} has already been sent: no letter is waiting to be sent.")
        if case.status == Case.SENDING:
            raise ValidationError(
                f"{case} is already being sent: each letter that has not left says what to do with it."
            )
        _require_cleared(case, self.actor)
        result = SendResult()
        for comm in prepared.order_by("ref_code", "ref_number"):
            if comm.addressee.email:
                if queue_email(self, comm, Outbox.LETTER, f"letter:{comm.pk}"):
                    result.queued.append(comm)
            else:
                result.manual.append(comm)
        if follow_up:
            self.audit(
                "case.follow_up_sent",
                case,
                after={
                    "queued": [c.reference for c in result.queued],
                    "manual_dispatch_needed": [c.reference for c in result.manual],
                },
            )
            return result
        previous = move(case, Case.SENDING)
        case.save(update_fields=["status", "updated_at"])
        self.audit(
            "case.sending",
            case,
            before={"status": previous},
            after={
                "status": case.status,
                "queued": [c.reference for c in result.queued],
                "manual_dispatch_needed": [c.reference for c in result.manual],
            },
        )
        return result


class PublicationNeedsConfirmation(ValidationError):
    """The dispatch date given would make the letter public at once; staff must confirm that day explicitly."""

    def __init__(self, message: str, publish_on: dt.date):
        super().__init__(message)
        self.publish_on = publish_on


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _approved_on(case: Case) -> dt.date | None:
    """The day the current text got its last approval (the letters could not leave before)."""
    approvals = [row.approval.approved_at for row in clearance_of(case) if row.approval]
    return timezone.localdate(max(approvals)) if approvals else None


def check_dispatch_date(comm: Communication, sent_on: dt.date, confirm_publication_on: dt.date | None) -> None:
    """A dispatch date cannot come before the letter's date or its approval, nor publish the letter by surprise."""
    if sent_on > clock.today():
        raise ValidationError(f"A dispatch cannot be recorded for a future date ({_day(sent_on)}).")
    if comm.date and sent_on < comm.date:
        raise ValidationError(
            f"The dispatch date {_day(sent_on)} is before the letter's own date {_day(comm.date)}: a letter cannot "
            "leave before it is dated. Check the year."
        )
    approved_on = _approved_on(comm.case)
    if approved_on and sent_on < approved_on:
        raise ValidationError(
            f"The dispatch date {_day(sent_on)} is before the letters were approved by every mandate on "
            f"{_day(approved_on)}: they could not have left before."
        )
    publish_on = deadlines.publish_on(comm.letter, sent_on)
    if publish_on <= clock.today() and confirm_publication_on != publish_on:
        when = "today" if publish_on == clock.today() else "a day already past"
        raise PublicationNeedsConfirmation(
            f"Sent on {_day(sent_on)}, {comm} becomes public on {_day(publish_on)}, {when}: it would be published "
            f"at the next worker run. Confirm that it may be published on {_day(publish_on)}, or correct the date.",
            publish_on,
        )


class RecordManualDispatch(Action):
    """Note verbale via the Permanent Mission, fax or courier: staff record how and when the letter left."""

    permission = "workflow.send_letters"
    records = ("case.sending", "case.sent", "communication.sent")

    def describe(self):
        return "record a dispatch"

    def perform(
        self,
        comm: Communication,
        channel: str,
        sent_on: dt.date,
        note: str = "",
        confirm_publication_on: dt.date | None = None,
    ) -> Communication:
        """`confirm_publication_on`: the publication day staff confirmed, when the date makes it today or past."""
        _lock_case(comm.case_id)
        comm = Communication.objects.select_for_update().select_related("case").get(pk=comm.pk)
        if channel not in {Communication.NOTE_VERBALE, Communication.FAX, Communication.COURIER}:
            raise ValidationError(f"{channel!r} is not a manual dispatch channel (note verbale, fax, courier).")
        case = comm.case
        check(comm, Communication.SENT)  # a letter that left already says so, whatever the case's clearance
        _require_cleared(case, self.actor)
        email = Outbox.objects.filter(communication=comm, kind=Outbox.LETTER, status__in=MAY_LEAVE_OR_LEFT).first()
        if email is not None:
            raise ValidationError(
                f"An e-mail of {comm} {MAY_LEAVE_OR_LEFT[email.status]}: a dispatch by hand would send it twice."
            )
        check_dispatch_date(comm, sent_on, confirm_publication_on)
        sent_at = timezone.make_aware(dt.datetime.combine(sent_on, dt.time(12, 0)))
        mark_dispatched(self, comm, channel, sent_at, note)
        settle_case(self, case)
        return comm


# --- the worker's delivery: claim, hand-over, outcome; staff resolving problems ------------------------------


def lease_start(now: dt.datetime) -> dt.datetime:
    """A claim made before this has expired: its worker is presumed stopped."""
    return now - dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def deliverable(now: dt.datetime):
    """Rows a worker may try now: pending and due, or claimed by a worker that stopped (lease expired)."""
    return Outbox.objects.filter(
        Q(status=Outbox.PENDING, next_attempt_at__lte=now) | Q(status=Outbox.SENDING, claimed_at__lt=lease_start(now))
    )


def claim_email(row_id: int, worker_id: str, now: dt.datetime) -> bool:
    """Take one outbox row for this worker: the conditional UPDATE is the claim (of two workers, one wins).

    A row whose lease ran out may be taken over only if its message never reached the SMTP server (`handed_at`
    empty); otherwise it is MarkUncertain's. Bookkeeping of the row, not audited: its outcome is.
    """
    return bool(
        Outbox.objects.filter(pk=row_id)
        .filter(
            Q(status=Outbox.PENDING, next_attempt_at__lte=now)
            | Q(status=Outbox.SENDING, claimed_at__lt=lease_start(now), handed_at__isnull=True)
        )
        .update(status=Outbox.SENDING, claimed_by=worker_id, claimed_at=now, attempts=F("attempts") + 1)
    )


class HandOverEmail(Action):
    """The last step before SMTP: check the claim still holds, mark the hand-over and issue the reply link, in one
    transaction. None: another worker took the row over (this one's lease ran out) and this one must not send.

    After the mark a worker that dies leaves the row for MarkUncertain: it may have left, so it never leaves again
    by itself. The link is issued here, once per hand-over, so a worker that lost its claim issues none.
    """

    permission = None  # the worker
    records = ("reply_link.issued",)

    def perform(self, row_id: int, worker_id: str) -> str | None:
        marked = Outbox.objects.filter(
            pk=row_id, status=Outbox.SENDING, claimed_by=worker_id, handed_at__isnull=True
        ).update(handed_at=clock.now())
        if not marked:
            return None
        row = Outbox.objects.select_related("communication").get(pk=row_id)
        token_id, raw = issue_reply_link(self, row.communication)
        Outbox.objects.filter(pk=row_id).update(reply_token_id=token_id)
        return raw


class RecordEmailSent(Action):
    """The SMTP server accepted the message: the outbox row is done and, for a letter, the letter is sent."""

    permission = None  # the worker
    records = ("outbox.sent", "communication.sent", "case.sent")

    def perform(self, row_id: int, worker_id: str) -> bool:
        now = clock.now()
        # UNCERTAIN too: another worker marked it so while this one, its claimant, was still handing it over.
        done = Outbox.objects.filter(
            pk=row_id, status__in=(Outbox.SENDING, Outbox.UNCERTAIN), claimed_by=worker_id
        ).update(status=Outbox.SENT, sent_at=now, last_error="")
        if not done:
            return False  # someone else resolved it meanwhile (staff); never record twice
        row = Outbox.objects.select_related("communication").get(pk=row_id)
        self.audit("outbox.sent", row.communication, after={"kind": row.kind, "message_id": row.message_id})
        if row.kind == Outbox.LETTER:
            _lock_case(row.communication.case_id)
            comm = Communication.objects.select_for_update().get(pk=row.communication_id)
            if comm.status == Communication.PREPARED:
                mark_dispatched(self, comm, Communication.EMAIL, now, f"Message-ID {row.message_id}")
                settle_case(self, comm.case)
        return True


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes, at most 6 hours between attempts."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


class RecordEmailFailure(Action):
    permission = None  # the worker
    records = ("outbox.failed", "outbox.retry_scheduled")

    def perform(self, row_id: int, worker_id: str, error: str) -> str:
        row = Outbox.objects.select_for_update().select_related("communication").get(pk=row_id)
        if row.status != Outbox.SENDING or row.claimed_by != worker_id:
            return row.status
        gave_up = row.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        if row.reply_token_id:  # the link of an attempt that did not leave opens nothing
            ReplyToken.objects.filter(pk=row.reply_token_id).update(revoked=True)
        Outbox.objects.filter(pk=row_id).update(
            reply_token=None,
            status=Outbox.FAILED if gave_up else Outbox.PENDING,
            next_attempt_at=clock.now() + backoff(row.attempts),
            handed_at=None,
            last_error=error[:2000],
        )
        if gave_up and row.kind == Outbox.LETTER:
            _letter_queued(row.communication, None)  # staff may correct and regenerate it, or resend it
        self.audit(
            "outbox.failed" if gave_up else "outbox.retry_scheduled",
            row.communication,
            after={"message_id": row.message_id, "attempts": row.attempts, "error": error[:500]},
        )
        return Outbox.FAILED if gave_up else Outbox.PENDING


class MarkUncertain(Action):
    """A worker died after handing the message to SMTP: it may have left, so it must not leave again by itself."""

    permission = None  # the worker
    records = ("outbox.uncertain",)

    def perform(self, row_id: int, stale_before: dt.datetime) -> bool:
        changed = Outbox.objects.filter(
            pk=row_id, status=Outbox.SENDING, claimed_at__lt=stale_before, handed_at__isnull=False
        ).update(status=Outbox.UNCERTAIN, last_error="worker stopped after handing the message to the SMTP server")
        if changed:
            row = Outbox.objects.select_related("communication").get(pk=row_id)
            self.audit("outbox.uncertain", row.communication, after={"message_id": row.message_id})
        return bool(changed)


class RequeueEmail(Action):
    """Staff send a failed or uncertain e-mail again, with the same Message-ID (receivers can drop duplicates)."""

    permission = "workflow.send_letters"
    records = ("outbox.requeued",)

    def describe(self):
        return "send an e-mail again"

    def perform(self, row: Outbox) -> Outbox:
        row = Outbox.objects.select_for_update().select_related("communication").get(pk=row.pk)
        if row.status not in (Outbox.FAILED, Outbox.UNCERTAIN):
            raise ValidationError(
                f"This e-mail is {row.get_status_display().lower()}; only failed or uncertain ones can be sent again."
            )
        if row.kind == Outbox.LETTER and row.communication.status != Communication.PREPARED:
            raise ValidationError(f"{row.communication} is already recorded as sent.")
        if row.kind == Outbox.LETTER and row.communication.case.status == Case.SENT:
            _require_follow_up_cleared(row.communication.case)  # the letter may have been regenerated since
        before = {"status": row.status, "attempts": row.attempts}
        Outbox.objects.filter(pk=row.pk).update(
            status=Outbox.PENDING,
            next_attempt_at=clock.now(),
            handed_at=None,
            claimed_by="",
            attempts=F("attempts") * 0,
        )
        if row.kind == Outbox.LETTER:
            _letter_queued(row.communication, clock.now())
        self.audit("outbox.requeued", row.communication, before=before, after={"message_id": row.message_id})
        row.refresh_from_db()
        return row


class ConfirmEmailSent(Action):
    """Staff checked the mail server log: the uncertain message did leave. Record it as sent, once."""

    permission = "workflow.send_letters"
    records = ("outbox.confirmed_sent", "communication.sent", "case.sent")

    def describe(self):
        return "confirm an e-mail was sent"

    def perform(self, row: Outbox) -> Outbox:
        row = Outbox.objects.select_for_update().select_related("communication").get(pk=row.pk)
        if row.status != Outbox.UNCERTAIN:
            raise ValidationError("Only an uncertain e-mail can be confirmed as sent.")
        when = row.handed_at or clock.now()
        Outbox.objects.filter(pk=row.pk).update(status=Outbox.SENT, sent_at=when)
        self.audit("outbox.confirmed_sent", row.communication, after={"message_id": row.message_id})
        if row.kind == Outbox.LETTER:
            _lock_case(row.communication.case_id)
            comm = Communication.objects.select_for_update().get(pk=row.communication_id)
            if comm.status == Communication.PREPARED:
                mark_dispatched(self, comm, Communication.EMAIL, when, f"Message-ID {row.message_id} (confirmed)")
                settle_case(self, comm.case)
        row.refresh_from_db()
        return row
