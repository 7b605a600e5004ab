"""Council sessions as the reports use them: the calendar rules (spcomms.lib.sessions) with staff overrides."""

from __future__ import annotations

import dataclasses

from spcomms.lib import sessions as rules

from .models import SessionOverride

SessionError = rules.SessionError


def council_session(number: int) -> rules.Session:
    """Session `number` with its computed symbol and windows, each replaced by a staff override when there is one."""
    computed = rules.session(number)
    override = SessionOverride.objects.filter(number=number).first()
    if override is None:
        return computed
    changes = {
        name: getattr(override, name)
        for name in ("symbol", "sent_from", "sent_to", "replies_from", "replies_to")
        if getattr(override, name)
    }
    return dataclasses.replace(computed, **changes)


def report_date(number: int):
    override = SessionOverride.objects.filter(number=number).first()
    return override.report_date if override else None


def parse_session(raw) -> int:
    """A session number from user input, refused with a message naming what is wrong."""
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise SessionError(f"session {text[:20]!r} is not a session number like 48")
    number = int(text)
    rules.session(number)  # raises SessionError outside the rules
    return number
