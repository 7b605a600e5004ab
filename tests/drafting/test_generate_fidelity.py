"""Add addressees to the ingested March 2021 case and generate their letters (issue 4, §4, second half).

The new letters must read like the ones sent: next free reference, the group's phrasing and questions, and an
"also sent to" paragraph naming the same 14 States; the letters already sent stay exactly as they were.
"""

import re
from pathlib import Path

import pytest

from spcomms.cases.models import Communication
from spcomms.drafting.actions import GenerateLetters
from spcomms.drafting.models import GroupMembership
from spcomms.ingest.actions import store_letter
from spcomms.ingest.parse import parse_file
from spcomms.lib.letter import Letter
from tests.drafting.builders import ACTOR, DIRECT_SET, STATE_SET, add, company, fill_words, group, state

pytestmark = pytest.mark.django_db

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("AL-*"))
MINEBEA = next(s for s in SAMPLES if "135" in s.name)
DIRECT_INTRODUCTION = (
    "In this connection, we have received information that your company may be involved in alleged forced labour, "
    "arbitrary detention, and trafficking in persons of Uyghur and other minority workers within and outside the "
    "Xinjiang Uyghur Autonomous Region (Xinjiang), as well as the related lack of accountability and access to "
    "effective remedy for victims."
)


@pytest.fixture
def case():
    communications = [store_letter(parse_file(path)).communication for path in SAMPLES]
    return communications[0].case


@pytest.fixture
def sent(case):
    return {c.reference: c.letter_sha256 for c in case.communications.all()}


def companies_group(case):
    return GroupMembership.objects.get(case_addressee__addressee__name="MinebeaMitsumi, Inc.").group


def letter_of(case, name) -> Letter:
    return Letter.from_dict(case.communications.get(addressee__name=name).letter)


def test_a_new_company_in_the_supply_chain_group_gets_a_letter_like_the_others(case, sent):
    original = parse_file(MINEBEA)
    add(companies_group(case), company("Acme Textiles Ltd.", "Ms.", "Jane Roe"))

    (made,) = GenerateLetters(ACTOR).execute(case)

    letter = Letter.from_dict(made.letter)
    assert re.fullmatch(r"AL OTH \d+/2021", made.reference)
    assert made.ref_number == 168  # numbering continues after the highest reference on file (167)
    assert made.status == Communication.PREPARED
    assert letter.addressee.salutation == "Dear Ms. Jane Roe,"
    assert letter.sections.closing == "Please accept, Ms. Jane Roe, the assurances of our highest consideration."
    assert "your company may be involved through its supply chain in alleged forced labour" in (
        letter.sections.introduction
    )
    assert letter.questions == original.questions and len(letter.questions) == 8
    assert letter.sections.also_sent == original.sections.also_sent  # the 14 States, "as well as to other companies"
    assert len(letter.also_sent_to.states) == 14
    for same in ("capacity", "procedure", "facts", "concerns", "publication", "press_release", "annex"):
        assert getattr(letter.sections, same) == getattr(original.sections, same), same
    assert letter.signatories == original.signatories
    assert {c.reference: c.letter_sha256 for c in case.communications.exclude(pk=made.pk)} == sent


def test_a_company_without_a_named_representative_is_dear_sir_or_madam(case):
    add(companies_group(case), company("Nameless Components Co.", "", ""))
    (made,) = GenerateLetters(ACTOR).execute(case)
    letter = Letter.from_dict(made.letter)
    assert letter.addressee.salutation == "Dear Sir/Madam,"
    assert letter.sections.closing == "Please accept, Sir/Madam, the assurances of our highest consideration."


def test_directly_involved_companies_and_a_state_get_their_own_variants(case, sent):
    add(companies_group(case), company("Acme Textiles Ltd.", "Ms.", "Jane Roe"))
    add(group(case, "Companies directly involved", DIRECT_SET, DIRECT_INTRODUCTION), company("Beta Garments Co."))
    add(group(case, "Home States", STATE_SET), state("AUS"))
    fill_words(case)  # the stock direct set says {affected workers}: this case's words fill it

    made = GenerateLetters(ACTOR).execute(case)

    assert len({c.reference for c in made}) == 3
    direct = letter_of(case, "Beta Garments Co.")
    assert direct.sections.introduction == DIRECT_INTRODUCTION
    assert "involved through its supply chain" not in direct.sections.introduction
    assert len(direct.questions) == 7
    assert "human rights of Uyghur and other minority workers, including their right" in direct.questions[1]
    assert "Please explain what concrete steps have been taken by your company to exercise leverage" not in " ".join(
        direct.questions
    )

    australia = letter_of(case, "Australia")
    assert australia.reference.startswith("AL AUS ")
    assert australia.addressee.salutation == "Excellency,"
    assert "any response received from your Excellency’s Government" in australia.sections.publication
    assert "within 60 days" in australia.sections.publication
    assert australia.sections.closing == "Please accept, Excellency, the assurances of our highest consideration."
    assert australia.sections.also_sent.endswith(
        "Denmark and Canada, as well as to companies involved in the abovementioned allegations."
    )

    # The prepared company letter names the new State too; the letters already sent are untouched.
    acme = letter_of(case, "Acme Textiles Ltd.")
    assert acme.also_sent_to.states[-2:] == ["Canada", "Australia"]
    assert "Denmark, Canada and Australia, as well as to other companies" in acme.sections.also_sent
    sent_now = {c.reference: c.letter_sha256 for c in case.communications.exclude(pk__in=[c.pk for c in made])}
    assert sent_now == sent


def test_generating_twice_keeps_references_and_changes_nothing_sent(case, sent):
    add(companies_group(case), company("Acme Textiles Ltd.", "Ms.", "Jane Roe"))
    (first,) = GenerateLetters(ACTOR).execute(case)
    (again,) = GenerateLetters(ACTOR).execute(case)
    assert again.pk == first.pk and again.reference == first.reference
    assert case.communications.count() == 4
