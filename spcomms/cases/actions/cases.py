from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases.models import Case, CaseAddressee, CaseMandate, CaseSignatory
from spcomms.registry.models import Addressee, Mandate, MandateHolder


@dataclass
class CaseOutline:
    """Everything a case is made of, in printed order."""

    title: str
    type: str
    mandates: list[tuple[Mandate, str]]  # (mandate, resolution as cited)
    signatories: list[tuple[MandateHolder, str]]  # (holder, title as printed)
    addressees: list[Addressee]
    summary: str = ""
    status: str = Case.DRAFT


class CreateCase(Action):
    permission = "cases.add_case"

    def describe(self):
        return "create a case"

    def perform(self, outline: CaseOutline) -> Case:
        problems = []
        if not outline.mandates:
            problems.append("a case needs at least one mandate")
        signed = {holder.mandate_id for holder, _ in outline.signatories}
        problems += [f"no signatory for {m}" for m, _ in outline.mandates if m.pk not in signed]
        if problems:
            raise ValidationError(problems)
        case = Case(title=outline.title, type=outline.type, summary=outline.summary, status=outline.status)
        case.full_clean()
        case.save()
        for position, (mandate, resolution) in enumerate(outline.mandates, start=1):
            CaseMandate.objects.create(case=case, mandate=mandate, position=position, resolution=resolution)
        for position, (holder, title) in enumerate(outline.signatories, start=1):
            CaseSignatory.objects.create(case=case, holder=holder, position=position, printed_title=title)
        for position, addressee in enumerate(outline.addressees, start=1):
            CaseAddressee.objects.create(case=case, addressee=addressee, position=position)
        after = snapshot(case) | {
            "mandates": [m.title for m, _ in outline.mandates],
            "signatories": [h.name for h, _ in outline.signatories],
            "addressees": [a.name for a in outline.addressees],
        }
        self.audit("case.created", case, after=after)
        return case


class AddAddressees(Action):
    """Add addressees to a case after the ones it has (e.g. a company found later)."""

    permission = "cases.change_case"

    def perform(self, case: Case, addressees: list[Addressee]) -> list[CaseAddressee]:
        position = case.caseaddressee_set.count()
        added = []
        for addressee in addressees:
            if case.caseaddressee_set.filter(addressee=addressee).exists():
                continue
            position += 1
            added.append(CaseAddressee.objects.create(case=case, addressee=addressee, position=position))
        if added:
            self.audit("case.addressees_added", case, after={"added": [a.addressee.name for a in added]})
        return added
