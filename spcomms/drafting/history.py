"""Historic records: cases whose letters were ingested from existing files, not drafted, cleared or sent here.

Their pages show the record — where each letter came from, its annex as stored — and none of the drafting,
generation or clearance steps, which never happened in spcomms (issue 12, item 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.drafting import library
from spcomms.drafting.models import Clause, Draft

INGESTED = "communication.ingested"


@dataclass
class Provenance:
    communication: Communication
    event: AuditEvent


def provenance(case: Case) -> list[Provenance]:
    """Each ingested letter of the case with the audit entry that stored it (who, when), in reference order."""
    letters = {c.pk: c for c in case.communications.select_related("addressee")}
    events = AuditEvent.objects.filter(
        action=INGESTED, object_type="cases.communication", object_id__in=[str(pk) for pk in letters]
    ).order_by("at")
    found = {int(e.object_id): e for e in events}
    rows = [Provenance(letters[pk], event) for pk, event in found.items()]
    return sorted(rows, key=lambda row: (row.communication.ref_code, row.communication.ref_number))


def is_historic(case: Case) -> bool:
    """Every letter of the case on file was ingested: the case was never drafted or sent through spcomms."""
    letters = set(case.communications.values_list("pk", flat=True))
    return bool(letters) and letters == {p.communication.pk for p in provenance(case)}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[“”\"]", '"', text).replace("’", "'").split())


@dataclass
class AnnexPart:
    """A stretch of a stored annex: a library clause it matches word for word, or text of this case only."""

    text: str
    clause: Clause | None = None


def annex_parts(draft: Draft | None) -> list[AnnexPart]:
    """The stored annex, cut where library clauses match it word for word (latest clause versions, letter order)."""
    if draft is None or not draft.annex_text.strip():
        return []
    annex = _words(draft.annex_text)
    matches = []
    seen = set()
    for clause in library.clauses():
        if clause.key in seen:
            continue  # the newest version of each key is listed first
        seen.add(clause.key)
        start = annex.find(_words(clause.text))
        if start >= 0:
            matches.append((start, start + len(_words(clause.text)), clause))
    parts, position = [], 0
    for start, end, clause in sorted(matches, key=lambda m: m[0]):
        if start < position:
            continue  # overlapping match: keep the first
        if annex[position:start].strip():
            parts.append(AnnexPart(annex[position:start].strip()))
        parts.append(AnnexPart(annex[start:end], clause))
        position = end
    if annex[position:].strip():
        parts.append(AnnexPart(annex[position:].strip()))
    return parts
