"""The visibility gate: what is not published, and what is confidential, never comes out of it."""

import dataclasses
import datetime as dt
import json

import pytest
from django.utils import timezone

from spcomms.cases import visibility
from spcomms.cases.models import Communication, Reply
from tests import factories
from tests.intake.helpers import case_source

CANARY = "CANARY-7f3a"


def _everything_public(now=None) -> str:
    out = []
    for comm in visibility.published_communications(now):
        data = visibility.public_data(comm, now)
        out.append(dataclasses.asdict(data))
        out += [dataclasses.asdict(r) for r in visibility.related_public(comm, now)]
    return json.dumps(out, default=str)


@pytest.fixture
def planted(db):
    """One published and one unpublished letter, confidential data everywhere a canary can hide."""
    company, other = factories.company(), factories.company("Hidden Co")
    the_case = factories.case(addressees=[company, other])
    the_case.staff_notes = f"{CANARY}-case-notes"
    the_case.save()
    case_source(the_case, f"{CANARY}-source", f"{CANARY}-contact", narrative=f"{CANARY}-source-account")
    past = timezone.now() - dt.timedelta(days=1)
    published = factories.communication(
        the_case,
        company,
        published_at=past,
        staff_notes=f"{CANARY}-comm-notes",
        confidential_annex=f"{CANARY}-annex",
        letter={"reference": "x", "sections": {"facts": "public facts"}, "staff_only": f"{CANARY}-extra-key"},
    )
    unpublished = factories.communication(
        the_case, other, letter={"sections": {"facts": f"{CANARY}-unpublished-letter"}}
    )
    Reply.objects.create(
        communication=published,
        received_on=dt.date(2021, 4, 1),
        text="public reply",
        staff_notes=f"{CANARY}-reply-notes",
    )
    Reply.objects.create(
        communication=published, received_on=dt.date(2021, 4, 2), text=f"{CANARY}-confidential", confidential=True
    )
    Reply.objects.create(communication=unpublished, received_on=dt.date(2021, 4, 3), text=f"{CANARY}-reply-early")
    return published, unpublished


def test_only_published_letters_come_out_and_no_canary_with_them(planted):
    published, unpublished = planted
    assert list(visibility.published_communications()) == [published]
    dump = _everything_public()
    assert "public facts" in dump and "public reply" in dump  # the gate does let the public part through
    assert CANARY not in dump


def test_a_publication_date_in_the_future_is_not_public(planted):
    published, _ = planted
    published.published_at = timezone.now() + dt.timedelta(minutes=5)
    published.save()
    assert not visibility.published_communications().exists()
    with pytest.raises(Communication.DoesNotExist):
        visibility.get_public(published.pk)


def test_a_held_publication_is_not_public(planted):
    published, _ = planted
    published.on_hold, published.hold_reason = True, "addressee asked for time; decided by the coordinator"
    published.save()
    assert not visibility.published_communications().exists()
    with pytest.raises(Communication.DoesNotExist):
        visibility.public_data(published)


def test_replies_of_an_unpublished_letter_are_not_public(planted):
    _, unpublished = planted
    assert visibility.public_replies(unpublished) == []


def test_public_data_has_no_confidential_field_names():
    names = {f.name for f in dataclasses.fields(visibility.PublicCommunication)}
    names |= {f.name for f in dataclasses.fields(visibility.PublicReply)}
    assert not names & {"staff_notes", "confidential_annex", "sources", "hold_reason", "contact"}


def test_a_reply_under_review_comes_out_of_no_reader_of_the_gate(planted):
    """A reply received through a link is nobody's decision yet: not in pages, bulk reads, counts or files."""
    from django.core.files.base import ContentFile

    from spcomms.lib.references import parse_reference

    published, _ = planted
    pending = Reply(
        communication=published,
        received_on=dt.date(2021, 4, 4),
        text=f"{CANARY}-under-review",
        under_review=True,
        confidentiality_requested=True,
        confidentiality_reason=f"{CANARY}-reason",
    )
    pending.file.save("pending.pdf", ContentFile(f"{CANARY}-pending-file".encode()), save=True)
    reference = parse_reference(published.reference)
    assert CANARY not in _everything_public()
    assert CANARY not in json.dumps([dataclasses.asdict(c) for c in visibility.iter_public_data()], default=str)
    assert [r.text for r in visibility.public_replies(published)] == ["public reply"]
    assert [day for _, day in visibility.public_facts().replies] == [dt.date(2021, 4, 1)]
    assert visibility.public_reply_count(published) == 1
    with pytest.raises(Reply.DoesNotExist):
        visibility.public_reply_file(reference, pending.pk)
    # Accepted (the decision ReviewReply records), the same reply is public everywhere at once.
    Reply.objects.filter(pk=pending.pk).update(under_review=False)
    assert f"{CANARY}-under-review" in _everything_public()
    assert visibility.public_reply_count(published) == 2
    assert visibility.public_reply_file(reference, pending.pk).content == f"{CANARY}-pending-file".encode()
