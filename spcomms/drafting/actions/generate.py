"""Generate every addressee's letter of a case: one transaction, all letters or none, every problem listed."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases import lifecycle
from spcomms.cases.lifecycle import CaseLocked
from spcomms.cases.models import Case, CaseAddressee, Communication
from spcomms.cases.references import allocate_reference
from spcomms.drafting import placeholders
from spcomms.drafting.actions.clearance import reset_clearance
from spcomms.drafting.compose import LetterPlan, Recipient, compose
from spcomms.drafting.models import Draft, GroupMembership, footnotes_problem
from spcomms.lib.references import Reference, ReferenceError, parse_reference
from spcomms.registry.models import Addressee, Mandate


class GenerationError(ValidationError):
    """Generation refused; `messages` lists every problem found."""


def problems(case: Case) -> list[str]:
    """Everything that stops generation, in words staff can act on."""
    found = []
    draft = Draft.objects.filter(case=case).first()
    if draft is None:
        return ["the case has no draft text yet"]
    if draft.letter_date is None:
        found.append("the draft has no letter date")
    mandates = case.ordered_mandates()
    if not mandates:
        found.append("the case has no mandates")
    signatories = list(case.casesignatory_set.select_related("holder__mandate"))
    signed = {s.holder.mandate_id for s in signatories}
    found += [f"no signatory for {m}" for m in mandates if m.pk not in signed]
    if draft.letter_date:
        found += [
            f"{s.holder.name}'s term ({s.holder.term_start or '…'} – {s.holder.term_end or '…'}) does not cover "
            f"the letter date {draft.letter_date}"
            for s in signatories
            if not s.holder.covers(draft.letter_date)
        ]
    if not draft.facts.strip():
        found.append("the draft has no facts")
    if footnote_problem := footnotes_problem(draft.footnotes):  # saved in the admin before it was checked
        found.append(f"the draft's footnotes: {footnote_problem}")
    groups = list(case.groups.select_related("question_set"))
    if not groups:
        found.append("the case has no addressee groups")
    for group in (g for g in groups if g.generates):
        if group.question_set is None or not group.question_set.items.exists():
            found.append(f"addressee group '{group.name}' has no questions")
        if not group.memberships.exists():
            found.append(f"addressee group '{group.name}' has no addressees")
    members = list(case.caseaddressee_set.select_related("addressee"))
    if not members:
        found.append("the case has no addressees")
    found += placeholders.problems(case)  # issue 12, item 4: no stock text leaves with a blank in it
    references: dict[tuple, str] = {}
    for member in members:
        addressee = member.addressee
        if not addressee.name.strip():
            found.append(f"addressee #{addressee.pk} has no name")
        membership = GroupMembership.objects.filter(case_addressee=member).first()
        if membership is None:
            found.append(f"{addressee} is in no addressee group")
            continue
        if membership.reference:
            found += _reference_problems(membership, addressee, references)
    return found


def _reference_problems(membership: GroupMembership, addressee: Addressee, seen: dict) -> list[str]:
    try:
        ref = parse_reference(membership.reference)
    except ReferenceError as exc:
        return [f"{addressee}: {exc}"]
    key = (ref.code, ref.number, ref.year)
    if ref.code != addressee.code:
        return [f"{addressee}: reference {ref} has code {ref.code}, the addressee takes {addressee.code}"]
    if key in seen:
        return [f"{ref} is set for both {seen[key]} and {addressee}"]
    seen[key] = str(addressee)
    taken = Communication.objects.filter(ref_code=ref.code, ref_number=ref.number, ref_year=ref.year).exclude(
        case=membership.group.case, addressee=addressee
    )
    return [f"{ref} is already used by another communication"] if taken.exists() else []


def _plan(case: Case, draft: Draft, member: CaseAddressee, reference: Reference, everyone) -> LetterPlan:
    membership = member.membership
    group = membership.group
    addressee = member.addressee
    others = [m.addressee for m in everyone if m.pk != member.pk]
    words = placeholders.values_of(case)
    return LetterPlan(
        reference=reference,
        date=draft.letter_date,
        recipient=Recipient(
            addressee.name, addressee.kind, addressee.representative_honorific, addressee.representative_name
        ),
        mandates=[m.title for m in case.ordered_mandates()],
        resolutions=case.resolutions(),
        signatories=[(s.holder.name, s.printed_title) for s in case.casesignatory_set.select_related("holder")],
        introduction=group.introduction or draft.introduction,
        facts=draft.facts,
        concerns=draft.concerns,
        questions=[placeholders.fill(text, words) for text in group.question_set.texts()],
        after_questions=draft.after_questions,
        footnotes=draft.footnotes,
        annex=placeholders.fill(draft.annex(), words),
        press_release=draft.press_release,
        publication_days=draft.publication_days,
        other_states=[a.name for a in others if a.kind == Addressee.STATE],
        other_companies=sum(a.kind == Addressee.COMPANY for a in others),
        other_actors=sum(a.kind in (Addressee.IGO, Addressee.OTHER) for a in others),
        mandate_count=mandate_count(case),
    )


PRINTED_COUNT = re.compile(r"which has (\d+) thematic and country mandates")


def mandate_count(case: Case) -> int:
    """The number of mandates the procedure paragraph prints: the one already printed in this case's letters on file
    (every letter of a case says the same), else the registry's active mandates today."""
    for letter in case.communications.filter(letter__isnull=False).values_list("letter", flat=True):
        found = PRINTED_COUNT.search((letter.get("sections") or {}).get("procedure", ""))
        if found:
            return int(found[1])
    return Mandate.objects.filter(active=True).count()


class GenerateLetters(Action):
    """Compose and store every addressee's letter; prepared letters are refreshed, sent ones never change."""

    permission = "cases.add_communication"
    records = ("communication.generated",)

    def describe(self):
        return "generate letters"

    def perform(self, case: Case) -> list[Communication]:
        try:
            lifecycle.lock_case(case, follow_up=True)  # a closed case takes no more letters
        except CaseLocked as locked:
            raise GenerationError(locked.messages) from None
        found = problems(case)
        if found:
            raise GenerationError(found)
        draft = Draft.objects.get(case=case)  # fresh: the caller's instance may hold an older one
        everyone = list(case.caseaddressee_set.select_related("addressee", "membership__group__question_set"))
        result = []
        for member in everyone:
            if not member.membership.group.generates:
                continue
            comm = Communication.objects.filter(case=case, addressee=member.addressee).first()
            if comm is not None and lifecycle.letter_fixed(comm):
                continue  # sent, or queued for e-mail: the text that was cleared is the text that leaves
            if comm is None:
                comm = Communication(case=case, addressee=member.addressee, ref_type=case.type, date=draft.letter_date)
                hand_set = member.membership.reference
                ref = parse_reference(hand_set) if hand_set else None
                ref = ref or allocate_reference(case.type, member.addressee.code, draft.letter_date.year)
            else:
                ref = Reference(comm.ref_type, comm.ref_code, comm.ref_number, comm.ref_year)
            before = snapshot(comm)
            comm.ref_type, comm.ref_number, comm.ref_year = ref.type, ref.number, ref.year
            comm.date = draft.letter_date
            comm.letter = compose(_plan(case, draft, member, ref, everyone)).to_dict()
            comm.full_clean()
            comm.save()
            self.audit("communication.generated", comm, before=before, after=snapshot(comm))
            result.append(comm)
        if result:
            reset_clearance(self.actor, case)
        return result
