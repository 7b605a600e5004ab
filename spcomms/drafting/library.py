"""The clause library as the desk offers it: in the order the letters print the clauses, and searchable."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from spcomms.drafting.models import Clause

LIBRARY = Path(__file__).resolve().parent / "data" / "library.json"


@cache
def letter_order() -> tuple[str, ...]:
    """Clause keys in the order a letter's annex prints them (the shipped library's, from AL OTH 135/2021)."""
    return tuple(json.loads(LIBRARY.read_text(encoding="utf-8")).get("annex_order_of_march_2021", []))


def clauses(search: str = "") -> QuerySet[Clause]:
    """Every clause version, in letter order (clauses the order does not know last, by title); `search` keeps those
    whose key, title or text contain every word of it."""
    found = Clause.objects.all()
    for word in search.split():
        found = found.filter(Q(key__icontains=word) | Q(title__icontains=word) | Q(text__icontains=word))
    rank = Case(
        *[When(key=key, then=Value(position)) for position, key in enumerate(letter_order())],
        default=Value(len(letter_order())),
        output_field=IntegerField(),
    )
    return found.annotate(letter_position=rank).order_by("letter_position", "title", "key", "-version")


def label(clause: Clause) -> str:
    return f"{clause.title} ({clause.key}, v{clause.version})"


@cache
def placeholder_hints() -> dict[str, str]:
    """What each stock placeholder stands for, with the words the March 2021 letters printed there."""
    shipped = json.loads(LIBRARY.read_text(encoding="utf-8")).get("placeholders", {})
    return {name: f"{spec['hint']}; AL OTH 135/2021 said “{spec['march_2021']}”" for name, spec in shipped.items()}
