"""An install upgraded from before the vault: the schema migrated back to just before the plain-text
`cases_source` table is dropped, rows planted with the historical model, then migrated forward again."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import DeleteModel


def drop_migration(executor: MigrationExecutor) -> tuple[str, str]:
    """The cases migration that deletes the Source model (found by what it does: the lead may renumber it)."""
    for key, migration in executor.loader.disk_migrations.items():
        if key[0] == "cases" and any(
            isinstance(op, DeleteModel) and op.name == "Source" for op in migration.operations
        ):
            return key
    raise AssertionError("no cases migration drops Source")


def migrate_forward() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@contextmanager
def plain_sources_table():
    """Yields the historical `cases.Source` model; the schema is back at the newest migrations afterwards."""
    executor = MigrationExecutor(connection)
    drop = drop_migration(executor)
    before = [parent for parent in executor.loader.graph.node_map[drop].parents if parent.key[0] == "cases"]
    target = [before[0].key]
    executor.migrate(target)
    try:
        yield executor.loader.project_state(target).apps.get_model("cases", "Source")
    finally:
        if "cases_source" in connection.introspection.table_names():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM cases_source")
        migrate_forward()
