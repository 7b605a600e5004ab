"""Round trip: parse each real letter, render it back as text, compare words with the original (issue 4, §4).

The comparison ignores what a PDF extraction adds or moves: the running page header (the addressee's name),
where footnotes sit, and Markdown markup. Footnote texts are moved to the end on both sides.
"""

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from spcomms.drafting.render.text import render_text
from spcomms.ingest.parse import parse_file

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("AL-*"))
FOOTNOTE_LINE = re.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+</sup>|\[\^\d+\]:)\s")
FOOTNOTE_MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+</sup>|\[\^\d+\]")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def comparable_words(text: str, page_header: str) -> list[str]:
    body, notes = [], []
    for line in text.splitlines():
        line = MARKDOWN_LINK.sub(r"\1", line).replace("**", "").replace("\\\\", "\\").replace("\\", "")
        line = re.sub(r"^(?:#+|-(?= ))\s*", "", line.strip())
        if line == page_header or line == "---":
            continue
        (notes if FOOTNOTE_LINE.match(line) else body).append(line)
    return FOOTNOTE_MARKER.sub(" ", " ".join(body + notes)).split()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_rendered_text_matches_the_real_letter_word_for_word(sample):
    assert len(SAMPLES) == 3
    letter = parse_file(sample)
    original = comparable_words(sample.read_text(encoding="utf-8"), letter.addressee.name)
    rendered = comparable_words(render_text(letter), letter.addressee.name)

    similarity = SequenceMatcher(None, original, rendered, autojunk=False).ratio()
    assert similarity >= 0.995, f"{similarity:.4f}"
