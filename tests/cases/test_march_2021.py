"""The register holds the March 2021 case exactly as the real letters print it (../shared/seeds)."""

import datetime as dt

import pytest
from django.core.management import call_command

from spcomms.cases.models import Case, Communication
from spcomms.registry.models import Addressee
from tests import factories
from tests.registry.test_registry_data import SEED_MANDATES, SEED_RESOLUTIONS, SEED_SIGNATORIES

# The States named in the seeds' "letters expressing similar concerns are also sent to …", in printed order.
STATES = [
    "China",
    "United Kingdom of Great Britain and Northern Ireland",
    "United States of America",
    "Switzerland",
    "Sweden",
    "Spain",
    "Republic of Korea",
    "Japan",
    "Italy",
    "Germany",
    "France",
    "Finland",
    "Denmark",
    "Canada",
]
COMPANIES = {
    "AL OTH 78/2021": ("CRRC Corporation Limited", "Dear Mr. Hualong Liu,"),
    "AL OTH 135/2021": ("MinebeaMitsumi, Inc.", "Dear Mr. Yoshihisa Kainuma,"),
    "AL OTH 167/2021": ("Xiaomi Corporation", "Dear Mr. Lei Jun,"),
}


@pytest.fixture
def march_case(db, samples_dir):
    call_command("ingest", str(samples_dir))
    return Case.objects.get()


def test_one_case_with_the_seven_mandates_in_printed_order(march_case):
    assert [m.title for m in march_case.ordered_mandates()] == SEED_MANDATES
    assert march_case.resolutions() == SEED_RESOLUTIONS
    assert march_case.public_type == "JAL"


def test_the_seven_signatories_with_their_printed_titles(march_case):
    signatures = [(s.holder.name, s.printed_title) for s in march_case.casesignatory_set.select_related("holder")]
    assert signatures == SEED_SIGNATORIES


def test_each_company_has_its_own_letter_reference_and_salutation(march_case):
    letters = {c.reference: c for c in march_case.communications.select_related("addressee")}
    assert set(letters) == set(COMPANIES)
    for reference, (name, salutation) in COMPANIES.items():
        letter = letters[reference]
        assert (letter.addressee.name, letter.addressee.kind, letter.addressee.code) == (name, "company", "OTH")
        assert letter.addressee.salutation == salutation
        assert (letter.date, letter.ref_year) == (dt.date(2021, 3, 12), 2021)


def test_the_fourteen_states_are_parallel_addressees_in_printed_order(march_case):
    states = [a.name for a in march_case.addressees.filter(kind=Addressee.STATE).order_by("caseaddressee__position")]
    assert states == STATES


def test_the_model_holds_the_other_company_letters_of_the_batch(march_case):
    """AL OTH 34/2021 and 154/2021 went to companies we could not identify; the register takes them all the same."""
    for reference in ("AL OTH 34/2021", "AL OTH 154/2021"):
        company = factories.company(name=f"Addressee of {reference}", honorific="", person="")
        factories.communication(march_case, company, reference=reference)
    numbers = sorted(march_case.communications.values_list("ref_number", flat=True))
    assert numbers == [34, 78, 135, 154, 167]


def test_the_letter_to_china_keeps_its_2020_reference(march_case):
    china = Addressee.objects.get(iso3="CHN")
    factories.communication(march_case, china, reference="AL CHN 18/2020")
    letter = Communication.objects.get(addressee=china)
    assert (letter.reference, letter.ref_year, letter.date.year) == ("AL CHN 18/2020", 2020, 2021)
    assert letter.addressee.salutation == "Excellency,"


def test_the_case_is_in_the_admin(march_case, staff_client):
    page = staff_client.get(f"/admin/cases/case/{march_case.pk}/change/").content.decode()
    for text in ("AL OTH 135/2021", "Dante Pesce", "Special Rapporteur on minority issues", "Republic of Korea"):
        assert text in page
