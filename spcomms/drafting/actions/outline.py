"""A case's outline: title, type, mandates (with the resolutions cited), signatories, addressees.

Saves carry the `Case.version` the user started from (`lifecycle.bump_version`), so of two people saving the same
case only the first wins. Every action here locks the case row first (`lifecycle.lock_case`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases import lifecycle
from spcomms.cases.models import Case, CaseAddressee, CaseMandate, CaseSignatory
from spcomms.drafting.actions.clearance import reset_clearance
from spcomms.drafting.models import Draft
from spcomms.lib import clock
from spcomms.registry.models import Addressee, Mandate, MandateHolder


def default_signatory(mandate: Mandate, day: dt.date | None) -> MandateHolder | None:
    """The holder the registry knows in office on the letter's date (today when the date is not set yet); None
    when it knows none: the desk then asks who signs, never defaulting to a former holder."""
    return next(iter(mandate.holders_in_office(day or clock.today())), None)


@dataclass
class CaseFields:
    title: str
    type: str
    mandates: list[tuple[Mandate, str]]  # (mandate, resolution as cited; '' = the registry's)
    signatories: dict[int, tuple[MandateHolder, str]] = field(default_factory=dict)  # mandate pk → (holder, title)
    letter_date: dt.date | None = None  # only used when creating: the draft's date, to pick signatories
    # Only used when creating:
    addressees: list[Addressee] = field(default_factory=list)  # everyone the letters write to, in order
    summary: str = ""
    status: str = Case.DRAFT  # an ingested case is a record of letters already sent


class SaveCase(Action):
    """Create a case with its (empty) draft, or change its title, type, mandates and signatories.

    A mandate without a chosen signatory gets the holder on the letter date, with the holder's printed title.
    """

    records = ("case.created", "case.changed", "draft.created")

    def __init__(self, actor, case: Case | None = None, **kwargs):
        super().__init__(actor, **kwargs)
        self.case = case
        self.permission = "cases.change_case" if case else "cases.add_case"

    def describe(self):
        return "change the case" if self.case else "create a case"

    def perform(self, data: CaseFields, expected_version: int | None = None) -> Case:
        creating = self.case is None
        case = self.case or Case()
        if not creating:
            lifecycle.lock_case(case)
        before = None if creating else self._outline(case)
        if not creating:
            lifecycle.bump_version(case, expected_version)
        mandates = [m for m, _ in data.mandates]
        if len(set(mandates)) != len(mandates):
            raise ValidationError("a mandate is listed twice")
        case.title, case.type = data.title, data.type
        if creating:
            case.summary, case.status = data.summary, data.status
        case.full_clean(exclude=["version"])
        # The status belongs to the procedure's actions: an edit never writes back the status it read.
        case.save(**({} if creating else {"update_fields": ["title", "type", "updated_at"]}))
        day = data.letter_date if creating else getattr(Draft.objects.filter(case=case).first(), "letter_date", None)
        self._replace_mandates(case, data, day)
        if creating:
            for position, addressee in enumerate(data.addressees, start=1):
                CaseAddressee.objects.create(case=case, addressee=addressee, position=position)
            self.audit("case.created", case, after=self._outline(case))
            if case.status == Case.DRAFT:  # an ingested case gets its letter's text instead (AdoptLetter)
                draft = Draft.objects.create(case=case, letter_date=data.letter_date)
                self.audit("draft.created", draft, after=snapshot(draft))
            return case
        self.audit("case.changed", case, before=before, after=self._outline(case))
        reset_clearance(self.actor, case)
        return case

    def _replace_mandates(self, case: Case, data: CaseFields, day: dt.date | None) -> None:
        kept = {
            s.holder.mandate_id: (s.holder, s.printed_title) for s in case.casesignatory_set.select_related("holder")
        }
        case.casemandate_set.all().delete()
        case.casesignatory_set.all().delete()
        position = 0
        for index, (mandate, resolution) in enumerate(data.mandates, start=1):
            CaseMandate.objects.create(
                case=case, mandate=mandate, position=index, resolution=resolution or mandate.resolution
            )
            holder, title = data.signatories.get(mandate.pk) or kept.get(mandate.pk) or (None, "")
            holder = holder or default_signatory(mandate, day)
            if holder is None:
                continue  # a vacant mandate: generation lists "no signatory for …"
            position += 1
            CaseSignatory.objects.create(
                case=case, holder=holder, position=position, printed_title=title.strip() or holder.printed_title
            )

    @staticmethod
    def _outline(case: Case) -> dict:
        return snapshot(case) | {
            "mandates": [
                f"{cm.mandate.title} ({cm.resolution})" for cm in case.casemandate_set.select_related("mandate")
            ],
            "signatories": [
                f"{s.holder.name}, {s.printed_title}" for s in case.casesignatory_set.select_related("holder")
            ],
            "addressees": [ca.addressee.name for ca in case.caseaddressee_set.select_related("addressee")],
        }
