"""The text version that mandates approve: one hash over the case's generated letters and its draft.

Any change to a letter's snapshot or to the draft gives another hash, so approvals of the old text stop counting.
"""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from spcomms.audit.log import snapshot
from spcomms.cases.models import Case, Communication


def text_hash(case: Case) -> str:
    letters = sorted(
        Communication.objects.filter(case=case).values_list("ref_code", "ref_number", "ref_year", "letter_sha256")
    )
    draft = _draft_snapshot(case)
    canonical = json.dumps({"letters": letters, "draft": draft}, sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _draft_snapshot(case: Case) -> dict | None:
    try:
        from spcomms.drafting.models import Draft
    except ImportError:  # pragma: no cover - drafting is installed in this project
        return None
    draft = Draft.objects.filter(case=case).first()
    data = snapshot(draft, exclude=("id",))
    return data
