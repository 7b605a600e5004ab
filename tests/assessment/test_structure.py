"""The reply's own structure: question markers, numbered paragraphs, cross-references, refusals, sentence spans."""

import pytest

from spcomms.lib.reading import structure
from spcomms.lib.reading.labels import read_reply
from spcomms.lib.reading.segment import blocks_of


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Regarding question 3, we have carried out audits.", [3]),
        ("Regarding questions 4, 6 and 7: our policy applies.", [4, 6, 7]),
        ("As to your third question, we refer to our policy.", [3]),
        ("Q3: Training is provided.", [3]),
        ("Question No. 2 – due diligence", [2]),
        ("In response to questions 4 to 6, we note the following.", [4, 5, 6]),
        ("En ce qui concerne la question 5, le Gouvernement indique …", [5]),
        ("Our company has a policy.", []),
    ],
)
def test_lead_markers(text, numbers):
    assert structure.lead_marker(text) == numbers


def test_cross_references_and_refusals():
    assert structure.cross_references("Please refer to the information under question 2.") == [2]
    assert structure.cross_references("As explained in our answer to questions 1 and 3, …") == [1, 3]
    assert structure.REFUSAL.search("We do not consider it necessary to answer the other questions.")
    assert structure.REFUSAL.search("The Government will not respond to the remaining questions.")
    assert not structure.REFUSAL.search("We will respond to each question in turn.")


def test_sentence_spans_are_exact_and_skip_paragraph_numbers():
    text = "1. The Government adopted a plan in 2016. It covers all sectors.\n\nYours sincerely,"
    blocks = blocks_of(text)
    spans = [s for b in blocks for s in b.sentences]
    assert [s.text for s in spans] == [
        "The Government adopted a plan in 2016.",
        "It covers all sectors.",
        "Yours sincerely,",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_paragraph_numbers_beyond_the_questions_are_not_answers(monkeypatch):
    from spcomms.lib.reading.embeddings import encoder

    text = "\n\n".join(f"{n}. The Government reports on item {n} of its programme." for n in range(1, 10))
    reading = read_reply(text, ["Any comment on the allegations?", "Please describe the national plan."], encoder())
    assert reading.sections == {}  # nine numbered paragraphs, two questions: paragraph numbering


def test_empty_text_says_so():
    from spcomms.lib.reading.embeddings import encoder

    reading = read_reply("", ["Any comment?"], encoder())
    assert reading.questions[0].label == "not_addressed" and "no text" in reading.questions[0].note


def test_references_to_another_document_and_openings_that_only_cite_the_letter():
    earlier = "The Government refers to its reply of 2019 to communication AL DEU 1/2019 (remedies)."
    assert structure.refers_elsewhere(earlier)
    assert structure.refers_elsewhere("We refer to our previous letter of 3 May 2021.")
    assert not structure.refers_elsewhere("Please refer to our answer to question 2.")  # inside this reply
    assert not structure.refers_elsewhere("Workers may refer to the hotline at any time.")
    assert structure.is_boilerplate("We refer to your communication AL OTH 78/2021 concerning our supply chain.")
    assert structure.is_boilerplate("We would like to refer to your joint letter of 12 March 2021.")
    assert not structure.is_boilerplate("We refer suppliers with findings to an independent auditor.")


def test_a_verdict_of_sufficiency_is_a_weak_statement():
    assert structure.WEAK.search("We consider that our existing internal rules are sufficient in this respect.")
    assert structure.WEAK.search("The current procedures are adequate.")
    assert not structure.WEAK.search("We added 12 auditors because the existing team was not sufficient.")


def test_a_question_marker_cut_off_at_its_colon_is_structure_not_an_answer():
    assert structure.is_marker_only("Questions 5 and 6:")
    assert structure.is_marker_only("Regarding question 3 –")
    assert not structure.is_marker_only("Q3: Training is provided.")
    assert not structure.is_marker_only("Our policy applies:")
