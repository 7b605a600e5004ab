"""Letters of the genre made from the samples the way real ones are made: Word-style DOCX (automatic numbering,
real footnotes, the addressee in the page header), PDFs of that DOCX converted by LibreOffice, PDFs of the
project's own Typst renderer, and text copies whose page headers and footnotes fall where a page break put them.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from tests.ingest.ingest_helpers import attach_footnotes, letter_blocks

_QUESTION = re.compile(r"^(\d{1,2})\.\s+")


def word_docx(text: str, header: str, *, numbering: str = "style", header_part: bool = True) -> bytes:
    """The letter as Word makes it: questions numbered automatically (numbering="style": the `List Number` style;
    "numpr": w:numPr in the paragraph's properties), so that their numbers are not in the text; footnotes as real
    footnotes; the addressee's name in the page header part (from the second page on, as printed)."""
    blocks, notes = letter_blocks(text, header)
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(12)  # UN letters: 12 pt text, 10 pt footnotes
    if header_part:
        document.sections[0].different_first_page_header_footer = True
        document.sections[0].header.paragraphs[0].text = header
    num_id = _decimal_list(document) if numbering == "numpr" else None
    next_question = 1
    for lines in _one_question_each(blocks):
        question = _QUESTION.match(lines[0])
        in_questions = bool(question) and int(question.group(1)) == next_question
        next_question += in_questions
        if in_questions:
            lines = [_QUESTION.sub("", lines[0], count=1), *lines[1:]]
        paragraph = document.add_paragraph(style="List Number" if in_questions and numbering == "style" else None)
        if in_questions and num_id is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
            )
        _add_lines(paragraph, lines)
    _word_footnotes(document, notes)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _one_question_each(blocks: list[list[str]]) -> list[list[str]]:
    """The text prints consecutive questions as lines of one block; in Word each is a paragraph of its own."""
    out = []
    for lines in blocks:
        if not _QUESTION.match(lines[0]):
            out.append(lines)
            continue
        for line in lines:
            if _QUESTION.match(line) or not out:
                out.append([line])
            else:
                out[-1].append(line)
    return out


def _add_lines(paragraph, lines: list[str]) -> None:
    for n, line in enumerate(lines):
        if n:
            paragraph.add_run().add_break()
        for piece in re.split(r"(\[\^\d+\])", line):
            token = re.fullmatch(r"\[\^(\d+)\]", piece)
            if token:
                run = paragraph.add_run()
                run._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="FootnoteReference"/>'
                                        '<w:vertAlign w:val="superscript"/></w:rPr>'))  # fmt: skip
                run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{token.group(1)}"/>'))
            elif piece:
                paragraph.add_run(piece)


def _word_footnotes(document, notes: dict[str, str]) -> None:
    """footnotes.xml as Word writes it: separators, then each note with its superscript number mark, in 10 pt."""
    from xml.sax.saxutils import escape

    small = '<w:rPr><w:sz w:val="20"/></w:rPr>'
    mark = '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r>'
    body = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    body += '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    body += "</w:footnote>"
    body += "".join(
        f'<w:footnote w:id="{n}"><w:p>{mark}<w:r>{small}<w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p>'
        "</w:footnote>"
        for n, text in notes.items()
    )
    attach_footnotes(document, body)


def _decimal_list(document) -> str:
    """A "1." list of its own in the numbering part, as Word writes one; its w:numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(90 + len(numbering.findall(qn("w:abstractNum"))))
    num_id = str(90 + len(numbering.findall(qn("w:num"))))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)  # abstractNum elements come before num elements
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return num_id


def libreoffice_pdf(docx_bytes: bytes) -> bytes:
    """The DOCX converted to PDF by LibreOffice (Debian's libreoffice-writer-nogui), another producer than Typst."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-writer-nogui (make system-packages)"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "letter.docx"
        source.write_bytes(docx_bytes)
        profile = Path(folder) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
             folder, str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        return (Path(folder) / "letter.pdf").read_bytes()
