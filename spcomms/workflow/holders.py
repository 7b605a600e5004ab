"""Which mandates a login approves for (its holder accounts)."""

from __future__ import annotations

from spcomms.workflow.models import HolderAccount


def mandates_held_by(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(HolderAccount.objects.filter(user=user).values_list("holder__mandate_id", flat=True))
