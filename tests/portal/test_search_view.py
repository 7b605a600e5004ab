"""/communications (+ .json, .csv): search with snippets, facets with counts, sorting, pagination, bad input."""

import csv
import io

import pytest

from spcomms.registry.models import Mandate

from .conftest import SLAVERY, TORTURE


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    return response.json()


def refs(page):
    return [r["reference"] for r in page["results"]]


def facet(page, name):
    return {v["value"]: v["count"] for f in page["facets"] if f["name"] == name for v in f["values"]}


def test_browsing_lists_every_published_letter_newest_first(client, register):
    page = get_json(client, "/communications.json")
    assert refs(page) == ["UA BRA 7/2022", "AL CHN 18/2020", "AL OTH 135/2021"]
    assert page["total"] == 3
    assert "AL OTH 136/2021" not in str(page)  # not published


def test_search_finds_words_in_the_letter_with_a_highlighted_snippet(client, register):
    page = get_json(client, "/communications.json?q=beaten")
    assert refs(page) == ["UA BRA 7/2022"]
    assert "<mark>beaten</mark>" in page["results"][0]["snippet_html"]


def test_search_is_stemmed_and_all_words_must_match(client, register):
    assert refs(get_json(client, "/communications.json?q=transfers&sort=reference")) == [
        "AL OTH 135/2021",
        "AL CHN 18/2020",
    ]
    assert refs(get_json(client, "/communications.json?q=transferred+police")) == []


def test_search_covers_public_replies(client, register):
    assert refs(get_json(client, "/communications.json?q=audited+suppliers")) == ["AL OTH 135/2021"]


def test_facets_count_what_the_search_found(client, register):
    page = get_json(client, "/communications.json?q=labour")
    assert facet(page, "kind") == {"state": 1, "company": 1}
    assert facet(page, "type") == {"JAL": 2}
    assert facet(page, "replied") == {"yes": 1, "no": 1}
    assert facet(page, "year") == {"2021": 1, "2020": 1}
    slavery = Mandate.objects.get(title=SLAVERY)
    assert facet(page, "mandate")[str(slavery.pk)] == 2
    labels = {v["label"] for f in page["facets"] if f["name"] == "mandate" for v in f["values"]}
    assert SLAVERY in labels


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=company", ["AL OTH 135/2021"]),
        ("kind=state&type=UA", ["UA BRA 7/2022"]),
        ("type=jal&replied=no", ["AL CHN 18/2020"]),
        ("year=2022", ["UA BRA 7/2022"]),
        ("replied=yes", ["AL OTH 135/2021"]),
    ],
)
def test_filters(client, register, query, expected):
    assert refs(get_json(client, f"/communications.json?{query}")) == expected


def test_mandate_and_addressee_filters_take_ids(client, register):
    torture = Mandate.objects.get(title=TORTURE)
    assert refs(get_json(client, f"/communications.json?mandate={torture.pk}")) == ["UA BRA 7/2022"]
    assert refs(get_json(client, f"/communications.json?addressee={register.china.pk}")) == ["AL CHN 18/2020"]


def test_a_selected_facet_value_links_back_to_the_unfiltered_list(client, register):
    page = get_json(client, "/communications.json?kind=company&page=1")
    chosen = next(v for f in page["facets"] if f["name"] == "kind" for v in f["values"] if v["selected"])
    assert chosen["toggle_url"] == "/communications"


def test_sorting_and_pagination_with_counts(client, register):
    page = get_json(client, "/communications.json?sort=oldest&per_page=2")
    assert refs(page) == ["AL OTH 135/2021", "AL CHN 18/2020"]
    expected = {"page": 1, "pages": 2, "total": 3, "first_item": 1, "last_item": 2}
    assert {k: page["pagination"][k] for k in expected} == expected
    second = get_json(client, page["pagination"]["next_url"].replace("/communications", "/communications.json", 1))
    assert refs(second) == ["UA BRA 7/2022"]
    assert second["pagination"]["first_item"] == 3 and second["pagination"]["next_url"] is None


def test_search_syntax_is_treated_as_words(client, register):
    for text in ['"beaten', "beaten*", "beaten OR labour", "NEAR(beaten police)", "body:beaten", "beaten'); DROP"]:
        assert client.get("/communications.json", {"q": text}).status_code == 200, text
    assert refs(client.get("/communications.json", {"q": "beaten OR labour"}).json()) == []  # OR is a word
    assert refs(client.get("/communications.json", {"q": "(beaten)"}).json()) == ["UA BRA 7/2022"]


def test_the_html_page_has_search_box_facets_results_and_pagination(client, register):
    html = client.get("/communications", {"q": "labour", "per_page": 1}).content.decode()
    assert '<label for="q">' in html and 'role="search"' in html
    assert "<mark>labour</mark>" in html.lower()
    assert "Addressee kind" in html and "Joint allegation letter" in html
    assert 'aria-label="Pagination"' in html and "1–1 of 2" in html


def test_csv_has_one_row_per_result(client, register):
    response = client.get("/communications.csv?kind=state")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["reference"] for r in rows] == ["UA BRA 7/2022", "AL CHN 18/2020"]
    assert rows[0]["addressee"] == "Brazil" and rows[0]["reply_received"] == "no"


@pytest.mark.parametrize(
    "query, status",
    [
        ("page=0", 400),
        ("page=-1", 400),
        ("page=abc", 400),
        ("page=2", 404),
        ("page=99999999999999999999999999", 404),
        ("per_page=1000", 400),
        ("kind=planet", 400),
        ("type=XX", 400),
        ("year=twenty", 400),
        ("year=1200", 400),
        ("mandate=999999", 400),
        ("mandate=abc", 400),
        ("addressee=0", 400),
        ("replied=maybe", 400),
        ("sort=random", 400),
        ("q=" + "x" * 600, 400),
        ("q=a&q=b", 400),
        ("q=%00", 400),
        ("page=%ZZ", 400),
    ],
)
def test_bad_input_is_a_clear_4xx_in_every_format(client, register, query, status):
    data = get_json(client, f"/communications.json?{query}", status)
    assert data["error"]["status"] == status and data["error"]["message"]
    html = client.get(f"/communications?{query}")
    assert html.status_code == status and b"<h1" in html.content
