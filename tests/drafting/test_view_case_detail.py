import pytest

from tests.drafting.builders import new_case, ready_case
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db


def test_the_overview_lists_what_stops_generation(staff_client):
    case = new_case()
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "Before the letters can be generated:" in page
    assert "the draft has no facts" in page and "the case has no addressee groups" in page


def test_a_ready_case_shows_groups_addressees_and_salutations(staff_client):
    case = ready_case()
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "Ready: one letter per addressee" in page
    assert "State concerned" in page and "China" in page and "Excellency," in page
    assert "Acme Textiles Ltd." in page and "Dear Ms. Jane Roe," in page
    assert "Question set: Business: company involved through its supply chain (8 questions)" in page
    assert "not generated yet" in page
