"""Storing a parsed letter: link it to the registry, to its Case, and record it as a Communication.

One letter is one transaction: it is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases.actions.cases import AddAddressees, CaseOutline, CreateCase
from spcomms.cases.models import Case, Communication
from spcomms.drafting.from_letter import adopt_letter, list_parallel_addressees
from spcomms.lib.letter import STATE, Letter
from spcomms.lib.references import Reference
from spcomms.registry.models import Addressee, Mandate, MandateHolder

SAME_FACTS = 0.9  # letters of one batch share near-identical facts; per-addressee variants differ a little


class IngestError(ValueError):
    """The letter parsed but cannot be stored as it is; the message says what to fix."""


@dataclass
class Outcome:
    status: str  # "ingested" | "unchanged" | "replaced"
    communication: Communication
    warnings: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().casefold()


def resolve_mandates(titles: list[str]) -> list[Mandate]:
    """Registry mandates for printed titles, in order; IngestError naming every unknown title."""
    known = {_norm(m.title): m for m in Mandate.objects.all()}
    found, unknown = [], []
    for title in titles:
        mandate = known.get(_norm(title))
        (found if mandate else unknown).append(mandate or title)
    if unknown:
        raise IngestError("unknown mandate(s), add them to the registry first: " + "; ".join(unknown))
    return found


def _holder(name: str, printed_title: str, mandate: Mandate) -> MandateHolder:
    """The registry holder for a signature; a holder not yet registered is added from the letter's own text."""
    holder = MandateHolder.objects.filter(mandate=mandate, name=name).first()
    if holder is None:
        holder = MandateHolder(mandate=mandate, name=name, printed_title=printed_title)
        holder.full_clean()
        holder.save()
    return holder


def _signatories(letter: Letter, mandates: list[Mandate]) -> list[tuple[MandateHolder, str]]:
    result = []
    for index, signatory in enumerate(letter.signatories):
        title = _norm(signatory.title)
        mandate = next((m for m in mandates if _norm(m.title) in title), None)
        if mandate is None and len(letter.signatories) == len(mandates):
            mandate = mandates[index]  # same count: signatures follow the header's order
        if mandate is None:
            raise IngestError(f"cannot tell which mandate {signatory.name} ({signatory.title}) signs for")
        result.append((_holder(signatory.name, signatory.title, mandate), signatory.title))
    return result


def _honorific_and_name(person: str, salutation: str) -> tuple[str, str]:
    match = re.match(r"Dear\s+(Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)\s+", salutation or "")
    return (match[1] if match else ""), person


def resolve_addressee(letter: Letter) -> Addressee:
    block = letter.addressee
    if block.kind == STATE or letter.code != "OTH":
        state = Addressee.objects.filter(kind=Addressee.STATE, iso3=letter.code).first()
        if state is None:
            raise IngestError(f"no State with code {letter.code} in the registry")
        return state
    if not block.name.strip():
        raise IngestError("the letter does not name the addressee organisation")
    honorific, person = _honorific_and_name(block.person, block.salutation)
    addressee = (
        Addressee.objects.filter(kind__in=[Addressee.COMPANY, Addressee.IGO, Addressee.OTHER])
        .filter(name=block.name)
        .first()
    )
    if addressee is None:
        addressee = Addressee(
            kind=Addressee.COMPANY, name=block.name, representative_name=person, representative_honorific=honorific
        )
        addressee.full_clean()
        addressee.save()
    return addressee


def _states_named(letter: Letter) -> tuple[list[Addressee], list[str]]:
    by_name = {_norm(a.name): a for a in Addressee.objects.filter(kind=Addressee.STATE)}
    found, missing = [], []
    for name in letter.also_sent_to.states:
        state = by_name.get(_norm(name))
        if state:
            found.append(state)
        else:
            missing.append(name)
    return found, missing


def find_case(letter: Letter, mandates: list[Mandate]) -> Case | None:
    """A case of the same batch: same date and mandates in the same order, near-identical facts."""
    candidates = Communication.objects.filter(date=letter.date, letter__isnull=False).select_related("case")
    facts = letter.sections.facts
    for other in candidates:
        if other.case.ordered_mandates() != mandates:
            continue
        other_facts = (other.letter.get("sections") or {}).get("facts", "")
        if difflib.SequenceMatcher(None, facts, other_facts, autojunk=False).quick_ratio() >= SAME_FACTS:
            return other.case
    return None


