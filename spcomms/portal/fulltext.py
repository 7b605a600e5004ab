"""The two full-text engines behind one small interface: match, ranked page, snippets, optimise.

Words reach the engine only as bound parameters and only in a form that cannot be syntax: on SQLite each word is an
FTS5 string ("word"), on PostgreSQL the words go through plainto_tsquery, which has no operators at all.
"""

from __future__ import annotations

from django.db import connection

MARK_START, MARK_END = "\x01", "\x02"  # highlight markers in snippets; HTML is made after escaping (portal.present)
SNIPPET_WORDS = 28
SQLITE_SNIPPET_COLUMNS = (1, 2, 0)  # body, replies_text, head


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def fts5_query(words: tuple[str, ...]) -> str:
    """'"forced" "labour"': implicit AND of FTS5 strings; a double quote inside a string is doubled."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def match(words: tuple[str, ...]) -> tuple[str, list]:
    """A WHERE clause on `portal_searchdocument d` true when the document contains every word."""
    if _postgres():
        return "d.search_vector @@ plainto_tsquery('english', %s)", [" ".join(words)]
    return "d.communication_id IN (SELECT rowid FROM portal_fts WHERE portal_fts MATCH %s)", [fts5_query(words)]


def ranked_page(words: tuple[str, ...], columns: str, where: str) -> tuple[str, list]:
    """SQL for one page ordered by relevance; parameters: the returned ones, then WHERE's, then LIMIT and OFFSET."""
    if _postgres():
        # The query is bound once in a CTE so that parameters come in order: rank words, WHERE's, paging.
        sql = (
            "WITH q AS (SELECT plainto_tsquery('english', %s) AS tsq) "
            f"SELECT {columns} FROM q, portal_searchdocument d "
            f"WHERE {where} ORDER BY ts_rank_cd(d.search_vector, q.tsq) DESC, d.sort_date DESC, "
            "d.communication_id DESC LIMIT %s OFFSET %s"
        )
        return sql, [" ".join(words)]
    sql = (
        f"SELECT {columns} FROM portal_fts f JOIN portal_searchdocument d ON d.communication_id = f.rowid "
        f"WHERE portal_fts MATCH %s AND {where} "
        "ORDER BY bm25(portal_fts, 8.0, 1.0, 0.5), d.sort_date DESC, d.communication_id DESC LIMIT %s OFFSET %s"
    )
    return sql, [fts5_query(words)]


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
            cursor.execute(
                "SELECT communication_id, ts_headline('english', "
                "CASE WHEN to_tsvector('english', body) @@ plainto_tsquery('english', %s) THEN body "
                "WHEN to_tsvector('english', replies_text) @@ plainto_tsquery('english', %s) THEN replies_text "
                "ELSE head END, "
                "plainto_tsquery('english', %s), %s) FROM portal_searchdocument "
                f"WHERE communication_id IN ({placeholders})",
                [" ".join(words)] * 3 + [options, *ids],
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
            cursor.execute("ANALYZE portal_searchdocument")
            cursor.execute("ANALYZE portal_searchmandate")
        else:
            cursor.execute("INSERT INTO portal_fts(portal_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
