"""A small published register for the portal tests: two cases, letters to States and companies, replies."""

import datetime as dt

import pytest
from django.utils import timezone

from spcomms.cases.models import Communication, Reply
from spcomms.lib.letter import NON_STATE, STATE, AddresseeBlock, Letter, Sections, Signatory
from spcomms.portal import index
from tests import factories

SLAVERY = "Special Rapporteur on contemporary forms of slavery, including its causes and consequences"
MINORITIES = "Special Rapporteur on minority issues"
TORTURE = "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"


def letter_snapshot(reference: str, addressee: str, state: bool, facts: str, date=dt.date(2021, 3, 12)) -> dict:
    """A complete letter snapshot as drafting/ingest store it in Communication.letter."""
    kind, code, number_year = reference.split(" ")
    number, year = number_year.split("/")
    return Letter(
        reference=reference,
        type=kind,
        code=code,
        number=int(number),
        year=int(year),
        date=date,
        addressee=AddresseeBlock(
            name=addressee,
            kind=STATE if state else NON_STATE,
            salutation="Excellency," if state else "Dear Sir/Madam,",
        ),
        mandates=[SLAVERY],
        resolutions=["42/10"],
        questions=["Please provide any additional information on the allegations.[^1]"],
        signatories=[Signatory("Tomoya Obokata", f"{SLAVERY}")],
        sections=Sections(
            capacity="We have the honour to address you in our capacity as Special Rapporteur.",
            facts=facts,
            concerns="While we do not wish to prejudge the accuracy of these allegations, we are concerned.",
            closing="Please accept the assurances of our highest consideration.",
        ),
    ).to_dict() | {"footnotes": [{"number": 1, "text": "A footnote."}]}


class Register:
    """Handles on the objects of the `register` fixture, by role."""


@pytest.fixture
def register(db):
    past = timezone.now() - dt.timedelta(days=3)
    reg = Register()
    reg.company = factories.company("Minebea Example Corporation")
    reg.other_company = factories.company("Quiet Holdings Ltd")
    reg.china = factories.state("CHN")
    reg.brazil = factories.state("BRA")
    reg.labour_case = factories.case(
        title="Forced labour in supply chains",
        type="AL",
        mandate_titles=(SLAVERY, MINORITIES),
        addressees=[reg.company, reg.china, reg.other_company],
    )
    reg.labour_case.summary = "Alleged forced labour of Uyghur workers transferred to factories."
    reg.labour_case.save()
    reg.to_company = factories.communication(
        reg.labour_case,
        reg.company,
        "AL OTH 135/2021",
        published_at=past,
        status=Communication.SENT,
        letter=letter_snapshot(
            "AL OTH 135/2021", "Minebea Example Corporation", False, "Workers were transferred to factories."
        ),
    )
    reg.to_china = factories.communication(
        reg.labour_case,
        reg.china,
        "AL CHN 18/2020",
        date=dt.date(2021, 3, 19),
        published_at=past,
        status=Communication.SENT,
        letter=letter_snapshot("AL CHN 18/2020", "China", True, "Labour transfer programmes in the region."),
    )
    reg.unpublished = factories.communication(reg.labour_case, reg.other_company, "AL OTH 136/2021")
    Reply.objects.create(
        communication=reg.to_company,
        received_on=dt.date(2021, 5, 10),
        text="The company audited its suppliers and found no evidence of coercion.",
    )
    reg.torture_case = factories.case(title="Detention", type="UA", mandate_titles=(TORTURE,), addressees=[reg.brazil])
    reg.torture_case.summary = "Alleged torture in pre-trial detention."
    reg.torture_case.save()
    reg.to_brazil = factories.communication(
        reg.torture_case,
        reg.brazil,
        "UA BRA 7/2022",
        date=dt.date(2022, 6, 1),
        published_at=past,
        status=Communication.SENT,
        letter=letter_snapshot(
            "UA BRA 7/2022", "Brazil", True, "Detainees were beaten in police custody.", dt.date(2022, 6, 1)
        ),
    )
    # A register on file, as ingest leaves it: its public letters in the search index.
    index.reindex_all()
    return reg
