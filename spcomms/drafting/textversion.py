"""The text version that mandates approve: one hash over the case's generated letters, its draft and its outline.

Any change to a letter's snapshot, to the draft (clauses in order included), or to what the letters are made from —
the type, the mandates with their resolutions, the signatories with their printed titles, the addressees, their
groups and references — gives another hash, so approvals of the old text stop counting. Workflow state (status,
version, timestamps) and the case's internal title and notes are left out: they are not what the mandates sign.
"""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from spcomms.audit.log import snapshot
from spcomms.cases.models import Case, CaseAddressee, CaseMandate, CaseSignatory, Communication
from spcomms.drafting.models import AddresseeGroup, Draft, GroupMembership


def text_hash(case: Case) -> str:
    letters = sorted(
        Communication.objects.filter(case=case).values_list("ref_code", "ref_number", "ref_year", "letter_sha256")
    )
    content = {"letters": letters, "draft": _draft_snapshot(case), "outline": _outline(case)}
    canonical = json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _outline(case: Case) -> dict:
    """Read from the database (not the caller's instance), like the rest of the hash."""
    return {
        "type": Case.objects.values_list("type", flat=True).get(pk=case.pk),
        "mandates": list(
            CaseMandate.objects.filter(case=case).order_by("position").values_list("mandate_id", "resolution")
        ),
        "signatories": list(
            CaseSignatory.objects.filter(case=case).order_by("position").values_list("holder_id", "printed_title")
        ),
        "addressees": list(
            CaseAddressee.objects.filter(case=case).order_by("position", "id").values_list("addressee_id", flat=True)
        ),
        **_groups(case),
    }


def _draft_snapshot(case: Case) -> dict | None:
    draft = Draft.objects.filter(case=case).first()
    data = snapshot(draft, exclude=("id", "annex_clauses"))
    if data is not None:  # the snapshot's many-to-many is a set; the letters print the clauses in order
        data["clauses"] = list(draft.draftclause_set.order_by("position").values_list("clause_id", flat=True))
    return data


def _groups(case: Case) -> dict:
    groups = AddresseeGroup.objects.filter(case=case).order_by("position", "id")
    memberships = GroupMembership.objects.filter(group__case=case)
    return {
        "groups": [snapshot(group, exclude=("id", "case")) for group in groups],
        "memberships": sorted(memberships.values_list("case_addressee__addressee_id", "group__name", "reference")),
    }
