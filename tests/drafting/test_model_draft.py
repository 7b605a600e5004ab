"""Draft: the footnotes the admin edits as raw JSON are checked whole, and a bad stored value breaks no page."""

import json

import pytest
from django.core.exceptions import ValidationError

from spcomms.drafting.models import Draft
from tests.drafting.builders import new_case, write_text
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db

GOOD = [{"number": 1, "text": "See the report of 2020."}, {"number": 2, "text": "A/HRC/44/15."}]


@pytest.mark.parametrize("notes", [[], GOOD, None])
def test_well_formed_footnotes_pass(notes):
    draft = write_text(new_case()).draft
    draft.footnotes = notes
    draft.clean()


@pytest.mark.parametrize(
    "notes, problem",
    [
        (5, "footnotes must be a list like"),
        ("see note 1", "footnotes must be a list like"),
        ({"number": 1, "text": "x"}, "footnotes must be a list like"),
        (["just text"], "footnote 1 must be an object with a number and a text"),
        ([{"number": 1}], "footnote 1 needs a non-empty 'text'"),
        ([{"number": 1, "text": "   "}], "footnote 1 needs a non-empty 'text'"),
        ([{"number": 1, "text": 7}], "footnote 1 needs a non-empty 'text'"),
        ([{"text": "x"}], "footnote 1 needs a whole number as its 'number', not None"),
        ([{"number": "1", "text": "x"}], "footnote 1 needs a whole number as its 'number', not '1'"),
        ([{"number": True, "text": "x"}], "footnote 1 needs a whole number as its 'number', not True"),
        ([{"number": 1.0, "text": "x"}], "footnote 1 needs a whole number as its 'number', not 1.0"),
        ([GOOD[0], {"number": 1, "text": "again"}], "footnote number 1 appears twice"),
        ([GOOD[1], GOOD[0]], "footnotes must be numbered 1, 2, 3 … in order"),
        ([{"number": 2, "text": "x"}], "footnotes must be numbered 1, 2, 3 … in order"),
        ([{"number": 1, "text": "x", "txt": "y"}], "footnote 1 has unknown keys: txt"),
    ],
)
def test_malformed_footnotes_are_named(notes, problem):
    draft = write_text(new_case()).draft
    draft.footnotes = notes
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert list(error.value.message_dict) == ["footnotes"]
    assert error.value.message_dict["footnotes"][0].startswith(problem)


def admin_post(draft: Draft, footnotes: str) -> dict:
    return {
        "case": str(draft.case_id),
        "letter_date": draft.letter_date.isoformat(),
        "introduction": draft.introduction,
        "facts": draft.facts,
        "concerns": draft.concerns,
        "after_questions": draft.after_questions,
        "footnotes": footnotes,
        "annex_text": draft.annex_text,
        "publication_days": str(draft.publication_days),
        "draftclause_set-TOTAL_FORMS": "0",
        "draftclause_set-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize(
    "footnotes, problem",
    [
        ("5", "footnotes must be a list like"),
        ('[{"number": 1}]', "footnote 1 needs a non-empty &#x27;text&#x27;"),
        ('[{"number": 1, "text": "a"}, {"number": 1, "text": "b"}]', "footnote number 1 appears twice"),
    ],
)
def test_the_admin_shows_the_problem_and_saves_nothing(staff_client, footnotes, problem):
    draft = write_text(new_case()).draft
    before = draft.footnotes
    response = staff_client.post(f"/admin/drafting/draft/{draft.pk}/change/", admin_post(draft, footnotes))
    assert response.status_code == 200
    assert problem in response.content.decode()
    draft.refresh_from_db()
    assert draft.footnotes == before


def test_the_admin_saves_good_footnotes(staff_client):
    draft = write_text(new_case()).draft
    response = staff_client.post(f"/admin/drafting/draft/{draft.pk}/change/", admin_post(draft, json.dumps(GOOD)))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.footnotes == GOOD


@pytest.mark.parametrize("stored", [5, [{"number": 1}], [{"number": 1, "text": "Kept."}, "junk"]])
def test_the_text_page_opens_with_footnotes_saved_before_they_were_checked(staff_client, stored):
    case = write_text(new_case())
    Draft.objects.filter(pk=case.draft.pk).update(footnotes=stored)  # as an unchecked admin save left it
    response = staff_client.get(url("draft", case.pk))
    assert response.status_code == 200
    assert ("Kept." in response.content.decode()) == (stored == [{"number": 1, "text": "Kept."}, "junk"])
