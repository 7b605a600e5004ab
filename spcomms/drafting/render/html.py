"""HTML fragment (`<article class="letter">`) from the Django template `drafting/letter.html`, autoescaped."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from spcomms.lib.letter import Letter
from spcomms.lib.text import clean_letter

from . import phrases
from .body import AFTER_QUESTIONS_SECTIONS, BEFORE_QUESTIONS_SECTIONS, OPENING_SECTIONS, paragraphs, segments


def render_html(letter: Letter) -> str:
    return render_to_string("drafting/letter.html", letter_context(letter))


def letter_context(letter: Letter) -> dict:
    """Paragraphs as lists of `Segment`s, so the template escapes every piece of text and builds the footnote links."""
    letter = clean_letter(letter)  # defensive: text from before the boundary cleaned it (lib.text)

    def block(names: tuple[str, ...]) -> list:
        return [segments(p) for name in names for p in paragraphs(getattr(letter.sections, name))]

    return {
        "letter": letter,
        # Footnote anchors must stay unique when several letters share a page (e.g. previews of two addressees).
        "anchor": re.sub(r"[^A-Za-z0-9]+", "-", letter.reference).strip("-").lower(),
        "mandates_header": phrases.mandates_header(letter.mandates),
        "date": phrases.letter_date(letter.date),
        "opening": block(OPENING_SECTIONS),
        "facts": [segments(p) for p in paragraphs(letter.sections.facts)],
        "before_questions": block(BEFORE_QUESTIONS_SECTIONS),
        "questions": [segments(q) for q in letter.questions],
        "after_questions": block(AFTER_QUESTIONS_SECTIONS),
        "annex": [segments(p) for p in paragraphs(letter.sections.annex)],
    }
