import io
import zipfile

from docx import Document

from spcomms.drafting.render.docx import render_docx
from tests.drafting.factories import minebea_letter


def _reopen(data: bytes):
    return Document(io.BytesIO(data))


def test_questions_are_in_a_real_numbered_list_style():
    letter = minebea_letter()
    document = _reopen(render_docx(letter))

    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == letter.questions


def test_header_from_page_two_names_the_addressee_and_the_footer_numbers_pages():
    section = _reopen(render_docx(minebea_letter())).sections[0]

    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "MinebeaMitsumi, Inc."
    assert 'w:instr="PAGE"' in section.footer._element.xml


def test_footnotes_are_real_word_footnotes():
    data = render_docx(minebea_letter())

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footnotes = package.read("word/footnotes.xml").decode()
        document = package.read("word/document.xml").decode()
        content_types = package.read("[Content_Types].xml").decode()
    assert "We take note of the Government of China" in footnotes
    assert '<w:footnoteReference w:id="1"/>' in document
    assert "[^1]" not in document
    assert "wordprocessingml.footnotes+xml" in content_types


def test_text_comes_out_in_printed_order_and_the_annex_starts_a_new_page():
    paragraphs = _reopen(render_docx(minebea_letter())).paragraphs
    texts = [p.text for p in paragraphs]

    order = [
        next(i for i, text in enumerate(texts) if text.startswith(start))
        for start in ("Mandates of the", "REFERENCE:", "12 March 2021", "Dear Mr.", "According to", "Please accept")
    ]
    assert order == sorted(order)
    annex = next(p for p in paragraphs if p.text == "Annex")
    assert annex.paragraph_format.page_break_before
