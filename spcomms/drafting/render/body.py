"""The letter body as the renderers walk it: blocks of paragraphs in printed order, footnote tokens split out."""

from __future__ import annotations

from dataclasses import dataclass

from spcomms.lib.letter import FOOTNOTE_TOKEN, Letter

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Segment:
    """A run of text, or a footnote reference (`footnote` > 0, `text` empty)."""

    text: str = ""
    footnote: int = 0


def paragraphs(section: str) -> list[str]:
    return [p.strip() for p in section.split("\n\n") if p.strip()]


def segments(paragraph: str) -> list[Segment]:
    """ "word[^1] more" -> [Segment("word"), Segment(footnote=1), Segment(" more")]."""
    parts = FOOTNOTE_TOKEN.split(paragraph)  # text, number, text, number, …, text
    result = []
    for index, part in enumerate(parts):
        if index % 2:
            result.append(Segment(footnote=int(part)))
        elif part:
            result.append(Segment(text=part))
    return result


def superscript(number: int) -> str:
    return str(number).translate(SUPERSCRIPT_DIGITS)


def with_superscript_markers(paragraph: str) -> str:
    return FOOTNOTE_TOKEN.sub(lambda match: superscript(int(match.group(1))), paragraph)


# Sections between the salutation and the questions, in printed order; facts are preceded by a fixed phrase.
OPENING_SECTIONS = ("capacity", "procedure", "introduction")
BEFORE_QUESTIONS_SECTIONS = ("concerns", "annex_pointer", "questions_intro")
AFTER_QUESTIONS_SECTIONS = ("after_questions", "publication", "press_release", "also_sent", "closing")


def section_paragraphs(letter: Letter, names: tuple[str, ...]) -> list[str]:
    return [p for name in names for p in paragraphs(getattr(letter.sections, name))]
