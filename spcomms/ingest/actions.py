"""Storing a parsed letter: link it to the registry, to its Case, and record it as a Communication.

One letter is one transaction: it is stored whole or not at all. A reference already on file is "unchanged" when
the letter is the same. With `replace`, another letter for it goes through the checks of a first ingest, and the
communication's fields derived from the letter (type, date, publication date) follow it in the same transaction,
audited with before and after. A replacement is refused when it would change more than this letter: another
addressee, other mandates or signatories than its case's, the type of a case with other letters, a public letter
that the new date would withdraw, or a letter spcomms generated itself.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases import deadlines, lifecycle
from spcomms.cases.models import Case, Communication
from spcomms.drafting.actions import AddAddressees, AdoptLetter, CaseFields, SaveCase
from spcomms.drafting.models import GroupMembership
from spcomms.lib import clock
from spcomms.lib.letter import STATE, Letter
from spcomms.lib.references import Reference
from spcomms.portal import index
from spcomms.registry.actions import CreateAddressee, CreateHolder
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


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(texts)}" for name, texts in error.message_dict.items())
    return "; ".join(error.messages)


def _validated(instance, what: str):
    """full_clean, with the problem reported as an IngestError that says which record of the letter is wrong."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise IngestError(f"{what}: {_messages(error)}") from None
    return instance


def mandate_index() -> dict[str, Mandate]:
    return {_norm(m.title): m for m in Mandate.objects.all()}


def link_mandates(titles: list[str], index: dict[str, Mandate] | None = None) -> list[Mandate | None]:
    """The registry mandate of each printed title, in order; None where the registry has no such title."""
    index = mandate_index() if index is None else index
    return [index.get(_norm(title)) for title in titles]


def resolve_mandates(titles: list[str]) -> tuple[list[Mandate], list[str]]:
    """Registry mandates for printed titles, in order and each once, with warnings for titles printed twice.

    IngestError naming every unknown title: nothing is invented.
    """
    if not titles:
        raise IngestError("no mandates found (expected 'Mandates of the …' above the reference)")
    linked = link_mandates(titles)
    unknown = [title for title, mandate in zip(titles, linked, strict=True) if mandate is None]
    if unknown:
        raise IngestError("unknown mandate(s), add them to the registry first: " + "; ".join(unknown))
    found, warnings = [], []
    for title, mandate in zip(titles, linked, strict=True):
        if mandate in found:
            warnings.append(f"mandate printed twice in the header, stored once: {title}")
        else:
            found.append(mandate)
    return found, warnings


def _holder(actor, name: str, printed_title: str, mandate: Mandate) -> MandateHolder:
    """The registry holder for a signature; a holder not yet registered is added from the letter's own text."""
    limit = MandateHolder._meta.get_field("name").max_length
    if len(name) > limit:
        raise IngestError(f"signatory name is {len(name)} characters long (at most {limit}): {_short(name)}")
    holder = MandateHolder.objects.filter(mandate=mandate, name=name).first()
    if holder is None:
        holder = _validated(
            MandateHolder(mandate=mandate, name=name, printed_title=printed_title), f"signatory {_short(name)}"
        )
        CreateHolder(actor, skip_permission_checks=True).execute(holder)
    return holder


def _signatories(actor, letter: Letter, mandates: list[Mandate]) -> tuple[list[tuple[MandateHolder, str]], list[str]]:
    """(holder, title as printed) in printed order, each holder once; warnings for signatures printed twice."""
    result, warnings = [], []
    for position, signatory in enumerate(letter.signatories):
        title = _norm(signatory.title)
        mandate = next((m for m in mandates if _norm(m.title) in title), None)
        if mandate is None and len(letter.signatories) == len(mandates):
            mandate = mandates[position]  # same count: signatures follow the header's order
        if mandate is None:
            raise IngestError(f"cannot tell which mandate {signatory.name} ({signatory.title}) signs for")
        holder = _holder(actor, signatory.name, signatory.title, mandate)
        if any(holder == other for other, _ in result):
            warnings.append(f"signature printed twice, stored once: {signatory.name}")
        else:
            result.append((holder, signatory.title))
    return result, warnings


def _honorific_and_name(person: str, salutation: str) -> tuple[str, str]:
    match = re.match(r"Dear\s+(Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)\s+", salutation or "")
    return (match[1] if match else ""), person


