"""Handing out reference numbers: atomic, so two processes at the same moment never get the same number."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max

from spcomms.cases.models import Communication
from spcomms.lib.references import Reference, format_reference
from spcomms.registry.models import ReferenceCounter


def allocate_reference(kind: str, code: str, year: int) -> Reference:
    """The next free number for (code, year). Call inside the transaction that saves the Communication.

    The UPDATE takes the counter row's lock (PostgreSQL) or the database write lock (SQLite, IMMEDIATE transactions)
    until the caller commits, so concurrent allocations queue. Numbering continues after the highest reference on
    file for (code, year), so historic references entered or ingested as printed are never reused: after
    AL OTH 167/2021 comes 168.
    """
    format_reference(kind, code, 1, year)  # validates type, code and year with a precise message
    with transaction.atomic():
        counter, _ = ReferenceCounter.objects.get_or_create(code=code, year=year)
        ReferenceCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)  # takes the lock
        number = ReferenceCounter.objects.values_list("last_number", flat=True).get(pk=counter.pk)
        on_file = Communication.objects.filter(ref_code=code, ref_year=year).aggregate(m=Max("ref_number"))["m"] or 0
        if number <= on_file:
            number = on_file + 1
            ReferenceCounter.objects.filter(pk=counter.pk).update(last_number=number)
        return Reference(kind, code, number, year)
