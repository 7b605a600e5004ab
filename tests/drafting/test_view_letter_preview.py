import pytest

from spcomms.drafting.actions import GenerateLetters
from tests.drafting.builders import ACTOR, add, group, new_case, ready_case, state, write_text
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db


def test_the_preview_shows_the_letter_and_its_downloads(staff_client):
    case = ready_case()
    letters = {c.addressee.name: c for c in GenerateLetters(ACTOR).execute(case)}
    acme = letters["Acme Textiles Ltd."]
    page = staff_client.get(url("letter", case.pk, acme.pk)).content.decode()
    assert '<article class="letter"' in page
    assert "Dear Ms. Jane Roe," in page and "AL OTH 1/2021" in page
    assert "Please note that letters expressing similar concerns are also sent to the Government of China." in page
    for fmt in ("pdf", "docx", "txt", "md", "html"):
        assert url("download", case.pk, acme.pk, fmt) in page
    assert url("letter", case.pk, letters["China"].pk) in page  # to the other letter of the case


def test_a_letter_of_another_case_is_not_found(staff_client):
    case = ready_case()
    other = write_text(new_case(title="Another case"))
    add(group(other, "State concerned"), state("JPN"))
    (letter,) = GenerateLetters(ACTOR).execute(other)
    assert staff_client.get(url("letter", case.pk, letter.pk)).status_code == 404
