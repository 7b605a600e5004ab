"""Where the vault's key ring comes from: SPCOMMS_VAULT_KEY, else the key file (made, mode 0600, when allowed).

Read once per process and kept; `reload()` after a rotation. The settings refuse to start outside DEBUG without
a key (spcomms.settings), so a production process never seals under a key it made itself.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from spcomms.lib import vault

_lock = threading.Lock()
_ring: vault.Keyring | None = None


def keyring() -> vault.Keyring:
    global _ring
    with _lock:
        if _ring is None:
            _ring = _load()
        return _ring


def reload() -> vault.Keyring:
    global _ring
    with _lock:
        _ring = None
    return keyring()


def forget() -> None:
    """Read the key ring again when next needed (tests that change the settings)."""
    global _ring
    with _lock:
        _ring = None


def from_environment() -> bool:
    return bool(settings.VAULT_KEY)


def _load() -> vault.Keyring:
    try:
        if settings.VAULT_KEY:
            return vault.parse(settings.VAULT_KEY, "SPCOMMS_VAULT_KEY")
        path = Path(settings.VAULT_KEY_FILE)
        if not path.exists():
            if not settings.VAULT_KEY_GENERATE:
                raise vault.VaultError(f"the vault key file {path} does not exist")
            _generate(path)
        return vault.read_key_file(path)
    except vault.VaultError as exc:
        raise ImproperlyConfigured(f"source vault: {exc}") from None


def _generate(path: Path) -> None:
    """A new key file, created exclusively: of two processes starting at once, one writes, the other reads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w") as handle:
        handle.write(vault.generate().serialise())


# --- sealing values ----------------------------------------------------------------------------------------------


def seal_json(value, context: str) -> bytes:
    return keyring().seal(json.dumps(value, ensure_ascii=False).encode(), context)


def open_json(blob, context: str):
    return json.loads(keyring().open(bytes(blob), context))


def seal_bytes(data: bytes, context: str) -> bytes:
    return keyring().seal(data, context)


def open_bytes(blob, context: str) -> bytes:
    return keyring().open(bytes(blob), context)
