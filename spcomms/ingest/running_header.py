"""Running page headers the cleaner could not see: a header that falls between two paragraphs.

The cleaner (clean.py) finds a header that interrupts a sentence, repeats at page breaks, or is declared by the file
format. A letter of two pages prints the addressee's name once, and when the page break falls between paragraphs it
is a short line of its own between them. Only the parser knows where the body of the letter is (after the
salutation, before the closing), and in that stretch of the genre a short line without a sentence's end is not
text: it is the running header. Every copy of a header found is removed, also among the signatures and in the
Annex, where subheadings are real and only a known header is taken out.
"""

from __future__ import annotations

import re

from spcomms.ingest.clean import LIST_ITEM, rejoin

_MAX_CHARS = 80
_MAX_WORDS = 10
# A header may end with the full stop of a company's legal form: "MinebeaMitsumi, Inc.", "Acme S.A.", "Foo Co."
_LEGAL_FORM_END = re.compile(r"(?:^|[\s,])(?:[A-Z][A-Za-z]{0,4}\.|(?:[A-Z]\.){1,3}[A-Za-z]?\.?)$")
_NOT_A_HEADER = re.compile(
    r"^(?:According to|Annex|ANNEX|Please accept|Yours|Excellenc|Dear\b|Mandates? of|REFERENCE)|[:;,]$"
)
_SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "de", "du", "des", "la", "le", "del", "da", "do", "dos",
                "das", "van", "von", "der", "y", "e", "et", "und", "al", "el", "&"}  # fmt: skip
_HEADING_WORDS = {"background", "allegations", "concerns", "observations", "questions", "introduction", "facts",
                  "conclusion", "conclusions", "recommendations", "annex", "summary", "comments"}  # fmt: skip
_CLOSING = re.compile(r"^Please accept\b|assurances of (?:our|my) (?:highest|high|most distinguished) consideration"
                      r"|^(?:Yours sincerely|Sincerely|Yours faithfully)", re.IGNORECASE)  # fmt: skip


def remove(paragraphs: list[str], body_start: int, known: list[str], state_name: str) -> tuple[list[str], list[str]]:
    """(paragraphs without running headers, the headers: those the cleaner found first)."""
    headers = list(known)
    closing = next((i for i in range(body_start, len(paragraphs)) if _CLOSING.search(paragraphs[i])), None)
    end = closing if closing is not None else len(paragraphs)
    for index in range(body_start, end):
        block = paragraphs[index].strip()
        if block not in headers and _looks_like_header(block, state_name):
            headers.append(block)
    if not headers:
        return paragraphs, []
    kept, removed_before = [], set()
    for index, block in enumerate(paragraphs):
        if index >= body_start and block.strip() in headers:
            removed_before.add(len(kept))
            continue
        kept.append(block)
    return rejoin(kept, removed_before), headers


def _reads_like_a_heading(words: list[str]) -> bool:
    """ "Legal framework", "Background": a heading of the letter. A name capitalises its words ("Acme Garments
    Ltd.", "CRRC Corporation Limited") but for small words ("Bank of China")."""
    if len(words) == 1:
        return words[0].strip(".:").lower() in _HEADING_WORDS
    return any(word[:1].islower() for word in words[1:] if word.lower() not in _SMALL_WORDS)


def _looks_like_header(block: str, state_name: str) -> bool:
    """A short line that is no sentence, heading of the genre or list item. In a State letter only the State's own
    name (a letter to a State has no company name to print)."""
    if state_name:
        return block == state_name
    words = block.split()
    if "\n" in block or len(block) > _MAX_CHARS or not 1 <= len(words) <= _MAX_WORDS:
        return False
    if LIST_ITEM.match(block) or _NOT_A_HEADER.search(block) or not block[:1].isupper() or "[^" in block:
        return False
    if _reads_like_a_heading(words):
        return False
    if block.endswith((".", "!", "?", "…", "”", '"', ")")):
        return bool(_LEGAL_FORM_END.search(block)) and not block.endswith(("…", '"', "”"))
    return True
