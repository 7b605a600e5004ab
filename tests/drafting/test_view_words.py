"""Case-specific words: the stock texts' placeholders, filled per case, previewed, and required by generation."""

import pytest

from spcomms.drafting.actions import GenerateLetters, GenerationError
from spcomms.lib.letter import Letter
from tests.drafting.builders import ACTOR, SUPPLY_CHAIN_SET, add, company, group, new_case, state, write_text
from tests.drafting.desk import audited, url

pytestmark = pytest.mark.django_db

WORDS = {  # in the order the case's texts use them: the form's fields word-0, word-1 …
    "affected workers": "artisanal cobalt miners, including children",
    "rights at stake": "their right to safe and healthy working conditions",
    "alleged abuses": "child labour and unsafe working conditions",
    "affected group": "artisanal mining communities",
}
COBALT = {f"word-{index}": value for index, value in enumerate(WORDS.values())}


@pytest.fixture
def case():
    case = write_text(new_case(title="Cobalt mining"))
    add(group(case, "State concerned"), state("COD"))
    add(group(case, "Companies", SUPPLY_CHAIN_SET), company())
    case.refresh_from_db()
    return case


def test_generation_refuses_while_a_placeholder_is_empty(case, staff_client):
    with pytest.raises(GenerationError) as refused:
        GenerateLetters(ACTOR).execute(case)
    assert any("the placeholder {affected workers} is not filled in" in p for p in refused.value.messages)
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "{affected workers}" in page and "not filled in" in page


def test_the_words_are_saved_previewed_and_printed(case, staff_client):
    page = staff_client.get(url("words", case.pk)).content.decode()
    assert '<label for="id_word-0">{affected workers}' in page
    assert '<span class="missing">{affected workers}</span>' in page
    assert "the workers the abuses affect; AL OTH 135/2021 said “Uyghur and other minority workers”" in page
    response = staff_client.post(url("words", case.pk), {"version": case.version, "preview": "1", **COBALT})
    assert response.status_code == 302 and response["Location"] == url("words", case.pk)
    page = staff_client.get(url("words", case.pk)).content.decode()
    assert '<span class="filled">artisanal cobalt miners, including children</span>' in page
    assert 'class="missing"' not in page
    assert audited("draft.changed")[0].after == {"placeholders": WORDS}

    case.refresh_from_db()
    made = GenerateLetters(ACTOR).execute(case)
    letter = Letter.from_dict(next(c for c in made if c.addressee.name == "Acme Textiles Ltd.").letter)
    questions = " ".join(letter.questions)
    assert "human rights of artisanal cobalt miners, including children, including their right to safe" in questions
    assert "Uyghur" not in questions and "{" not in questions


def test_a_stale_save_is_refused(case, staff_client):
    response = staff_client.post(url("words", case.pk), {"version": case.version - 1, **COBALT})
    assert "someone else changed this case meanwhile" in response.content.decode()
    assert not audited("draft.changed")[1:]  # only write_text's


def test_the_group_form_shows_the_full_text_of_the_sets(case, staff_client):
    companies = case.groups.get(name="Companies")
    page = staff_client.get(url("group", case.pk, companies.pk)).content.decode()
    assert "Please explain what concrete steps have been taken by your company to exercise leverage" in page
    assert "{affected group}" in page


def test_words_for_a_case_without_a_draft_give_it_one(case):
    from spcomms.drafting.actions import SavePlaceholders
    from spcomms.drafting.models import Draft

    Draft.objects.filter(case=case).delete()  # a case made in the admin has none
    case.refresh_from_db()
    draft = SavePlaceholders(ACTOR).execute(case, WORDS, case.version)
    assert Draft.objects.get(case=case).placeholders == WORDS == draft.placeholders
    assert audited("draft.created") and audited("draft.changed")
