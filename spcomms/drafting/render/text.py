"""Plain text in the printed order of the letter; footnotes gathered at the end, marked with superscript digits."""

from __future__ import annotations

from spcomms.lib.letter import Letter
from spcomms.lib.text import clean_letter

from . import phrases
from .body import (
    AFTER_QUESTIONS_SECTIONS,
    BEFORE_QUESTIONS_SECTIONS,
    OPENING_SECTIONS,
    paragraphs,
    section_paragraphs,
    superscript,
    with_superscript_markers,
)


def render_text(letter: Letter) -> str:
    letter = clean_letter(letter)  # defensive: text from before the boundary cleaned it (lib.text)
    t = phrases.translate
    blocks = [
        phrases.mandates_header(letter.mandates),
        f"{t(phrases.REFERENCE)}\n{letter.reference}",
        phrases.letter_date(letter.date),
        letter.addressee.salutation,
        *section_paragraphs(letter, OPENING_SECTIONS),
        t(phrases.ACCORDING_TO_INFORMATION),
        *paragraphs(letter.sections.facts),
        *section_paragraphs(letter, BEFORE_QUESTIONS_SECTIONS),
        *(f"{number}. {question}" for number, question in enumerate(letter.questions, start=1)),
        *section_paragraphs(letter, AFTER_QUESTIONS_SECTIONS),
        *(f"{s.name}\n{s.title}" for s in letter.signatories),
    ]
    if letter.sections.annex:
        blocks += [t(phrases.ANNEX), letter.sections.annex_title, *paragraphs(letter.sections.annex)]
    blocks += [f"{superscript(f.number)} {f.text}" for f in letter.footnotes]
    return "\n\n".join(with_superscript_markers(block) for block in blocks if block) + "\n"
