"""Build test inputs: the sample letters, and PDF (Typst) / DOCX (python-docx) renderings of a letter's text.

The renderers take the letter as printed text (paragraphs separated by blank lines, footnote references as ``¹``
or ``<sup>1</sup>`` already normalised to ``[^1]``) and pass it to Typst as data, never as markup.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import typst
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINEBEA = SAMPLES / "AL-OTH-135-2021_MinebeaMitsumi.txt"
XIAOMI = SAMPLES / "AL-OTH-167-2021_Xiaomi.md"
CRRC = SAMPLES / "AL-OTH-78-2021_CRRC.txt"
TEMPLATE = Path(__file__).resolve().parent / "letter.typ"
_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def letter_blocks(text: str, header: str) -> tuple[list[list[str]], dict[str, str]]:
    """Printed paragraphs (each a list of printed lines) without the running header and footnote bodies; and the
    footnote texts by number."""
    notes: dict[str, str] = {}
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").split("\n") if line.strip()]
        if not lines or lines == [header]:
            continue
        note = re.match(r"^([¹²³⁴⁵⁶⁷⁸⁹]+)\s+(.*)$", lines[0])
        if note:
            notes[note.group(1).translate(_DIGITS)] = " ".join([note.group(2)] + lines[1:])
            continue
        blocks.append([_SUPERSCRIPT.sub(lambda m: f"[^{m.group(0).translate(_DIGITS)}]", line) for line in lines])
    return blocks, notes


def render_pdf(text: str, header: str) -> bytes:
    blocks, notes = letter_blocks(text, header)
    data = []
    for lines in blocks:
        parts: list = []
        for n, line in enumerate(lines):
            if n:
                parts.append({"break": True})
            for piece in re.split(r"(\[\^\d+\])", line):
                token = re.fullmatch(r"\[\^(\d+)\]", piece)
                if token:
                    parts.append({"note": notes[token.group(1)]})
                elif piece:
                    parts.append(piece)
        data.append(parts)
    payload = json.dumps({"header": header, "paragraphs": data})
    return typst.compile(str(TEMPLATE), sys_inputs={"letter": payload})


def render_docx(text: str, header: str) -> bytes:
    """A DOCX whose paragraphs are the printed paragraphs; line breaks as <w:br/>; footnotes as real footnotes."""
    blocks, notes = letter_blocks(text, header)
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    for lines in blocks:
        paragraph = document.add_paragraph()
        for n, line in enumerate(lines):
            if n:
                paragraph.add_run().add_break()
            for piece in re.split(r"(\[\^\d+\])", line):
                token = re.fullmatch(r"\[\^(\d+)\]", piece)
                if token:
                    run = paragraph.add_run()
                    run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{token.group(1)}"/>'))
                elif piece:
                    paragraph.add_run(piece)
    _add_footnotes(document, notes)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_footnotes(document, notes: dict[str, str]) -> None:
    from xml.sax.saxutils import escape

    body = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:footnote>'
        for n, text in notes.items()
    )
    attach_footnotes(document, body)


def attach_footnotes(document, body: str) -> None:
    """Give a python-docx document a footnotes part holding `body` (the <w:footnote> elements)."""
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {nsdecls("w")}>{body}</w:footnotes>'
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def crrc_variant(tmp_path, name: str, *replacements: tuple[str, str]) -> Path:
    """A copy of the CRRC sample letter with each (old, new) replaced once, written to tmp_path/name."""
    text = CRRC.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
