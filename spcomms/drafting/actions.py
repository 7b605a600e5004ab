"""The drafting desk's changes of state: each one is an audited Action (see spcomms.audit.actions).

Saves of the case outline and of the draft text carry the `Case.version` the user started from. The version is
bumped with a conditional UPDATE, so of two people saving the same case only the first wins; the second gets
`StaleVersion` and keeps their text on screen.

What was sent stays as it was sent. Before it is sent a case changes freely (`EDITABLE`); a sent case takes only
follow-up letters — new groups and addressees, and their letters — while its type, mandates, signatories, text, and
every group or addressee whose letter has left are fixed; a closed case takes nothing. Every action here locks the
case row first (as sending does), so an edit and a send never interleave. During clearance an edit changes the text
version (`workflow.textversion`), so approvals of the old one stop counting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import F, Max

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases.models import Case, CaseAddressee, CaseMandate, CaseSignatory, Communication
from spcomms.drafting.models import AddresseeGroup, Clause, Draft, DraftClause, GroupMembership
from spcomms.lib import clock
from spcomms.lib.references import ReferenceError, parse_reference
from spcomms.registry.models import Addressee, Mandate, MandateHolder

# Approved is editable: an edit sends the case back to clearance (docs/workflow.md).
EDITABLE = (Case.DRAFT, Case.IN_CLEARANCE, Case.APPROVED)
FOLLOW_UP = (*EDITABLE, Case.SENT)  # further addressees of a sent case get their own letters (issue 4, §4)


class CaseLocked(ValidationError):
    """The change would alter what was sent; nothing was saved."""


def editable(case: Case) -> bool:
    """Everything in the case may change: it has not been sent."""
    return case.status in EDITABLE


def takes_follow_ups(case: Case) -> bool:
    """New groups, addressees and their letters may be added (a sent case too, a closed one not)."""
    return case.status in FOLLOW_UP


def locked_message(case: Case) -> str:
    if case.status == Case.SENT:
        return (
            f"The case “{case}” has been sent: its type, mandates, signatories and letter text are the record of "
            "what was sent and can no longer be changed. Further addressees can still be added and sent their own "
            "letters."
        )
    return f"The case “{case}” is {case.get_status_display().lower()}: nothing in it can be changed any more."


def lock_case(case: Case, *, follow_up: bool = False) -> None:
    """Lock the case row; refuse if the case no longer takes this change. The caller's instance gets the status."""
    case.status = Case.objects.select_for_update().values_list("status", flat=True).get(pk=case.pk)
    if not (takes_follow_ups(case) if follow_up else editable(case)):
        raise CaseLocked(locked_message(case))


def sent_letters(case: Case, addressee_ids) -> list[Communication]:
    """The letters to these addressees of the case that have left (any state after prepared)."""
    letters = Communication.objects.filter(case=case, addressee_id__in=list(addressee_ids))
    return list(letters.exclude(status=Communication.PREPARED).order_by("ref_code", "ref_number"))


def check_group_unsent(group: AddresseeGroup) -> None:
    """A group whose letters have left keeps its phrasing and questions: they are what was sent."""
    if group.pk is None:
        return
    members = GroupMembership.objects.filter(group=group).values_list("case_addressee__addressee_id", flat=True)
    sent = sent_letters(group.case, members)
    if sent:
        refs = ", ".join(c.reference for c in sent)
        raise CaseLocked(
            f"The group “{group}” has letters that have been sent ({refs}): its name, questions and phrasing are "
            "part of what was sent and can no longer be changed. Make a new group for further addressees."
        )


def check_member_unsent(member: CaseAddressee) -> None:
    """An addressee whose letter has left keeps its group and reference."""
    sent = sent_letters(member.case, [member.addressee_id])
    if sent:
        raise CaseLocked(
            f"The letter to {member.addressee} ({sent[0].reference}) has been sent: its group and reference are "
            "part of the record and can no longer be changed."
        )


def reset_clearance(actor, case: Case) -> None:
    """An edit during clearance: approvals of the previous text version stop counting (no-op if nothing changed).

    Saves of the Draft already reset through a signal (workflow.clearance_reset); the outline, groups, addressees
    and the draft's clauses are other rows, so the actions that change them call this after their last write.
    """
    if case.status not in (Case.IN_CLEARANCE, Case.APPROVED):
        return
    from spcomms.workflow.actions.clearance import ResetClearance  # workflow builds on drafting, not the reverse

    ResetClearance(actor, skip_permission_checks=True).execute(case)


