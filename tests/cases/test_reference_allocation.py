import threading

import pytest
from django.db import connection

from spcomms.cases.models import Communication
from spcomms.cases.references import allocate_reference
from spcomms.lib.references import ReferenceError
from tests import factories


@pytest.mark.django_db
def test_numbers_run_per_code_and_year_across_types():
    company, china = factories.company(), factories.state("CHN")
    al = factories.case(type="AL", addressees=[company, china])
    ua = factories.case(type="UA", addressees=[company])
    refs = [
        factories.communication(al, company).reference,
        factories.communication(ua, company).reference,
        factories.communication(al, china).reference,
        factories.communication(ua, company, date=factories.dt.date(2022, 1, 5)).reference,
    ]
    assert refs == ["AL OTH 1/2021", "UA OTH 2/2021", "AL CHN 1/2021", "UA OTH 1/2022"]


@pytest.mark.django_db
def test_numbering_continues_after_the_highest_historic_reference():
    company = factories.company()
    the_case = factories.case(addressees=[company])
    factories.communication(the_case, company, reference="AL OTH 167/2021")
    first = factories.communication(the_case, factories.company("Other Co"))
    factories.communication(the_case, factories.company("Late entry"), reference="UA OTH 200/2021")
    second = factories.communication(the_case, factories.company("Third Co"))
    other_year = factories.communication(the_case, factories.company("Fourth Co"), date=factories.dt.date(2022, 1, 3))
    assert (first.reference, second.reference) == ("AL OTH 168/2021", "AL OTH 201/2021")
    assert other_year.reference == "AL OTH 1/2022"


@pytest.mark.django_db
def test_a_historic_reference_must_be_unique_across_types():
    company = factories.company()
    the_case = factories.case(addressees=[company])
    factories.communication(the_case, company, reference="AL OTH 135/2021")
    with pytest.raises(Exception, match="already exists|unique|reference"):
        factories.communication(the_case, factories.company("B"), reference="UA OTH 135/2021")
    assert Communication.objects.count() == 1


@pytest.mark.django_db
def test_reference_year_is_kept_apart_from_the_letter_date():
    china = factories.state("CHN")
    the_case = factories.case(addressees=[china])
    comm = factories.communication(the_case, china, reference="AL CHN 18/2020")
    comm.refresh_from_db()
    assert (comm.ref_year, comm.date.year) == (2020, 2021)


@pytest.mark.django_db
def test_allocation_rejects_bad_input_precisely():
    with pytest.raises(ReferenceError, match="type 'XX'"):
        allocate_reference("XX", "OTH", 2021)


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_share_a_number():
    """Eight workers, each on its own database connection, allocate and save at the same moment."""
    company = factories.company()
    the_case = factories.case(addressees=[company])
    workers, per_worker = 8, 6
    start = threading.Barrier(workers)
    errors = []

    def work():
        try:
            start.wait()
            for _ in range(per_worker):
                factories.communication(the_case, company)
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Communication.objects.values_list("ref_number", flat=True))
    assert numbers == list(range(1, workers * per_worker + 1))
