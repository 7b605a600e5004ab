"""Text hygiene: the one rule for what text may enter the register and what every renderer may emit.

Word pastes vertical tabs (U+000B) for manual line breaks and form feeds for page breaks; browsers post CRLF line
ends. XML (Atom, DOCX) cannot hold C0 control characters other than tab, newline and carriage return, nor lone
surrogates or U+FFFE/U+FFFF; python-docx and Django's feed generator refuse them with an exception (a 500).
"""

from __future__ import annotations

import re

_LINE_ENDS = re.compile(r"\r\n?|[\u0085\u2028\u2029]")
_BREAKS = re.compile(r"[\x0b\x0c]")
_C0 = re.compile(r"[\x00-\x08\x0e-\x1f]")  # tab (09), newline (0a) kept; 0b, 0c, 0d handled before
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def clean_text(value: str) -> str:
    """Line ends to \\n; U+000B and U+000C to \\n; other C0 controls but tab removed; non-XML characters → U+FFFD."""
    if not value:
        return value
    value = _LINE_ENDS.sub("\n", value)
    value = _BREAKS.sub("\n", value)
    value = _C0.sub("", value)
    return _NOT_XML.sub(REPLACEMENT, value)


def normalise_breaks(value: str) -> str:
    """Only the line-end part of clean_text: CRLF, CR, U+000B and U+000C become \\n (other characters kept)."""
    return _BREAKS.sub("\n", _LINE_ENDS.sub("\n", value)) if value else value


def clean_letter(letter):
    """A copy of a `Letter` whose every string went through clean_text (what each renderer starts from)."""
    from spcomms.lib.letter import Letter

    return Letter.from_dict(clean_tree(letter.to_dict()))


def clean_tree(value):
    """clean_text applied to every string inside nested dicts, lists and tuples (a letter's JSON, a record)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: clean_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(clean_tree(item) for item in value)
    return value
