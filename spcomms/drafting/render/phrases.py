"""The fixed phrases every renderer prints, marked for translation in one place.

They are marked with `gettext_noop` (so `makemessages` finds them) and translated when rendered with `translate`,
which falls back to English before Django is set up: the renderers stay usable from bench scripts
and plain unit tests.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils.translation import gettext


def gettext_noop(message: str) -> str:
    """Marks a phrase for `makemessages` (same keyword as Django's, which would need settings at import time)."""
    return message


MANDATE_OF = gettext_noop("Mandate of the")
MANDATES_OF = gettext_noop("Mandates of the")
THE = gettext_noop("the")
AND_THE = gettext_noop("and the")
REFERENCE = gettext_noop("REFERENCE:")
ACCORDING_TO_INFORMATION = gettext_noop("According to the information received:")
ANNEX = gettext_noop("Annex")
PAGE = gettext_noop("Page")
LETTERHEAD_ADDRESS = gettext_noop("PALAIS DES NATIONS • 1211 GENEVA 10, SWITZERLAND")

# Django's own catalogues already translate the month names.
MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)


def translate(phrase: str) -> str:
    # Translation catalogues need the app registry; before django.setup() the English source is the text.
    return gettext(phrase) if apps.ready else phrase


def mandates_header(mandates: list[str]) -> str:
    """ "Mandates of the A; the B; and the C", as printed at the top of every letter."""
    if len(mandates) == 1:
        return f"{translate(MANDATE_OF)} {mandates[0]}"
    the, and_the = translate(THE), translate(AND_THE)
    middle = [f"{the} {title}" for title in mandates[1:-1]]
    parts = [mandates[0], *middle, f"{and_the} {mandates[-1]}"] if mandates else []
    return f"{translate(MANDATES_OF)} {'; '.join(parts)}"


def letter_date(date: dt.date | None) -> str:
    """ "12 March 2021": day without leading zero, as printed."""
    return f"{date.day} {translate(MONTHS[date.month - 1])} {date.year}" if date else ""
