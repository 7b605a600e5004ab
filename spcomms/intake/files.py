"""Sealed file bytes on disk: MEDIA_ROOT/intake/<uid>.bin, written as <uid>.part and renamed on commit.

A transaction that rolls back leaves at most a .part file, which `spcomms intake-orphans` removes; a committed
row always has its .bin (the rename happens before the request answers).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from spcomms.intake import keys

PART, FINAL = ".part", ".bin"


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "intake"


def final_path(uid) -> Path:
    return folder() / f"{uid}{FINAL}"


def write_sealed_on_commit(uid, data: bytes, context: str) -> None:
    """Seal and write now (outside the database), move into place when the transaction commits."""
    folder().mkdir(parents=True, exist_ok=True)
    part = folder() / f"{uid}{PART}"
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(keys.seal_bytes(data, context))
    transaction.on_commit(lambda: os.replace(part, final_path(uid)))


def read_sealed(uid, context: str) -> bytes:
    return keys.open_bytes(final_path(uid).read_bytes(), context)


def replace_sealed(uid, blob: bytes) -> None:
    """Rotation: a re-sealed file replaces the old one atomically."""
    part = folder() / f"{uid}.rotate"
    part.write_bytes(blob)
    os.chmod(part, 0o600)
    os.replace(part, final_path(uid))


def remove_on_commit(uid) -> None:
    transaction.on_commit(lambda: final_path(uid).unlink(missing_ok=True))


@dataclass
class Orphans:
    unfinished: list[Path]  # .part files of transactions that never committed
    unreferenced: list[Path]  # .bin files no row points to
    missing: list[str]  # rows whose file is gone


def find_orphans(known_uids: set[str], now: dt.datetime, grace: dt.timedelta) -> Orphans:
    """Files older than `grace` only: a .part younger than that may belong to a transaction still running."""
    found = Orphans([], [], [])
    present = set()
    if folder().exists():
        for path in sorted(folder().iterdir()):
            age = now - dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            stem = path.name.split(".")[0]
            if path.suffix == FINAL:
                present.add(stem)
                if stem not in known_uids and age > grace:
                    found.unreferenced.append(path)
            elif age > grace:
                found.unfinished.append(path)
    found.missing = sorted(known_uids - present)
    return found
