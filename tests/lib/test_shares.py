"""Shares as printed on the statistics pages and in the Council report."""

import pytest

from spcomms.lib.shares import percent


@pytest.mark.parametrize(
    ("fraction", "printed"),
    [
        (None, "–"),
        (0.0, "0%"),
        (1 / 250, "<1%"),  # one letter in 250 was joint: not "0%", which would say none
        (1 / 193, "1%"),
        (0.37, "37%"),
        (192 / 193, "99%"),
        (0.996, ">99%"),  # not all: not "100%"
        (1.0, "100%"),
    ],
)
def test_percent(fraction, printed):
    assert percent(fraction) == printed
