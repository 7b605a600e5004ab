"""The shipped clause library and question bank (data migration 0003), checked against the real letter."""

import pytest

from spcomms.drafting import placeholders
from spcomms.drafting.models import Clause, Question, QuestionSet
from spcomms.ingest.parse import parse_file
from tests.drafting.builders import DIRECT_SET, STATE_SET, SUPPLY_CHAIN_SET, WORDS_OF_2021
from tests.drafting.test_generate_fidelity import MINEBEA

pytestmark = pytest.mark.django_db

MARCH_2021_ANNEX = [
    "ungp-introduction",
    "ungp-13",
    "ungp-19",
    "ungp-15",
    "ungp-22",
    "ungp-20",
    "ungp-19-commentary",
    "ungp-25-31",
    "wg-2018-ga-report",
]


def words(text: str) -> list[str]:
    return text.split()


def test_the_clauses_in_the_letters_order_are_the_real_annex_word_for_word():
    letter = parse_file(MINEBEA)
    texts = [Clause.objects.get(key=key, version=1).text for key in MARCH_2021_ANNEX]
    assert words(" ".join(texts)) == words(letter.sections.annex)


def test_each_guiding_principle_clause_quotes_its_principle():
    assert Clause.objects.get(key="ungp-13").text.endswith("(Guiding Principle 13).")
    assert Clause.objects.get(key="ungp-15").text.endswith("(Guiding Principle 15)")
    assert Clause.objects.get(key="ungp-22").text.startswith("In this connection, we recall that Guiding Principle 22")
    assert Clause.objects.get(key="ungp-20").text.startswith("Guiding Principle 20 states")
    assert "(Commentary to Guiding Principle 19)" in Clause.objects.get(key="ungp-19-commentary").text
    assert Clause.objects.get(key="ungp-25-31").text.startswith("Guiding Principles 25 to 31")
    assert "2018 report of the Working Group" in Clause.objects.get(key="wg-2018-ga-report").text


def test_the_supply_chain_set_with_the_words_of_2021_is_the_eight_questions_sent():
    letter = parse_file(MINEBEA)
    stock = QuestionSet.objects.get(name=SUPPLY_CHAIN_SET).texts()
    assert [placeholders.fill(text, WORDS_OF_2021) for text in stock] == letter.questions
    assert Question.objects.get(qid="bhr-due-diligence").source.startswith(
        "AL OTH 135/2021 (12 March 2021), question 2"
    )


def test_no_stock_text_carries_the_words_of_a_case():
    stock_sets = QuestionSet.objects.filter(name__in=[SUPPLY_CHAIN_SET, DIRECT_SET, STATE_SET])
    texts = [text for question_set in stock_sets for text in question_set.texts()]
    texts += list(Clause.objects.values_list("text", flat=True))
    for words in ("Uyghur", "Xinjiang", "minority workers", "minorities"):
        assert not [text for text in texts if words in text], words
    used = {name for text in texts for name in placeholders.names_in(text)}
    assert used == set(WORDS_OF_2021)  # every placeholder of the stock texts has its meaning in library.json


def test_the_direct_and_state_sets_are_marked_as_examples():
    direct = QuestionSet.objects.get(name=DIRECT_SET)
    assert len(direct.texts()) == 7 and "Example" in direct.description
    state = QuestionSet.objects.get(name=STATE_SET)
    assert state.texts()[0].startswith("Please provide any additional information")
    qids = [item.question.qid for item in state.items.all()]
    assert all(Question.objects.get(qid=q).source.startswith("example") for q in qids)


def test_question_ids_are_stable_slugs():
    assert set(Question.objects.values_list("qid", flat=True)) >= {
        "bhr-additional-info",
        "bhr-due-diligence",
        "bhr-leverage",
        "bhr-remediation",
        "state-additional-info",
        "state-measures-taken",
    }
