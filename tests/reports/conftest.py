"""The March 2021 case, published, with the two sample replies; and a register builder for the edge cases."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from spcomms.cases.models import Case, Communication, Reply
from spcomms.reports import facts
from tests import factories

REPLIES = Path(__file__).with_name("replies")  # copies of the sample replies of ../shared/replies
PUBLISHED = timezone.make_aware(dt.datetime(2021, 5, 12, 9))
WGAD = "Working Group on Arbitrary Detention"
WGEID = "Working Group on Enforced or Involuntary Disappearances"
MINORITIES = "Special Rapporteur on minority issues"


@pytest.fixture(autouse=True)
def _fresh_facts():
    facts.forget()  # tests write rows directly, without the publication hooks that refresh the facts
    yield
    facts.forget()


def publish(comm: Communication, at=PUBLISHED) -> Communication:
    Communication.objects.filter(pk=comm.pk).update(published_at=at, status=Communication.SENT)
    comm.refresh_from_db()
    return comm


def reply(comm: Communication, received_on: dt.date, text="We acknowledge receipt.", **fields) -> Reply:
    return Reply.objects.create(communication=comm, received_on=received_on, text=text, **fields)


@pytest.fixture
def march_case(db, samples_dir):
    """The three company letters of 12 March 2021, published 60 days later; CRRC and MinebeaMitsumi replied."""
    call_command("ingest", str(samples_dir))
    case = Case.objects.get()
    case.summary = "Alleged forced labour of Uyghur workers in the supply chains of companies."
    case.save()
    for comm in case.communications.all():
        publish(comm)
    letters = {c.reference: c for c in case.communications.all()}
    reply(letters["AL OTH 78/2021"], dt.date(2021, 4, 27), (REPLIES / "reply-AL-OTH-78-2021.txt").read_text())
    reply(letters["AL OTH 135/2021"], dt.date(2021, 5, 7), (REPLIES / "reply-AL-OTH-135-2021.txt").read_text())
    return case


def letter(case, addressee, reference, date, published=True):
    comm = factories.communication(case, addressee, reference, date=date)
    return publish(comm) if published else comm
