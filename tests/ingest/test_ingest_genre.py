"""Letters of the genre the samples do not show as such, made from the samples as real ones are made.

PDFs from two producers (the project's own Typst renderer; LibreOffice converting a Word-style DOCX), DOCX whose
questions Word numbers itself (`List Number` style, or w:numPr), running page headers between two paragraphs and
inside sentences, footnote markers as superscripts, `1` and `1.`, and footnote URLs wrapped onto a line that starts
with digits. Each must give the record of the letter it was made from.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from spcomms.drafting.render.pdf import render_pdf as project_pdf
from spcomms.ingest import parse_bytes, parse_file, parse_text
from spcomms.ingest.gaps import unfilled
from tests.ingest.genre_letters import libreoffice_pdf, word_docx
from tests.ingest.ingest_helpers import CRRC, FIXTURES, MINEBEA, SAMPLES, XIAOMI

HEADER = "MinebeaMitsumi, Inc."
# In the sample the page break (and so the header) cuts a sentence whose rest starts in lower case.
CUT_SENTENCE = "across their\n\nMinebeaMitsumi, Inc.\n\nsupply chains."
LETTERS = [MINEBEA, XIAOMI, CRRC, FIXTURES / "AL-CHN-18-2020_state.txt", FIXTURES / "UA-OTH-12-2021_urgent_appeal.txt"]


@pytest.fixture(scope="module")
def minebea():
    return parse_file(MINEBEA).to_dict()


def _text() -> str:
    text = MINEBEA.read_text(encoding="utf-8")
    assert CUT_SENTENCE in text
    return text


def _whole_sentence() -> str:
    """The sample with its sentence whole and no header anywhere: each test puts the header where it wants it."""
    return _text().replace(CUT_SENTENCE, "across their supply chains.")


@pytest.mark.parametrize("path", LETTERS, ids=lambda path: path.name)
def test_pdf_of_the_project_renderer_gives_the_letter_back(path):
    letter = parse_file(path)
    assert parse_bytes(project_pdf(letter), "letter.pdf").to_dict() == letter.to_dict()


def test_a_wrapped_footnote_url_whose_next_line_starts_with_digits_is_not_a_footnote(minebea):
    pdf = project_pdf(parse_file(MINEBEA))  # Typst wraps the URL as "…/whitepaper/202009/" + "17/content_…"
    record = parse_bytes(pdf, "letter.pdf").to_dict()
    assert record["footnotes"] == minebea["footnotes"]
    assert record["footnotes"][0]["text"].endswith("whitepaper/202009/17/content_WS5f62cef6c6d0f7257693c192.html")


def test_a_short_letter_whose_only_header_falls_between_paragraphs_keeps_its_addressee():
    letter = parse_file(FIXTURES / "UA-OTH-12-2021_urgent_appeal.txt")
    letter.addressee.name = "Acme Garments Ltd."  # printed at the top of page 2, between two paragraphs
    parsed = parse_bytes(project_pdf(letter), "letter.pdf")
    assert parsed.addressee.name == "Acme Garments Ltd."
    assert parsed.to_dict() == letter.to_dict()


@pytest.fixture(scope="module", params=["style", "numpr"])
def word_letter(request):
    return request.param, word_docx(_text(), HEADER, numbering=request.param)


def test_word_numbering_is_read_from_the_numbering_properties(word_letter, minebea):
    numbering, data = word_letter
    record = parse_bytes(data, f"word-{numbering}.docx").to_dict()
    assert len(record["questions"]) == 8
    assert record["questions"][0].startswith("Please provide any additional information")
    assert record == minebea


def test_the_numbers_are_not_in_the_word_text(word_letter):
    import io

    import docx

    _, data = word_letter
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    question = next(p for p in paragraphs if p.startswith("Please explain what monitoring"))
    assert not re.match(r"^\d", question)


@pytest.fixture(scope="module")
def libreoffice_letters(word_letter):
    numbering, data = word_letter
    return numbering, libreoffice_pdf(data)


def test_libreoffice_pdf_of_a_word_letter_gives_the_letter_back(libreoffice_letters, minebea):
    numbering, pdf = libreoffice_letters
    assert pdfium.PdfDocument(pdf).get_metadata_dict()["Producer"].startswith("LibreOffice")
    record = parse_bytes(pdf, f"libreoffice-{numbering}.pdf").to_dict()
    assert record == minebea
    assert unfilled(parse_bytes(pdf, "letter.pdf")) == []


def test_header_between_two_paragraphs_names_the_addressee(minebea):
    text = _whole_sentence().replace("supply chains.\n\n", f"supply chains.\n\n{HEADER}\n\n", 1)
    record = parse_text(text).to_dict()
    assert record["addressee"]["name"] == HEADER
    assert record == minebea


def test_header_inside_a_sentence_before_a_capital_is_removed_and_the_sentence_rejoined(minebea):
    text = _whole_sentence().replace("both in Xinjiang and other Chinese provinces",
                                     f"both in Xinjiang and other\n\n{HEADER}\n\nChinese provinces")  # fmt: skip
    assert parse_text(text).to_dict() == minebea


def test_header_between_two_questions_is_no_part_of_either(minebea):
    text = _whole_sentence().replace("\n4. Please explain", f"\n\n{HEADER}\n\n4. Please explain")
    record = parse_text(text).to_dict()
    assert record["questions"] == minebea["questions"]
    assert record == minebea


def test_a_known_header_among_the_signatures_or_in_the_annex_is_removed(minebea):
    text = _text().replace("\n\nFernand de Varennes", f"\n\n{HEADER}\n\nFernand de Varennes")
    annex_paragraph = "\n\nIn connection with above alleged facts and concerns"
    text = text.replace(annex_paragraph, f"\n\n{HEADER}{annex_paragraph}")
    assert parse_text(text).to_dict() == minebea


def test_a_state_letter_keeps_a_short_line_that_is_not_its_state():
    text = (FIXTURES / "AL-CHN-18-2020_state.txt").read_text(encoding="utf-8")
    letter = parse_text(text)
    changed = parse_text(text.replace("\n\nAccording to", "\n\nAnnual report summary\n\nAccording to", 1))
    assert changed.addressee.name == letter.addressee.name == "China"


@pytest.mark.parametrize(
    "reference, body",
    [("extremism.1 Such", "1 We take note"), ("extremism.1 Such", "1. We take note"),
     ("extremism.¹ Such", "¹ We take note"), ("extremism.<sup>1</sup> Such", "<sup>1</sup> We take note")],
    ids=["1", "1.", "superscript", "html superscript"],
)  # fmt: skip
def test_footnote_markers_in_each_form(minebea, reference, body):
    text = _text().replace("extremism.¹ Such", reference).replace("¹ We take note", body)
    record = parse_text(text).to_dict()
    assert record["footnotes"] == minebea["footnotes"]
    assert "extremism.[^1] Such" in record["sections"]["facts"]
    assert record == minebea


@pytest.mark.parametrize("break_at", ["whitepaper/202\n009/17/", "whitepaper/\n202009/17/"])
def test_a_footnote_url_wrapped_before_digits_stays_one_footnote(minebea, break_at):
    text = _text().replace("extremism.¹ Such", "extremism.1 Such").replace("¹ We take note", "1. We take note")
    text = text.replace("whitepaper/202009/17/", break_at)
    assert parse_text(text).to_dict()["footnotes"] == minebea["footnotes"]


def test_a_numbered_question_is_not_taken_for_a_plain_footnote():
    text = CRRC.read_text(encoding="utf-8").replace("extremism.¹ Such", "extremism.1 Such")
    text = text.replace("¹ We take note", "1 We take note")
    letter = parse_text(text)
    assert len(letter.questions) == len(parse_file(CRRC).questions) and [f.number for f in letter.footnotes] == [1]


def test_digits_typed_in_superscript_in_a_docx_are_footnote_marks():
    import io

    import docx

    document = docx.Document()
    for paragraph in _whole_sentence().split("\n\n"):
        document.add_paragraph(paragraph)
    for paragraph in document.paragraphs:
        if "extremism.¹" in paragraph.text or paragraph.text.startswith("¹ "):
            before, _, after = paragraph.text.partition("¹")
            paragraph.text = before
            paragraph.add_run("1").font.superscript = True
            paragraph.add_run(after)
    buffer = io.BytesIO()
    document.save(buffer)
    record = parse_bytes(buffer.getvalue(), "typed.docx").to_dict()
    assert [f["number"] for f in record["footnotes"]] == [1]
    assert "extremism.[^1] Such" in record["sections"]["facts"]


def test_the_letterhead_footer_of_the_first_page_is_no_paragraph(minebea):
    footer = "PALAIS DES NATIONS • 1211 GENEVA 10, SWITZERLAND"
    text = _text().replace("\n\nAccording to the information received:", f"\n\n{footer}\n\nAccording to the "
                           "information received:", 1)  # fmt: skip
    assert parse_text(text).to_dict() == minebea


def test_samples_folder_is_what_these_letters_were_made_from():
    assert {MINEBEA, XIAOMI, CRRC} <= set(SAMPLES.iterdir())


def test_plain_number_footnotes_in_a_docx_with_a_page_header(minebea):
    import io

    import docx

    text = _whole_sentence().replace("extremism.¹ Such", "extremism.1 Such").replace("¹ We take note", "1 We take note")
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = HEADER
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    record = parse_bytes(buffer.getvalue(), "plain.docx").to_dict()
    assert record["footnotes"] == minebea["footnotes"] and record["addressee"]["name"] == HEADER


@pytest.mark.parametrize("heading", ["Legal framework", "Background", "Observations on the draft law"])
def test_a_heading_between_paragraphs_is_no_running_header(heading):
    text = _whole_sentence().replace("\n\nAccording to the information received:",
                                     f"\n\n{heading}\n\nAccording to the information received:", 1)  # fmt: skip
    letter = parse_text(text)
    assert letter.addressee.name == ""  # no header in this copy: the organisation is left to fill in
    assert heading in letter.sections.introduction
