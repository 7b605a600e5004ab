"""`spcomms backup DIR` then `spcomms restore DIR` into an empty database: every row and every file comes back
identical, on the engine the suite runs on (CI runs it on SQLite and on PostgreSQL)."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Communication, Reply
from tests.audit.register_dump import build_register, every_file, every_row


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_every_row_and_file(tmp_path, media):
    build_register()
    assert Communication.objects.count() >= 3 and Reply.objects.exclude(file="").count() == 3
    assert AuditEvent.objects.count() > 3
    rows, files = every_row(), every_file(media)
    assert len(files) == 3

    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    expected_dump = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]
    assert (tmp_path / "backup" / expected_dump).is_file()

    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore", str(tmp_path / "backup"))

    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(media)
    assert Communication.objects.count() == 0
    call_command("restore", str(tmp_path / "backup"), verbosity=0)

    assert every_row() == rows
    assert every_file(media) == files


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, media):
    build_register()
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    damaged = tmp_path / "backup" / "files" / next(iter(manifest["files"]))
    damaged.write_bytes(damaged.read_bytes() + b"tampered")
    rows = every_row()
    with pytest.raises(CommandError, match="does not match its sha256"):
        call_command("restore", str(tmp_path / "backup"), "--force")
    assert every_row() == rows
    with pytest.raises(CommandError, match="has no manifest.json"):
        call_command("restore", str(tmp_path))
