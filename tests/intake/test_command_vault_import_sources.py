"""spcomms vault-import-sources: the old plain-text case sources move into the vault, linked by source id."""

import pytest
from django.core.management import call_command

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Source
from spcomms.intake import records
from spcomms.intake.models import SourceLink, Submission
from tests import factories

pytestmark = pytest.mark.django_db


def test_plain_sources_are_sealed_linked_and_deleted(capsys):
    case = factories.case(title="Old case")
    Source.objects.create(
        case=case, name="Old Informant", contact="+41 22 000 00 00", notes="met in Geneva", consent=True
    )
    call_command("vault-import-sources", "--dry-run")
    assert "would seal 1 source(s)" in capsys.readouterr().out and Source.objects.count() == 1
    call_command("vault-import-sources")
    assert not Source.objects.exists()
    link = SourceLink.objects.get(case=case)
    submission = Submission.objects.get(source_id=link.source_id)
    assert submission.state == Submission.CONVERTED and submission.consent_names_to_state
    assert records.identity_of(submission)["name"] == "Old Informant"
    assert records.account_of(submission)["narrative"] == "met in Geneva"
    assert f"sealed as {link.source_id}" in capsys.readouterr().out
    event = AuditEvent.objects.get(action="submission.imported")
    assert event.object_repr == link.source_id
    assert not any("Informant" in str(e.before) + str(e.after) + e.object_repr for e in AuditEvent.objects.all())
