"""Every figure of the reports and statistics, defined once, over `Fact`s (docs/reports.md names each one).

A figure here is a plain function of a list of facts (and of a window where it needs one). The report of a session,
the public statistics and their charts all call these functions: no figure is computed anywhere else.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

from spcomms.lib.states import un_state_names

from .facts import COMPANY, OTHER, STATE, Fact

REPLY_WITHIN_DAYS = 60  # "replies received within 60 days": the reply period the letters ask for
NON_MEMBER_STATES = frozenset({"VAT", "PSE"})  # observer States: addressed, but not in the Member-State share
TYPES = ("AL", "UA", "OL")
PUBLIC_TYPES = ("JAL", "JUA", "JOL", "AL", "UA", "OL")
# Their other communications go to their own reports: only urgent appeals and joint letters count for the Council.
OWN_REPORT_MANDATES = (
    "Working Group on Arbitrary Detention",
    "Working Group on Enforced or Involuntary Disappearances",
)


def member_states() -> frozenset[str]:
    """The 193 UN Member States (the registry's States less the two observer States)."""
    return frozenset(un_state_names()) - NON_MEMBER_STATES


# --- which letters a figure is about ---


def sent_between(facts: list[Fact], first: dt.date, last: dt.date) -> list[Fact]:
    """Letters dated from `first` to `last`, both days included."""
    return [f for f in facts if f.date is not None and first <= f.date <= last]


def in_council_report(fact: Fact, own_report_mandate_ids: frozenset[int]) -> bool:
    """A single-mandate letter of WGAD or WGEID goes to the Council report only when it is an urgent appeal."""
    if fact.joint or fact.type == "UA":
        return True
    return not (fact.mandates and fact.mandates[0] in own_report_mandate_ids)


# --- figures ---


def communications(facts: list[Fact]) -> int:
    """Communications sent: one per letter (one addressee, one reference)."""
    return len(facts)


def by_type(facts: list[Fact]) -> dict[str, int]:
    """Letters per public type: JAL/JUA/JOL for joint letters, AL/UA/OL for letters of one mandate."""
    counted = Counter(f.public_type for f in facts)
    return {t: counted.get(t, 0) for t in PUBLIC_TYPES}


def joint(facts: list[Fact]) -> int:
    """Letters signed by two or more mandates."""
    return sum(1 for f in facts if f.joint)


def share(part: int, whole: int) -> float | None:
    """part / whole as a fraction (0–1) rounded to 3 places; None when there is nothing to divide."""
    return round(part / whole, 3) if whole else None


def by_kind(facts: list[Fact]) -> dict[str, int]:
    """Letters per addressee kind: States, companies, other non-State actors (international organisations too)."""
    counted = Counter(f.kind for f in facts)
    return {k: counted.get(k, 0) for k in (STATE, COMPANY, OTHER)}


def per_mandate(facts: list[Fact]) -> Counter:
    """Letters each mandate signed (a joint letter counts once for every mandate that signed it)."""
    return Counter(m for f in facts for m in f.mandates)


def per_state(facts: list[Fact]) -> Counter:
    """Letters to each State, by ISO alpha-3 code."""
    return Counter(f.code for f in facts if f.kind == STATE)


def per_region(facts: list[Fact], region_of: dict[str, str]) -> Counter:
    """Letters to the States of each UN regional group."""
    return Counter(region_of.get(f.code, "Not in a regional group") for f in facts if f.kind == STATE)


def states_addressed(facts: list[Fact]) -> set[str]:
    """Distinct States that received at least one letter."""
    return {f.code for f in facts if f.kind == STATE}


def member_states_addressed(facts: list[Fact]) -> set[str]:
    """Distinct UN Member States that received at least one letter."""
    return states_addressed(facts) & member_states()


def non_state_actors_addressed(facts: list[Fact]) -> set[int]:
    """Distinct addressees that are not States (companies, international organisations, other actors)."""
    return {f.addressee_id for f in facts if f.kind != STATE}


def replied(facts: list[Fact]) -> list[Fact]:
    """Letters with at least one public reply."""
    return [f for f in facts if f.replies]


def days_to_first_reply(fact: Fact) -> int | None:
    """Days from the letter's date to its first public reply."""
    if not fact.replies or fact.date is None:
        return None
    return (fact.replies[0] - fact.date).days


def replied_within(facts: list[Fact], days: int = REPLY_WITHIN_DAYS) -> int:
    """Letters whose first public reply came at most `days` days after the letter's date."""
    return sum(1 for f in facts if (d := days_to_first_reply(f)) is not None and d <= days)


def replied_later(facts: list[Fact], days: int = REPLY_WITHIN_DAYS) -> int:
    """Letters whose first public reply came more than `days` days after the letter's date."""
    return sum(1 for f in facts if (d := days_to_first_reply(f)) is not None and d > days)


def reply_rate(facts: list[Fact]) -> float | None:
    """Share of letters with at least one public reply."""
    return share(len(replied(facts)), len(facts))


def median_days_to_reply(facts: list[Fact]) -> float | None:
    """Median of `days_to_first_reply` over the letters that were answered."""
    days = [d for f in facts if (d := days_to_first_reply(f)) is not None]
    return statistics.median(days) if days else None


def by_month(facts: list[Fact]) -> Counter:
    """Letters per month of their date, as 'YYYY-MM'."""
    return Counter(f"{f.date:%Y-%m}" for f in facts if f.date)


def reply_rate_by_kind(facts: list[Fact]) -> dict[str, float | None]:
    """`reply_rate` of the letters to each addressee kind."""
    return {k: reply_rate([f for f in facts if f.kind == k]) for k in (STATE, COMPANY, OTHER)}


def replies_received_between(facts: list[Fact], first: dt.date, last: dt.date) -> list[tuple[Fact, dt.date]]:
    """Every public reply received from `first` to `last` (both included), with the letter it answers, whatever
    period that letter belongs to."""
    return [(f, day) for f in facts for day in f.replies if first <= day <= last]


def letters_answered(replies: list[tuple[Fact, dt.date]]) -> int:
    """Distinct letters among `replies_received_between`'s replies."""
    return len({f.id for f, _ in replies})


def replies_to_earlier_periods(replies: list[tuple[Fact, dt.date]], first: dt.date) -> int:
    """Replies (of `replies_received_between`) to letters dated before `first`, the start of the letter window."""
    return sum(1 for f, _ in replies if f.date and f.date < first)
