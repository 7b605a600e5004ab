"""PostgreSQL: the tsvector moves from the wide SearchDocument row to the narrow SearchFacet row, GIN index with it.

A match then reads the GIN index and a small heap (~1k pages at 100k letters) instead of the text table's (~20k).
The facet trigger of 0003 now computes the vector from the document's text. SQLite: nothing (FTS5 is its own table).
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('english'::regconfig, {0}.head), 'A') "
    "|| setweight(to_tsvector('english'::regconfig, {0}.body), 'B') "
    "|| setweight(to_tsvector('english'::regconfig, {0}.replies_text), 'C')"
)
COLUMNS = "document_id, published_at, sort_date, kind, public_type, year, code, number, addressee_id, replied"
VALUES = (
    "{0}.communication_id, {0}.published_at, {0}.sort_date, {0}.addressee_kind, {0}.public_type, {0}.year, "
    "{0}.code, {0}.number, {0}.addressee_id, {0}.reply_count > 0"
)


def _sync_function(with_vector: bool) -> str:
    columns = COLUMNS + (", search_vector" if with_vector else "")
    values = VALUES.format("NEW") + (", " + VECTOR.format("NEW") if with_vector else "")
    return f"""CREATE OR REPLACE FUNCTION portal_facet_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN DELETE FROM portal_searchfacet WHERE document_id = OLD.communication_id; END IF;
        IF TG_OP <> 'DELETE' THEN INSERT INTO portal_searchfacet ({columns}) VALUES ({values}); END IF;
        RETURN NULL;
    END $$"""


POSTGRES_UP = [
    "ALTER TABLE portal_searchfacet ADD COLUMN search_vector tsvector",
    # Copied, not re-parsed: an index built before this migration moves in a minute, not a reindex.
    """UPDATE portal_searchfacet s SET search_vector = d.search_vector
        FROM portal_searchdocument d WHERE d.communication_id = s.document_id""",
    "ALTER TABLE portal_searchfacet ALTER COLUMN search_vector SET NOT NULL",
    "CREATE INDEX portal_facet_search_vector ON portal_searchfacet USING gin (search_vector)",
    "ALTER TABLE portal_searchdocument DROP COLUMN search_vector",
    _sync_function(with_vector=True),
]
POSTGRES_DOWN = [
    _sync_function(with_vector=False),
    f"""ALTER TABLE portal_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR.format(
        "portal_searchdocument"
    )}) STORED""",
    "CREATE INDEX portal_doc_search_vector ON portal_searchdocument USING gin (search_vector)",
    "ALTER TABLE portal_searchfacet DROP COLUMN search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_narrow_facets")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
