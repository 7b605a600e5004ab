"""Text of a DOCX (python-docx + its XML): paragraphs, list numbers, line breaks and footnotes.

python-docx neither numbers list paragraphs nor exposes footnotes, so both are read from the package XML: list
numbers are counted per list and level and printed with the level's pattern ("1.", "1)", "(a)"); footnote references
become ``[^N]`` (numbered in order of appearance, as Word prints them) and footnote texts ``[^N]: text`` at the
end. Page headers are declared as ``[^header]: text`` so that the cleaner removes them where they appear in the body.
"""

from __future__ import annotations

import io
import re

import docx
from docx.oxml.ns import qn

_FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_LETTER_FORMATS = {"lowerLetter": "abcdefghijklmnopqrstuvwxyz", "upperLetter": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    footnote_numbers: dict[str, int] = {}
    paragraphs = []
    for element in document.element.body.iter(qn("w:p")):
        text = _paragraph_text(element, footnote_numbers)
        if text.strip():
            paragraphs.append(numbering.label(element) + text)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if not part.is_linked_to_previous or part is section.header:
                text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
                if text and f"[^header]: {text}" not in paragraphs:
                    paragraphs.insert(0, f"[^header]: {text}")
    footnotes = _footnote_texts(document)
    for note_id, number in footnote_numbers.items():
        if note_id in footnotes:
            paragraphs.append(f"[^{number}]: {footnotes[note_id]}")
    return "\n\n".join(paragraphs)


def _paragraph_text(element, footnote_numbers: dict[str, int]) -> str:
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:footnoteReference")):
        if node.tag == qn("w:t"):
            text = node.text or ""
            # Digits typed in superscript (a letter pasted from a PDF): a footnote mark, as a real one would be.
            parts.append(f"[^{int(text)}]" if text.strip().isdigit() and _superscript(node) else text)
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        elif node.tag == qn("w:footnoteReference"):
            note_id = node.get(qn("w:id"))
            number = footnote_numbers.setdefault(note_id, len(footnote_numbers) + 1)
            parts.append(f"[^{number}]")
        else:
            parts.append("\n")
    return "".join(parts)


def _superscript(text_node) -> bool:
    align = text_node.getparent().find(f"{qn('w:rPr')}/{qn('w:vertAlign')}")
    return align is not None and align.get(qn("w:val")) == "superscript"


def _footnote_texts(document) -> dict[str, str]:
    for relationship in document.part.rels.values():
        if relationship.reltype == _FOOTNOTES_RELTYPE and not relationship.is_external:
            from lxml import etree

            root = etree.fromstring(relationship.target_part.blob)
            notes = {}
            for note in root.iter(qn("w:footnote")):
                text = " ".join(_paragraph_text(p, {}) for p in note.iter(qn("w:p"))).strip()
                if text:
                    notes[note.get(qn("w:id"))] = text
            return notes
    return {}


class _Numbering:
    """Counts list items per (list, level) and formats them with the level's numFmt and lvlText."""

    def __init__(self, document):
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        self.style_numbering = _style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(qn("w:abstractNum")):
            levels = {}
            for level in node.iter(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                start = level.find(qn("w:start"))
                levels[level.get(qn("w:ilvl"))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(qn("w:val")), {}).items():
                    self.levels[(num.get(qn("w:numId")), ilvl)] = spec

    def label(self, paragraph) -> str:
        """The number Word prints before the paragraph: from its own w:numPr, else from its style's (`List
        Number`); the paragraph's numPr may give only the level and leave the list to the style."""
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        num_id, ilvl = self.style_numbering.get(style.get(qn("w:val")) if style is not None else "", (None, None))
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "w:numId") or num_id, _val(num_pr, "w:ilvl") or ilvl
        if not num_id or num_id == "0":  # numId 0: numbering switched off for this paragraph
            return ""
        key = (num_id, ilvl or "0")
        fmt, pattern, start = self.levels.get(key, ("decimal", "%1.", 1))
        count = self.counters[key] = self.counters.get(key, start - 1) + 1
        if fmt == "bullet" or fmt == "none":
            return ""
        return re.sub(r"%\d", _format_number(count, fmt), pattern) + " "


def _val(element, child: str) -> str | None:
    node = element.find(qn(child))
    return node.get(qn("w:val")) if node is not None else None


def _style_numbering(document) -> dict[str, tuple[str | None, str | None]]:
    """(numId, ilvl) of each paragraph style that numbers its paragraphs, following `basedOn` to the parent."""
    try:
        styles = document.part.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    own, parent = {}, {}
    for style in styles.iter(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            own[style_id] = (_val(num_pr, "w:numId"), _val(num_pr, "w:ilvl"))
        parent[style_id] = _val(style, "w:basedOn")
    resolved = {}
    for style_id in parent:
        current, seen = style_id, set()
        while current and current not in own and current not in seen:  # `seen`: a basedOn loop in a broken file
            seen.add(current)
            current = parent.get(current)
        if current in own:
            resolved[style_id] = own[current]
    return resolved


def _format_number(count: int, fmt: str) -> str:
    if fmt in _LETTER_FORMATS:
        letters = _LETTER_FORMATS[fmt]
        return letters[(count - 1) % 26] * ((count - 1) // 26 + 1)
    if fmt in ("lowerRoman", "upperRoman"):
        roman, rest = "", count
        for value, symbol in _ROMAN:
            while rest >= value:
                roman, rest = roman + symbol, rest - value
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(count)
