import pytest

from spcomms.cases.models import CaseAddressee
from spcomms.drafting.models import GroupMembership
from spcomms.registry.models import Addressee
from tests.drafting.builders import SUPPLY_CHAIN_SET, group, new_case, state
from tests.drafting.desk import audited, url

pytestmark = pytest.mark.django_db


def post(client, case, **fields):
    return client.post(url("addressee_add", case.pk), {"existing": "", "company": "", "honorific": "", **fields})


def test_without_groups_the_desk_asks_for_one_first(staff_client):
    case = new_case()
    response = staff_client.get(url("addressee_add", case.pk))
    assert response.status_code == 302 and response["Location"] == url("group_new", case.pk)


def test_adding_a_state_from_the_registry(staff_client):
    case = new_case()
    states = group(case, "State concerned")
    response = post(staff_client, case, group=states.pk, existing=state("CHN").pk)
    assert response.status_code == 302
    membership = GroupMembership.objects.get()
    assert (membership.group, membership.case_addressee.addressee.name) == (states, "China")
    assert audited("case.addressee_added")


def test_creating_a_company_on_the_fly_with_its_representative(staff_client):
    case = new_case()
    companies = group(case, "Companies", SUPPLY_CHAIN_SET)
    response = post(
        staff_client,
        case,
        group=companies.pk,
        company="Acme Textiles Ltd.",
        honorific="Ms.",
        person="Jane Roe",
        domicile="GBR",
        email="ceo@acme.example",
        another="1",
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?group={companies.pk}")
    acme = Addressee.objects.get(name="Acme Textiles Ltd.")
    assert (acme.kind, acme.code, acme.domicile, acme.salutation) == ("company", "OTH", "GBR", "Dear Ms. Jane Roe,")
    assert acme.email == "ceo@acme.example"
    assert audited("addressee.created")
    assert CaseAddressee.objects.get(case=case).addressee == acme


def test_a_historic_reference_is_checked_against_the_addressee(staff_client):
    case = new_case()
    states = group(case, "State concerned")
    response = post(staff_client, case, group=states.pk, existing=state("CHN").pk, reference="AL OTH 3/2021")
    assert "China takes the code CHN, not OTH" in response.content.decode()
    assert not CaseAddressee.objects.exists()
    response = post(staff_client, case, group=states.pk, existing=state("CHN").pk, reference="al chn 18/2020")
    assert response.status_code == 302
    assert GroupMembership.objects.get().reference == "AL CHN 18/2020"


def test_either_a_registry_addressee_or_a_new_company(staff_client):
    case = new_case()
    states = group(case, "State concerned")
    for fields in ({}, {"existing": state("CHN").pk, "company": "Acme"}):
        page = post(staff_client, case, group=states.pk, **fields).content.decode()
        assert "Choose an addressee from the registry, or type a new company" in page


def test_a_new_company_needs_a_name_for_its_honorific(staff_client):
    case = new_case()
    companies = group(case, "Companies", SUPPLY_CHAIN_SET)
    page = post(staff_client, case, group=companies.pk, company="Acme", honorific="Ms.").content.decode()
    assert "an honorific needs the representative" in page
    assert not Addressee.objects.filter(name="Acme").exists()


def test_the_country_of_domicile_is_a_choice_of_states_and_the_email_is_checked(staff_client):
    case = new_case()
    companies = group(case, "Companies", SUPPLY_CHAIN_SET)
    page = staff_client.get(url("addressee_add", case.pk)).content.decode()
    assert '<option value="GBR">United Kingdom of Great Britain and Northern Ireland (GBR)</option>' in page
    assert 'type="email" name="email"' in page
    page = post(staff_client, case, group=companies.pk, company="Acme", domicile="XYZ", email="not-an-address")
    text = page.content.decode()
    assert "Select a valid choice. XYZ is not one of the available choices." in text
    assert "Enter a valid email address." in text
    assert not Addressee.objects.filter(name="Acme").exists()
