"""The public search page as a reader uses it: facet values that find something, a way to clear every filter,
compact mandates, a snippet for every hit, a no-results page that says what to try, a favicon."""

import pytest
from django.core.management import call_command

from spcomms.cases.models import Communication
from spcomms.registry.models import Mandate
from tests.conftest import SAMPLES

from .conftest import SLAVERY

pytestmark = pytest.mark.django_db


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.fixture
def samples(db):
    """The three real letters of March 2021 (seven mandates each, no summary), public since their 60 days passed."""
    call_command("ingest", str(SAMPLES))
    assert Communication.objects.filter(published_at__isnull=False).count() == 3


def test_no_facet_value_that_finds_nothing_is_offered(client, register):
    page = get_json(client, "/communications.json?q=beaten")
    for facet in page["facets"]:
        assert all(value["count"] > 0 for value in facet["values"]), facet["name"]
    kinds = {v["value"] for f in page["facets"] if f["name"] == "kind" for v in f["values"]}
    assert kinds == {"state"}


def test_a_chosen_value_stays_offered_so_it_can_be_removed(client, register):
    page = get_json(client, "/communications.json?q=beaten&kind=company")
    assert page["total"] == 0
    [kind] = [f for f in page["facets"] if f["name"] == "kind"]
    assert [(v["value"], v["count"], v["selected"]) for v in kind["values"]] == [("company", 0, True)]


def test_clear_all_filters_keeps_the_words_and_the_sort(client, register):
    slavery = Mandate.objects.get(title=SLAVERY)
    page = get_json(client, f"/communications.json?q=labour&kind=company&mandate={slavery.pk}&sort=oldest&page=1")
    assert page["clear_filters_url"] == "/communications?q=labour&sort=oldest"
    assert get_json(client, "/communications.json?q=labour")["clear_filters_url"] is None
    html = client.get(f"/communications?q=labour&kind=company&mandate={slavery.pk}").content.decode()
    assert '<a href="/communications?q=labour">✕ Clear all filters</a>' in html


def test_hits_show_mandates_by_short_label_and_how_many_more(client, samples):
    page = get_json(client, "/communications.json")
    hit = page["results"][0]
    assert len(hit["mandates"]) == 7
    assert hit["mandates_short"][:3] == ["WG Business", "SR Cultural rights", "SR Minorities"]
    html = client.get("/communications").content.decode()
    assert '<span class="mandate">WG Business</span><span class="mandate">SR Cultural rights</span>' in html
    assert '<span class="more">+4 more</span>' in html
    assert "Special Rapporteur in the field of cultural rights; Special Rapporteur on minority issues" in html  # title


def test_a_hit_without_summary_shows_the_first_paragraph_of_its_facts(client, samples):
    page = get_json(client, "/communications.json")
    for hit in page["results"]:
        assert hit["summary"] == ""
        assert hit["snippet_html"].startswith("The Chinese Government has allegedly undertaken the forcible transfer")


def test_a_summary_is_the_snippet_when_there_is_one(client, register):
    page = get_json(client, "/communications.json")
    snippets = {hit["reference"]: hit["snippet_html"] for hit in page["results"]}
    assert snippets["UA BRA 7/2022"] == "Alleged torture in pre-trial detention."


@pytest.mark.parametrize("letters", ["register", "samples"])
def test_a_snippet_is_never_empty_whatever_the_search(client, request, letters):
    request.getfixturevalue(letters)
    for query in ["", "?q=labour", "?q=Xinjiang", "?q=AL+OTH+135%2F2021", "?kind=company", "?q=Minebea", "?q=Uyghur"]:
        for hit in get_json(client, f"/communications.json{query}")["results"]:
            assert hit["snippet_html"].strip(" …"), (query, hit["reference"])


def test_no_results_suggests_what_to_try_without_empty_facet_headings(client, register):
    html = client.get("/communications?q=zanzibarxyz").content.decode()
    assert "Nothing matches “zanzibarxyz”" in html
    assert "check the spelling" in html and "browse every published communication" in html
    assert 'class="facet"' not in html and "Refine" not in html
    filtered = client.get("/communications?q=beaten&kind=company").content.decode()
    assert "search without the filters" in filtered and "remove “Company”" in filtered
    assert filtered.count('class="facet"') == 1  # only the chosen value's facet, to remove it


def test_favicon(client, register):
    html = client.get("/").content.decode()
    assert '<link rel="icon" type="image/svg+xml" href="/static/portal/favicon.svg">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/portal/favicon.svg"
