"""spcomms vault-import-sources: the old plain-text case sources move into the vault, linked by source id."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection

from spcomms.audit.models import AuditEvent
from spcomms.intake import records
from spcomms.intake.models import SourceLink, Submission
from tests import factories

from .legacy import migrate_forward, plain_sources_table

pytestmark = pytest.mark.django_db(transaction=True)


def test_plain_sources_are_sealed_linked_and_deleted(capsys):
    case = factories.case(title="Old case")
    with plain_sources_table() as Source:
        row = Source.objects.create(
            case_id=case.pk, name="Old Informant", contact="+41 22 000 00 00", notes="met in Geneva", consent=True,
            reliability="high",
        )  # fmt: skip
        Source.objects.filter(pk=row.pk).update(created_at=dt.datetime(2019, 5, 6, 7, 8, tzinfo=dt.UTC))
        call_command("vault-import-sources", "--dry-run")
        assert "would seal 1 source(s)" in capsys.readouterr().out and Source.objects.count() == 1
        call_command("vault-import-sources")
        assert not Source.objects.exists()
        out = capsys.readouterr().out
    link = SourceLink.objects.get(case=case)
    submission = Submission.objects.get(source_id=link.source_id)
    assert submission.state == Submission.CONVERTED and submission.consent_names_to_state
    assert submission.created_at == dt.datetime(2019, 5, 6, 7, 8, tzinfo=dt.UTC)
    assert records.identity_of(submission)["name"] == "Old Informant"
    assert records.identity_of(submission)["address"] == "+41 22 000 00 00"
    assert records.account_of(submission)["narrative"] == "met in Geneva"
    assert records.account_of(submission)["confidential_parts"] == "reliability: high"
    assert f"sealed as {link.source_id}" in out and "spcomms migrate" in out
    event = AuditEvent.objects.get(action="submission.imported")
    assert event.object_repr == link.source_id and event.after == {"case": case.pk, "source_row": row.pk}
    assert not any("Informant" in str(e.before) + str(e.after) + e.object_repr for e in AuditEvent.objects.all())


def test_on_a_migrated_install_there_is_nothing_to_import(capsys):
    migrate_forward()
    assert "cases_source" not in connection.introspection.table_names()
    call_command("vault-import-sources")
    assert "nothing to import: the plain-text table cases_source is gone" in capsys.readouterr().out
    assert not Submission.objects.exists()
