"""The two full-text engines behind one small interface: matching ids, ranking, snippets, optimise.

Words reach the engine only as bound parameters and only in a form that cannot be syntax: on SQLite each word is an
FTS5 string ("word"), on PostgreSQL the words go through plainto_tsquery, which has no operators at all.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction

MARK_START, MARK_END = "\x01", "\x02"  # highlight markers in snippets; HTML is made after escaping (portal.present)
SNIPPET_WORDS = 28
SQLITE_SNIPPET_COLUMNS = (1, 2, 0)  # body, replies_text, head


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def fts5_query(words: tuple[str, ...]) -> str:
    """'"forced" "labour"': implicit AND of FTS5 strings; a double quote inside a string is doubled."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def matching_ids(cursor, words: tuple[str, ...]) -> list[int]:
    """The ids of the documents that hold every word, ascending (published or not: facets.Table.select decides).

    One aggregated row rather than a row per id: at 100k matches that halves the time of reading them.
    """
    if _postgres():
        cursor.execute(
            "SELECT array_agg(document_id) FROM portal_searchfacet "
            "WHERE search_vector @@ plainto_tsquery('english', %s)",
            [" ".join(words)],
        )
        return sorted(cursor.fetchone()[0] or [])
    cursor.execute("SELECT group_concat(rowid) FROM portal_fts WHERE portal_fts MATCH %s", [fts5_query(words)])
    joined = cursor.fetchone()[0]
    ids = list(map(int, joined.split(","))) if joined else []
    ids.sort()  # group_concat's order is not guaranteed; on ids already in order this is one linear pass
    return ids


def ranked(cursor, words: tuple[str, ...], ids: list[int]) -> list[int]:
    """`ids` (documents holding the words, ascending) most relevant first; ties: newest first."""
    if not ids:
        return []
    if _postgres():
        cursor.execute(
            "WITH q AS (SELECT plainto_tsquery('english', %s) AS tsq) "
            "SELECT s.document_id FROM q, portal_searchfacet s "
            "WHERE s.document_id = ANY(%s) "  # matches already: a second @@ would detoast each vector again
            "ORDER BY ts_rank_cd(s.search_vector, q.tsq) DESC, s.sort_date DESC, s.document_id DESC",
            [" ".join(words), list(ids)],
        )
        return [row[0] for row in cursor.fetchall()]
    # A range of rowids, then the ids kept: FTS5 looks each listed rowid up on its own (~4 ms each), a range in one
    # pass. Weights: head (reference, addressee, mandates, summary) 8, letter 1, replies 0.5.
    cursor.execute(
        "SELECT s.document_id FROM portal_fts f JOIN portal_searchfacet s ON s.document_id = f.rowid "
        "WHERE portal_fts MATCH %s AND f.rowid BETWEEN %s AND %s "
        "ORDER BY bm25(portal_fts, 8.0, 1.0, 0.5), s.sort_date DESC, s.document_id DESC",
        [fts5_query(words), ids[0], ids[-1]],
    )
    wanted = set(ids)
    return [row[0] for row in cursor.fetchall() if row[0] in wanted]


@contextmanager
def session(words: tuple[str, ...]):
    """Around one search. PostgreSQL: a transaction (one snapshot) that finds matches through the GIN index.

    The planner prices `@@` on a scanned row as cheap, but every row's tsvector is TOASTed: a scan of 100k letters for
    a common word detoasts them all (~1.4 s) where the bitmap from the GIN index takes ~40 ms. The larger work_mem
    keeps the sets of 100k ids in memory (hashed NOT IN, one-batch hash joins); no JIT, which the huge cost that
    disabling a plan type adds would trigger (~0.4 s of compiling per query). SQLite: nothing (a transaction there
    would be BEGIN IMMEDIATE, a write lock).
    """
    if not (words and _postgres()):
        with connection.cursor() as cursor:
            yield cursor
        return
    with transaction.atomic(), connection.cursor() as cursor:
        off = ("enable_seqscan", "enable_hashjoin", "enable_mergejoin", "jit")
        cursor.execute("; ".join([f"SET LOCAL {name} = off" for name in off] + ["SET LOCAL work_mem = '64MB'"]))
        yield cursor


def snippets(ids: list[int], words: tuple[str, ...]) -> dict[int, str]:
    """A short passage around the words for each id, with the words between MARK_START and MARK_END."""
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if _postgres():
            options = (
                f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
                'MaxFragments=2, FragmentDelimiter=" … "'
            )
            # Which text holds the words is read off the stored vector's weights (B body, C replies), not re-parsed.
            cursor.execute(
                "WITH q AS (SELECT plainto_tsquery('english', %s) AS tsq) "
                "SELECT d.communication_id, ts_headline('english', "
                "CASE WHEN ts_filter(s.search_vector, '{b}') @@ q.tsq THEN body "
                "WHEN ts_filter(s.search_vector, '{c}') @@ q.tsq THEN replies_text ELSE head END, q.tsq, %s) "
                "FROM q, portal_searchdocument d JOIN portal_searchfacet s ON s.document_id = d.communication_id "
                f"WHERE d.communication_id IN ({placeholders})",
                [" ".join(words), options, *ids],
            )
        else:
            # The letter first, then the replies, then the head: a passage of the letter says most about it.
            columns = ", ".join(
                f"snippet(portal_fts, {c}, char(1), char(2), '…', {SNIPPET_WORDS})" for c in SQLITE_SNIPPET_COLUMNS
            )
            cursor.execute(
                f"SELECT rowid, {columns} FROM portal_fts WHERE portal_fts MATCH %s AND rowid IN ({placeholders})",
                [fts5_query(words), *ids],
            )
            rows = [(pk, next((t for t in texts if MARK_START in t), texts[-1])) for pk, *texts in cursor.fetchall()]
            return {pk: " ".join(text.split()) for pk, text in rows}
        return {pk: " ".join(text.split()) for pk, text in cursor.fetchall()}


def optimise() -> None:
    """Merge FTS5 segments after a bulk load (faster queries); PostgreSQL: refresh planner statistics."""
    with connection.cursor() as cursor:
        if _postgres():
            for table in ("portal_searchdocument", "portal_searchfacet", "portal_searchmandate"):
                cursor.execute(f"ANALYZE {table}")
        else:
            cursor.execute("INSERT INTO portal_fts(portal_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
