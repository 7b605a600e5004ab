"""`spcomms backup DIR`: the database, the stored files and a manifest with their sha256 sums and row counts."""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command

from spcomms.cases.models import Communication
from tests.audit.register_dump import build_register


@pytest.mark.django_db(transaction=True)
def test_the_manifest_lists_every_file_with_its_sum(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    build_register()
    call_command("backup", str(tmp_path / "out"), verbosity=0)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["rows"]["cases.communication"] == Communication.objects.count()
    assert len(manifest["files"]) == 3
    for name, digest in manifest["files"].items():
        original = (tmp_path / "media" / name).read_bytes()
        assert hashlib.sha256(original).hexdigest() == digest
    database = tmp_path / "out" / manifest["database"]["file"]
    assert hashlib.sha256(database.read_bytes()).hexdigest() == manifest["database"]["sha256"]


@pytest.mark.django_db
def test_a_non_empty_directory_is_refused(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "something").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path / "old"))
