"""The migration that drops the plain-text sources refuses while rows remain, naming the command that saves them."""

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from spcomms.intake.models import SourceLink
from tests import factories
from tests.intake.legacy import migrate_forward, plain_sources_table

pytestmark = pytest.mark.django_db(transaction=True)


def test_rows_left_stop_the_migration_until_they_are_sealed():
    case = factories.case(title="Case with an old source")
    with plain_sources_table() as Source:
        Source.objects.create(case_id=case.pk, name="Plain Name", contact="plain@example.org")
        with pytest.raises(CommandError) as refused:
            migrate_forward()
        assert "1 plain-text source(s) remain" in str(refused.value)
        assert "spcomms vault-import-sources" in str(refused.value)
        assert Source.objects.count() == 1  # nothing dropped, nothing lost
        from django.core.management import call_command

        call_command("vault-import-sources")
        migrate_forward()
        assert "cases_source" not in connection.introspection.table_names()
    assert SourceLink.objects.filter(case=case).count() == 1


def test_an_empty_table_is_simply_dropped():
    with plain_sources_table():
        assert "cases_source" in connection.introspection.table_names()
        migrate_forward()
        assert "cases_source" not in connection.introspection.table_names()
    executor = MigrationExecutor(connection)
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())
