"""The narrow facts counted by reports.counts, as columns (numpy arrays), built only from the visibility gate.

One row per published letter: its date, type, joint or not, addressee kind, State, addressee, mandates and public
replies. Counting a figure over a selection of rows is then one vectorised operation (~1 ms at 100,000 letters)
instead of a Python loop. The whole published register's table is read once per process and per state of the
public index (the portal's `SearchState.token`, replaced with every publication, hold and public reply) and per day.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from spcomms.cases import visibility
from spcomms.lib import clock
from spcomms.registry.models import Addressee

# The three addressee kinds of the statistics: international organisations count with the other non-State actors.
STATE, COMPANY, OTHER = "state", "company", "other"
KINDS = (STATE, COMPANY, OTHER)
KIND_OF = {Addressee.STATE: 0, Addressee.COMPANY: 1, Addressee.IGO: 2, Addressee.OTHER: 2}
KIND_LABELS = {STATE: "States", COMPANY: "Companies", OTHER: "Other non-State actors"}
TYPES = ("AL", "UA", "OL")
NO_DAY = -1  # a letter without a date


@dataclass(frozen=True)
class Fact:
    """One row, as Python values (for the rows of a report)."""

    index: int
    id: int
    date: dt.date | None
    type: str
    joint: bool
    kind: str
    code: str
    addressee_id: int
    mandates: tuple[int, ...]
    replies: tuple[dt.date, ...]

    @property
    def public_type(self) -> str:
        return f"J{self.type}" if self.joint else self.type


class FactTable:
    """Columns of the published letters; `mandate_ids` and `codes` map the dense indices back to ids and codes."""

    def __init__(self, raw: visibility.PublicFacts):
        letters = raw.letters
        n = len(letters)
        self.size = n
        self.id = np.fromiter((r[0] for r in letters), dtype=np.int64, count=n)
        position = {pk: i for i, pk in enumerate(self.id.tolist())}
        self.day = np.fromiter((r[1].toordinal() if r[1] else NO_DAY for r in letters), dtype=np.int32, count=n)
        self.type = np.fromiter((TYPES.index(r[2]) for r in letters), dtype=np.int8, count=n)
        self.kind = np.fromiter((KIND_OF.get(r[3], 2) for r in letters), dtype=np.int8, count=n)
        self.codes = sorted({r[4] for r in letters})
        code_index = {c: i for i, c in enumerate(self.codes)}
        self.code = np.fromiter((code_index[r[4]] for r in letters), dtype=np.int16, count=n)
        self.addressee = np.fromiter((r[5] for r in letters), dtype=np.int64, count=n)
        case = np.fromiter((r[6] for r in letters), dtype=np.int64, count=n)
        self._mandate_links(raw.case_mandates, case)
        self._replies(raw.replies, position)

    def _mandate_links(self, case_mandates, case) -> None:
        by_case: dict[int, list[int]] = {}
        for case_id, mandate_id in case_mandates:
            by_case.setdefault(case_id, []).append(mandate_id)
        self.mandate_ids = sorted({m for ms in by_case.values() for m in ms})
        dense = {m: i for i, m in enumerate(self.mandate_ids)}
        link_fact, link_mandate, first = [], [], np.full(self.size, -1, dtype=np.int32)
        for i, case_id in enumerate(case.tolist()):
            ms = by_case.get(case_id, ())
            if ms:
                first[i] = dense[ms[0]]
            for m in ms:
                link_fact.append(i)
                link_mandate.append(dense[m])
        self.link_fact = np.array(link_fact, dtype=np.int32)
        self.link_mandate = np.array(link_mandate, dtype=np.int32)
        self.first_mandate = first
        self.joint = np.bincount(self.link_fact, minlength=self.size) > 1 if self.size else np.zeros(0, dtype=bool)

    def _replies(self, replies, position) -> None:
        kept = [(position[c], day.toordinal()) for c, day in replies if c in position]
        self.reply_fact = np.array([k[0] for k in kept], dtype=np.int32)
        self.reply_day = np.array([k[1] for k in kept], dtype=np.int32)
        first = np.full(self.size, np.iinfo(np.int32).max, dtype=np.int32)
        np.minimum.at(first, self.reply_fact, self.reply_day)
        self.has_reply = first != np.iinfo(np.int32).max
        self.first_reply_days = np.where(self.has_reply & (self.day != NO_DAY), first - self.day, 0)

    # --- selections ---

    @cached_property
    def every(self) -> np.ndarray:
        return np.arange(self.size, dtype=np.int64)

    @cached_property
    def year(self) -> np.ndarray:
        years = np.zeros(self.size, dtype=np.int64)
        dated = self.day != NO_DAY
        years[dated] = _years(self.day[dated])
        return years

    def with_mandate(self, mandate_id: int) -> np.ndarray:
        """Row indices of the letters `mandate_id` signed."""
        if mandate_id not in self.mandate_ids:
            return np.zeros(0, dtype=np.int64)
        return np.unique(self.link_fact[self.link_mandate == self.mandate_ids.index(mandate_id)]).astype(np.int64)

    def fact(self, i: int) -> Fact:
        mandates = tuple(self.mandate_ids[m] for m in self.link_mandate[self.link_fact == i].tolist())
        replies = tuple(sorted(dt.date.fromordinal(d) for d in self.reply_day[self.reply_fact == i].tolist()))
        day = int(self.day[i])
        return Fact(
            i,
            int(self.id[i]),
            dt.date.fromordinal(day) if day != NO_DAY else None,
            TYPES[int(self.type[i])],
            bool(self.joint[i]),
            KINDS[int(self.kind[i])],
            self.codes[int(self.code[i])],
            int(self.addressee[i]),
            mandates,
            replies,
        )


def _years(ordinals: np.ndarray) -> np.ndarray:
    """Calendar years of proleptic Gregorian ordinals (date.toordinal), vectorised."""
    as_dates = (ordinals.astype(np.int64) - dt.date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    return as_dates.astype("datetime64[Y]").astype(np.int64) + 1970


def months(ordinals: np.ndarray) -> np.ndarray:
    """Months since January 1970 of ordinals, vectorised."""
    as_dates = (ordinals.astype(np.int64) - dt.date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    return as_dates.astype("datetime64[M]").astype(np.int64)


_lock = threading.Lock()
_cached: dict = {}
_reloading: dict = {}  # "done": the event of the reload under way
# How long a statistics page waits for the new facts after a change before it answers from the previous ones: a
# small register is read again well within it (every visitor sees the change at once), a large one is not.
RELOAD_WAIT_SECONDS = 0.5


def _index_token() -> str | None:
    from spcomms.portal.models import SearchState

    return SearchState.objects.values_list("token", flat=True).first()


def _load(key) -> FactTable:
    table = FactTable(visibility.public_facts())
    with _lock:
        _cached.clear()
        _cached.update(key=key, table=table, version=id(table))
    return table


def _reload_in_background(key) -> threading.Event:
    """Read the facts again in one thread (one at a time); the event is set when that read is over."""
    from django.db import connection

    with _lock:
        running = _reloading.get("done")
        if running is not None:
            return running
        done = _reloading["done"] = threading.Event()

    def run():
        try:
            _load(key)
        finally:
            connection.close()  # the thread's own connection
            with _lock:
                _reloading.pop("done", None)
            done.set()

    threading.Thread(target=run, name="reports-facts", daemon=True).start()
    return done


def published_facts(*, fresh: bool = True) -> FactTable:
    """Facts of the whole published register, from memory while the public index has not changed.

    `fresh=False` (the statistics pages): after a change, one thread reads the new table; a page waits for it at
    most RELOAD_WAIT_SECONDS and otherwise answers from the previous table (the read takes seconds at 100,000
    letters on a busy SQLite) instead of making every visitor wait. Reports always read the current register.
    """
    key = (_index_token(), clock.today())
    with _lock:
        current = _cached.get("key")
        table = _cached.get("table")
    if current == key:
        return table
    if not fresh and table is not None:
        if _reload_in_background(key).wait(RELOAD_WAIT_SECONDS):
            with _lock:
                return _cached.get("table") or table
        return table
    return _load(key)


def forget() -> None:
    """Drop the facts held in memory (tests that write rows without going through the publication hooks)."""
    with _lock:
        _cached.clear()


def cache_version(*, fresh: bool = True) -> int:
    """Changes whenever the facts are read again: a key for what is computed from them."""
    published_facts(fresh=fresh)
    return _cached.get("version", 0)
