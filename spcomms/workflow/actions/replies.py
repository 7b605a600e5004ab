"""Replies: recorded by staff or uploaded by the addressee through the letter's secret link."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from spcomms.assessment.actions import RequestAssessment
from spcomms.audit.actions import Action
from spcomms.cases.lifecycle import DISPATCHED, move
from spcomms.cases.models import Communication, Reply
from spcomms.lib import clock
from spcomms.portal import index
from spcomms.workflow.models import LinkReply, ReplyToken
from spcomms.workflow.tokens import hash_token, new_token
from spcomms.workflow.uploads import CheckedFile, extract_text


class DuplicateReply(ValidationError):
    def __init__(self, existing: Reply):
        self.existing = existing
        super().__init__(
            f"This file was already received on {existing.received_on:%d %B %Y} "
            f"(SHA-256 {existing.sha256}); it is not recorded twice."
        )


class RecordReply(Action):
    permission = "cases.add_reply"
    records = ("reply.recorded",)

    def describe(self):
        return "record a reply"

    def perform(
        self,
        comm: Communication,
        *,
        received_on: dt.date,
        language: str,
        channel: str,
        file: CheckedFile | None = None,
        text: str = "",
        confidential: bool = False,
        under_review: bool = False,
        confidentiality_reason: str = "",
    ) -> Reply:
        """`under_review`: nothing of the reply is public until ReviewReply decides; `confidentiality_reason`: the
        sender's request to keep it confidential (received through a link), shown to the reviewer."""
        comm = Communication.objects.select_for_update().get(pk=comm.pk)
        if comm.status not in DISPATCHED:
            raise ValidationError(f"{comm} has not been sent: there is nothing to reply to yet.")
        if received_on > clock.today():
            raise ValidationError("A reply cannot be received in the future.")
        if comm.sent_at and received_on < comm.sent_at.date() - dt.timedelta(days=1):
            raise ValidationError(f"{comm} was sent on {comm.sent_at:%d %B %Y}; a reply cannot come before it.")
        if file is None and not text.strip():
            raise ValidationError("A reply needs a file or its text.")
        reply = Reply(
            communication=comm,
            received_on=received_on,
            language=language,
            channel=channel,
            confidential=confidential,
            under_review=under_review,
            confidentiality_requested=bool(confidentiality_reason),
            confidentiality_reason=confidentiality_reason,
        )
        if file is not None:
            existing = Reply.objects.filter(communication=comm, sha256=file.sha256).first()
            if existing is not None:
                raise DuplicateReply(existing)
            reply.sha256, reply.filename, reply.content_type, reply.size = (
                file.sha256,
                file.name,
                file.content_type,
                file.size,
            )
            reply.text = text.strip() or extract_text(file)
            reply.file.save(file.name, ContentFile(file.data), save=False)
        else:
            reply.text = text.strip()
        reply.full_clean()
        reply.save()
        RequestAssessment(self.actor, skip_permission_checks=True).execute(reply)  # the worker reads it
        before = {"status": comm.status}
        if comm.status != Communication.REPLIED:
            move(comm, Communication.REPLIED)
            comm.save(update_fields=["status", "updated_at"])
        self.audit(
            "reply.recorded",
            comm,
            before=before,
            after={
                "reply": reply.pk,
                "status": comm.status,
                "channel": channel,
                "received_on": received_on,
                "sha256": reply.sha256,
                "size": reply.size,
                "confidential": confidential,
                "under_review": under_review,
                "confidentiality_requested": reply.confidentiality_requested,
            },
        )
        if comm.published_at and not confidential and not under_review:
            index.refresh_for(comm)  # a decided public reply to a published letter is public on receipt
        return reply


class UploadThroughLink(Action):
    """The addressee's upload through a reply link: recorded under review, and remembered as this link's."""

    permission = None  # the actor is the link itself ("addressee-token:<id>"), checked by the view
    records = ("reply.uploaded_through_link",)

    def describe(self):
        return "send a reply through a reply link"

    def perform(
        self, token: ReplyToken, *, language: str, file: CheckedFile, confidentiality_reason: str = ""
    ) -> Reply:
        reason = confidentiality_reason.strip()
        reply = RecordReply(self.actor, skip_permission_checks=True).execute(
            token.communication,
            received_on=clock.today(),
            language=language,
            channel=Reply.ONLINE,
            file=file,
            under_review=True,
            confidentiality_reason=reason,
        )
        LinkReply.objects.create(token=token, reply=reply)
        self.audit(
            "reply.uploaded_through_link",
            reply,
            after={"token": token.pk, "under_review": True, "confidentiality_requested": bool(reason)},
        )
        return reply


class IssueReplyLink(Action):
    """A new secret link for the addressee; the raw token is returned once and never stored."""

    permission = "workflow.send_letters"
    records = ("reply_link.issued",)

    def describe(self):
        return "issue a reply link"

    def perform(self, comm: Communication) -> str:
        return issue_reply_link(self, comm)[1]


def issue_reply_link(action: Action, comm: Communication) -> tuple[int, str]:
    """(token id, raw token) of a new link; only the token's hash is stored. `action` records it."""
    raw = new_token()
    now = clock.now()
    token = ReplyToken.objects.create(
        communication=comm,
        token_hash=hash_token(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.REPLY_LINK_DAYS),
    )
    action.audit("reply_link.issued", comm, after={"token": token.pk, "expires_at": token.expires_at})
    return token.pk, raw


def reply_url(raw_token: str) -> str:
    return f"{settings.SITE_URL}/reply/{raw_token}/"
