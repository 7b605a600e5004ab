"""The full-text half of the search index, one per database engine (same results contract, see portal/search.py).

SQLite: an FTS5 table over SearchDocument (external content, kept in step by triggers), Porter stemming.
PostgreSQL: a generated tsvector column ('english' config) with a GIN index.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE portal_fts USING fts5(
        head, body, replies_text,
        content='portal_searchdocument', content_rowid='communication_id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER portal_fts_insert AFTER INSERT ON portal_searchdocument BEGIN
        INSERT INTO portal_fts(rowid, head, body, replies_text)
        VALUES (new.communication_id, new.head, new.body, new.replies_text);
    END""",
    """CREATE TRIGGER portal_fts_delete AFTER DELETE ON portal_searchdocument BEGIN
        INSERT INTO portal_fts(portal_fts, rowid, head, body, replies_text)
        VALUES ('delete', old.communication_id, old.head, old.body, old.replies_text);
    END""",
    """CREATE TRIGGER portal_fts_update AFTER UPDATE ON portal_searchdocument BEGIN
        INSERT INTO portal_fts(portal_fts, rowid, head, body, replies_text)
        VALUES ('delete', old.communication_id, old.head, old.body, old.replies_text);
        INSERT INTO portal_fts(rowid, head, body, replies_text)
        VALUES (new.communication_id, new.head, new.body, new.replies_text);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS portal_fts_update",
    "DROP TRIGGER IF EXISTS portal_fts_delete",
    "DROP TRIGGER IF EXISTS portal_fts_insert",
    "DROP TABLE IF EXISTS portal_fts",
]
POSTGRES_UP = [
    """ALTER TABLE portal_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, head), 'A')
        || setweight(to_tsvector('english'::regconfig, body), 'B')
        || setweight(to_tsvector('english'::regconfig, replies_text), 'C')) STORED""",
    "CREATE INDEX portal_doc_search_vector ON portal_searchdocument USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS portal_doc_search_vector",
    "ALTER TABLE portal_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
