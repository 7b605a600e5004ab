"""Public pages, downloads and the feed with whatever text staff pasted (Word's vertical tabs, controls): never a 500.

Regression: a vertical tab in a company name made the Atom feed and the letter's DOCX answer 500 for everyone.
"""

from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spcomms.cases.models import Communication
from spcomms.portal import index
from spcomms.registry.models import Addressee

SLUG = "AL-OTH-135-2021"
# Written straight to the database (as text from before the boundary cleaned it): any character PostgreSQL can
# store, so everything but NUL, which PostgreSQL text refuses (the boundary removes it: tests/lib/test_text.py).
STORABLE = st.characters(exclude_characters="\x00")
PUBLIC_URLS = [
    "/feeds/communications.atom",
    f"/communications/{SLUG}",
    f"/communications/{SLUG}.json",
    f"/communications/{SLUG}/letter.docx",
    f"/communications/{SLUG}/letter.pdf",
    "/communications",
    "/communications.json",
    "/communications.csv",
    "/export/communications.csv",
    "/export/communications.json",
]


def put_text(register, name: str, facts: str) -> None:
    """Text as it would be stored by an older version or a direct database edit (no boundary cleaning)."""
    Addressee.objects.filter(pk=register.company.pk).update(name=name)
    comm = Communication.objects.get(pk=register.to_company.pk)
    letter = dict(comm.letter)
    letter["addressee"] = dict(letter["addressee"], name=name)
    letter["sections"] = dict(letter["sections"], facts=facts)
    Communication.objects.filter(pk=comm.pk).update(letter=letter)
    index.refresh([comm.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_vertical_tab_in_a_company_name_keeps_feed_and_docx_working(client, register):
    put_text(register, "Acme\x0bHoldings\x0c Ltd", "Workers\r\nwere\x0btransferred\x01.")
    feed = client.get("/feeds/communications.atom")
    assert feed.status_code == 200
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in ElementTree.fromstring(feed.content)]
    assert "AL OTH 135/2021 — Acme\nHoldings\n Ltd" in titles
    docx = client.get(f"/communications/{SLUG}/letter.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


@pytest.mark.django_db(transaction=False)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(STORABLE, min_size=1, max_size=40), facts=st.text(STORABLE, max_size=200))
def test_any_text_never_gives_a_500_on_public_pages(client, register, name, facts):
    put_text(register, name, facts)
    for url in PUBLIC_URLS:
        response = client.get(url)
        body(response)
        assert response.status_code in (200, 404), (url, response.status_code)
