"""Need-to-know on the staff side: which cases — and so which letters, replies and files — a login may see.

The secretariat and reviewers see every case (permission `cases.view_every_case`, given by their roles); a
mandate holder sees only the cases that carry one of the mandates they hold (their HolderAccounts); anyone else
sees none. Views fetch through these querysets, so a case out of reach answers 404, as if it did not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet

from spcomms.cases.models import Case, Communication, Reply
from spcomms.registry.models import HolderAccount

EVERY_CASE = "cases.view_every_case"


def visible_cases(user) -> QuerySet[Case]:
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    if user.has_perm(EVERY_CASE):
        return Case.objects.all()
    held = HolderAccount.objects.filter(user=user).values("holder__mandate_id")
    return Case.objects.filter(pk__in=Case.objects.filter(casemandate__mandate_id__in=held).values("pk"))


def visible_letters(user) -> QuerySet[Communication]:
    return Communication.objects.filter(case__in=visible_cases(user))


def visible_replies(user) -> QuerySet[Reply]:
    return Reply.objects.filter(communication__case__in=visible_cases(user))