class StaleVersion(Exception):
    """Someone saved the case after the user opened it; nothing was saved."""

    def __init__(self, expected: int, current: int):
        super().__init__(f"the case is at version {current}, the form was opened at version {expected}")
        self.expected, self.current = expected, current


def bump_version(case: Case, expected: int | None) -> None:
    """Compare-and-swap on Case.version; `expected=None` skips the comparison (a new case)."""
    rows = Case.objects.filter(pk=case.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if not rows.update(version=F("version") + 1):
        raise StaleVersion(expected, Case.objects.values_list("version", flat=True).get(pk=case.pk))
    case.refresh_from_db(fields=["version"])


def default_signatory(mandate: Mandate, day: dt.date | None) -> MandateHolder | None:
    """The holder the registry knows in office on the letter's date (today when the date is not set yet); None
    when it knows none: the desk then asks who signs, never defaulting to a former holder (issue 12, item 5)."""
    return next(iter(mandate.holders_in_office(day or clock.today())), None)


@dataclass
class CaseFields:
    title: str
    type: str
    mandates: list[tuple[Mandate, str]]  # (mandate, resolution as cited; '' = the registry's)
    signatories: dict[int, tuple[MandateHolder, str]] = field(default_factory=dict)  # mandate pk → (holder, title)
    letter_date: dt.date | None = None  # only used when creating: the draft's date, to pick signatories


class SaveCase(Action):
    """Create a case with its (empty) draft, or change its title, type, mandates and signatories.

    A mandate without a chosen signatory gets the holder on the letter date, with the holder's printed title.
    """

    def __init__(self, actor, case: Case | None = None):
        super().__init__(actor)
        self.case = case
        self.permission = "cases.change_case" if case else "cases.add_case"

    def describe(self):
        return "change the case" if self.case else "create a case"

    def perform(self, data: CaseFields, expected_version: int | None = None) -> Case:
        creating = self.case is None
        case = self.case or Case()
        if not creating:
            lock_case(case)
        before = None if creating else self._outline(case)
        if not creating:
            bump_version(case, expected_version)
        mandates = [m for m, _ in data.mandates]
        if len(set(mandates)) != len(mandates):
            raise ValidationError("a mandate is listed twice")
        case.title, case.type = data.title, data.type
        case.full_clean(exclude=["version"])
        # The status belongs to the procedure's actions: an edit never writes back the status it read.
        case.save(**({} if creating else {"update_fields": ["title", "type", "updated_at"]}))
        day = data.letter_date if creating else getattr(Draft.objects.filter(case=case).first(), "letter_date", None)
        if creating:
            Draft.objects.create(case=case, letter_date=data.letter_date)
        self._replace_mandates(case, data, day)
        after = self._outline(case)
        self.audit("case.created" if creating else "case.changed", case, before=before, after=after)
        if not creating:
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
        }


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

    def describe(self):
        return "change the letter text"

    def perform(self, case: Case, text: DraftText, expected_version: int) -> Draft:
        lock_case(case)
        draft, _ = Draft.objects.get_or_create(case=case)
        before = snapshot(draft) | {"clauses": [c.key for c in draft.annex_clauses.order_by("draftclause__position")]}
        bump_version(case, expected_version)
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
        reset_clearance(self.actor, case)  # the clauses were written after the draft's own save
        return draft


class SaveGroup(Action):
    """Create or change an addressee group: its name, question set and introduction variant."""

    permission = "drafting.change_addresseegroup"

    def describe(self):
        return "change addressee groups"

    def perform(self, group: AddresseeGroup) -> AddresseeGroup:
        lock_case(group.case, follow_up=True)
        check_group_unsent(group)
        previous = AddresseeGroup.objects.filter(pk=group.pk).first() if group.pk else None
        if previous is None and not group.pk:
            group.position = (group.case.groups.aggregate(m=Max("position"))["m"] or 0) + 1
        group.full_clean()
        group.save()
        verb = "changed" if previous else "created"
        self.audit(f"addresseegroup.{verb}", group, before=snapshot(previous), after=snapshot(group))
        reset_clearance(self.actor, group.case)
        return group


