"""A share as people read it: a small share is never printed as "0%", nor an incomplete one as "100%"."""

from __future__ import annotations


def percent(fraction: float | None) -> str:
    """ "37%" of 0.37; "<1%" of 1 in 250 ("0%" would say none), ">99%" of 249 in 250; "–" when unknown."""
    if fraction is None:
        return "–"
    whole = round(fraction * 100)
    if whole == 0 and fraction > 0:
        return "<1%"
    if whole == 100 and fraction < 1:
        return ">99%"
    return f"{whole}%"
