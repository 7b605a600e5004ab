"""spcomms intake-orphans: files of rolled-back writes and files no row refers to are removed; rows are kept."""

import os
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from spcomms.intake import files
from spcomms.intake.actions import PUBLIC, SaveDraftStep
from spcomms.intake.models import Attachment
from spcomms.workflow.uploads import check_file

from .helpers import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def _age(path, seconds=7200):
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_rolled_back_submission_leaves_only_a_part_file_which_is_removed(capsys):
    with pytest.raises(RuntimeError), transaction.atomic():
        SaveDraftStep(PUBLIC).execute(None, 4, {}, [check_file("a.pdf", PDF)])
        raise RuntimeError("the request failed after the file was written")
    leftovers = list(files.folder().iterdir())
    assert not Attachment.objects.exists() and [p.suffix for p in leftovers] == [".part"]
    call_command("intake-orphans")
    assert "removed 0 unfinished" in capsys.readouterr().out  # too young: may belong to a running transaction
    _age(leftovers[0])
    call_command("intake-orphans", "--dry-run")
    assert "would remove 1 unfinished" in capsys.readouterr().out and leftovers[0].exists()
    call_command("intake-orphans")
    assert not leftovers[0].exists()


def test_committed_files_stay_and_unreferenced_ones_go(capsys):
    SaveDraftStep(PUBLIC).execute(None, 4, {}, [check_file("a.pdf", PDF)])
    kept = files.final_path(Attachment.objects.get().uid)
    stray = files.folder() / "00000000-0000-0000-0000-000000000000.bin"
    stray.write_bytes(b"SV1 leftover")
    _age(stray)
    _age(kept)
    call_command("intake-orphans")
    out = capsys.readouterr().out
    assert kept.exists() and not stray.exists() and "removed 0 unfinished and 1 unreferenced" in out
