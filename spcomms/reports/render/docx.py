"""The report as an editable Word document (python-docx): the same printable text as the PDF, tables included."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from spcomms.lib.shares import percent as percent_of

from .present import printable


def _repeat_header(row) -> None:
    """Word repeats a table's first row on every page when the row says so (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _table(document, headers, rows) -> None:
    if not rows:
        document.add_paragraph("None in this period.")
        return
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)


def render_docx(report: dict) -> bytes:
    p = printable(report)
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    top = document.add_paragraph()
    top.add_run("United Nations\t")
    top.add_run(p["symbol"]).bold = True
    document.add_heading("General Assembly", level=0)
    right = document.add_paragraph(f"Distr.: {p['distribution']}\n{p['date_printed']}\nOriginal: English")
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("Human Rights Council").runs[0].bold = True
    document.add_paragraph(f"{p['session_words']}\n{p['session_month']}")
    document.add_heading(p["title"], level=1)
    document.add_paragraph(p["summary"])
    _table(document, ("Figure", "Value"), p["figure_rows"])
    document.add_heading("I. Introduction", level=1)
    document.add_paragraph(p["introduction"])
    document.add_heading("II. Communications sent", level=1)
    document.add_paragraph(p["communications_intro"])
    for group in p["communication_groups"]:
        document.add_heading(group["title"], level=2)
        _table(document, p["communication_columns"], group["rows"])
    document.add_heading("III. Replies received", level=1)
    document.add_paragraph(p["replies_intro"])
    _table(document, p["reply_columns"], p["reply_rows"])
    document.add_heading("IV. Figures", level=1)
    for chart in report["charts"]:
        document.add_heading(chart["title"], level=2)
        document.add_paragraph(chart["alt"])
        _table(document, chart["columns"], [[str(a), _value(b, chart["percent"])] for a, b in chart["rows"]])
    document.add_heading("Annex: Mandates and their abbreviations", level=1)
    _table(document, ("Abbreviation", "Mandate"), p["mandate_rows"])
    document.core_properties.title = f"{p['symbol']} – {p['title']}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _value(value, percent: bool) -> str:
    return percent_of(value) if percent else f"{value:,}"
