"""A sent letter with a reply link, uploads through it, publication on its day: the setting of the review tests."""

from __future__ import annotations

import datetime as dt

from spcomms.cases.models import Communication, Reply
from spcomms.workflow.actions.publication import PublishCommunication
from spcomms.workflow.actions.replies import IssueReplyLink, UploadThroughLink
from spcomms.workflow.models import ReplyToken
from spcomms.workflow.tokens import hash_token
from spcomms.workflow.uploads import check_file
from tests.workflow import files
from tests.workflow.procedure import STAFF

SENT_ON = dt.date(2021, 3, 15)


def new_link(comm: Communication) -> tuple[ReplyToken, str]:
    raw = IssueReplyLink(STAFF).execute(comm)
    return ReplyToken.objects.get(token_hash=hash_token(raw)), raw


def upload(token: ReplyToken, marker: str = "", reason: str = "", name: str = "reply.docx") -> Reply:
    checked = check_file(name, files.sample_reply_docx(marker))
    return UploadThroughLink(f"addressee-token:{token.pk}").execute(
        token, language="en", file=checked, confidentiality_reason=reason
    )


def publish(comm: Communication, fake_clock) -> Communication:
    """Move the clock to the letter's day and publish it as the worker does."""
    fake_clock.current = dt.datetime.combine(comm.publish_on, dt.time(9), tzinfo=dt.UTC)
    assert PublishCommunication("worker").execute(comm.pk)
    return Communication.objects.get(pk=comm.pk)