def resolve_addressee(actor, letter: Letter) -> Addressee:
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
        _validated(addressee, f"addressee {_short(block.name)}")
        CreateAddressee(actor, skip_permission_checks=True).execute(addressee)
    return addressee


def _states_named(letter: Letter, addressee: Addressee) -> tuple[list[Addressee], list[str]]:
    """States of the "also sent to" list, each once and without the letter's own addressee; names not found."""
    by_name = {_norm(a.name): a for a in Addressee.objects.filter(kind=Addressee.STATE)}
    found, missing = [], []
    for name in letter.also_sent_to.states:
        state = by_name.get(_norm(name))
        if state is None:
            missing.append(name)
        elif state != addressee and state not in found:
            found.append(state)
    return found, missing


def _case_label(case: Case) -> str:
    return f"case {case.pk}, “{_short(case.title)}”"


def _publication(letter: Letter) -> tuple[dt.date, dt.datetime | None]:
    """(publish_on, published_at) as the letter sets them: a historic letter whose day has passed is public."""
    publish_on = letter.date + dt.timedelta(days=deadlines.publication_days(letter.publication_days))
    return publish_on, (_midnight(publish_on) if publish_on <= clock.today() else None)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


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
    records = ("communication.ingested", "communication.replaced", "case.changed")

    def describe(self):
        return "ingest letters"

    def perform(self, letter: Letter, *, replace: bool = False) -> Outcome:
        reference = Reference(letter.type, letter.code, letter.number, letter.year)
        if letter.date is None:
            raise IngestError("the letter has no date")
        if letter.date > clock.today():  # a letter on file was sent: a later date is a typo or a wrong year
            raise IngestError(f"the letter is dated {letter.date}, after today ({clock.today()})")
        data = letter.to_dict()
        existing = (
            Communication.objects.select_for_update()
            .filter(ref_code=reference.code, ref_number=reference.number, ref_year=reference.year)
            .first()
        )
        if existing is not None:
            return self._again(existing, letter, data, replace)

        mandates, warnings = resolve_mandates(letter.mandates)
        addressee = resolve_addressee(self.actor, letter)
        states, missing = _states_named(letter, addressee)
        warnings += [f"State not in the registry: {name}" for name in missing]
        signatories, repeated = _signatories(self.actor, letter, mandates)  # checked when it joins a case too
        warnings += repeated
        case = find_case(letter, mandates)
        parallel = [addressee, *states]
        if case is None:
            signed = {holder.mandate_id for holder, _ in signatories}
            unsigned = [str(m) for m in mandates if m.pk not in signed]
            if unsigned:
                raise IngestError("no signature for: " + "; ".join(unsigned))
            outline = CaseFields(
                title=case_title(letter),
                type=letter.type,
                mandates=list(zip(mandates, _resolutions(letter, mandates), strict=True)),
                signatories={holder.mandate_id: (holder, title) for holder, title in signatories},
                addressees=parallel,
                status=Case.SENT,  # a record of letters already sent
            )
            case = SaveCase(self.actor, skip_permission_checks=True).execute(outline)
        else:
            AddAddressees(self.actor, skip_permission_checks=True).execute(case, parallel)

        publish_on, published_at = _publication(letter)
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
            published_at=published_at,
        )
        _validated(communication, letter.reference)
        communication.save()
        members = {m.addressee_id: m for m in case.caseaddressee_set.all()}
        adopter = AdoptLetter(self.actor, skip_permission_checks=True)
        adopter.execute(case, members[addressee.pk], letter, [members[s.pk] for s in states])
        self.audit("communication.ingested", communication, after=snapshot(communication))
        index.refresh_for(communication)
        return Outcome("ingested", communication, warnings)

    def _again(self, existing: Communication, letter: Letter, data: dict, replace: bool) -> Outcome:
        """The reference is on file. With `replace`, the letter goes through the checks of a first ingest, and the
        communication's fields derived from it follow it (a record left stale by an earlier replacement is repaired
        too); a change that is not this letter's alone is refused."""
        same = existing.letter == data
        if same and not replace:
            return Outcome("unchanged", existing)
        if not replace:
            raise IngestError(
                f"{existing.reference} is already registered with different content; "
                "use --replace to replace it (the change is recorded in the audit log)"
            )
        if existing.sent_at is not None or existing.status == Communication.PREPARED:
            if same:
                return Outcome("unchanged", existing)
            how = f"sent through spcomms on {existing.sent_at:%d %B %Y}" if existing.sent_at else "prepared in spcomms"
            raise IngestError(
                f"{existing.reference} was {how}: its letter is the snapshot spcomms generated, "
                "which a file does not replace"
            )
        mandates, warnings = resolve_mandates(letter.mandates)
        addressee = resolve_addressee(self.actor, letter)
        refuse = f"{existing.reference} cannot be replaced: "
        if addressee != existing.addressee:
            raise IngestError(
                refuse + f"the new letter is addressed to {addressee}, the registered one to "
                f"{existing.addressee}; a letter is not moved to another addressee"
            )
        case = existing.case
        if case.ordered_mandates() != mandates:
            raise IngestError(
                refuse + f"the new letter's mandates differ from those of its case ({_case_label(case)}); "
                "change the case's mandates in the desk first"
            )
        signatories, repeated = _signatories(self.actor, letter, mandates)
        warnings += repeated
        signed = [cs.holder for cs in case.casesignatory_set.select_related("holder").order_by("position")]
        if [holder for holder, _ in signatories] != signed:
            raise IngestError(
                refuse + f"the new letter's signatories differ from those of its case ({_case_label(case)}); "
                "change the case's signatories in the desk first"
            )
        publish_on, published_at = _publication(letter)
        derived_before = existing.publish_on and _midnight(existing.publish_on)
        if existing.published_at is not None and existing.published_at != derived_before:
            published_at = existing.published_at  # published by the worker: an event, not derived from the letter
        if existing.published_at is not None and published_at is None:
            raise IngestError(
                refuse + f"it is public since {existing.published_at:%d %B %Y} and the new date "
                f"({letter.date:%d %B %Y}) would make it public only on {publish_on:%d %B %Y}; "
                "a public letter is not withdrawn by --replace (put it on hold in the admin)"
            )
        derived = {"ref_type": letter.type, "date": letter.date, "publish_on": publish_on, "published_at": published_at}
        if same and all(getattr(existing, name) == value for name, value in derived.items()):
            return Outcome("unchanged", existing, warnings)
        if letter.type != existing.ref_type and letter.type != case.type:
            self._retype_case(case, existing, letter.type, refuse)

        before = snapshot(existing)
        old_reference = existing.reference
        existing.letter = data
        for name, value in derived.items():
            setattr(existing, name, value)
        _validated(existing, letter.reference)
        existing.save()
        states, missing = _states_named(letter, addressee)
        warnings += [f"State not in the registry: {name}" for name in missing]
        AddAddressees(self.actor, skip_permission_checks=True).execute(case, states)
        named = list(case.caseaddressee_set.filter(addressee__in=states))
        AdoptLetter(self.actor, skip_permission_checks=True).execute(case, None, letter, named)
        GroupMembership.objects.filter(
            case_addressee__case=case, case_addressee__addressee=addressee, reference=old_reference
        ).update(reference=existing.reference)
        self.audit("communication.replaced", existing, before=before, after=snapshot(existing))
        index.refresh_for(case)  # the type of its case may have changed with it
        return Outcome("replaced", existing, warnings)

    def _retype_case(self, case: Case, communication: Communication, new_type: str, refuse: str) -> None:
        """Letters of one case share its type: the type follows the letter only when it is the case's only one."""
        others = case.communications.exclude(pk=communication.pk)
        if others.exists():
            raise IngestError(
                refuse + f"it would become {new_type} while the other letters of its case ({_case_label(case)}) are "
                f"{case.type}: {', '.join(o.reference for o in others[:5])}"
            )
        before = {"type": case.type}
        lifecycle.bump_version(case, None)  # forms opened on the case before this change are refused on save
        case.type = new_type
        case.save(update_fields=["type", "updated_at"])
        self.audit("case.changed", case, before=before, after={"type": new_type})


def _resolutions(letter: Letter, mandates: list[Mandate]) -> list[str]:
    """Resolutions cited pair with mandates in order when the counts agree; otherwise keep the registry's."""
    if len(letter.resolutions) == len(mandates):
        return list(letter.resolutions)
    return [m.resolution for m in mandates]


def store_letter(letter: Letter, *, actor="cli:ingest", replace: bool = False) -> Outcome:
    """Store one letter in its own transaction; any refusal (ours, a model's or the database's) is an IngestError,
    raised after the transaction has been rolled back."""
    try:
        return StoreLetter(actor).execute(letter, replace=replace)
    except ValidationError as error:
        raise IngestError(_messages(error)) from None
    except IntegrityError as error:
        raise IngestError(f"the database refused the letter ({error})") from None
