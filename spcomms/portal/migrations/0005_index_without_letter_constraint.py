"""The index's row no longer has a database foreign key to its letter (see SearchDocument.communication).

PostgreSQL only drops the constraint: SQLite locks the whole database for a write anyway, and altering the field
there would rebuild the table and lose the facet triggers of migration 0003.
"""

import django.db.models.deletion
from django.db import migrations, models


def drop_letter_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    document = apps.get_model("portal", "SearchDocument")
    for name in schema_editor._constraint_names(document, ["communication_id"], foreign_key=True):
        schema_editor.execute(schema_editor.sql_delete_fk % {"table": document._meta.db_table, "name": name})


def add_letter_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE portal_searchdocument ADD CONSTRAINT portal_searchdocument_communication_fk "
        "FOREIGN KEY (communication_id) REFERENCES cases_communication (id) DEFERRABLE INITIALLY DEFERRED"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_dispatch_and_reply_files"),
        ("portal", "0004_postgres_vector_on_facets"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchdocument",
                    name="communication",
                    field=models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="cases.communication",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_letter_constraint, add_letter_constraint)],
        ),
    ]
