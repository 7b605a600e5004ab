"""From a stored reply to what the reader needs: its text, its letter's questions, the kind of addressee."""

from __future__ import annotations

from spcomms.cases.models import Communication, Reply
from spcomms.ingest.errors import ParseError
from spcomms.ingest.extract import extract_bytes
from spcomms.lib.reading.assess import ReplyAssessment, assess_reply
from spcomms.registry.models import Addressee


def reply_text(reply: Reply) -> str:
    """The staff-recorded or extracted text; else the file read with the ingest extractors ('' for scans)."""
    if reply.text.strip():
        return reply.text
    if not reply.file:
        return ""
    with reply.file.open("rb") as handle:
        data = handle.read()
    try:
        text, _ = extract_bytes(data, reply.filename or reply.file.name)
    except ParseError:
        return ""  # an image or a scan without a text layer: nothing to read until someone types it in
    return text.strip()


def letter_questions(comm: Communication) -> list[str]:
    """The numbered questions of the letter as sent (the register's snapshot), numbers stripped."""
    return [str(q) for q in (comm.letter or {}).get("questions", [])]


def addressee_kind(comm: Communication) -> str:
    if comm.addressee.kind == Addressee.STATE:
        return "state"
    letter_kind = ((comm.letter or {}).get("addressee") or {}).get("kind")
    return "state" if letter_kind == "state" else "company"


def read(reply: Reply, text: str) -> ReplyAssessment:
    comm = reply.communication
    return assess_reply(text, letter_questions(comm), addressee_kind(comm))
