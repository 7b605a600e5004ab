"""Two transactions that reindex overlapping letters in opposite orders both complete (no deadlock).

Regression (found by bench/load.py on PostgreSQL): a reply recorded on one letter of a case and a hold on another
each reindexed the whole case; each held index rows the other needed and PostgreSQL aborted one (a 500).
"""

import threading

import pytest
from django.db import connection, transaction

from spcomms.cases.models import Communication
from spcomms.portal import index
from spcomms.portal.models import SearchDocument


@pytest.mark.django_db(transaction=True)
def test_overlapping_reindexes_in_opposite_orders_both_commit(register):
    first, second = register.to_company.pk, register.to_china.pk
    first_done, second_done = threading.Event(), threading.Event()
    errors = []

    def writer(own, other, started, wait_for):
        try:
            with transaction.atomic():
                Communication.objects.select_for_update().get(pk=own)  # as an action locks its letter
                index.refresh([own])
                started.set()
                wait_for.wait(timeout=2)  # with the index lock the other writer waits for us: do not wait forever
                index.refresh([other, own])
        except Exception as exc:  # noqa: BLE001 - the test reports whatever the database raised
            errors.append(exc)
        finally:
            connection.close()

    one = threading.Thread(target=writer, args=(first, second, first_done, second_done))
    two = threading.Thread(target=lambda: (first_done.wait(5), writer(second, first, second_done, threading.Event())))
    one.start()
    two.start()
    one.join(30)
    two.join(30)
    assert errors == []
    assert set(SearchDocument.objects.values_list("pk", flat=True)) >= {first, second}
