"""`spcomms report --session N --format …`: every format, bad input refused with a message."""

import csv
import io
import json
import zipfile

import pypdfium2
import pytest
from django.core.management import CommandError, call_command


def test_pdf_has_the_symbol_and_the_march_letters(march_case, tmp_path):
    out = tmp_path / "r.pdf"
    call_command("report", "--session", "48", "--format", "pdf", "-o", str(out))
    pdf = pypdfium2.PdfDocument(out.read_bytes())
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "A/HRC/48/3" in text and "Forty-eighth session" in text and "Distr.: General" in text
    assert "MinebeaMitsumi" in text and "IV. Figures" in text and "Mandates and their abbreviations" in text


def test_docx_repeats_table_headers(march_case, tmp_path):
    out = tmp_path / "r.docx"
    call_command("report", "--session", "48", "--format", "docx", "-o", str(out))
    document = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "A/HRC/48/3" in document and "w:tblHeader" in document and "MinebeaMitsumi" in document


def test_json_and_csv_carry_every_table(march_case, capsysbinary):
    call_command("report", "--session", "48", "--format", "json")
    data = json.loads(capsysbinary.readouterr().out)
    assert {"communications", "replies", "mandates", "figures", "charts"} <= set(data)
    call_command("report", "--session", "48", "--format", "csv", "--table", "replies")
    rows = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode())))
    assert [r["reference"] for r in rows] == ["AL OTH 135/2021"]


def test_binary_format_refuses_a_terminal(march_case, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    with pytest.raises(CommandError, match="-o FILE"):
        call_command("report", "--session", "48", "--format", "pdf")


@pytest.mark.parametrize("bad", ["abc", "3", "-1"])
def test_bad_session_is_refused_with_a_message(db, bad):
    with pytest.raises(CommandError, match="session"):
        call_command("report", "--session", bad, "--format", "json")
