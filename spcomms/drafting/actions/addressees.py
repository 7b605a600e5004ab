"""Who the case writes to: addressee groups (questions and phrasing), addressees and their groups.

What was sent stays as it was sent: a group or addressee whose letter has left keeps its phrasing, questions,
group and reference; a sent case takes follow-up addressees and groups (`lifecycle.takes_follow_ups`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases import lifecycle
from spcomms.cases.lifecycle import CaseLocked
from spcomms.cases.models import Case, CaseAddressee, Communication
from spcomms.drafting.actions.clearance import reset_clearance
from spcomms.drafting.models import AddresseeGroup, GroupMembership
from spcomms.lib.references import ReferenceError, parse_reference
from spcomms.registry.actions import CreateAddressee
from spcomms.registry.models import Addressee


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


class SaveGroup(Action):
    """Create or change an addressee group: its name, question set and introduction variant."""

    permission = "drafting.change_addresseegroup"
    records = ("addresseegroup.created", "addresseegroup.changed")

    def describe(self):
        return "change addressee groups"

    def perform(self, group: AddresseeGroup) -> AddresseeGroup:
        lifecycle.lock_case(group.case, follow_up=True)
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


class AddAddressees(Action):
    """Add addressees to a case after the ones it has: from the registry, or new ones (a company) registered here.

    With a group (the desk), each joins that group, optionally with a historic reference, and one that is already
    an addressee is refused; without (ingest, the parallel addressees a letter names), one already there is skipped.
    """

    permission = "cases.change_case"
    records = ("case.addressee_added",)

    def describe(self):
        return "add addressees to the case"

    def perform(
        self, case: Case, addressees: list[Addressee], group: AddresseeGroup | None = None, reference: str = ""
    ) -> list[CaseAddressee]:
        lifecycle.lock_case(case, follow_up=True)
        if group is not None and group.case_id != case.pk:
            raise ValidationError("the group belongs to another case")
        if reference and len(addressees) != 1:
            raise ValidationError("a historic reference belongs to one addressee")
        position = case.caseaddressee_set.aggregate(m=Max("position"))["m"] or 0
        added = []
        for addressee in addressees:
            if addressee.pk is None:
                CreateAddressee(self.actor, skip_permission_checks=True).execute(addressee)
            if case.caseaddressee_set.filter(addressee=addressee).exists():
                if group is None:
                    continue
                raise ValidationError(f"{addressee} is already an addressee of this case")
            position += 1
            member = CaseAddressee.objects.create(case=case, addressee=addressee, position=position)
            if group is not None:
                membership = GroupMembership(
                    group=group, case_addressee=member, reference=check_reference(reference, addressee)
                )
                membership.full_clean()
                membership.save()
            self.audit(
                "case.addressee_added", case, after={"addressee": addressee.name, "group": getattr(group, "name", None)}
            )
            added.append(member)
        if added:
            reset_clearance(self.actor, case)
        return added


class ChangeMembership(Action):
    """Move an addressee to another group of the case, or set/clear its historic reference."""

    permission = "cases.change_case"
    records = ("groupmembership.changed",)

    def describe(self):
        return "change an addressee's group"

    def perform(self, membership: GroupMembership, group: AddresseeGroup, reference: str) -> GroupMembership:
        case = membership.case_addressee.case
        lifecycle.lock_case(case, follow_up=True)
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
    records = ("case.addressee_removed",)

    def describe(self):
        return "remove addressees from the case"

    def perform(self, member: CaseAddressee) -> None:
        case = member.case
        lifecycle.lock_case(case, follow_up=True)
        if Communication.objects.filter(case=member.case, addressee=member.addressee).exists():
            raise ValidationError(f"a letter to {member.addressee} exists; it cannot be removed from the case")
        self.audit("case.addressee_removed", case, before={"addressee": member.addressee.name})
        member.delete()
        reset_clearance(self.actor, case)
