"""Search over published communications: keeping the index in step, and querying it with facets.

The index (portal.models) is filled only from `cases.visibility`, so it holds nothing the gate would not show.
The index is kept in step by portal.index, which the actions that change what is public call.

Results contract (the same on SQLite FTS5 and PostgreSQL tsvector): the words of the query, lower-cased and
stemmed (Porter / Snowball English), English stop words dropped, must all occur (AND) in the communication's head
(reference, addressee, mandates, summary), its letter, or its public replies. Nothing the user types is query
syntax: quotes, operators, NEAR, column filters, '*' are all just separators between words.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from spcomms.cases import visibility
from spcomms.lib import clock

from . import facets, fulltext

# PostgreSQL's 'english' stop words (Snowball list), dropped on SQLite too so both engines agree.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can did do does doing don down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own s same she should so some such t than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with you your yours yourself yourselves""".split()
)
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 16

SORTS = ("relevance", "newest", "oldest", "reference")
FACETS = facets.FACETS
PUBLIC_TYPES = ("AL", "UA", "OL", "JAL", "JUA", "JOL")


def words_of(text: str) -> tuple[str, ...]:
    """The searchable words of what the user typed: everything else (FTS or SQL syntax) is a separator."""
    words = [w.lower() for w in WORD.findall(text or "")]
    kept = [w for w in words if w not in STOP_WORDS and "_" not in w]
    return tuple(dict.fromkeys(kept))[:MAX_WORDS]


# --- querying ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    mandate: tuple[int, ...] = ()  # all of them (AND): a letter signed by each
    addressee: tuple[int, ...] = ()  # any of them (OR), as for the other single-valued facets
    year: tuple[int, ...] = ()
    replied: tuple[str, ...] = ()  # "yes" / "no"
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20

    @property
    def effective_sort(self) -> str:
        return "newest" if self.sort == "relevance" and not self.words else self.sort


@dataclass(frozen=True)
class Hit:
    id: int
    slug: str
    reference: str
    public_type: str
    date: dt.date | None
    published_at: dt.datetime
    addressee_id: int
    addressee_name: str
    addressee_kind: str
    mandates: list[str]
    summary: str
    reply_count: int
    last_reply_on: dt.date | None
    snippet: str  # plain text; highlighted words between fulltext.MARK_START and MARK_END


@dataclass
class Results:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # facet → {value: count}, values as strings


HIT_COLUMNS = ", ".join(
    "d." + c
    for c in (
        "communication_id",
        "slug",
        "reference",
        "public_type",
        "date",
        "published_at",
        "addressee_id",
        "addressee_name",
        "addressee_kind",
        "mandate_titles",
        "summary",
        "reply_count",
        "last_reply_on",
    )
)


def _filters(query: Query) -> facets.Filters:
    # Sorted and without repeats: the same choice in another order is the same cached entry.
    return facets.Filters(
        kind=_set(query.kind),
        type=_set(query.type),
        mandate=_set(query.mandate),
        addressee=_set(query.addressee),
        year=_set(query.year),
        replied=_set(query.replied),
    )


def _set(values: tuple) -> tuple:
    return tuple(sorted(set(values)))


def search(query: Query, now: dt.datetime | None = None) -> Results:
    """One page of hits, the total and every facet's counts, all under the same filters."""
    now = now or clock.now()
    filters = _filters(query)
    table = facets.table()
    matched: list[int] = []
    with fulltext.session(query.words) as cursor:
        if query.words:
            matched = fulltext.matching_ids(cursor, query.words)
            ids = table.select(matched, filters, now)
        else:
            ids = None
        total, counts = table.counts(ids, filters, now)
        if total == 0 or query.offset >= total:
            return Results(total=total, hits=[], facets=counts)
        if query.effective_sort == "relevance":
            page = _ranked_page(cursor, query, matched, ids)
        else:
            ids = table.select(None, filters, now) if ids is None else ids
            page = table.page(ids, query.effective_sort, query.offset, query.limit)
        if not page:
            return Results(total=total, hits=[], facets=counts)
        cursor.execute(
            f"SELECT {HIT_COLUMNS} FROM portal_searchdocument d "
            f"WHERE d.communication_id IN ({', '.join(['%s'] * len(page))})",
            page,
        )
        position = {pk: i for i, pk in enumerate(page)}
        rows = sorted(cursor.fetchall(), key=lambda row: position[row[0]])
    snippets = fulltext.snippets(page, query.words) if query.words else {}
    # Defence in depth: a row the gate no longer publishes (index not yet in step) is never shown.
    still_public = set(visibility.published_communications(now).filter(pk__in=page).values_list("pk", flat=True))
    hits = [_hit(row, snippets.get(row[0])) for row in rows if row[0] in still_public]
    return Results(total=total, hits=hits, facets=counts)


# Relevance ranks the RANK_WINDOW most recently indexed matches (highest ids) by bm25 / ts_rank_cd and lists the
# older matches after them, newest first: ranking every match of a word found in most letters costs ~2 µs per
# letter on SQLite and a detoasted tsvector each on PostgreSQL, far beyond the latency budget at 100k letters.
# SQLite's engine ranks a range of ids, filtered or not, so the range is also held to the RANK_SCAN newest letters
# holding the words: a narrow filter ranks fewer than RANK_WINDOW of its matches rather than every letter.
RANK_WINDOW = 1000
RANK_SCAN = 10_000


def _ranked_page(cursor, query: Query, matched: list[int], ids: list[int]) -> list[int]:
    """One page by relevance of `ids`, the letters passing the filters among `matched` (all holding the words)."""
    newest_first = ids[::-1]  # ids, like matched, are ascending
    lowest = matched[-RANK_SCAN:][0]
    window = [pk for pk in newest_first[:RANK_WINDOW] if pk >= lowest]
    page = []
    if query.offset < len(window):
        page = fulltext.ranked(cursor, query.words, window[::-1])[query.offset : query.offset + query.limit]
    if len(page) < query.limit:
        start = max(query.offset, len(window))
        page += newest_first[start : start + query.limit - len(page)]
    return page


def _hit(row, snippet: str | None) -> Hit:
    (pk, slug, reference, public_type, date, published_at, addressee_id, addressee_name, kind, mandates, summary,
     reply_count, last_reply_on) = row  # fmt: skip
    if isinstance(mandates, str):  # JSON comes back as text from a raw cursor
        mandates = json.loads(mandates)
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    if isinstance(last_reply_on, str):
        last_reply_on = dt.date.fromisoformat(last_reply_on)
    published_at = facets.aware(published_at)
    return Hit(
        id=pk,
        slug=slug,
        reference=reference,
        public_type=public_type,
        date=date,
        published_at=published_at,
        addressee_id=addressee_id,
        addressee_name=addressee_name,
        addressee_kind=kind,
        mandates=mandates,
        summary=summary,
        reply_count=reply_count,
        last_reply_on=last_reply_on,
        snippet=snippet if snippet is not None else _shorten(summary),
    )


def _shorten(text: str, limit: int = 240) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
