"""The same letter as text, Markdown, PDF (rendered with Typst) and DOCX (built with python-docx): one record."""

from __future__ import annotations

import pytest

from spcomms.ingest import extract_bytes, parse_bytes, parse_file
from tests.ingest.ingest_helpers import MINEBEA, XIAOMI, render_docx, render_pdf

HEADER = "MinebeaMitsumi, Inc."


@pytest.fixture(scope="module")
def expected():
    return parse_file(MINEBEA).to_dict()


def _comparable(record: dict) -> dict:
    return {key: value for key, value in record.items() if key != "sections"}


def test_markdown_matches_text_apart_from_the_addressee(expected):
    record = parse_file(XIAOMI).to_dict()
    for key in ("mandates", "questions", "signatories", "footnotes", "also_sent_to", "publication_days"):
        assert record[key] == expected[key]


@pytest.mark.parametrize("render, filename", [(render_pdf, "letter.pdf"), (render_docx, "letter.docx")])
def test_rendered_letter_parses_to_the_same_record(expected, render, filename):
    data = render(MINEBEA.read_text(encoding="utf-8"), HEADER)
    assert extract_bytes(data, filename)[1] == filename.rsplit(".", 1)[1]
    record = parse_bytes(data, filename).to_dict()
    assert _comparable(record) == _comparable(expected)
    for name in ("facts", "concerns", "questions_intro", "publication", "press_release", "also_sent", "closing"):
        assert record["sections"][name] == expected["sections"][name], name


def test_format_is_detected_by_content_not_suffix(expected):
    data = render_pdf(MINEBEA.read_text(encoding="utf-8"), HEADER)
    assert extract_bytes(data, "mislabelled.txt")[1] == "pdf"
