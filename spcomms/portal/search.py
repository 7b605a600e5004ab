"""Search over published communications: keeping the index in step, and querying it with facets.

The index (portal.models) is filled only from `cases.visibility`, so it holds nothing the gate would not show.
Callers: the publication worker and ingest call `reindex(communication)` / `remove(communication)`; signals do
the same on every save (portal.signals); `spcomms reindex` rebuilds everything.

Results contract (the same on SQLite FTS5 and PostgreSQL tsvector): the words of the query, lower-cased and
stemmed (Porter / Snowball English), English stop words dropped, must all occur (AND) in the communication's head
(reference, addressee, mandates, summary), its letter, or its public replies. Nothing the user types is query
syntax: quotes, operators, NEAR, column filters, '*' are all just separators between words.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from spcomms.cases import visibility
from spcomms.lib.letter import FOOTNOTE_TOKEN
from spcomms.registry.models import Addressee, Mandate

from . import facets, fulltext
from .models import KIND_COMPANY, KIND_OTHER, KIND_STATE, SearchDocument, SearchFacet, SearchMandate, SearchState

# The sections that make one letter different from another; the standard paragraphs (capacity, procedure,
# publication notice, legal annex) are in every letter and would only make every word match everything.
INDEXED_SECTIONS = ("introduction", "facts", "concerns", "after_questions")

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


def public_kind(addressee_kind: str) -> str:
    return {Addressee.STATE: KIND_STATE, Addressee.COMPANY: KIND_COMPANY}.get(addressee_kind, KIND_OTHER)


# --- keeping the index in step -------------------------------------------------------------------------------


def _id(communication_or_id) -> int:
    return getattr(communication_or_id, "pk", communication_or_id)


def _lock_index() -> None:
    """Take the index's one lock (its state row) before touching any index row, so that index writers queue instead
    of deadlocking. Without it, two transactions that reindex overlapping letters in different orders (a reply on
    one letter of a case, a hold on another: each reindexes the whole case) each held rows the other needed, and
    PostgreSQL aborted one with a 500 (found by bench/load.py). Held until the surrounding transaction ends."""
    if SearchState.objects.select_for_update().filter(pk=1).exists():
        return
    try:
        with transaction.atomic():
            SearchState.objects.create(pk=1, token=secrets.token_hex(16))
    except IntegrityError:
        pass  # created by a parallel first writer
    SearchState.objects.select_for_update().filter(pk=1).exists()


def remove(communication_or_id) -> None:
    """Take a communication out of the index (unpublished, held, deleted). Safe to call when it is not there."""
    with transaction.atomic():
        _lock_index()
        if _delete([_id(communication_or_id)]):
            _changed()


def _delete(ids=None) -> int:
    """Delete the documents of `ids` (None: all) from the index; how many there were."""
    for model in (SearchMandate, SearchFacet):
        model.objects.filter(**{} if ids is None else {"document_id__in": ids}).delete()
    return (
        SearchDocument.objects.filter(**{} if ids is None else {"pk__in": ids})
        .delete()[1]
        .get(SearchDocument._meta.label, 0)
    )


def _changed() -> None:
    """A new state token: every process reloads its facet table (facets.table). Only on a real change: saving a
    letter that is not public (a draft, a dispatch) must not make every web process reload."""
    if not SearchState.objects.filter(pk=1).update(token=secrets.token_hex(16)):
        SearchState.objects.create(pk=1, token=secrets.token_hex(16))


def reindex(communication_or_id) -> bool:
    """Bring one communication's index row in step with the gate; True if it is public (and now indexed)."""
    return reindex_many([_id(communication_or_id)]) == 1


def reindex_many(ids) -> int:
    ids = list(ids)
    with transaction.atomic():
        _lock_index()
        deleted = _delete(ids)
        stored = _store(visibility.iter_public_data(ids))
        if deleted or stored:
            _changed()
        return stored


def reindex_all(progress=None) -> int:
    """Rebuild the whole index from the gate, in one transaction (readers see the old index until it commits)."""
    with transaction.atomic():
        _lock_index()
        _delete()
        _changed()
        count = _store(visibility.iter_public_data(), progress=progress)
    fulltext.optimise()
    return count


def _store(public_items, progress=None, batch_size: int = 500) -> int:
    mandate_ids = dict(Mandate.objects.values_list("title", "id"))
    addressee_ids = {(kind, name): pk for kind, name, pk in Addressee.objects.values_list("kind", "name", "id")}
    documents, links, count = [], [], 0

    def flush():
        SearchDocument.objects.bulk_create(documents)  # triggers write the SearchFacet rows (migration 0003)
        SearchMandate.objects.bulk_create(links)
        documents.clear()
        links.clear()

    for item in public_items:
        documents.append(_document(item, addressee_ids[(item.addressee_kind, item.addressee_name)]))
        links += [SearchMandate(document_id=item.id, mandate_id=mandate_ids[t]) for t in item.mandates]
        count += 1
        if len(documents) >= batch_size:
            flush()
            if progress:
                progress(count)
    flush()
    return count


def _letter_text(letter: dict | None) -> str:
    if not letter:
        return ""
    sections = letter.get("sections") or {}
    parts = [sections.get(name) or "" for name in INDEXED_SECTIONS] + list(letter.get("questions") or [])
    return FOOTNOTE_TOKEN.sub("", "\n\n".join(p for p in parts if isinstance(p, str) and p))


def _document(item: visibility.PublicCommunication, addressee_id: int) -> SearchDocument:
    replies = item.replies
    return SearchDocument(
        communication_id=item.id,
        slug=slug_of(item.reference),
        reference=item.reference,
        ref_type=item.type,
        public_type=item.public_type,
        code=item.code,
        number=item.number,
        year=item.year,
        date=item.date,
        sort_date=item.date or timezone.localdate(item.published_at),
        published_at=item.published_at,
        addressee_id=addressee_id,
        addressee_name=item.addressee_name,
        addressee_kind=public_kind(item.addressee_kind),
        case_id=item.case_id,
        mandate_titles=list(item.mandates),
        summary=item.summary,
        head=" \n".join([item.summary, item.addressee_name, item.reference, *item.mandates]),  # summary first: snippets
        body=_letter_text(item.letter),
        replies_text="\n\n".join(r.text for r in replies if r.text),
        reply_count=len(replies),
        last_reply_on=replies[-1].received_on if replies else None,
    )


def slug_of(reference: str) -> str:
    """'AL OTH 135/2021' → 'AL-OTH-135-2021'."""
    return re.sub(r"[\s/]+", "-", reference.strip())


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
    now = now or timezone.now()
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
