"""One report, five renderings: pick by name."""

from __future__ import annotations

from django.template.loader import render_to_string

from ..charts import Chart
from .docx import render_docx
from .pdf import render_pdf
from .present import printable
from .tables import TABLES, render_csv, render_json

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)
BINARY = ("pdf", "docx")


def charts_for_web(report: dict) -> list[dict]:
    return [chart | {"svg": Chart.from_data(chart).svg()} for chart in report["charts"]]


def render_html(report: dict, links: dict | None = None) -> bytes:
    context = {"report": report, "p": printable(report), "charts": charts_for_web(report), "links": links or {}}
    return render_to_string("reports/report.html", context).encode()


def render_report(report: dict, fmt: str, table: str = "communications") -> bytes:
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "docx":
        return render_docx(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report, table)
    raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")


__all__ = ["BINARY", "CONTENT_TYPES", "FORMATS", "TABLES", "render_report", "render_html"]
