"""The source vault's envelope: AES-256-GCM under named keys, bound to where the value lives (no models here).

A sealed value is `b"SV1" + len(key id) + key id + 12-byte nonce + ciphertext with its 16-byte tag`. The key id
says which key opens it, so keys can be rotated: new values are sealed under the current (first) key while older
keys still open what they sealed until everything is re-sealed. The associated data (e.g. "submission:42:identity")
ties a ciphertext to its row and field: copied elsewhere it does not open.

A key ring is written as lines (or comma-separated items) `ID:KEY`, KEY being 32 random bytes in URL-safe base64;
the first one is current.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"SV1"
NONCE_BYTES = 12
KEY_BYTES = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class VaultError(Exception):
    """A key ring that cannot be used, or a sealed value that does not open (wrong key, altered, truncated)."""


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, bytes]
    current: str

    def __post_init__(self):
        if self.current not in self.keys:
            raise VaultError(f"the current key {self.current!r} is not in the key ring")

    def seal(self, plaintext: bytes, context: str) -> bytes:
        key_id = self.current.encode()
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plaintext, context.encode())
        return MAGIC + bytes([len(key_id)]) + key_id + nonce + sealed

    def open(self, blob: bytes, context: str) -> bytes:
        key_id, nonce, sealed = split(blob)
        if key_id not in self.keys:
            raise VaultError(f"sealed under key {key_id!r}, which is not in the key ring")
        try:
            return AESGCM(self.keys[key_id]).decrypt(nonce, sealed, context.encode())
        except InvalidTag:
            raise VaultError(
                f"the value does not open under key {key_id!r} for {context!r}: altered or misplaced"
            ) from None

    def reseal(self, blob: bytes, context: str) -> bytes:
        """The same plaintext under the current key (unchanged if it already is)."""
        if key_id_of(blob) == self.current:
            return blob
        return self.seal(self.open(blob, context), context)

    def serialise(self) -> str:
        ordered = [self.current, *sorted(k for k in self.keys if k != self.current)]
        return "".join(f"{k}:{base64.urlsafe_b64encode(self.keys[k]).decode()}\n" for k in ordered)

    def with_new_current(self, key_id: str | None = None) -> Keyring:
        key_id = key_id or new_key_id(self.keys)
        return Keyring({**self.keys, key_id: secrets.token_bytes(KEY_BYTES)}, key_id)

    def without(self, unused: set[str]) -> Keyring:
        return Keyring({k: v for k, v in self.keys.items() if k not in unused or k == self.current}, self.current)


def split(blob: bytes) -> tuple[str, bytes, bytes]:
    blob = bytes(blob)
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 2:
        raise VaultError("not a sealed vault value")
    length = blob[len(MAGIC)]
    start = len(MAGIC) + 1
    key_id = blob[start : start + length].decode("ascii", "replace")
    nonce = blob[start + length : start + length + NONCE_BYTES]
    sealed = blob[start + length + NONCE_BYTES :]
    if len(nonce) != NONCE_BYTES or len(sealed) < 16:
        raise VaultError("the sealed value is truncated")
    return key_id, nonce, sealed


def key_id_of(blob: bytes) -> str:
    return split(blob)[0]


def new_key_id(existing) -> str:
    number = 1 + max((int(k[1:]) for k in existing if re.fullmatch(r"k\d+", k)), default=0)
    return f"k{number}"


def generate() -> Keyring:
    return Keyring({"k1": secrets.token_bytes(KEY_BYTES)}, "k1")


def parse(text: str, where: str) -> Keyring:
    """A key ring from `ID:KEY` items (lines or commas); VaultError naming `where` and the item when wrong."""
    items = [item.strip() for item in re.split(r"[\n,]", text) if item.strip() and not item.strip().startswith("#")]
    if not items:
        raise VaultError(f"{where} holds no key")
    keys: dict[str, bytes] = {}
    for number, item in enumerate(items, start=1):
        key_id, sep, encoded = item.partition(":")
        if not sep or not _KEY_ID.match(key_id):
            raise VaultError(f"{where}: key {number} is not written ID:KEY (ID of letters, digits, - or _)")
        try:
            padded = encoded.strip() + "=" * (-len(encoded.strip()) % 4)
            key = base64.b64decode(padded, altchars=b"-_", validate=True)
        except (binascii.Error, ValueError):
            raise VaultError(f"{where}: key {key_id!r} is not URL-safe base64") from None
        if len(key) != KEY_BYTES:
            raise VaultError(f"{where}: key {key_id!r} is {len(key)} bytes; it must be {KEY_BYTES} (AES-256)")
        if key_id in keys:
            raise VaultError(f"{where}: key {key_id!r} appears twice")
        keys[key_id] = key
    return Keyring(keys, items[0].partition(":")[0])


def read_key_file(path: Path) -> Keyring:
    if not path.exists():
        raise VaultError(f"the vault key file {path} does not exist")
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise VaultError(f"the vault key file {path} is readable by others (mode {mode:o}); chmod 600 it")
    return parse(path.read_text(), str(path))


def write_key_file(path: Path, ring: Keyring) -> None:
    """Written beside, then renamed over: a crash never leaves half a key file. Mode 0600 from the start."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(ring.serialise())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
