"""The report as PDF: one Typst template (`report.typ`) reading the printable report and its charts as JSON."""

from __future__ import annotations

import json
import threading
from functools import cache
from pathlib import Path

import typst

from spcomms.lib.shares import percent

from ..charts import Chart
from .present import printable

TEMPLATE = Path(__file__).with_name("report.typ")
_lock = threading.Lock()


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(TEMPLATE, ignore_system_fonts=True)  # the same fonts on every machine


def render_pdf(report: dict) -> bytes:
    charts = [
        {**chart, "svg": Chart.from_data(chart).svg(text_as_paths=False), "rows": _text_rows(chart)}
        for chart in report["charts"]
    ]
    inputs = {"report": json.dumps(printable(report), ensure_ascii=False), "charts": json.dumps(charts)}
    with _lock:  # a Compiler keeps its sys_inputs between calls
        return _compiler().compile(format="pdf", sys_inputs=inputs)


def _text_rows(chart: dict) -> list[list[str]]:
    if chart["percent"]:
        return [[str(label), percent(value)] for label, value in chart["rows"]]
    return [[str(label), f"{value:,}"] for label, value in chart["rows"]]
