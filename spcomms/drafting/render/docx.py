"""DOCX for editing in Word or LibreOffice: real "List Number" questions, real footnotes, header and page numbers.

python-docx 1.2 has no footnote API, so `footnotes.py` adds Word's footnotes part by hand (small and valid).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from spcomms.lib.letter import Letter
from spcomms.lib.text import clean_letter

from . import phrases
from .body import AFTER_QUESTIONS_SECTIONS, BEFORE_QUESTIONS_SECTIONS, OPENING_SECTIONS, paragraphs, segments
from .footnotes import FootnoteWriter

INDENT = Cm(1.27)


def render_docx(letter: Letter) -> bytes:
    letter = clean_letter(letter)  # defensive: text from before the boundary cleaned it (lib.text)
    t = phrases.translate
    document = Document()
    _page_setup(document, letter)
    notes = FootnoteWriter(document, {f.number: f.text for f in letter.footnotes})

    def write(text: str, style: str | None = None, indent: bool = True):
        paragraph = document.add_paragraph(style=style)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = INDENT
        for segment in segments(text):
            if segment.footnote:
                notes.reference(paragraph, segment.footnote)
            else:
                paragraph.add_run(segment.text)
        return paragraph

    header = document.add_paragraph()
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(phrases.mandates_header(letter.mandates)).bold = True
    reference = document.add_paragraph()
    reference.add_run(t(phrases.REFERENCE)).font.size = Pt(8)
    reference.add_run().add_break()
    reference.add_run(letter.reference)
    document.add_paragraph(phrases.letter_date(letter.date)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph(letter.addressee.salutation)

    for text in _section_texts(letter, OPENING_SECTIONS):
        write(text)
    write(t(phrases.ACCORDING_TO_INFORMATION))
    for text in paragraphs(letter.sections.facts) + _section_texts(letter, BEFORE_QUESTIONS_SECTIONS):
        write(text)
    for question in letter.questions:
        write(question, style="List Number", indent=False)
    for text in _section_texts(letter, AFTER_QUESTIONS_SECTIONS):
        write(text)
    for signatory in letter.signatories:
        block = document.add_paragraph(signatory.name)
        block.paragraph_format.keep_with_next = True
        block.paragraph_format.space_before = Pt(12)
        document.add_paragraph(signatory.title)

    if letter.sections.annex:
        annex = document.add_paragraph()
        annex.paragraph_format.page_break_before = True
        annex.alignment = WD_ALIGN_PARAGRAPH.CENTER
        annex.add_run(t(phrases.ANNEX)).bold = True
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(letter.sections.annex_title).bold = True
        for text in paragraphs(letter.sections.annex):
            write(text)

    notes.save()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _section_texts(letter: Letter, names: tuple[str, ...]) -> list[str]:
    return [p for name in names for p in paragraphs(getattr(letter.sections, name))]


def _page_setup(document, letter: Letter) -> None:
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(12)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    # Page 1 has no running header; from page 2 on, the addressee's name, as in the printed letters.
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = letter.addressee.name
    section.header.paragraphs[0].runs[0].font.size = Pt(10)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(footer)
    first_footer = section.first_page_footer.paragraphs[0]
    first_footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first_footer.add_run(phrases.translate(phrases.LETTERHEAD_ADDRESS)).font.size = Pt(9)


def _page_number_field(paragraph) -> None:
    """A PAGE field, which Word and LibreOffice update to the current page number."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
