"""Reading the clearance of a case: which mandates approved the current text (queries only, no writes)."""

from __future__ import annotations

from dataclasses import dataclass

from spcomms.cases.models import Case
from spcomms.drafting.models import Approval
from spcomms.drafting.textversion import text_hash
from spcomms.registry.models import Mandate


@dataclass
class MandateClearance:
    mandate: Mandate
    approval: Approval | None


def clearance_of(case: Case, current_hash: str | None = None) -> list[MandateClearance]:
    current_hash = current_hash or text_hash(case)
    approvals = {
        a.mandate_id: a
        for a in Approval.objects.filter(case=case, text_hash=current_hash).select_related("holder", "user")
    }
    return [MandateClearance(m, approvals.get(m.pk)) for m in case.ordered_mandates()]


def all_approved(case: Case, current_hash: str | None = None) -> bool:
    rows = clearance_of(case, current_hash)
    return bool(rows) and all(row.approval for row in rows)
