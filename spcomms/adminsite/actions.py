"""The admin's generic save and delete of one record, with the effects a change of that record causes.

The admin is a window on every app, so it sits above them all (docs/architecture.md) and can call what a change
of any record implies: the published letters the record appears in are re-read into the public search index, and
a change to what the mandates approve (a case under clearance, its letters, draft, groups) starts the approvals
over. Both happen inside the admin's transaction, with the admin user as actor.
"""

from __future__ import annotations

from django.db import models

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases.models import Case, CaseAddressee, CaseMandate, CaseSignatory, Communication
from spcomms.drafting.actions import reset_clearance
from spcomms.drafting.models import AddresseeGroup, Draft, DraftClause, GroupMembership
from spcomms.portal import index


def _label(instance: models.Model) -> str:
    return instance._meta.model_name


def case_of(instance: models.Model) -> Case | None:
    """The case whose letters a record is part of (None for registry and library records)."""
    if isinstance(instance, Case):
        return instance
    if isinstance(instance, Communication | CaseMandate | CaseSignatory | CaseAddressee | Draft | AddresseeGroup):
        return Case.objects.filter(pk=instance.case_id).first()
    if isinstance(instance, DraftClause):
        return Case.objects.filter(draft__pk=instance.draft_id).first()
    if isinstance(instance, GroupMembership):
        return Case.objects.filter(groups__pk=instance.group_id).first()
    return None


def _effects(actor, instance: models.Model) -> None:
    index.refresh_for(instance)
    case = case_of(instance)
    if case is not None:
        reset_clearance(actor, case)


class SaveRecord(Action):
    """Create or change one record (`<model>.created` / `<model>.changed`, declared generically in audit.names)."""

    def __init__(self, actor, instance: models.Model, **kwargs):
        super().__init__(actor, **kwargs)
        self.instance = instance
        verb = "change" if instance.pk else "add"
        self.permission = f"{instance._meta.app_label}.{verb}_{_label(instance)}"

    def describe(self):
        return f"save {self.instance._meta.verbose_name}"

    def perform(self, save=None):
        model = type(self.instance)
        previous = model.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        before = snapshot(previous)
        self.instance.full_clean()
        (save or self.instance.save)()
        verb = "changed" if before else "created"
        self.audit(f"{_label(self.instance)}.{verb}", self.instance, before=before, after=snapshot(self.instance))
        _effects(self.actor, self.instance)
        return self.instance


class DeleteRecord(Action):
    """Delete one record (`<model>.deleted`)."""

    def __init__(self, actor, instance: models.Model, **kwargs):
        super().__init__(actor, **kwargs)
        self.instance = instance
        self.permission = f"{instance._meta.app_label}.delete_{_label(instance)}"

    def describe(self):
        return f"delete {self.instance._meta.verbose_name}"

    def perform(self):
        before = snapshot(self.instance)
        event = self.audit(f"{_label(self.instance)}.deleted", self.instance, before=before)
        if isinstance(self.instance, Communication):
            index.remove(self.instance)  # before the row goes: the index is told by id
        case = case_of(self.instance)
        self.instance.delete()
        index.refresh_for(self.instance)
        if case is not None:
            reset_clearance(self.actor, case)
        return event
