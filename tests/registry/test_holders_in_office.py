"""Holders in office on a letter's date: a recorded term, or the six-year tenure limit after its start; a mandate
with none known gets no default signatory, and the desk says so."""

import datetime as dt

import pytest

from spcomms.registry.models import Mandate, MandateHolder
from tests.drafting.builders import MINORITIES, SLAVERY, new_case
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db

BUSINESS_WG = "Working Group on the issue of human rights and transnational corporations and other business enterprises"
CULTURAL = "Special Rapporteur in the field of cultural rights"


def names_in_office(title: str, day: dt.date) -> list[str]:
    return [h.name for h in Mandate.objects.get(title=title).holders_in_office(day)]


def test_the_holder_in_office_follows_the_terms():
    assert names_in_office(MINORITIES, dt.date(2021, 3, 12)) == ["Fernand de Varennes"]
    assert names_in_office(MINORITIES, dt.date(2023, 10, 31)) == ["Fernand de Varennes"]
    assert names_in_office(MINORITIES, dt.date(2023, 11, 1)) == ["Nicolas Levrat"]
    assert names_in_office(CULTURAL, dt.date(2026, 3, 1)) == ["Alexandra Xanthaki"]


def test_an_open_term_ends_with_the_six_year_limit():
    obokata = MandateHolder.objects.get(name="Tomoya Obokata")
    assert obokata.term_end is None and obokata.latest_possible_end() == dt.date(2026, 4, 30)
    assert names_in_office(SLAVERY, dt.date(2026, 4, 30)) == ["Tomoya Obokata"]
    assert names_in_office(SLAVERY, dt.date(2026, 5, 1)) == []  # the registry knows no successor


def test_a_holder_without_a_recorded_term_is_never_assumed():
    assert names_in_office(BUSINESS_WG, dt.date(2021, 3, 12)) == []  # Dante Pesce: term not established


def test_a_2026_letter_is_not_signed_by_a_former_holder(staff_client):
    case = new_case(mandates=(MINORITIES, SLAVERY), letter_date=dt.date(2026, 9, 1))
    assert [s.holder.name for s in case.casesignatory_set.all()] == ["Nicolas Levrat"]
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "Who signs? The registry does not know" in page
    assert "the registry has no holder of this mandate known to be in office on 1 September 2026" in page
    assert "The last holder it knows is Tomoya Obokata (term 2020-05-01 – 2026-04-30)" in page


def test_the_signatory_form_says_when_no_holder_is_known_in_office(staff_client):
    case = new_case(mandates=(MINORITIES, SLAVERY), letter_date=dt.date(2026, 9, 1))
    page = staff_client.get(url("case_edit", case.pk)).content.decode()
    assert page.count("The registry knows no holder of this mandate in office on 1 September 2026") == 1
