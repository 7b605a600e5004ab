"""Regular sessions of the Human Rights Council and the windows of their communications reports (pure rules).

Three regular sessions a year since 2008 (the 7th, March 2008): March, June and September. The communications
report to a session covers letters sent in one window and replies received in another, two months later:

    March session of year Y       sent 1 June (Y-1) – 30 November (Y-1)   replies 1 August (Y-1) – 31 January Y
    June session of year Y        sent 1 December (Y-1) – 28/29 February Y   replies 1 February Y – 30 April Y
    September session of year Y   sent 1 March Y – 31 May Y               replies 1 May Y – 31 July Y

so the 46th session is March 2021, the 47th June 2021 and the 48th September 2021 (letters of 12 March 2021). The
report's symbol is A/HRC/<session>/3. Staff overrides (reports.SessionOverride) are applied by the caller.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

FIRST_RULED_SESSION = 7  # March 2008: the first year with three regular sessions in March, June and September
_FIRST_RULED_YEAR = 2008
SESSION_MONTHS = (3, 6, 9)


class SessionError(ValueError):
    """A session number or date outside what the calendar rules cover."""


@dataclass(frozen=True)
class Session:
    number: int
    year: int
    month: int  # the month the session opens: 3, 6 or 9
    symbol: str
    sent_from: dt.date
    sent_to: dt.date
    replies_from: dt.date
    replies_to: dt.date

    @property
    def name(self) -> str:
        return f"{ordinal(self.number)} session ({calendar.month_name[self.month]} {self.year})"

    def sent_in_window(self, day: dt.date) -> bool:
        return self.sent_from <= day <= self.sent_to

    def received_in_window(self, day: dt.date) -> bool:
        return self.replies_from <= day <= self.replies_to


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def session(number: int) -> Session:
    """The session `number` with its computed symbol and windows; SessionError before the 7th (March 2008)."""
    if not isinstance(number, int) or number < FIRST_RULED_SESSION:
        raise SessionError(
            f"session {number!r}: the calendar rules cover regular sessions from the {FIRST_RULED_SESSION}th "
            "(March 2008) on"
        )
    offset = number - FIRST_RULED_SESSION
    year, month = _FIRST_RULED_YEAR + offset // 3, SESSION_MONTHS[offset % 3]
    if month == 3:
        sent = (dt.date(year - 1, 6, 1), dt.date(year - 1, 11, 30))
        replies = (dt.date(year - 1, 8, 1), dt.date(year, 1, 31))
    elif month == 6:
        sent = (dt.date(year - 1, 12, 1), _month_end(year, 2))  # 28 or 29 February
        replies = (dt.date(year, 2, 1), dt.date(year, 4, 30))
    else:
        sent = (dt.date(year, 3, 1), dt.date(year, 5, 31))
        replies = (dt.date(year, 5, 1), dt.date(year, 7, 31))
    return Session(number, year, month, f"A/HRC/{number}/3", *sent, *replies)


def session_of(year: int, month: int) -> Session:
    """The session that opens in `month` (3, 6 or 9) of `year`."""
    if month not in SESSION_MONTHS:
        raise SessionError(f"regular sessions open in March, June or September, not in month {month}")
    return session(FIRST_RULED_SESSION + (year - _FIRST_RULED_YEAR) * 3 + SESSION_MONTHS.index(month))


def session_for_letter(sent_on: dt.date) -> Session:
    """The session whose report lists a letter sent on `sent_on`."""
    if sent_on.month in (3, 4, 5):
        return session_of(sent_on.year, 9)
    if sent_on.month in (6, 7, 8, 9, 10, 11):
        return session_of(sent_on.year + 1, 3)
    return session_of(sent_on.year + (sent_on.month == 12), 6)


def next_session(today: dt.date) -> Session:
    """The session that opens next (the current one during its opening month): the report the secretariat is
    preparing. Sessions are taken to open on the first day of their month; overrides may say otherwise."""
    month = next((m for m in SESSION_MONTHS if m >= today.month), None)
    return session_of(today.year, month) if month else session_of(today.year + 1, 3)


_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_TEENS = "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
_TENS = {2: "twent", 3: "thirt", 4: "fort", 5: "fift", 6: "sixt", 7: "sevent", 8: "eight", 9: "ninet"}
_CARDINAL_UNITS = "one two three four five six seven eight nine".split()


def ordinal_words(n: int) -> str:
    """'Forty-eighth' for 48, as United Nations documents name sessions (1–199)."""
    if not 1 <= n < 200:
        return ordinal(n)
    prefix, n = ("One hundred and ", n - 100) if n >= 100 else ("", n)
    if n == 0:
        return "One hundredth"
    if n < 10:
        word = _UNITS[n - 1]
    elif n < 20:
        word = _TEENS[n - 10]
    elif n % 10 == 0:
        word = _TENS[n // 10] + "ieth"
    else:
        word = f"{_TENS[n // 10]}y-{_UNITS[n % 10 - 1]}"
    text = prefix + word
    return text[0].upper() + text[1:]
