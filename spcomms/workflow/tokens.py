"""Addressees' secret reply links: 256 random bits, only their SHA-256 stored, each for one communication."""

from __future__ import annotations

import hashlib
import secrets

from spcomms.lib import clock
from spcomms.workflow.models import ReplyToken


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 32 bytes = 256 bits


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def find_valid(raw: str) -> ReplyToken | None:
    """The live token for this secret, or None (unknown, revoked and expired look the same to the caller)."""
    if not raw or len(raw) > 100:
        return None
    token = ReplyToken.objects.select_related("communication").filter(token_hash=hash_token(raw)).first()
    if token is None or token.revoked or token.expires_at <= clock.now():
        return None
    return token
