"""Every Atom feed and filter of spcomms/portal/feeds.py is valid Atom 1.0 (RFC 4287), as a reader sees it."""

import datetime as dt
from urllib.parse import urlparse
from xml.etree import ElementTree

import feedparser
import pytest
from django.test import override_settings
from django.utils import timezone

from spcomms.cases import visibility
from spcomms.cases.models import Reply
from spcomms.registry.models import Addressee, Mandate

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://comms.example.org"
pytestmark = pytest.mark.django_db


def every_feed() -> list[str]:
    """The feed unfiltered, by each mandate and addressee that has a published letter, by each kind, combined, and
    a filter that matches nothing."""
    published = visibility.published_communications()
    mandates = Mandate.objects.filter(casemandate__case__communications__in=published).distinct()
    addressees = Addressee.objects.filter(communications__in=published).distinct()
    queries = [""]
    queries += [f"?mandate={m.pk}" for m in mandates]
    queries += [f"?addressee={a.pk}" for a in addressees]
    queries += ["?kind=state", "?kind=company", "?kind=other"]
    queries += [f"?mandate={mandates[0].pk}&kind=company", f"?mandate={mandates[0].pk}&addressee={addressees[0].pk}"]
    return [f"/feeds/communications.atom{query}" for query in queries]


def _absolute(iri: str) -> bool:
    parts = urlparse(iri)
    return parts.scheme == "tag" or (parts.scheme in {"http", "https"} and bool(parts.netloc))


def _rfc3339(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert value.tzinfo is not None, text
    return value


def _check_rfc4287(root) -> list:
    """The elements RFC 4287 section 4.1 requires; returns the entries."""
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert _absolute(root.findtext(f"{ATOM}id"))
    _rfc3339(root.findtext(f"{ATOM}updated"))
    entries = root.findall(f"{ATOM}entry")
    feed_author = root.find(f"{ATOM}author/{ATOM}name")
    assert any(link.get("rel") == "self" for link in root.findall(f"{ATOM}link"))
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert _absolute(entry.findtext(f"{ATOM}id")), entry.findtext(f"{ATOM}id")
        _rfc3339(entry.findtext(f"{ATOM}updated"))
        assert feed_author is not None or entry.find(f"{ATOM}author/{ATOM}name") is not None
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") in (None, "alternate")]
        assert alternate and _absolute(alternate[0].get("href"))
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    return entries


@override_settings(SITE_URL=SITE)
def test_every_feed_and_filter_is_valid_atom(client, register):
    feeds = every_feed()
    assert len(feeds) >= 10
    feed_ids, entries_seen = set(), 0
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", url
        assert parsed.feed.get("author") and parsed.feed.get("updated"), url
        for entry in parsed.entries:
            assert entry.get("updated") and entry.id.startswith(f"{SITE}/communications/"), url
        entries = _check_rfc4287(ElementTree.fromstring(response.content))
        entries_seen += len(entries)
        feed_ids.add(ElementTree.fromstring(response.content).findtext(f"{ATOM}id"))
    assert entries_seen > len(feeds)  # the filters are not all empty
    assert len(feed_ids) == len(feeds)  # each filter is a feed of its own


@override_settings(SITE_URL=SITE)
def test_ids_are_based_on_the_site_url_not_the_request(client, register):
    root = ElementTree.fromstring(client.get("/feeds/communications.atom?kind=company", HTTP_HOST="localhost").content)
    assert root.findtext(f"{ATOM}id") == f"{SITE}/feeds/communications.atom?kind=company"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == f"{SITE}/communications/AL-OTH-135-2021"


def test_entry_updated_is_the_publication_or_a_later_public_reply(client, register):
    later = timezone.localdate()
    Reply.objects.create(communication=register.to_brazil, received_on=later, text="A later reply.")
    root = ElementTree.fromstring(client.get("/feeds/communications.atom").content)
    updated = {e.findtext(f"{ATOM}title"): _rfc3339(e.findtext(f"{ATOM}updated")) for e in root.iter(f"{ATOM}entry")}
    published = {
        e.findtext(f"{ATOM}title"): _rfc3339(e.findtext(f"{ATOM}published")) for e in root.iter(f"{ATOM}entry")
    }
    assert updated["AL CHN 18/2020 — China"] == published["AL CHN 18/2020 — China"]
    assert updated["UA BRA 7/2022 — Brazil"] > published["UA BRA 7/2022 — Brazil"]
    assert _rfc3339(root.findtext(f"{ATOM}updated")) == max(updated.values())
