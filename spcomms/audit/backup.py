"""Backup and restore of the whole register: the database and the stored files, with a manifest of sha256 sums.

A backup directory holds `database.sqlite3` (SQLite's online backup API: a consistent copy while the site runs) or
`database.pgdump` (`pg_dump -Fc`), `files/` (a copy of MEDIA_ROOT: reply files) and `manifest.json` (engine,
time, sha256 of every file, rows per table). Restore checks every sum before touching anything, refuses a database
that already holds records unless forced, and checks the row counts afterwards. No model is imported here: every
table of every installed app is counted through the app registry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

from spcomms.lib import clock

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Rows that `migrate` itself creates: a fresh database holding only these counts as empty.
SCAFFOLDING = {"contenttypes.contenttype", "auth.permission", "auth.group", "auth.group_permissions"}


class BackupError(Exception):
    """A message for the operator (the command prints it; nothing half-done is left behind as a success)."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label_lower] = model._base_manager.using("default").count()
    return counts


def holds_records() -> bool:
    media = Path(settings.MEDIA_ROOT)
    has_files = media.is_dir() and any(p.is_file() for p in media.rglob("*"))
    return has_files or any(n for label, n in row_counts().items() if label not in SCAFFOLDING)


def backup(target: Path) -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new or empty directory")
    target.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"cannot back up a {vendor} database")
    counts = row_counts()
    dump = target / DUMPS[vendor]
    _dump_sqlite(dump) if vendor == "sqlite" else _dump_postgresql(dump)
    media, files = Path(settings.MEDIA_ROOT), {}
    if media.is_dir():
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            relative = path.relative_to(media).as_posix()
            copy = target / FILES / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            files[relative] = sha256(copy)
    manifest = {
        "format": FORMAT,
        "created_at": clock.now().isoformat(timespec="seconds"),
        "engine": vendor,
        "database": {"file": dump.name, "sha256": sha256(dump)},
        "files": files,
        "rows": counts,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _dump_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(dump)
    try:
        connection.connection.backup(destination)  # online backup: consistent even with writers running
    finally:
        destination.close()


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["-h", db.get("HOST") or "localhost", "-p", str(db.get("PORT") or 5432), "-U", db["USER"], "-d", db["NAME"]]
    return args, {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} not found: install the PostgreSQL client (postgresql-client)") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _dump_postgresql(dump: Path) -> None:
    args, env = _pg_env()
    _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(dump), *args], env)


def read_manifest(source: Path) -> dict:
    """The manifest, after checking that every file it names is there with its sha256."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} has no {MANIFEST}: not a spcomms backup") from None
    except json.JSONDecodeError as exc:
        raise BackupError(f"{source / MANIFEST} is not valid JSON: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source / MANIFEST}: unknown backup format {manifest.get('format')!r}")
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {f"{FILES}/{name}": digest for name, digest in manifest["files"].items()}
    for name, digest in expected.items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{path} is missing from the backup")
        if sha256(path) != digest:
            raise BackupError(f"{path} does not match its sha256 in the manifest: the backup is damaged")
    return manifest


def restore(source: Path, *, force: bool = False) -> dict:
    source = Path(source)
    manifest = read_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"the backup is of a {manifest['engine']} database; this one is {connection.vendor}")
    if not force and holds_records():
        raise BackupError("the database (or MEDIA_ROOT) already holds records: restore into an empty one, or --force")
    dump = source / manifest["database"]["file"]
    _restore_sqlite(dump) if connection.vendor == "sqlite" else _restore_postgresql(dump)
    _restore_files(source / FILES, manifest["files"])
    found = row_counts()
    wrong = {label: (n, found.get(label)) for label, n in manifest["rows"].items() if found.get(label) != n}
    if wrong:
        raise BackupError(f"rows after restore differ from the manifest (expected, found): {wrong}")
    return manifest


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)  # replaces every page of the open database, in one step
    finally:
        source.close()


def _restore_postgresql(dump: Path) -> None:
    args, env = _pg_env()
    connection.close()  # pg_restore --clean drops the tables: no open transaction of ours may hold them
    restore_args = [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ]
    _run(["pg_restore", *restore_args, *args, str(dump)], env)


def _restore_files(files: Path, names: dict) -> None:
    media = Path(settings.MEDIA_ROOT)
    for name in names:
        target = media / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(files / name, target)
