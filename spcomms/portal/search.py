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
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from spcomms.cases import visibility
from spcomms.lib.letter import FOOTNOTE_TOKEN
from spcomms.registry.models import Addressee, Mandate

from . import fulltext
from .models import KIND_COMPANY, KIND_OTHER, KIND_STATE, SearchDocument, SearchMandate

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
FACETS = ("kind", "type", "mandate", "addressee", "year", "replied")
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


def remove(communication_or_id) -> None:
    """Take a communication out of the index (unpublished, held, deleted). Safe to call when it is not there."""
    SearchDocument.objects.filter(pk=_id(communication_or_id)).delete()


def reindex(communication_or_id) -> bool:
    """Bring one communication's index row in step with the gate; True if it is public (and now indexed)."""
    return reindex_many([_id(communication_or_id)]) == 1


def reindex_many(ids) -> int:
    ids = list(ids)
    with transaction.atomic():
        SearchDocument.objects.filter(pk__in=ids).delete()
        return _store(visibility.iter_public_data(ids))


def reindex_all(progress=None) -> int:
    """Rebuild the whole index from the gate, in one transaction (readers see the old index until it commits)."""
    with transaction.atomic():
        SearchMandate.objects.all().delete()
        SearchDocument.objects.all().delete()
        count = _store(visibility.iter_public_data(), progress=progress)
    fulltext.optimise()
    return count


def _store(public_items, progress=None, batch_size: int = 500) -> int:
    mandate_ids = dict(Mandate.objects.values_list("title", "id"))
    addressee_ids = {(kind, name): pk for kind, name, pk in Addressee.objects.values_list("kind", "name", "id")}
    documents, links, count = [], [], 0

    def flush():
        SearchDocument.objects.bulk_create(documents)
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
ORDERS = {
    "newest": "d.sort_date DESC, d.communication_id DESC",
    "oldest": "d.sort_date ASC, d.communication_id ASC",
    "reference": "d.year DESC, d.code ASC, d.number DESC",
}


def _where(query: Query, now: dt.datetime) -> tuple[str, list]:
    clauses, params = ["d.published_at <= %s"], [now]

    def any_of(column, values):
        clauses.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)

    if query.words:
        sql, word_params = fulltext.match(query.words)
        clauses.append(sql)
        params.extend(word_params)
    for column, values in (
        ("d.addressee_kind", query.kind),
        ("d.public_type", query.type),
        ("d.addressee_id", query.addressee),
        ("d.year", query.year),
    ):
        if values:
            any_of(column, values)
    if set(query.replied) == {"yes"}:
        clauses.append("d.reply_count > 0")
    elif set(query.replied) == {"no"}:
        clauses.append("d.reply_count = 0")
    for mandate_id in query.mandate:
        clauses.append("d.communication_id IN (SELECT document_id FROM portal_searchmandate WHERE mandate_id = %s)")
        params.append(mandate_id)
    return " AND ".join(clauses), params


FACET_SQL = """
WITH hits AS MATERIALIZED (
    SELECT d.communication_id AS id, d.addressee_id, d.addressee_kind, d.public_type, d.year, d.reply_count
    FROM portal_searchdocument d WHERE {where}
)
SELECT 'kind', addressee_kind, COUNT(*) FROM hits GROUP BY addressee_kind
UNION ALL SELECT 'type', public_type, COUNT(*) FROM hits GROUP BY public_type
UNION ALL SELECT 'year', CAST(year AS TEXT), COUNT(*) FROM hits GROUP BY year
UNION ALL SELECT 'replied', CASE WHEN reply_count > 0 THEN 'yes' ELSE 'no' END, COUNT(*) FROM hits
    GROUP BY CASE WHEN reply_count > 0 THEN 'yes' ELSE 'no' END
UNION ALL SELECT 'addressee', CAST(addressee_id AS TEXT), COUNT(*) FROM hits GROUP BY addressee_id
UNION ALL SELECT 'mandate', CAST(m.mandate_id AS TEXT), COUNT(*)
    FROM hits JOIN portal_searchmandate m ON m.document_id = hits.id GROUP BY m.mandate_id
"""


def search(query: Query, now: dt.datetime | None = None) -> Results:
    """One page of hits, the total and every facet's counts, all under the same filters."""
    now = now or timezone.now()
    where, params = _where(query, now)
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(FACET_SQL.format(where=where), params)
        for name, value, count in cursor.fetchall():
            facets[name][str(value)] = count
        total = sum(facets["kind"].values())
        if total == 0 or query.offset >= total:
            return Results(total=total, hits=[], facets=facets)
        if query.effective_sort == "relevance":
            sql, order_params = fulltext.ranked_page(query.words, HIT_COLUMNS, where)
            cursor.execute(sql, [*order_params, *params, query.limit, query.offset])
        else:
            cursor.execute(
                f"SELECT {HIT_COLUMNS} FROM portal_searchdocument d WHERE {where} "
                f"ORDER BY {ORDERS[query.effective_sort]} LIMIT %s OFFSET %s",
                [*params, query.limit, query.offset],
            )
        rows = cursor.fetchall()
    snippets = fulltext.snippets([r[0] for r in rows], query.words) if query.words else {}
    # Defence in depth: a row the gate no longer publishes (index not yet in step) is never shown.
    shown = visibility.published_communications(now).filter(pk__in=[r[0] for r in rows])
    still_public = set(shown.values_list("pk", flat=True))
    hits = [_hit(row, snippets.get(row[0])) for row in rows if row[0] in still_public]
    return Results(total=total, hits=hits, facets=facets)


def _hit(row, snippet: str | None) -> Hit:
    (pk, slug, reference, public_type, date, published_at, addressee_id, addressee_name, kind, mandates, summary,
     reply_count, last_reply_on) = row  # fmt: skip
    if isinstance(mandates, str):  # JSON comes back as text from a raw cursor
        mandates = json.loads(mandates)
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    if isinstance(last_reply_on, str):
        last_reply_on = dt.date.fromisoformat(last_reply_on)
    if isinstance(published_at, str):
        published_at = dt.datetime.fromisoformat(published_at)
    if published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=dt.UTC)
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
