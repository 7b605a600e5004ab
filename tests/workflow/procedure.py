"""Moving a case along the procedure with the actions themselves, for tests that start further down the path."""

from __future__ import annotations

import datetime as dt

from spcomms.cases.models import Case, Communication
from spcomms.drafting.textversion import text_hash
from spcomms.workflow.actions.clearance import ApproveLetters, SubmitForClearance
from spcomms.workflow.actions.dispatch import RecordManualDispatch, SendCase
from spcomms.workflow.models import HolderAccount

STAFF = "test-staff"


def approve(case: Case, *holders) -> Case:
    if case.status == Case.DRAFT:
        SubmitForClearance(STAFF).execute(case)
    for user in holders:
        mandate = HolderAccount.objects.get(user=user).holder.mandate
        ApproveLetters(user).execute(case, mandate, text_hash(case))
    case.refresh_from_db()
    return case


def send(case: Case, *holders):
    return SendCase(STAFF).execute(approve(case, *holders))


def sent_by_hand(case: Case, *holders, on: dt.date) -> Communication:
    approve(case, *holders)
    comm = case.communications.get()
    return RecordManualDispatch(STAFF).execute(comm, Communication.NOTE_VERBALE, on, "NV 1/2021")