def case_title(letter: Letter) -> str:
    """A working title from the introduction ("… information concerning X"), else the first words of the facts."""
    intro = letter.sections.introduction
    alleged = re.search(r"\b(alleged\s.+?)(?:,? as well as\b|\.|$)", intro)
    if alleged:
        return alleged[1][:1].upper() + alleged[1][1:200]
    match = re.search(r"(?:information|allegations?)\s+(?:concerning|regarding|on|that)\s+(.+?)(?:\.|$)", intro)
    text = match[1] if match else (letter.sections.facts or letter.reference)
    text = re.sub(r"\[\^\d+\]", "", text).strip()
    return text[:1].upper() + text[1:200]


class StoreLetter(Action):
    permission = "cases.add_communication"

    def describe(self):
        return "ingest letters"

    def perform(self, letter: Letter, *, replace: bool = False) -> Outcome:
        reference = Reference(letter.type, letter.code, letter.number, letter.year)
        if letter.date is None:
            raise IngestError("the letter has no date")
        data = letter.to_dict()
        existing = Communication.objects.filter(
            ref_code=reference.code, ref_number=reference.number, ref_year=reference.year
        ).first()
        if existing is not None:
            return self._again(existing, data, replace)

        mandates = resolve_mandates(letter.mandates)
        addressee = resolve_addressee(letter)
        states, missing = _states_named(letter)
        warnings = [f"State not in the registry: {name}" for name in missing]
        case = find_case(letter, mandates)
        parallel = [addressee, *states]
        if case is None:
            outline = CaseOutline(
                title=case_title(letter),
                type=letter.type,
                mandates=list(zip(mandates, _resolutions(letter, mandates), strict=True)),
                signatories=_signatories(letter, mandates),
                addressees=parallel,
                status=Case.SENT,
            )
            case = CreateCase(self.actor).perform(outline)
        else:
            AddAddressees(self.actor).perform(case, parallel)

        publish_on = letter.date + dt.timedelta(days=letter.publication_days or 60)
        communication = Communication(
            case=case,
            addressee=addressee,
            ref_type=reference.type,
            ref_number=reference.number,
            ref_year=reference.year,
            date=letter.date,
            status=Communication.SENT,
            letter=data,
            publish_on=publish_on,
        )
        if publish_on <= timezone.localdate():  # a historic letter whose publication date has passed is public
            communication.published_at = timezone.make_aware(dt.datetime.combine(publish_on, dt.time(0, 0)))
        try:
            communication.full_clean()
        except ValidationError as exc:
            raise IngestError("; ".join(exc.messages)) from None
        communication.save()
        members = {m.addressee_id: m for m in case.caseaddressee_set.all()}
        adopt_letter(case, members[addressee.pk], letter)
        list_parallel_addressees(case, [members[s.pk] for s in states])
        self.audit("communication.ingested", communication, after=snapshot(communication))
        return Outcome("ingested", communication, warnings)

    def _again(self, existing: Communication, data: dict, replace: bool) -> Outcome:
        if existing.letter == data:
            return Outcome("unchanged", existing)
        if not replace:
            raise IngestError(
                f"{existing.reference} is already registered with different content; "
                "use --replace to replace it (the change is recorded in the audit log)"
            )
        before = snapshot(existing)
        existing.letter = data
        existing.save()
        self.audit("communication.replaced", existing, before=before, after=snapshot(existing))
        return Outcome("replaced", existing)


def _resolutions(letter: Letter, mandates: list[Mandate]) -> list[str]:
    """Resolutions cited pair with mandates in order when the counts agree; otherwise keep the registry's."""
    if len(letter.resolutions) == len(mandates):
        return list(letter.resolutions)
    return [m.resolution for m in mandates]


def store_letter(letter: Letter, *, actor="cli:ingest", replace: bool = False) -> Outcome:
    return StoreLetter(actor).execute(letter, replace=replace)
