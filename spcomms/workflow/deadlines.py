"""Dates that follow from sending: reply due (per type) and publication (the letter's own notice, else settings)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from spcomms.cases.models import Communication


def reply_days(ref_type: str) -> int:
    return settings.REPLY_DAYS.get(ref_type, 60)


def publication_days(communication: Communication) -> int:
    # The letter tells the addressee "made public … in N days": keep that promise when the snapshot carries it.
    days = (communication.letter or {}).get("publication_days") if isinstance(communication.letter, dict) else None
    return int(days) if days else settings.PUBLICATION_DELAY_DAYS


def reply_due(communication: Communication, sent_on: dt.date) -> dt.date:
    return sent_on + dt.timedelta(days=reply_days(communication.ref_type))


def publish_on(communication: Communication, sent_on: dt.date) -> dt.date:
    return sent_on + dt.timedelta(days=publication_days(communication))
