"""PDF in the UN letter layout: one Typst template (`letter.typ`) that reads the letter as JSON via `sys.inputs`.

The letter's text only ever travels as JSON strings, which Typst displays as text: nothing is spliced into markup,
so `#set page(…)`, `*bold*` or `$x$` inside a letter print literally.
"""

from __future__ import annotations

import json
import re
import threading
from functools import cache
from pathlib import Path

import typst

from spcomms.lib.letter import Letter
from spcomms.lib.text import clean_letter

from . import phrases
from .body import AFTER_QUESTIONS_SECTIONS, BEFORE_QUESTIONS_SECTIONS, OPENING_SECTIONS, paragraphs, segments

TEMPLATE = Path(__file__).with_name("letter.typ")
# "(a) Avoid causing …": list items inside the annex, printed with a hanging indent.
_LIST_ITEM = re.compile(r"^\(?[a-z0-9]{1,4}\)\s")


_compiler_lock = threading.Lock()


@cache
def _compiler() -> typst.Compiler:
    # One compiler per process: fonts are loaded once and Typst reuses unchanged layout between letters (~20% faster
    # than `typst.compile` per call). System fonts are ignored so that a letter looks the same on every machine.
    return typst.Compiler(TEMPLATE, ignore_system_fonts=True)


def render_pdf(letter: Letter) -> bytes:
    with _compiler_lock:  # a Compiler keeps state (its sys_inputs) between calls: one letter at a time
        return _compiler().compile(format="pdf", sys_inputs={"letter": letter_json(letter)})


def letter_json(letter: Letter) -> str:
    return json.dumps(letter_data(letter), ensure_ascii=False)


def letter_data(letter: Letter) -> dict:
    """What the template reads: display strings already translated, paragraphs as lists of text/footnote runs."""
    letter = clean_letter(letter)  # defensive: text from before the boundary cleaned it (lib.text)
    t = phrases.translate
    notes = {f.number: f.text for f in letter.footnotes}

    def paragraph(text: str, strong: str = "") -> dict:
        runs = []
        for segment in segments(text):
            if segment.footnote:
                runs.append({"footnote": notes.get(segment.footnote, "")})
            else:
                runs.extend(_emphasise(segment.text, strong))
        return {"item": bool(_LIST_ITEM.match(text)), "runs": runs}

    def block(section_names: tuple[str, ...]) -> list[dict]:
        return [paragraph(p) for name in section_names for p in paragraphs(getattr(letter.sections, name))]

    annex_phrase = f"{t(phrases.ANNEX)} on {letter.sections.annex_title}" if letter.sections.annex_title else ""
    return {
        "phrases": {
            "reference": t(phrases.REFERENCE),
            "according": t(phrases.ACCORDING_TO_INFORMATION),
            "annex": t(phrases.ANNEX),
            "letterhead": t(phrases.LETTERHEAD_ADDRESS),
        },
        "header": phrases.mandates_header(letter.mandates),
        "reference": letter.reference,
        "date": phrases.letter_date(letter.date),
        "addressee": letter.addressee.name,
        "salutation": letter.addressee.salutation,
        "opening": block(OPENING_SECTIONS),
        "facts": [paragraph(p) for p in paragraphs(letter.sections.facts)],
        "before_questions": [
            paragraph(p, strong=annex_phrase)
            for name in BEFORE_QUESTIONS_SECTIONS
            for p in paragraphs(getattr(letter.sections, name))
        ],
        "questions": [paragraph(q) for q in letter.questions],
        "after_questions": block(AFTER_QUESTIONS_SECTIONS),
        "signatories": [{"name": s.name, "title": s.title} for s in letter.signatories],
        "annex_title": letter.sections.annex_title,
        "annex": [paragraph(p) for p in paragraphs(letter.sections.annex)],
    }


def _emphasise(text: str, strong: str) -> list[dict]:
    """Split out `strong` (the "Annex on …" pointer, printed in bold in real letters) as a bold run."""
    if not strong or strong not in text:
        return [{"text": text}]
    before, after = text.split(strong, 1)
    return [run for run in ({"text": before}, {"text": strong, "strong": True}, {"text": after}) if run["text"]]
