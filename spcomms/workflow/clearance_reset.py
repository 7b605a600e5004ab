"""Any edit of a case's letters or draft during clearance resets the approvals, in the editing transaction.

Drafting code saves Communications and Drafts through its own actions; this handler turns such a save into the
ResetClearance action, so the reset and its audit entry commit (or roll back) together with the edit.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from spcomms.cases.models import Case, Communication


def _case_under_clearance(case_id) -> Case | None:
    return Case.objects.filter(pk=case_id, status__in=(Case.IN_CLEARANCE, Case.APPROVED)).first()


@receiver(post_save, sender=Communication, dispatch_uid="workflow.reset_on_letter_save")
def letter_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.status != Communication.PREPARED:
        return
    case = _case_under_clearance(instance.case_id)
    if case is not None:
        from spcomms.workflow.actions.clearance import ResetClearance

        ResetClearance("system:edit").execute(case)


def draft_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    case = _case_under_clearance(instance.case_id)
    if case is not None:
        from spcomms.workflow.actions.clearance import ResetClearance

        ResetClearance("system:edit").execute(case)


try:
    from spcomms.drafting.models import Draft

    post_save.connect(draft_saved, sender=Draft, dispatch_uid="workflow.reset_on_draft_save")
except ImportError:  # pragma: no cover
    pass
