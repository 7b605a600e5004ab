"""Receipt codes: 16 random digits shown once to a submitter, stored only as a slow (Argon2id) hash.

The hash is deterministic (one application-wide salt), so a code is found with one indexed look-up; Argon2id's
cost makes trying the 10^16 codes against a stolen database hopeless. No models here.
"""

from __future__ import annotations

import secrets

from argon2.low_level import Type, hash_secret_raw

DIGITS = 16
_SALT = b"spcomms-intake-receipt-v1"
# ~25 ms on the reference machine (paid once per submission and once per look-up): with 10^16 codes, even a
# thousandth of that per guess puts a stolen database's codes out of reach.
TIME_COST, MEMORY_KIB, PARALLELISM = 3, 4 * 1024, 1


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(DIGITS))


def normalise(typed: str) -> str | None:
    """The 16 digits of what was typed (spaces and dashes allowed), or None when it is not a receipt code."""
    digits = "".join(ch for ch in (typed or "") if ch not in " -\u00a0\t")
    if len(digits) != DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def display(code: str) -> str:
    """1234 5678 9012 3456: easier to copy by hand."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_hash(code: str) -> str:
    raw = hash_secret_raw(code.encode(), _SALT, TIME_COST, MEMORY_KIB, PARALLELISM, 32, Type.ID)
    return raw.hex()
