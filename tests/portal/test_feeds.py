"""/feeds/communications.atom: newly published letters, filterable by mandate, addressee and kind."""

from xml.etree import ElementTree

from spcomms.registry.models import Mandate

from .conftest import TORTURE

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(client, query=""):
    response = client.get(f"/feeds/communications.atom{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return [e.findtext(f"{ATOM}title") for e in ElementTree.fromstring(response.content).iter(f"{ATOM}entry")]


def test_the_feed_lists_published_letters(client, register):
    assert sorted(titles(client)) == [
        "AL CHN 18/2020 — China",
        "AL OTH 135/2021 — Minebea Example Corporation",
        "UA BRA 7/2022 — Brazil",
    ]


def test_the_feed_filters_by_mandate_addressee_and_kind(client, register):
    torture = Mandate.objects.get(title=TORTURE)
    assert titles(client, f"?mandate={torture.pk}") == ["UA BRA 7/2022 — Brazil"]
    assert titles(client, f"?addressee={register.china.pk}") == ["AL CHN 18/2020 — China"]
    assert titles(client, "?kind=company") == ["AL OTH 135/2021 — Minebea Example Corporation"]
    assert titles(client, "?kind=other") == []


def test_bad_feed_parameters_are_400(client, register):
    for query in ["?kind=planet", "?mandate=abc", "?mandate=99999", "?addressee=1&addressee=2"]:
        assert client.get(f"/feeds/communications.atom{query}").status_code == 400, query
