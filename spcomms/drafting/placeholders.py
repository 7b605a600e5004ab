"""Case-specific words in stock texts: a stock question or clause says `{affected workers}` where a letter names
the people concerned; each case fills its placeholders once (`Draft.placeholders`) and every letter uses them.

A placeholder is a lower-case name in braces. Generation refuses while one used by the case is empty, so a letter
can never go out with "{region}" in it — nor with another case's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spcomms.cases.models import Case
from spcomms.drafting.models import Draft

PLACEHOLDER = re.compile(r"\{([a-z][a-z ’'-]{0,58}[a-z])\}")


def names_in(text: str) -> list[str]:
    """The placeholders of a text, in order of first appearance, each once."""
    return list(dict.fromkeys(match[1] for match in PLACEHOLDER.finditer(text or "")))


def fill(text: str, values: dict[str, str]) -> str:
    """The text with every filled placeholder replaced; unfilled ones stay as they are (generation refuses them)."""

    def replace(match: re.Match) -> str:
        value = (values.get(match[1]) or "").strip()
        return value or match[0]

    return PLACEHOLDER.sub(replace, text or "")


@dataclass
class Use:
    """Where a placeholder appears in a case's stock texts: 'question set “…”, question 2' or 'annex clause …'."""

    name: str
    where: list[str]


def stock_texts(case: Case) -> list[tuple[str, str]]:
    """(where, text) of every stock text the case's letters are made from: its groups' questions and its clauses."""
    found = []
    for group in case.groups.filter(generates=True).select_related("question_set"):
        if group.question_set is None:
            continue
        for position, text in enumerate(group.question_set.texts(), start=1):
            found.append((f"“{group.name}”, question {position}", text))
    draft = Draft.objects.filter(case=case).first()
    if draft is not None:
        for dc in draft.draftclause_set.select_related("clause").order_by("position"):
            found.append((f"annex clause “{dc.clause.title}”", dc.clause.text))
    return found


def uses(case: Case) -> list[Use]:
    """Every placeholder the case's letters need, in order of first appearance, with where it is used."""
    by_name: dict[str, Use] = {}
    for where, text in stock_texts(case):
        for name in names_in(text):
            by_name.setdefault(name, Use(name, [])).where.append(where)
    return list(by_name.values())


def values_of(case: Case) -> dict[str, str]:
    draft = Draft.objects.filter(case=case).first()
    stored = getattr(draft, "placeholders", None)
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def problems(case: Case) -> list[str]:
    """An unfilled placeholder stops generation: say which, and where it is used."""
    values = values_of(case)
    return [
        f"the placeholder {{{use.name}}} is not filled in (used in {'; '.join(use.where[:3])}"
        f"{' …' if len(use.where) > 3 else ''}): fill it in under “Case-specific words”"
        for use in uses(case)
        if not (values.get(use.name) or "").strip()
    ]


def preview(text: str, values: dict[str, str]) -> list[tuple[str, str]]:
    """The text as (kind, words) parts for a page to mark up: 'text', 'filled' (the case's words) or 'missing'."""
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(text or ""):
        parts.append(("text", text[last : match.start()]))
        value = (values.get(match[1]) or "").strip()
        parts.append(("filled", value) if value else ("missing", match[0]))
        last = match.end()
    parts.append(("text", (text or "")[last:]))
    return [part for part in parts if part[1]]
