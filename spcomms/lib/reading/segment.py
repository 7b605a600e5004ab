"""A reply's text as blocks (paragraphs, headings) and sentences, each with its exact span in the text.

Spans index the text as given, so evidence shown to staff is always a verbatim slice of the reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n\s*")
# A sentence ends at . ! ? (optionally closed by a quote or bracket) followed by space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?;:])[\"'”’)\]]?\s+(?=[\"“'‘(\[]?[A-Z0-9À-ÖØ-Þ])|(?<=[。！？])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|Prof|Art|Arts|para|paras|p|pp|Ltd|Co|Inc|Corp|St|vol|cf|ca|approx|Ref|"
    r"e\.g|i\.e|etc|vs|U\.S|U\.K|U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_LINE_HEADING = re.compile(
    r"^\s*(?:(?:question|q|point|item|ad)\s*(?:n[o°º]\.?\s*)?\d{1,2}\b|\(?\d{1,2}[.)]\s|[ivx]{1,4}[.)]\s|[a-h]\)\s)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    index: int
    start: int
    end: int
    text: str
    sentences: tuple[Span, ...]

    @property
    def is_heading(self) -> bool:
        """A short line with no closing full stop: a heading restating a question, or a bare number."""
        words = self.text.split()
        return (
            len(words) <= 16
            and not self.text.rstrip().endswith((".", ";", ":", "?"))
            or (len(words) <= 3 and bool(re.match(r"^\s*(?:question|q)?\s*\d{1,2}[.):]?\s*$", self.text, re.I)))
        )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank-line paragraphs; inside one, a line that starts with a question marker starts a block of its own."""
    spans, position = [], 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        spans.extend(_split_on_marker_lines(text, position, end))
        position = match.end() if match else len(text)
    return [span for span in (_trimmed(text, s, e) for s, e in spans) if span[1] > span[0]]


def _split_on_marker_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut before a line opening with a marker, and after a first line that is only a heading ("Question 8")."""
    cuts = [start]
    offset = start
    lines = text[start:end].split("\n")
    for position, line in enumerate(lines):
        if offset > start and _LINE_HEADING.match(line):
            cuts.append(offset)
        if position == 0 and len(lines) > 1 and _is_heading_line(line) and lines[1][:1].isupper():
            cuts.append(offset + len(line) + 1)
        offset += len(line) + 1
    cuts.append(end)
    return list(zip(cuts, cuts[1:], strict=False))


def _is_heading_line(line: str) -> bool:
    words = line.split()
    marked = bool(_LINE_HEADING.match(line)) or line.rstrip().endswith(":")
    return marked and 0 < len(words) <= 12 and not line.rstrip().endswith((".", ";", ","))


_LEADING_MARKER = re.compile(r"\(?\d{1,2}[.)]\s+(?=\S)")


def sentences_of(text: str, start: int, end: int) -> tuple[Span, ...]:
    marker = _LEADING_MARKER.match(text, start, end)
    if marker and marker.end() < end:
        start = marker.end()  # "5. The Helpdesk …": the paragraph's number is not part of the evidence
    spans, position = [], start
    chunk = text[start:end]
    for match in _SENTENCE_END.finditer(chunk):
        cut = start + match.start()
        if _ABBREVIATIONS.search(text[position:cut].rstrip("\"'”’)]")) or _numbered_marker(text[position:cut]):
            continue
        spans.append((position, cut))
        position = start + match.end()
    spans.append((position, end))
    result = []
    for s, e in spans:
        s, e = _trimmed(text, s, e)
        if e > s:
            result.append(Span(s, e, text[s:e]))
    return tuple(result)


def _numbered_marker(piece: str) -> bool:
    """'3.' or '(iv).' alone is a list marker, not a sentence."""
    return bool(re.fullmatch(r"\s*\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]?\s*", piece, re.IGNORECASE))


def blocks_of(text: str) -> list[Block]:
    blocks = []
    for index, (start, end) in enumerate(_paragraph_spans(text)):
        blocks.append(Block(index, start, end, text[start:end], sentences_of(text, start, end)))
    return blocks
