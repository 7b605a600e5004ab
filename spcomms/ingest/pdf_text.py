"""Text of a PDF's text layer (pypdfium2), laid out as paragraphs.

pdfium returns one line per printed line and no paragraph breaks, so paragraphs are rebuilt from geometry: a vertical
gap wider than the usual line pitch, or a change of font size, starts a new paragraph. Lines in a smaller font at the
bottom of a page are footnotes; small raised digits glued to a word are footnote references. Both become the
Markdown-style tokens the cleaner understands (``[^N]`` and ``[^N]: text``). Pages are separated by a blank line; the
cleaner re-joins sentences broken by a page break and drops running headers and page numbers.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium

from spcomms.ingest.errors import ParseError

# Digits glued to the end of a word or punctuation: candidate footnote references, confirmed by their font size.
_GLUED_DIGITS = re.compile(r"(?<=[^\s\d/.,:\-–])(\d{1,3})(?=[\s,;:.)”\"’]|$)|(?<=[.,;:”\"’)])(\d{1,3})(?=\s|$)")
# "1 Text", "1. Text", "1) Text" or "1Text" (a superscript glued to its text); not "17/content…" nor "2021".
_FOOTNOTE_START = re.compile(r"^(\d{1,3})(?:[.)]\s+|\s+|(?=[A-Z“\"‘(]))(?=\S)")
_SMALL = 0.88  # a line whose font is smaller than this share of the body font is not body text
_NOTE = 0.95  # below the body, lines this much smaller are footnotes (Word: 10 pt notes under 11 pt text)
_GAP = 1.2  # a gap wider than this many usual line pitches separates paragraphs
_RAISED = 0.4  # a glyph whose bottom sits this share of the font size above the line's bottom is a superscript
_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s+(of|/)\s+\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    start: int  # index of the line's first character in the text page
    size: float  # font size (height of the loose character box)
    bottom: float
    last_bottom: float  # of the last character: pdfium merges a hyphenated line with the next one


def pdf_pages(data: bytes, source: str) -> list[list[str]]:
    """Paragraphs (lines joined by newlines) of every page."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        text = str(error).lower()
        problem = "encrypted PDF: a password is required" if "password" in text else f"corrupt PDF ({error})"
        raise ParseError(source, problem) from None
    try:
        pages, notes = [], _Notes()
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(_page_paragraphs(textpage, notes))
            finally:
                textpage.close()
                page.close()
        return pages
    except pdfium.PdfiumError as error:
        raise ParseError(source, f"corrupt PDF ({error})") from None
    finally:
        document.close()


def pdf_text(data: bytes, source: str) -> str:
    pages = pdf_pages(data, source)
    if not any(pages):
        raise ParseError(source, "no text layer: OCR needed")
    return line_end_hyphens("\n\n".join("\n\n".join(paragraphs) for paragraphs in pages if paragraphs))


