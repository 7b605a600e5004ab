"""Property tests of the public form: whatever text or bytes a visitor sends, the answer is a page (never a server
error), what was typed is kept exactly, and a file is either attached or refused with a message."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spcomms.intake.actions import draft_values
from spcomms.intake.models import Attachment, IntakeDraft

from .helpers import PDF, PNG, form_values, post_step

pytestmark = pytest.mark.django_db

# Any text a browser can send; NUL is refused by PostgreSQL text columns and by Django's form fields alike.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=400)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _draft(client):
    return IntakeDraft.objects.get(key=client.session["intake_draft"])


@SETTINGS
@given(name=TEXT, address=TEXT, narrative=TEXT, place=TEXT)
def test_any_text_is_kept_exactly_as_typed(name, address, narrative, place):
    client = Client()
    steps = form_values()
    first = post_step(client, 1, steps[1] | {"name": name, "address": address})
    assert first.status_code in (302, 400)
    post_step(client, 2, steps[2])
    third = post_step(client, 3, steps[3] | {"narrative": narrative, "place": place})
    assert third.status_code in (302, 400)
    saved = draft_values(_draft(client))
    # The multipart encoding turns lone CR and LF into CRLF at most; Django gives the text back as sent.
    assert saved["1"]["name"] == name and saved["1"]["address"] == address
    assert saved["3"]["narrative"] == narrative and saved["3"]["place"] == place
    if third.status_code == 400:
        assert "Nothing you typed has been lost" in third.content.decode()


@SETTINGS
@given(
    blobs=st.lists(
        st.one_of(st.binary(min_size=0, max_size=300), st.binary(max_size=200).map(lambda b: PDF + b), st.just(PNG)),
        min_size=1,
        max_size=3,
    ),
    names=st.lists(TEXT.filter(lambda s: s.strip() and "/" not in s and "\\" not in s), min_size=3, max_size=3),
)
def test_any_file_is_attached_or_refused_by_name(blobs, names):
    client = Client()
    steps = form_values()
    for number in (1, 2, 3):
        post_step(client, number, steps[number])
    before = Attachment.objects.count()
    uploads = [(f"{names[i]}.bin", blob) for i, blob in enumerate(blobs)]
    response = post_step(client, 4, steps[4], files=uploads)
    assert response.status_code in (302, 400)
    # Accepted by content as for replies: PDF, PNG, JPEG, TIFF (a DOCX needs a whole package: not generated here).
    good = [b for b in blobs if b.startswith((b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*"))]
    assert Attachment.objects.count() - before == len(good)
    assert (response.status_code == 400) == (len(good) < len(blobs))
