"""Filters, facet counts and sorted pages over the narrow index, held in each process's memory.

In SQL, counting six facets over the tens of thousands of letters a common word matches is the slow part of a
search (GROUP BYs over the matched rows and ~3 mandate lookups per row: 150–300 ms at 100k letters on SQLite).
Here the narrow rows (SearchFacet, SearchMandate) are read once per process and per state of the index: per-id
dictionaries, the sort orders, and a byte mask per value of kind, type, year, replied and mandate, so that a value's
count over a search's hits is `(hits & mask).bit_count()` (~20 µs); addressees are counted with `Counter`.

The database stays the only source of truth: `SearchState.token` is replaced in the same transaction as every change
of the index (search._changed), and a process reloads the table when it reads a new token (~1.3 s on SQLite,
~1.8 s on PostgreSQL at 100k letters; see docs/benchmarks.md for memory). The full-text engine only says which ids
hold the words; everything else is decided here, the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import threading
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field

from django.db import connection

from spcomms.lib import clock

FACETS = ("kind", "type", "mandate", "addressee", "year", "replied")
Counts = dict[str, dict[str, int]]  # facet → {value as text: number of letters}
CACHED_COUNTS = 64  # counts of searches without words (the register's list, a filter alone), per table
CACHED_SETS = 4  # the letters of such searches as sets (~4 MB each at 100k), for counting by subtraction


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words: any of the values within a facet, every mandate."""

    kind: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    mandate: tuple[int, ...] = ()
    addressee: tuple[int, ...] = ()
    year: tuple[int, ...] = ()
    replied: tuple[str, ...] = ()


