"""spcomms purge-intake [--dry-run]: submissions and unfinished forms past their retention period go, with files."""

import pytest
from django.core.management import call_command

from spcomms.audit.models import AuditEvent
from spcomms.intake.actions import PUBLIC, MoveSubmission, SaveDraftStep
from spcomms.intake.models import Attachment, IntakeDraft, Submission

from .helpers import direct_submission

pytestmark = pytest.mark.django_db


def test_dry_run_lists_and_the_real_run_deletes_what_is_past_retention(fake_clock, secretariat, settings, capsys):
    settings.INTAKE_RETENTION_DAYS = settings.INTAKE_RETENTION_DAYS | {"not_taken_up": 30, "draft": 7}
    refused, _ = direct_submission()
    MoveSubmission(secretariat).execute(refused, Submission.NOT_TAKEN_UP, "outside every mandate")
    kept, _ = direct_submission()
    SaveDraftStep(PUBLIC).execute(None, 1, {"name": "half"})
    fake_clock.advance(days=31)
    call_command("purge-intake", "--dry-run")
    out = capsys.readouterr().out
    assert f"would delete {refused.source_id} (not_taken_up, 31 days" in out and kept.source_id not in out
    assert Submission.objects.count() == 2 and IntakeDraft.objects.count() == 1
    call_command("purge-intake")
    assert list(Submission.objects.all()) == [kept] and not IntakeDraft.objects.exists()
    assert "deleted 1 submission(s), 1 unfinished form(s)" in capsys.readouterr().out
    assert AuditEvent.objects.get(action="submission.purged").object_repr == refused.source_id


def test_purged_files_leave_the_disk_on_commit(client, fake_clock, settings, django_capture_on_commit_callbacks):
    from spcomms.intake import files

    from .helpers import submit

    settings.INTAKE_RETENTION_DAYS = settings.INTAKE_RETENTION_DAYS | {"new": 10}
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    path = files.final_path(Attachment.objects.get().uid)
    assert path.exists()
    fake_clock.advance(days=11)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge-intake")
    assert not path.exists() and not Attachment.objects.exists()
