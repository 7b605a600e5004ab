"""Markdown: bold mandates header, numbered questions, `## Annex`, `[^N]` footnotes; letter text escaped."""

from __future__ import annotations

import re

from spcomms.lib.letter import FOOTNOTE_TOKEN, Letter
from spcomms.lib.text import clean_letter

from . import phrases
from .body import AFTER_QUESTIONS_SECTIONS, BEFORE_QUESTIONS_SECTIONS, OPENING_SECTIONS, paragraphs, section_paragraphs

# Characters with a meaning anywhere in a line (inline markup, HTML, links, footnotes, tables).
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~])")
# Line starts that would turn a paragraph into a heading, quote, list item or numbered item.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Escape Markdown syntax so the letter text reads literally (footnote tokens are re-inserted by the caller)."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    return "\n".join(_escape_line_start(line) for line in text.split("\n"))


def _escape_line_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if not match:
        return line
    lead, marker = match.groups()
    if marker.isdigit():  # "1. text" -> "1\. text"
        return f"{lead}{marker}\\{line[match.end() :]}"
    return f"{lead}\\{line[len(lead) :]}"


def escape_with_footnotes(paragraph: str) -> str:
    """Escape the text between footnote tokens, keep the tokens as Markdown footnote references."""
    pieces = FOOTNOTE_TOKEN.split(paragraph)
    return "".join(f"[^{piece}]" if index % 2 else escape(piece) for index, piece in enumerate(pieces))


def render_markdown(letter: Letter) -> str:
    letter = clean_letter(letter)  # defensive: text from before the boundary cleaned it (lib.text)
    t = phrases.translate
    blocks = [
        f"**{escape(phrases.mandates_header(letter.mandates))}**",
        f"{escape(t(phrases.REFERENCE))}  \n{escape(letter.reference)}",  # two spaces: a hard line break
        escape(phrases.letter_date(letter.date)),
        escape(letter.addressee.salutation),
        *map(escape_with_footnotes, section_paragraphs(letter, OPENING_SECTIONS)),
        escape(t(phrases.ACCORDING_TO_INFORMATION)),
        *map(escape_with_footnotes, paragraphs(letter.sections.facts)),
        *map(escape_with_footnotes, section_paragraphs(letter, BEFORE_QUESTIONS_SECTIONS)),
        "\n".join(f"{n}. {escape_with_footnotes(q)}" for n, q in enumerate(letter.questions, start=1)),
        *map(escape_with_footnotes, section_paragraphs(letter, AFTER_QUESTIONS_SECTIONS)),
        *(f"{escape(s.name)}  \n{escape(s.title)}" for s in letter.signatories),
    ]
    if letter.sections.annex:
        blocks += [
            f"## {escape(t(phrases.ANNEX))}",
            f"**{escape(letter.sections.annex_title)}**" if letter.sections.annex_title else "",
            *map(escape_with_footnotes, paragraphs(letter.sections.annex)),
        ]
    blocks += [f"[^{f.number}]: {escape(f.text)}" for f in letter.footnotes]
    return "\n\n".join(block for block in blocks if block) + "\n"
