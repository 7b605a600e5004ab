"""The Django secret key when none is configured: generated once into the data directory and reused.

The file is created with mode 0600 and published atomically (written under a temporary name, then hard-linked to
its final name, which fails if another process got there first), so processes started together share one key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "secret_key"


def stored_secret_key(data_dir: Path) -> str:
    """The key in `data_dir/secret_key`, created on first use."""
    path = Path(data_dir) / KEY_FILE
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _create(path)
        return _read(path)
    except OSError as error:
        raise ImproperlyConfigured(
            f"no SPCOMMS_SECRET_KEY set and cannot keep one in {path}: {error.strerror or error}"
        ) from None


def _read(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{path} holds no usable secret key (delete it to generate a new one)")
    return key


def _create(path: Path) -> None:
    temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process created it first: use theirs
    finally:
        temporary.unlink(missing_ok=True)
