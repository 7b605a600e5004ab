"""Receipt codes: 16 random digits shown once to a submitter, stored only as a slow (Argon2id) hash.

The hash is deterministic (one application-wide salt), so a code is found with one indexed look-up; Argon2id's
cost makes trying the 10^16 codes against a stolen database hopeless. No models here.
"""

from __future__ import annotations

import secrets

from argon2.low_level import Type, hash_secret_raw

DIGITS = 16
_SALT = b"spcomms-intake-receipt-v1"
# OWASP's Argon2id configuration with the least memory (m = 7 MiB, t = 5, p = 1; its other four cost the same
# memory x passes or more): ~20-30 ms on the reference machine, paid once per submission and per look-up. With
# 10^16 codes, even a thousandth of that per guess puts a stolen database's codes out of reach.
TIME_COST, MEMORY_KIB, PARALLELISM = 5, 7 * 1024, 1
# Codes given before 2026-12-02 were hashed with t = 3, m = 4 MiB (below OWASP's minimum); they are still found.
LEGACY_PARAMETERS = [(3, 4 * 1024, 1)]


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


def issue() -> tuple[str, str]:
    """A new code and its hash. Callers make it before their transaction: with SQLite a write transaction holds
    the database's one write lock, and the hash's ~30 ms inside it would queue every other submission."""
    code = new_code()
    return code, code_hash(code)


def code_hash(code: str) -> str:
    """The hash stored for a new code."""
    return _hash(code, TIME_COST, MEMORY_KIB, PARALLELISM)


def code_hashes(code: str) -> list[str]:
    """Every hash a stored code may have: the current one first, then those of older parameters."""
    return [code_hash(code)] + [_hash(code, *parameters) for parameters in LEGACY_PARAMETERS]


def _hash(code: str, time_cost: int, memory_kib: int, parallelism: int) -> str:
    return hash_secret_raw(code.encode(), _SALT, time_cost, memory_kib, parallelism, 32, Type.ID).hex()
