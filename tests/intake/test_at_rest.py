"""At rest, the vault holds ciphertext only: canaries planted in every intake field are found nowhere in the raw
database (the SQLite file, or a pg_dump of PostgreSQL), in `dumpdata`, in the uploaded files, or in the logs."""

import io
import logging
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from spcomms.intake import records
from spcomms.intake.models import Submission

from .canaries import CANARY, plant

pytestmark = pytest.mark.django_db(transaction=True)  # committed rows: what is really on disk


def _raw_database() -> bytes:
    connection.close()  # let SQLite write its WAL back; for PostgreSQL a clean dump
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = Path(settings["NAME"])
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    env = os.environ | {"PGPASSWORD": settings["PASSWORD"] or ""}
    command = ["pg_dump", "-h", settings["HOST"], "-p", str(settings["PORT"]), "-U", settings["USER"], settings["NAME"]]
    return subprocess.run(command, env=env, capture_output=True, check=True, timeout=120).stdout


def test_no_canary_in_the_database_file_dump_dumpdata_files_or_logs(client, secretariat, media_root, caplog):
    caplog.set_level(logging.DEBUG)
    planted = plant(client, secretariat)
    raw = _raw_database()
    assert planted["source_id"].encode() in raw  # the dump is real: the opaque id is there, in clear
    assert raw.lower().count(CANARY.encode()) == 0, raw[raw.lower().find(CANARY.encode()) - 200 :][:400]

    dumped = io.StringIO()
    # every app that could hold intake data (workflow has an unmanaged model that dumpdata cannot read)
    call_command("dumpdata", "intake", "audit", "sessions", "cases", "drafting", "workflow.throttle", stdout=dumped)
    assert planted["source_id"] in dumped.getvalue() and CANARY not in dumped.getvalue().lower()

    stored = [p for p in Path(media_root).rglob("*") if p.is_file()]
    assert len(stored) == 2  # the first file and the answer's
    assert all(CANARY.encode() not in p.read_bytes().lower() for p in stored)
    assert CANARY not in caplog.text.lower()

    # and it is all still there, for those allowed to open it
    submission = Submission.objects.get()
    assert records.identity_of(submission)["name"] == "canary-7c3f-name"
    assert records.account_of(submission)["narrative"].startswith("canary-7c3f-narrative")
