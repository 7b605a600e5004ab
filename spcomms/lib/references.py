"""Communication references: ``<TYPE> <CODE> <n>/<year>``, e.g. ``AL OTH 135/2021`` or ``UA CHN 6/2021``.

TYPE is AL (allegation letter), UA (urgent appeal) or OL (other letter). CODE is a State's ISO 3166 alpha-3 code or
OTH for every non-State addressee. ``n`` runs per (CODE, year) across all types; the year is the year the file was
opened, which may differ from the sending date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TYPES = ("AL", "UA", "OL")
OTHER_CODE = "OTH"
MIN_YEAR = 1980
MAX_YEAR = 2100

# Liberal on spacing and case so that the error messages can be precise; `parse_reference` then checks each part.
_SHAPE = re.compile(r"^\s*(?P<type>\S+)\s+(?P<code>\S+)\s+(?P<number>[^/\s]+)\s*/\s*(?P<year>\S+)\s*$")


class ReferenceError(ValueError):
    """A reference that is not of the form ``TYPE CODE n/year``; the message says which part is wrong."""


@dataclass(frozen=True, order=True)
class Reference:
    type: str
    code: str
    number: int
    year: int

    def __str__(self) -> str:
        return f"{self.type} {self.code} {self.number}/{self.year}"

    @property
    def slug(self) -> str:
        """The form in public URLs: 'AL OTH 135/2021' → 'AL-OTH-135-2021'."""
        return f"{self.type}-{self.code}-{self.number}-{self.year}"


def slug_of(reference: str) -> str:
    """The URL slug of a printed reference ('AL OTH 135/2021' → 'AL-OTH-135-2021')."""
    return parse_reference(reference).slug


def reference_from_slug(slug: str) -> Reference:
    """'AL-OTH-135-2021' → Reference; ReferenceError when it is not one."""
    parts = slug.split("-")
    if len(parts) != 4:
        raise ReferenceError(f"{slug[:60]!r} is not a reference like AL-OTH-135-2021")
    return parse_reference(f"{parts[0]} {parts[1]} {parts[2]}/{parts[3]}")


def public_type(letter_type: str, mandate_count: int) -> str:
    """The type in public tables: JAL/JUA/JOL for joint letters (more than one mandate), else AL/UA/OL."""
    return f"J{letter_type}" if mandate_count > 1 else letter_type


def parse_reference(text: str, *, valid_codes: frozenset[str] | set[str] | None = None) -> Reference:
    """Parse ``"AL OTH 135/2021"``; raise ReferenceError naming the faulty part.

    ``valid_codes``, when given, is the set of State alpha-3 codes accepted besides OTH.
    """
    if not isinstance(text, str) or not text.strip():
        raise ReferenceError("reference is empty; expected e.g. 'AL OTH 135/2021'")
    match = _SHAPE.match(text)
    if not match:
        raise ReferenceError(
            f"reference {text.strip()!r} is not of the form 'TYPE CODE number/year', e.g. 'AL OTH 135/2021'"
        )
    kind, code, number, year = (match[g] for g in ("type", "code", "number", "year"))
    if kind.upper() not in TYPES:
        raise ReferenceError(f"reference {text.strip()!r}: type {kind!r} is not one of {', '.join(TYPES)}")
    if not re.fullmatch(r"[A-Za-z]{3}", code):
        raise ReferenceError(
            f"reference {text.strip()!r}: code {code!r} must be a three-letter ISO 3166 code or {OTHER_CODE}"
        )
    code = code.upper()
    if valid_codes is not None and code != OTHER_CODE and code not in valid_codes:
        raise ReferenceError(f"reference {text.strip()!r}: code {code!r} is not a known State code or {OTHER_CODE}")
    if not number.isdigit() or int(number) < 1:
        raise ReferenceError(f"reference {text.strip()!r}: number {number!r} must be a positive whole number")
    if not (year.isdigit() and len(year) == 4 and MIN_YEAR <= int(year) <= MAX_YEAR):
        raise ReferenceError(
            f"reference {text.strip()!r}: year {year!r} must be a four-digit year between {MIN_YEAR} and {MAX_YEAR}"
        )
    return Reference(kind.upper(), code, int(number), int(year))


def format_reference(kind: str, code: str, number: int, year: int) -> str:
    """The printed form; validates by round-tripping through the parser."""
    return str(parse_reference(f"{kind} {code} {number}/{year}"))


# A reference inside running text, e.g. after "REFERENCE:" in a letter. Strict: upper-case type and code.
REFERENCE_IN_TEXT = re.compile(r"\b(AL|UA|OL)\s+([A-Z]{3})\s+(\d{1,5})\s*/\s*(\d{4})\b")