@dataclass
class Table:
    token: str | None
    # Per document id: a small int standing for (kind, type, year, replied); the addressee; the mandates.
    cube: dict[int, int]
    cube_keys: list[tuple[str, str, int, bool]]
    addressee: dict[int, int]
    mandates: dict[int, frozenset[int]]
    newest: list[int]  # ids by sort date, newest first (ties: highest id first); "oldest" is its reverse
    by_reference: list[int]  # ids by year desc, code, number desc, id desc
    publications: list[tuple[dt.datetime, int]]  # (published_at, id), ascending
    masks: dict[tuple[str, str], int]  # (facet, value as text) → _mask of its letters
    size: int  # highest id + 1
    # Caches, filled as searches need them and dropped with the table.
    _rank: dict[str, dict[int, int]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _live: tuple[int, list[int]] | None = field(default=None, init=False, repr=False, compare=False)
    _counts: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _every: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # --- the matched set ---

    def live(self, now: dt.datetime) -> list[int]:
        """Ids whose publication time has come, newest publication last."""
        published = bisect.bisect_right(self.publications, (now, float("inf")))
        live = self._live  # threads of a process share the table: read the cached value once
        if live is None or live[0] != published:
            live = self._live = (published, [pk for _, pk in self.publications[:published]])
        return live[1]

    def select(self, matched: list[int] | None, filters: Filters, now: dt.datetime) -> list[int]:
        """The ids that are live, hold the words (`matched`; None: no words) and pass every filter."""
        live = self.live(now)
        if matched is None:
            ids = live
        elif len(live) == len(self.publications):
            ids = list(filter(self.cube.__contains__, matched))  # an id indexed after this table was read: left out
        else:
            ids = list(filter(set(live).__contains__, matched))
        allowed = self._allowed_cubes(filters)
        if allowed is not None:
            cube = self.cube
            ids = [pk for pk in ids if cube[pk] in allowed]
        if filters.addressee:
            wanted, addressee = set(filters.addressee), self.addressee
            ids = [pk for pk in ids if addressee[pk] in wanted]
        if filters.mandate:
            every, mandates = frozenset(filters.mandate), self.mandates
            ids = [pk for pk in ids if every <= mandates[pk]]
        return ids

    def _allowed_cubes(self, filters: Filters) -> set[int] | None:
        if not (filters.kind or filters.type or filters.year or filters.replied):
            return None
        replied = {value == "yes" for value in filters.replied}
        return {
            code
            for code, (kind, public_type, year, was_replied) in enumerate(self.cube_keys)
            if (not filters.kind or kind in filters.kind)
            and (not filters.type or public_type in filters.type)
            and (not filters.year or year in filters.year)
            and (not replied or was_replied in replied)
        }

    # --- counting ---

    def count(self, ids: list[int]) -> Counts:
        """Every facet's counts over `ids`: {facet: {value as text: count}}, values with no letter left out.

        Values of few kinds (kind, type, year, replied, mandate) are counted as `(hits & mask).bit_count()` over
        masks of a byte per document id, ~20 µs each; addressees (thousands) by looking each hit's up.
        """
        facets: Counts = {name: {} for name in FACETS}
        hits = _mask(ids, self.size)
        for (name, value), mask in self.masks.items():
            if n := (hits & mask).bit_count():
                facets[name][value] = n
        addressees = Counter(map(self.addressee.__getitem__, ids))
        facets["addressee"] = {str(pk): n for pk, n in addressees.items()}
        return facets

    def counts(self, ids: list[int] | None, filters: Filters, now: dt.datetime) -> tuple[int, Counts]:
        """Total and facet counts of `ids` (None: every letter passing the filters, kept per table).

        When most letters are among `ids`, the few that are not are counted and taken from the kept counts.
        """
        key = (filters, len(self.live(now)))
        kept = self._counts.get(key)  # another thread may clear the caches at any time: hold what was read
        if kept is None:
            if len(self._counts) >= CACHED_COUNTS:
                self._counts.clear()
            every = self.select(None, filters, now)
            kept = self._counts[key] = (len(every), self.count(every))
        every_total, every_count = kept
        if ids is None:
            return every_total, {name: dict(of) for name, of in every_count.items()}  # a copy: callers may edit
        if len(ids) * 2 <= every_total:
            return len(ids), self.count(ids)
        every_set = self._every.get(key)
        if every_set is None:
            if len(self._every) >= CACHED_SETS:
                self._every.clear()
            every_set = self._every[key] = frozenset(self.select(None, filters, now))
        missing = self.count(list(every_set.difference(ids)))
        return len(ids), {name: _minus(of, missing[name]) for name, of in every_count.items()}

    # --- pages ---

    def page(self, ids: list[int], sort: str, offset: int, limit: int) -> list[int]:
        """One page of `ids` in the order `sort` names ("newest", "oldest", "reference")."""
        order = self.by_reference if sort == "reference" else self.newest
        reverse = sort == "oldest"
        if len(ids) == len(order):  # every letter (ids come from this table): the order itself
            return (order[::-1] if reverse else order)[offset : offset + limit]
        if len(ids) * 16 < len(order):  # a few ids: sort them; many: walk the order and keep theirs
            rank = self._rank_of(sort, order)
            return sorted(ids, key=rank.__getitem__, reverse=reverse)[offset : offset + limit]
        wanted = set(ids)
        walk = reversed(order) if reverse else order
        return list(itertools.islice((pk for pk in walk if pk in wanted), offset, offset + limit))

    def _rank_of(self, sort: str, order: list[int]) -> dict[int, int]:
        key = "reference" if sort == "reference" else "newest"
        rank = self._rank.get(key)
        if rank is None:
            rank = self._rank[key] = {pk: position for position, pk in enumerate(order)}
        return rank


def _minus(counts: dict[str, int], taken: dict[str, int]) -> dict[str, int]:
    return {value: n - taken.get(value, 0) for value, n in counts.items() if n > taken.get(value, 0)}


def _yes(replied) -> str:
    return "yes" if replied else "no"  # True/False on PostgreSQL, 1/0 on SQLite


def aware(value):
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def load(cursor, token: str | None) -> Table:
    """Read the narrow index. The caller read `token` first: a change committed meanwhile only makes the table
    newer than its token, so the next search reloads it; never older."""
    cursor.execute(
        "SELECT document_id, kind, public_type, year, replied, addressee_id, published_at, sort_date, code, number "
        "FROM portal_searchfacet"
    )
    rows = cursor.fetchall()
    cube_codes: dict[tuple, int] = {}
    cube = {
        pk: cube_codes.setdefault((kind, public_type, year, bool(replied)), len(cube_codes))
        for pk, kind, public_type, year, replied, *_ in rows
    }
    mandates = _mandates(cursor, cube)
    size = max(cube, default=0) + 1
    return Table(
        token=token,
        cube=cube,
        cube_keys=list(cube_codes),
        addressee={row[0]: row[5] for row in rows},
        mandates=mandates,
        newest=[r[0] for r in sorted(rows, key=lambda r: (_date(r[7]), r[0]), reverse=True)],
        by_reference=[r[0] for r in sorted(rows, key=lambda r: (-r[3], r[8], -r[9], -r[0]))],
        publications=sorted((aware(row[6]), row[0]) for row in rows),
        masks={value: _mask(pks, size) for value, pks in _letters_by_value(cube, list(cube_codes), mandates).items()},
        size=size,
    )


def _mandates(cursor, cube: dict[int, int]) -> dict[int, frozenset[int]]:
    """Each document's set of mandates; documents signed by the same mandates share one set object."""
    cursor.execute("SELECT document_id, mandate_id FROM portal_searchmandate ORDER BY document_id")
    shared: dict[frozenset, frozenset] = {}
    mandates = dict.fromkeys(cube, frozenset())
    for pk, links in itertools.groupby(cursor.fetchall(), key=lambda r: r[0]):
        if pk in mandates:
            signed = frozenset(mandate_id for _, mandate_id in links)
            mandates[pk] = shared.setdefault(signed, signed)
    return mandates


def _letters_by_value(cube, cube_keys, mandates) -> dict[tuple[str, str], list[int]]:
    """(facet, value as text) → ids, for the facets counted with masks."""
    letters_of = defaultdict(list)
    for pk, code in cube.items():
        kind, public_type, year, replied = cube_keys[code]
        for facet_value in (("kind", kind), ("type", public_type), ("year", str(year)), ("replied", _yes(replied))):
            letters_of[facet_value].append(pk)
        for mandate_id in mandates[pk]:
            letters_of[("mandate", str(mandate_id))].append(pk)
    return letters_of


def _mask(ids, size: int) -> int:
    """A byte per document id, 1 for each of `ids`, read as one integer: `&` and `bit_count` then run in C."""
    marks = bytearray(size)
    deque(map(marks.__setitem__, ids, itertools.repeat(1)), maxlen=0)  # marks[pk] = 1 for each id, in C
    return int.from_bytes(marks, "little")


_table: Table | None = None
_loading = threading.Lock()


def _token(cursor) -> str | None:
    cursor.execute("SELECT token FROM portal_searchstate WHERE id = 1")
    row = cursor.fetchone()
    return row[0] if row else None


def table() -> Table:
    """This process's table, reloaded when the index has changed since it was read.

    Read on a cursor of its own, outside a search's PostgreSQL session (whose planner settings suit the GIN index,
    not reading whole tables). Without a token (no index change recorded yet) the table is read and not kept.
    """
    global _table
    with connection.cursor() as cursor:
        current = _table
        if current is not None and current.token is not None and current.token == _token(cursor):
            return current
        with _loading:  # threads of one process share the table; one of them reads it
            token = _token(cursor)  # again: another thread may have loaded a newer table meanwhile
            current = _table
            if current is None or token is None or current.token != token:
                current = load(cursor, token)
                current.counts(None, Filters(), clock.now())  # what the list page and most searches start from
                if token is not None:
                    _table = current
    return current
