"""spcomms.lib.csvcells: cells a spreadsheet would run as a formula get a leading apostrophe."""

import csv
import io

import pytest

from spcomms.lib.csvcells import safe_cell, safe_writer


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Acme = Ltd", "Acme = Ltd"),
        ("2021-05-10", "2021-05-10"),
        (None, ""),
        (3, "3"),
    ],
)
def test_formula_starts_are_quoted(value, expected):
    assert safe_cell(value) == expected


def test_the_writer_quotes_every_cell():
    buffer = io.StringIO()
    safe_writer(buffer).writerows([["=1", "ok"], ["@x", "-y"]])
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [["'=1", "ok"], ["'@x", "'-y"]]
