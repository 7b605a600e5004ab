"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets treat a cell starting with = + - @ (or a tab or carriage return before one)
as a formula: an addressee named `=HYPERLINK(...)` would become a link in the reader's spreadsheet. Such cells get
a leading apostrophe, which spreadsheets hide and keep the text as typed. Every CSV writer of the project uses it.
"""

from __future__ import annotations

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values) -> list[str]:
    return [safe_cell(v) for v in values]


def safe_writer(stream) -> csv.writer:
    """A csv.writer-like object whose rows go through safe_row."""
    return _SafeWriter(csv.writer(stream))


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, values):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
