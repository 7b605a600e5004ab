"""The letter text of a case (its draft): introduction, facts, concerns, footnotes, annex clauses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases import lifecycle
from spcomms.cases.lifecycle import CaseLocked
from spcomms.cases.models import Case
from spcomms.drafting.actions.clearance import reset_clearance
from spcomms.drafting.models import Clause, Draft, DraftClause


@dataclass
class DraftText:
    letter_date: dt.date | None
    introduction: str
    facts: str
    concerns: str
    after_questions: str
    footnotes: list[str]  # texts, numbered 1, 2, 3 … in order
    clauses: list[Clause]  # annex clauses in order
    annex_text: str
    press_release: bool
    publication_days: int


class SaveDraft(Action):
    permission = "drafting.change_draft"
    records = ("draft.created", "draft.changed")

    def describe(self):
        return "change the letter text"

    def perform(self, case: Case, text: DraftText, expected_version: int) -> Draft:
        lifecycle.lock_case(case)
        draft = Draft.objects.filter(case=case).first()
        if draft is None:  # a case made before drafts came with every case
            draft = Draft.objects.create(case=case)
            self.audit("draft.created", draft, after=snapshot(draft))
        before = snapshot(draft) | {"clauses": [c.key for c in draft.annex_clauses.order_by("draftclause__position")]}
        lifecycle.bump_version(case, expected_version)
        for name in ("letter_date", "introduction", "facts", "concerns", "after_questions", "annex_text"):
            setattr(draft, name, getattr(text, name))
        draft.press_release, draft.publication_days = text.press_release, text.publication_days
        draft.footnotes = [{"number": n, "text": t} for n, t in enumerate(text.footnotes, start=1)]
        draft.full_clean()
        draft.save()
        draft.draftclause_set.all().delete()
        for position, clause in enumerate(text.clauses, start=1):
            DraftClause.objects.create(draft=draft, clause=clause, position=position)
        after = snapshot(draft) | {"clauses": [c.key for c in text.clauses]}
        self.audit("draft.changed", draft, before=before, after=after)
        reset_clearance(self.actor, case)
        return draft


class SavePlaceholders(Action):
    """Fill in the case's words for the stock texts' placeholders (drafting.placeholders), e.g. {affected workers}.

    A sent case may still fill a placeholder its follow-up letters need; the words its sent letters used stay.
    """

    permission = "drafting.change_draft"
    records = ("draft.created", "draft.changed")

    def describe(self):
        return "change the letter text"

    def perform(self, case: Case, values: dict[str, str], expected_version: int) -> Draft:
        lifecycle.lock_case(case, follow_up=True)
        draft = Draft.objects.filter(case=case).first()
        if draft is None:
            draft = Draft.objects.create(case=case)
            self.audit("draft.created", draft, after=snapshot(draft))
        before = dict(draft.placeholders or {})
        after = {name: " ".join(value.split()) for name, value in values.items() if value.strip()}
        if not lifecycle.editable(case):
            changed = sorted(name for name, value in before.items() if after.get(name) != value)
            if changed:
                raise CaseLocked(
                    f"The case “{case}” has been sent: the words its letters used for "
                    f"{', '.join('{' + name + '}' for name in changed)} can no longer be changed."
                )
        lifecycle.bump_version(case, expected_version)
        draft.placeholders = after
        draft.save(update_fields=["placeholders"])
        self.audit("draft.changed", draft, before={"placeholders": before}, after={"placeholders": after})
        reset_clearance(self.actor, case)
        return draft
