"""portal.facets: the in-memory table filters, counts and orders exactly as the index rows say."""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection

from spcomms.portal import facets, search
from spcomms.portal.models import SearchDocument, SearchMandate

QUERIES = [
    search.Query(),
    search.Query(words=("alleged",)),  # in every letter: counted as the letters without it, subtracted
    search.Query(words=("beaten",)),  # in one letter: counted directly
    search.Query(words=("alleged",), kind=("state",)),  # in both letters to States: subtracted, under a filter
    search.Query(kind=("state",)),
    search.Query(type=("UA",), replied=("no",)),
    search.Query(replied=("yes",)),
    search.Query(year=(2021, 2022)),
]


def expected_counts(documents) -> dict[str, dict[str, int]]:
    """Facet counts straight from the rows, with the ORM."""
    links = SearchMandate.objects.filter(document_id__in=[d.pk for d in documents])
    return {
        "kind": dict(Counter(d.addressee_kind for d in documents)),
        "type": dict(Counter(d.public_type for d in documents)),
        "year": dict(Counter(str(d.year) for d in documents)),
        "replied": dict(Counter("yes" if d.reply_count else "no" for d in documents)),
        "addressee": dict(Counter(str(d.addressee_id) for d in documents)),
        "mandate": dict(Counter(str(m) for m in links.values_list("mandate_id", flat=True))),
    }


def orm_filter(query: search.Query):
    documents = SearchDocument.objects.all()
    for field, values in (
        ("addressee_kind__in", query.kind),
        ("public_type__in", query.type),
        ("year__in", query.year),
    ):
        if values:
            documents = documents.filter(**{field: values})
    if query.replied == ("yes",):
        documents = documents.filter(reply_count__gt=0)
    if query.replied == ("no",):
        documents = documents.filter(reply_count=0)
    return list(documents)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q.words + q.kind + q.type + q.replied + q.year))
def test_totals_hits_and_counts_agree_with_the_index_rows(register, query):
    results = search.search(query)
    shown = SearchDocument.objects.filter(pk__in=[hit.id for hit in results.hits])
    if not query.words:  # without words the rows themselves say which letters pass
        assert {d.pk for d in orm_filter(query)} == {hit.id for hit in results.hits}
    assert results.total == len(results.hits) > 0
    assert results.facets == expected_counts(list(shown))


def test_a_mandate_filter_keeps_only_letters_signed_by_every_mandate_chosen(register):
    slavery, minorities = (m.pk for m in register.labour_case.mandates.order_by("casemandate__position"))
    both = search.search(search.Query(mandate=(slavery, minorities)))
    assert sorted(h.reference for h in both.hits) == ["AL CHN 18/2020", "AL OTH 135/2021"]
    torture = register.torture_case.mandates.get().pk
    assert search.search(search.Query(mandate=(slavery, torture))).total == 0


def test_a_publication_time_still_to_come_keeps_letters_out_of_totals_counts_and_pages(register):
    earliest = SearchDocument.objects.order_by("published_at").first().published_at
    before = search.search(search.Query(), now=earliest - dt.timedelta(seconds=1))
    assert before.total == 0 and before.hits == [] and before.facets["kind"] == {}
    assert search.search(search.Query(), now=earliest).total >= 1


def test_ids_the_table_has_not_read_are_left_out_until_it_is_reloaded(register):
    with connection.cursor() as cursor:
        table = facets.load(cursor, token=None)
    known = sorted(table.cube)
    now = max(published for published, _ in table.publications)
    assert table.select([*known, max(known) + 1000], facets.Filters(), now) == known


@pytest.mark.parametrize("sort", ["newest", "oldest", "reference"])
def test_pages_follow_the_order_of_the_rows_whether_few_or_many_ids_are_paged(register, sort):
    order_by = {
        "newest": ("-sort_date", "-pk"),
        "oldest": ("sort_date", "pk"),
        "reference": ("-year", "code", "-number", "-pk"),
    }[sort]
    expected = list(SearchDocument.objects.order_by(*order_by).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        table = facets.load(cursor, token=None)  # its own: the test changes it below
    assert [pk for offset in range(3) for pk in table.page(expected, sort, offset, 1)] == expected  # all: the order
    assert table.page(expected[:0:-1], sort, 0, 3) == expected[1:]  # most: walks the order
    table.newest = table.newest + list(range(10**6, 10**6 + 100))  # many more rows than ids: sorts the ids instead
    table.by_reference = table.by_reference + list(range(10**6, 10**6 + 100))
    table._rank.clear()
    assert table.page(expected[::-1], sort, 0, 3) == expected