def check_reference(reference: str, addressee: Addressee) -> str:
    """A historic reference as typed, normalised ('al oth 78/2021' → 'AL OTH 78/2021'); ValidationError if wrong."""
    if not reference.strip():
        return ""
    try:
        ref = parse_reference(reference)
    except ReferenceError as exc:
        raise ValidationError({"reference": str(exc)}) from None
    if addressee.pk and ref.code != addressee.code:
        raise ValidationError({"reference": f"{addressee} takes the code {addressee.code}, not {ref.code}"})
    return str(ref)


class AddAddressee(Action):
    """Put an addressee (from the registry, or a company created here) into one of the case's groups."""

    permission = "cases.change_case"

    def describe(self):
        return "add addressees to the case"

    def perform(self, group: AddresseeGroup, addressee: Addressee, reference: str = "") -> GroupMembership:
        case = group.case
        lock_case(case, follow_up=True)
        if addressee.pk is None:
            addressee.full_clean()
            addressee.save()
            self.audit("addressee.created", addressee, after=snapshot(addressee))
        if case.caseaddressee_set.filter(addressee=addressee).exists():
            raise ValidationError(f"{addressee} is already an addressee of this case")
        reference = check_reference(reference, addressee)
        position = (case.caseaddressee_set.aggregate(m=Max("position"))["m"] or 0) + 1
        member = CaseAddressee.objects.create(case=case, addressee=addressee, position=position)
        membership = GroupMembership(group=group, case_addressee=member, reference=reference)
        membership.full_clean()
        membership.save()
        self.audit("case.addressee_added", case, after={"addressee": addressee.name, "group": group.name})
        reset_clearance(self.actor, case)
        return membership


class ChangeMembership(Action):
    """Move an addressee to another group of the case, or set/clear its historic reference."""

    permission = "cases.change_case"

    def describe(self):
        return "change an addressee's group"

    def perform(self, membership: GroupMembership, group: AddresseeGroup, reference: str) -> GroupMembership:
        case = membership.case_addressee.case
        lock_case(case, follow_up=True)
        check_member_unsent(membership.case_addressee)
        before = snapshot(membership)
        if group.case_id != case.pk:
            raise ValidationError("the group belongs to another case")
        membership.group = group
        membership.reference = check_reference(reference, membership.case_addressee.addressee)
        membership.full_clean()
        membership.save()
        self.audit("groupmembership.changed", membership, before=before, after=snapshot(membership))
        reset_clearance(self.actor, case)
        return membership


class RemoveAddressee(Action):
    """Take an addressee off the case, as long as no letter has been made for it."""

    permission = "cases.change_case"

    def describe(self):
        return "remove addressees from the case"

    def perform(self, member: CaseAddressee) -> None:
        case = member.case
        lock_case(case, follow_up=True)
        if Communication.objects.filter(case=member.case, addressee=member.addressee).exists():
            raise ValidationError(f"a letter to {member.addressee} exists; it cannot be removed from the case")
        self.audit("case.addressee_removed", case, before={"addressee": member.addressee.name})
        member.delete()
        reset_clearance(self.actor, case)


class SavePlaceholders(Action):
    """Fill in the case's words for the stock texts' placeholders (drafting.placeholders), e.g. {affected workers}.

    A sent case may still fill a placeholder its follow-up letters need; the words its sent letters used stay.
    """

    permission = "drafting.change_draft"
    records = ("draft.changed",)

    def describe(self):
        return "change the letter text"

    def perform(self, case: Case, values: dict[str, str], expected_version: int) -> Draft:
        lock_case(case, follow_up=True)
        draft, _ = Draft.objects.get_or_create(case=case)
        before = dict(draft.placeholders or {})
        after = {name: " ".join(value.split()) for name, value in values.items() if value.strip()}
        if not editable(case):
            changed = sorted(name for name, value in before.items() if after.get(name) != value)
            if changed:
                raise CaseLocked(
                    f"The case “{case}” has been sent: the words its letters used for "
                    f"{', '.join('{' + name + '}' for name in changed)} can no longer be changed."
                )
        bump_version(case, expected_version)
        draft.placeholders = after
        draft.save(update_fields=["placeholders"])
        self.audit("draft.changed", draft, before={"placeholders": before}, after={"placeholders": after})
        reset_clearance(self.actor, case)
        return draft
