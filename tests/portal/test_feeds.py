"""/feeds/communications.atom: newly published letters, filterable by mandate, addressee and kind."""

import datetime as dt
from xml.etree import ElementTree

from django.utils import timezone

from spcomms.cases.models import Reply
from spcomms.portal import index
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


def test_a_link_reply_accepted_after_publication_updates_its_entry(client, register):
    """The entry changed when the reply became public: the day the secretariat accepted it, not the day it came."""

    def updated() -> str:
        feed = ElementTree.fromstring(client.get("/feeds/communications.atom").content)
        [entry] = [e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title").startswith("AL OTH 135/2021")]
        return entry.findtext(f"{ATOM}updated")

    before = updated()
    today = timezone.localdate()
    Reply.objects.create(
        communication=register.to_company,
        received_on=today - dt.timedelta(days=1),  # after publication, three days ago
        channel=Reply.ONLINE,
        text="Our answers to the questions, sent through the link.",
        reviewed_at=timezone.now(),
    )
    index.refresh_for(register.to_company)
    assert updated() > before and updated().startswith(today.isoformat())
