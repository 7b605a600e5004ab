"""Bad input: a ParseError naming the file and the problem, never another exception."""

from __future__ import annotations

import io
import os
import zipfile

import pypdfium2 as pdfium
import pytest
import typst

from spcomms.ingest import ParseError, extract_bytes, parse_file, parse_text
from tests.ingest.ingest_helpers import MINEBEA


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\n \r\n", "empty file"),
        ("garbage.txt", os.urandom(4096).replace(b"%PDF-", b"").replace(b"PK\x03\x04", b"") + b"\x00\x01", "binary"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n", "PDF"),
        ("fake.pdf", b"just some words", "not a PDF"),
        ("fake.docx", b"just some words", "not a DOCX"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 40, "not a readable DOCX: BadZipFile: File is not a zip file"),
    ],
)
def test_unreadable_files(tmp_path, name, data, problem):
    path = _write(tmp_path, name, data)
    with pytest.raises(ParseError) as error:
        parse_file(path)
    assert name in str(error.value)
    assert problem in str(error.value)
    assert error.value.path == str(path)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path = _write(tmp_path, "sheet.docx", buffer.getvalue())
    with pytest.raises(ParseError, match=r"sheet\.docx: not a readable DOCX: a ZIP archive that is not a Word"):
        parse_file(path)


def test_pdf_without_text_layer(tmp_path):
    pdf = typst.compile(b"#rect(width: 5cm, height: 3cm, fill: black)")
    path = _write(tmp_path, "scan.pdf", pdf)
    with pytest.raises(ParseError, match="scan.pdf: no text layer: OCR needed"):
        parse_file(path)


def test_blank_pdf_made_with_pdfium():
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ParseError, match="upload.pdf: no text layer: OCR needed"):
        extract_bytes(buffer.getvalue(), "upload.pdf")


def test_missing_file(tmp_path):
    with pytest.raises(ParseError, match="nowhere.txt: cannot read file"):
        parse_file(tmp_path / "nowhere.txt")


def test_missing_reference():
    text = MINEBEA.read_text(encoding="utf-8").replace("AL OTH 135/2021", "")
    with pytest.raises(ParseError, match=r"letter\.txt: no reference found"):
        parse_text(text, source="letter.txt")


def test_bad_reference_year():
    text = MINEBEA.read_text(encoding="utf-8").replace("AL OTH 135/2021", "AL OTH 135/1021")
    with pytest.raises(ParseError, match=r"letter\.txt: .*year"):
        parse_text(text, source="letter.txt")


def test_missing_date():
    text = MINEBEA.read_text(encoding="utf-8").replace("12 March 2021", "")
    with pytest.raises(ParseError, match=r"letter\.txt: no date found"):
        parse_text(text, source="letter.txt")


def test_impossible_date():
    text = MINEBEA.read_text(encoding="utf-8").replace("12 March 2021", "31 February 2021")
    with pytest.raises(ParseError, match=r"letter\.txt: invalid date '31 February 2021'"):
        parse_text(text, source="letter.txt")


def test_ingested_text_is_clean_of_word_breaks_and_controls():
    pasted = MINEBEA.read_text().replace("\n", "\r\n").replace("Minebea", "Mine\x0bbea\x01", 1)
    record = parse_text(pasted, source="pasted.txt").to_dict()

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                yield from strings(item)

    found = "".join(strings(record))
    assert "\r" not in found and "\x0b" not in found and "\x01" not in found
