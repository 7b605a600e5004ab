"""Every figure of the reports and statistics, defined once (docs/reports.md names each one).

A figure is a function of the published facts (`FactTable`) and a selection of its rows (`sel`: an array of row
indices). The report of a session, the public statistics and their charts all call these functions: no figure is
computed anywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np

from spcomms.lib.states import un_state_names

from .facts import KINDS, NO_DAY, FactTable, months

REPLY_WITHIN_DAYS = 60  # "replies received within 60 days": the reply period the letters ask for
NON_MEMBER_STATES = frozenset({"VAT", "PSE"})  # observer States: addressed, but not in the Member-State share
PUBLIC_TYPES = ("JAL", "JUA", "JOL", "AL", "UA", "OL")
UA = 1  # index of "UA" in facts.TYPES
# Their other communications go to their own reports: only urgent appeals and joint letters count for the Council.
OWN_REPORT_MANDATES = (
    "Working Group on Arbitrary Detention",
    "Working Group on Enforced or Involuntary Disappearances",
)


def member_states() -> frozenset[str]:
    """The 193 UN Member States (the registry's States less the two observer States)."""
    return frozenset(un_state_names()) - NON_MEMBER_STATES


# --- which letters a figure is about ---


def sent_between(t: FactTable, sel: np.ndarray, first: dt.date, last: dt.date) -> np.ndarray:
    """Letters dated from `first` to `last`, both days included."""
    days = t.day[sel]
    return sel[(days != NO_DAY) & (days >= first.toordinal()) & (days <= last.toordinal())]


def in_council_report(t: FactTable, sel: np.ndarray, own_report_mandate_ids) -> np.ndarray:
    """A single-mandate letter of WGAD or WGEID goes to the Council report only when it is an urgent appeal."""
    own = [t.mandate_ids.index(m) for m in own_report_mandate_ids if m in t.mandate_ids]
    single_own = ~t.joint[sel] & np.isin(t.first_mandate[sel], own)
    return sel[~single_own | (t.type[sel] == UA)]


# --- figures ---


def communications(t: FactTable, sel: np.ndarray) -> int:
    """Communications sent: one per letter (one addressee, one reference)."""
    return int(sel.size)


def by_type(t: FactTable, sel: np.ndarray) -> dict[str, int]:
    """Letters per public type: JAL/JUA/JOL for joint letters, AL/UA/OL for letters of one mandate."""
    counted = np.bincount(t.type[sel] + np.where(t.joint[sel], 0, 3), minlength=6)
    return {name: int(n) for name, n in zip(PUBLIC_TYPES, counted.tolist(), strict=True)}


def joint(t: FactTable, sel: np.ndarray) -> int:
    """Letters signed by two or more mandates."""
    return int(t.joint[sel].sum())


def share(part: int, whole: int) -> float | None:
    """part / whole as a fraction (0–1) rounded to 3 places; None when there is nothing to divide."""
    return round(part / whole, 3) if whole else None


def by_kind(t: FactTable, sel: np.ndarray) -> dict[str, int]:
    """Letters per addressee kind: States, companies, other non-State actors (international organisations too)."""
    counted = np.bincount(t.kind[sel], minlength=3).tolist()
    return {kind: int(n) for kind, n in zip(KINDS, counted, strict=True)}


def per_mandate(t: FactTable, sel: np.ndarray) -> Counter:
    """Letters each mandate signed (a joint letter counts once for every mandate that signed it), by mandate id."""
    chosen = np.zeros(t.size, dtype=bool)
    chosen[sel] = True
    counted = np.bincount(t.link_mandate[chosen[t.link_fact]], minlength=len(t.mandate_ids)).tolist()
    return Counter({t.mandate_ids[i]: n for i, n in enumerate(counted) if n})


def per_state(t: FactTable, sel: np.ndarray) -> Counter:
    """Letters to each State, by ISO alpha-3 code."""
    counted = np.bincount(t.code[sel][t.kind[sel] == 0], minlength=len(t.codes)).tolist()
    return Counter({t.codes[i]: n for i, n in enumerate(counted) if n})


def per_region(t: FactTable, sel: np.ndarray, region_of: dict[str, str]) -> Counter:
    """Letters to the States of each UN regional group."""
    out: Counter = Counter()
    for code, n in per_state(t, sel).items():
        out[region_of.get(code, "Not in a regional group")] += n
    return out


def states_addressed(t: FactTable, sel: np.ndarray) -> set[str]:
    """Distinct States that received at least one letter."""
    return set(per_state(t, sel))


def member_states_addressed(t: FactTable, sel: np.ndarray) -> set[str]:
    """Distinct UN Member States that received at least one letter."""
    return states_addressed(t, sel) & member_states()


def non_state_actors_addressed(t: FactTable, sel: np.ndarray) -> int:
    """Distinct addressees that are not States (companies, international organisations, other actors)."""
    return int(np.unique(t.addressee[sel][t.kind[sel] != 0]).size)


def replied(t: FactTable, sel: np.ndarray) -> int:
    """Letters with at least one public reply."""
    return int(t.has_reply[sel].sum())


def _answered_days(t: FactTable, sel: np.ndarray) -> np.ndarray:
    """Days from the letter's date to its first public reply, for the dated letters that were answered."""
    answered = t.has_reply[sel] & (t.day[sel] != NO_DAY)
    return t.first_reply_days[sel][answered]


def replied_within(t: FactTable, sel: np.ndarray, days: int = REPLY_WITHIN_DAYS) -> int:
    """Letters whose first public reply came at most `days` days after the letter's date."""
    return int((_answered_days(t, sel) <= days).sum())


def replied_later(t: FactTable, sel: np.ndarray, days: int = REPLY_WITHIN_DAYS) -> int:
    """Letters whose first public reply came more than `days` days after the letter's date."""
    return int((_answered_days(t, sel) > days).sum())


def reply_rate(t: FactTable, sel: np.ndarray) -> float | None:
    """Share of letters with at least one public reply."""
    return share(replied(t, sel), communications(t, sel))


def median_days_to_reply(t: FactTable, sel: np.ndarray) -> float | None:
    """Median of the days from the letter's date to its first public reply, over the letters answered."""
    days = _answered_days(t, sel)
    return float(np.median(days)) if days.size else None


def by_month(t: FactTable, sel: np.ndarray) -> dict[str, int]:
    """Letters per month of their date, as 'YYYY-MM', in order."""
    days = t.day[sel]
    counted = Counter(months(days[days != NO_DAY]).tolist())
    return {f"{1970 + m // 12}-{m % 12 + 1:02d}": counted[m] for m in sorted(counted)}


def reply_rate_by_kind(t: FactTable, sel: np.ndarray) -> dict[str, float | None]:
    """`reply_rate` of the letters to each addressee kind."""
    return {kind: reply_rate(t, sel[t.kind[sel] == i]) for i, kind in enumerate(KINDS)}


def replies_received_between(t: FactTable, sel: np.ndarray, first: dt.date, last: dt.date):
    """Every public reply received from `first` to `last` (both included) to a letter of `sel`, whatever period
    that letter belongs to: (row indices of the letters, reply days as ordinals), by reply."""
    chosen = np.zeros(t.size, dtype=bool)
    chosen[sel] = True
    kept = chosen[t.reply_fact] & (t.reply_day >= first.toordinal()) & (t.reply_day <= last.toordinal())
    return t.reply_fact[kept].astype(np.int64), t.reply_day[kept]


def letters_answered(replies) -> int:
    """Distinct letters among `replies_received_between`'s replies."""
    return int(np.unique(replies[0]).size)


def replies_to_earlier_periods(t: FactTable, replies, first: dt.date) -> int:
    """Replies (of `replies_received_between`) to letters dated before `first`, the start of the letter window."""
    days = t.day[replies[0]]
    return int(((days != NO_DAY) & (days < first.toordinal())).sum())


def letter_figures(t: FactTable, sel: np.ndarray) -> dict:
    """The figures of the letters themselves, the same in the Council report and on /statistics/."""
    sent, joint_letters = communications(t, sel), joint(t, sel)
    members = member_states_addressed(t, sel)
    return {
        "communications": sent,
        "joint": joint_letters,
        "single": sent - joint_letters,
        "joint_share": share(joint_letters, sent),
        "by_type": by_type(t, sel),
        "by_kind": by_kind(t, sel),
        "states_addressed": len(states_addressed(t, sel)),
        "member_states_addressed": len(members),
        "member_share": share(len(members), len(member_states())),
        "non_state_actors_addressed": non_state_actors_addressed(t, sel),
    }
