"""Dates that follow from a letter: its reply due date (per type) and its publication delay and date.

The one source of "60 days": `publication_days()`, the letter's own notice when it states one, else the setting
SPCOMMS_PUBLICATION_DELAY_DAYS (60 by default, as the letters print). Drafting, ingest and workflow all ask here.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def default_publication_days() -> int:
    """The delay a new draft promises ("made public … in N days") unless staff change it."""
    return settings.PUBLICATION_DELAY_DAYS


def publication_days(letter_days: int | None = None) -> int:
    """The letter tells the addressee "made public … in N days": keep that promise when it says so."""
    return int(letter_days) if letter_days else default_publication_days()


def letter_publication_days(letter: dict | None) -> int:
    """The delay of a stored letter snapshot (Communication.letter)."""
    return publication_days(letter.get("publication_days") if isinstance(letter, dict) else None)


def publish_on(letter: dict | None, sent_on: dt.date) -> dt.date:
    return sent_on + dt.timedelta(days=letter_publication_days(letter))


def reply_days(ref_type: str) -> int:
    return settings.REPLY_DAYS[ref_type]


def reply_due(ref_type: str, sent_on: dt.date) -> dt.date:
    return sent_on + dt.timedelta(days=reply_days(ref_type))
