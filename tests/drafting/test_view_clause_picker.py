"""The clause picker of the letter text: clauses in the order letters print them, and a search without JavaScript."""

import re

import pytest

from spcomms.drafting.models import Clause
from tests.drafting.builders import new_case
from tests.drafting.desk import url
from tests.drafting.test_library import MARCH_2021_ANNEX

pytestmark = pytest.mark.django_db


def options(page: str, row: int = 0) -> list[str]:
    select = re.search(rf'<select name="clauses-{row}-clause"[^>]*>(.*?)</select>', page, re.S)[1]
    return [Clause.objects.get(pk=pk).key for pk in re.findall(r'<option value="(\d+)"', select)]


def test_the_clauses_are_offered_in_letter_order(staff_client):
    page = staff_client.get(url("draft", new_case().pk)).content.decode()
    assert options(page) == MARCH_2021_ANNEX


def test_a_search_narrows_the_lists_and_shows_the_matches(staff_client):
    case = new_case()
    page = staff_client.get(url("draft", case.pk), {"clauses": "remedy"}).content.decode()
    found = options(page)
    assert "ungp-25-31" in found and "ungp-13" not in found
    assert found == [key for key in MARCH_2021_ANNEX if key in found]  # still in letter order
    assert 'id="clause-matches"' in page and "Guiding Principles 25 to 31: access to remedy" in page


def test_a_search_keeps_the_clauses_already_chosen(staff_client):
    from tests.drafting.builders import write_text

    case = write_text(new_case(), clauses=("ungp-13",))
    page = staff_client.get(url("draft", case.pk), {"clauses": "leverage"}).content.decode()
    assert "ungp-13" in options(page, 0) and "ungp-19-commentary" in options(page, 1)
    assert "ungp-13" not in options(page, 1)
