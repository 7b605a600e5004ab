"""Helpers for the drafting desk's view tests: URLs, form data as a browser would post it, audit look-ups."""

from __future__ import annotations

from django.urls import reverse

from spcomms.audit.models import AuditEvent
from spcomms.drafting.models import Draft


def url(name: str, *args) -> str:
    return reverse(f"drafting:{name}", args=args)


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def audited(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def draft_post(case, **changes) -> dict:
    """The draft form as it stands (a new draft's defaults when the case has none yet), with `changes`."""
    draft = Draft.objects.filter(case=case).first() or Draft(case=case)
    data = {
        "version": str(case.version),
        "letter_date": draft.letter_date.isoformat() if draft.letter_date else "",
        "introduction": draft.introduction,
        "facts": draft.facts,
        "concerns": draft.concerns,
        "after_questions": draft.after_questions,
        "annex_text": draft.annex_text,
        "publication_days": str(draft.publication_days),
        **({"press_release": "on"} if draft.press_release else {}),
    }
    data |= formset("notes", [{"text": n["text"]} for n in draft.footnotes])
    data |= formset(
        "clauses", [{"clause": str(dc.clause_id)} for dc in draft.draftclause_set.all()] if draft.pk else []
    )
    return data | changes