def line_end_hyphens(text: str) -> str:
    """pdfium marks every hyphen that ends a line with U+FFFE, whether the word was hyphenated to fit the line
    ("informa-tion") or has a hyphen of its own ("mandate-holder"). The letter itself decides: a form written
    elsewhere whole or hyphenated is kept; otherwise a hyphen is kept when both halves are words of the letter
    (or the first is a prefix such as "sub"), and dropped when a half is no word (a syllable)."""
    if _LINE_END_HYPHEN.search(text) is None:
        return text
    words = {word.lower() for word in _WORD.findall(text)}
    hyphenated = {match.lower() for match in _HYPHENATED.findall(text)}

    def decide(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        whole, joined = f"{left}{right}".lower(), f"{left}-{right}".lower()
        if joined in hyphenated:
            return f"{left}-{right}"
        if whole in words:
            return left + right
        if left.lower() in _PREFIXES or (left.lower() in words and right.lower() in words):
            return f"{left}-{right}"
        return left + right

    return _LINE_END_HYPHEN.sub(decide, text)


_LINE_END_HYPHEN = re.compile(r"(\w+)\ufffe(\w+)")
_WORD = re.compile(r"\b\w+\b")
_HYPHENATED = re.compile(r"\b\w+-\w+\b")
_PREFIXES = {"sub", "non", "co", "self", "well", "cross", "multi", "inter", "pre", "post", "anti", "semi", "socio",
             "ex", "quasi", "counter", "cyber", "long", "short", "follow", "so", "de", "re"}  # fmt: skip


def _is_superscript(textpage: pdfium.PdfTextPage, index: int, line_size: float) -> bool:
    """Smaller font (Word) or a raised glyph of the same font size (Typst's superscript glyphs)."""
    left, bottom, right, top = textpage.get_charbox(index, loose=True)
    if top - bottom < line_size * _SMALL:
        return True
    glyph_bottom = textpage.get_charbox(index)[1]
    return glyph_bottom - bottom > (top - bottom) * _RAISED


def _lines(textpage: pdfium.PdfTextPage) -> list[_Line]:
    text = textpage.get_text_range()
    lines, offset = [], 0
    for raw in text.split("\r\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            # Measure a letter in the middle: the first character may be a small footnote marker.
            probe = start + len(stripped) // 2
            while probe < start + len(stripped) - 1 and not text[probe].isalpha():
                probe += 1
            left, bottom, right, top = textpage.get_charbox(probe, loose=True)
            last_bottom = textpage.get_charbox(start + len(stripped) - 1, loose=True)[1]
            lines.append(_Line(stripped, start, round(top - bottom, 1), bottom, last_bottom))
        offset += len(raw) + 2
    return lines


def _mark_references(textpage: pdfium.PdfTextPage, line: _Line) -> str:
    def replace(match: re.Match) -> str:
        group = 1 if match.group(1) else 2
        if _is_superscript(textpage, line.start + match.start(group), line.size):
            return f"[^{int(match.group(group))}]"
        return match.group(0)

    return _GLUED_DIGITS.sub(replace, line.text)


def _line_pitch(pitches: list[float]) -> float:
    """The distance between lines of one paragraph: the smallest distance that recurs. A page of short paragraphs
    has more paragraph gaps than line steps, so the median would be a paragraph gap."""
    counts: dict[float, int] = {}
    for pitch in pitches:
        counts[round(pitch * 2) / 2] = counts.get(round(pitch * 2) / 2, 0) + 1
    recurring = [pitch for pitch, count in counts.items() if count >= 2]
    return min(recurring) if recurring else statistics.median(pitches)


def _page_paragraphs(textpage: pdfium.PdfTextPage, notes: _Notes) -> list[str]:
    lines = _lines(textpage)
    if not lines:
        return []
    weights: dict[float, int] = {}
    for line in lines:
        weights[line.size] = weights.get(line.size, 0) + len(line.text)
    body_size = max(weights, key=weights.get)
    pitches = [
        prev.last_bottom - cur.bottom
        for prev, cur in zip(lines, lines[1:], strict=False)
        if prev.size == cur.size == body_size and prev.last_bottom > cur.bottom
    ]
    pitch = _line_pitch(pitches) if pitches else body_size * 1.2
    last_body = max(
        (i for i, line in enumerate(lines) if line.size >= body_size * _NOTE and not _PAGE_NUMBER.match(line.text)),
        default=-1,
    )

    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    in_notes = False  # below the body, once this page's first footnote has started
    for index, line in enumerate(lines):
        small = line.size < body_size * _SMALL
        note_sized = line.size < body_size * _NOTE
        footnote = note_sized and index > last_body and notes.starts(line.text)
        has_digit = any(char.isdigit() for char in line.text)
        text = _mark_references(textpage, line) if has_digit and not small else line.text
        if footnote:
            text = _FOOTNOTE_START.sub(lambda m: f"[^{int(m.group(1))}]: ", text, count=1)
            in_notes = True
        new_paragraph = (
            previous is None
            or footnote
            or abs(line.size - previous.size) > body_size * 0.1
            or not 0 < previous.last_bottom - line.bottom < pitch * _GAP
        )
        below_body = note_sized and index > last_body and not footnote and not _PAGE_NUMBER.match(line.text)
        if below_body and new_paragraph and (in_notes or previous.last_bottom - line.bottom > 2 * pitch):
            continue  # the page's footer (a letterhead address): neither body text nor a footnote
        if new_paragraph:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        previous = line
    return ["\n".join(lines) for lines in paragraphs]


class _Notes:
    """Footnote numbers seen so far: a small line below the body starts footnote N only when N follows the last
    one, so that a wrapped URL ("…/202" + "009/17/…") or a date at the start of a line is not taken for one."""

    def __init__(self):
        self.last = 0

    def starts(self, text: str) -> bool:
        match = _FOOTNOTE_START.match(text)
        if not match or not self.last < int(match.group(1)) <= self.last + 2:
            return False
        self.last = int(match.group(1))
        return True
