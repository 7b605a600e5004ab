"""The reader (spcomms.lib.reading) on the labelled sample replies and on the project's own replies of the genre."""

import json

import pytest

from spcomms.ingest.parse import parse_file
from spcomms.lib.reading.assess import assess_reply
from spcomms.lib.reading.labels import split_asks
from tests.assessment.conftest import REPLIES, SAMPLES, shared_replies, state_letter

LABELLED_FIRST = REPLIES / "labelled-first"
HELD_OUT = REPLIES / "held-out"


def _letter(name):
    return state_letter() if name.endswith(".json") else parse_file(SAMPLES / name)


def _read(text_path, letter_name, kind="company"):
    return assess_reply(text_path.read_text(), _letter(letter_name).questions, kind)


def test_structured_reply_follows_its_numbering_and_finds_the_partial_answer():
    result = _read(shared_replies() / "reply-AL-OTH-135-2021.txt", "AL-OTH-135-2021_MinebeaMitsumi.txt")
    labels = {q.number: q.label for q in result.questions}
    assert [labels[n] for n in (1, 2, 3, 4, 5, 7)] == ["answered"] * 6
    assert labels[6] == "partly"  # reporting answered, complicity not
    assert labels[8] == "not_addressed"  # "we have not yet engaged": nothing described
    assert result.language == "en" and not result.refuses_to_answer
    grievance = result.questions[6].evidence
    assert any(e.text.startswith("Our grievance mechanism, operated by an external provider") for e in grievance)


def test_evidence_spans_are_exact_slices_of_the_reply():
    text = (shared_replies() / "reply-AL-OTH-135-2021.txt").read_text()
    letter = parse_file(SAMPLES / "AL-OTH-135-2021_MinebeaMitsumi.txt")
    for question in assess_reply(text, letter.questions, "company").questions:
        for span in question.evidence:
            assert text[span.start : span.end] == span.text


def test_flat_refusal_answers_only_the_comment_question():
    result = _read(shared_replies() / "reply-AL-OTH-78-2021.txt", "AL-OTH-78-2021_CRRC.txt")
    assert result.refuses_to_answer
    assert result.questions[0].label == "answered"
    assert "groundless" in result.questions[0].evidence[0].text
    assert {q.label for q in result.questions[1:]} == {"not_addressed"}
    assert {q.method for q in result.questions[1:]} == {"refusal"}


def test_cross_reference_takes_the_answer_it_points_to():
    result = _read(REPLIES / "structured-questions-135.txt", "AL-OTH-135-2021_MinebeaMitsumi.txt")
    third = result.questions[2]
    assert third.method == "cross_reference" and third.label == "answered"
    assert any("refer to the information provided under question 2" in e.text for e in third.evidence)
    assert any("risk assessment" in e.text for e in third.evidence)  # the passage of question 2 it points to


def test_joint_answer_to_two_questions_and_a_refusal_of_one():
    result = _read(REPLIES / "structured-questions-135.txt", "AL-OTH-135-2021_MinebeaMitsumi.txt")
    labels = {q.number: q for q in result.questions}
    assert labels[4].label == "answered" and labels[5].label == "answered"  # "Questions 4 and 5"
    assert labels[6].method == "refusal" and labels[6].label == "not_addressed"
    assert labels[8].label == "not_addressed"  # "We have not had contact …" after a heading line "Question 8"
    assert result.refuses_to_answer


def test_prose_reply_is_matched_by_content():
    result = _read(REPLIES / "rambling-prose-78.txt", "AL-OTH-78-2021_CRRC.txt")
    labels = {q.number: q.label for q in result.questions}
    assert labels[1] == "answered"
    assert labels[2] in ("answered", "partly") and labels[3] in ("answered", "partly")
    assert labels[4] == "not_addressed" and labels[8] == "not_addressed"  # training, civil society: nothing said
    assert {q.method for q in result.questions} == {"content"}


def test_state_note_verbale_with_its_own_paragraph_numbers():
    result = _read(REPLIES / "state-note-verbale-DEU.txt", "state-letter-AL-DEU-3-2021.json", "state")
    labels = {q.number: q.label for q in result.questions}
    assert labels[2] == "answered" and labels[4] == "answered"
    assert labels[5] == "not_addressed"
    assert not any(e.text.startswith(("3.", "6.")) for q in result.questions for e in q.evidence)
    rubric = {s.indicator.code: s.score for s in result.rubric}
    assert rubric["national_action_plan"] == 2 and rubric["access_to_remedy"] == 2
    assert rubric["company_engagement"] == 0


@pytest.mark.parametrize(
    "name",
    [
        "structured-questions-135",
        "rambling-prose-78",
        "flat-denial-167",
        "state-note-verbale-DEU",
        "labelled-first/numbered-crossref-refusal-167",
        "labelled-first/headings-prose-135",
        "labelled-first/note-verbale-restating-DEU",
        "held-out/prose-partial-refusal-78",
        "held-out/q-markers-joint-135",
        "held-out-final/lead-phrases-note-DEU",
        "held-out-final/ordinals-refusal-167",
    ],
)
def test_own_genre_replies_mostly_agree_with_their_labels(name):
    gold = json.loads((REPLIES / f"{name}.labels.json").read_text())
    result = _read(REPLIES / f"{name}.txt", gold["letter"].removeprefix("../"), gold["kind"])
    agree = sum(q.label == gold["questions"][str(q.number)]["label"] for q in result.questions)
    assert agree >= 0.6 * len(result.questions)
    assert result.refuses_to_answer == gold["refuses_to_answer"]


def test_a_heading_near_two_questions_still_opens_a_section():
    result = _read(LABELLED_FIRST / "headings-prose-135.txt", "AL-OTH-135-2021_MinebeaMitsumi.txt")
    awareness, grievance = result.questions[3], result.questions[6]
    # "We consider that our existing internal rules are sufficient": the awareness section says nothing
    assert awareness.label == "not_addressed" and awareness.evidence == []
    # "Grievance mechanism and remedy" is close to questions 7 and 8; it opens question 7's section all the same
    assert grievance.label == "answered" and grievance.method == "numbered"
    assert any(e.text.startswith("Worker representatives are consulted") for e in grievance.evidence)
    assert result.questions[7].label == "not_addressed"


def test_a_reference_to_an_earlier_reply_answers_partly():
    result = _read(LABELLED_FIRST / "note-verbale-restating-DEU.txt", "state-letter-AL-DEU-3-2021.json", "state")
    remedy = result.questions[3]
    assert (remedy.label, remedy.method) == ("partly", "cross_reference")
    assert remedy.evidence[0].text.startswith("The Federal Government refers to its reply of 2019")
    assert result.questions[2].label == "not_addressed"  # "has not issued guidance": nothing described


def test_a_cross_reference_answers_only_what_the_referred_answer_covers_of_this_question():
    result = _read(LABELLED_FIRST / "numbered-crossref-refusal-167.txt", "AL-OTH-167-2021_Xiaomi.md")
    third = result.questions[2]
    assert third.method == "cross_reference" and third.label == "partly"
    assert "refers to the answer to question 2, which covers" in third.note
    assert result.questions[4].method == "refusal" and result.refuses_to_answer


def test_prose_that_uses_the_one_indicator_a_question_asks_about_answers_it_in_part():
    result = _read(REPLIES / "rambling-prose-78.txt", "AL-OTH-78-2021_CRRC.txt")
    leverage = result.questions[4]
    assert leverage.label == "partly" and "leverage" in leverage.note
    assert leverage.evidence[0].text.startswith("When problems are found")
    assert result.questions[5].label == "not_addressed"  # "has not confirmed the information you received": a comment


def test_a_joint_refusal_after_a_marker_and_a_colon_labels_both_questions_refused():
    result = _read(HELD_OUT / "q-markers-joint-135.txt", "AL-OTH-135-2021_MinebeaMitsumi.txt")
    for question in result.questions[4:6]:
        assert (question.label, question.method) == ("not_addressed", "refusal")
    assert result.questions[6].label == "answered"


def test_a_refusal_of_one_subject_in_prose_leaves_the_other_answers_standing():
    result = _read(HELD_OUT / "prose-partial-refusal-78.txt", "AL-OTH-78-2021_CRRC.txt")
    assert result.refuses_to_answer
    assert result.questions[2].label in ("answered", "partly")  # the supplier code cascading to suppliers
    assert {q.method for q in result.questions} == {"content"}


def test_question_asks_keep_elaborations_with_their_ask():
    question = (
        "Please advise how your company provides for remediation. This may include establishing grievance "
        "mechanisms. Please provide specific information about any procedures in place to ensure participation."
    )
    asks = split_asks(question)
    assert len(asks) == 2 and "This may include" in asks[0]


def test_no_questions_gives_no_labels():
    result = assess_reply("We reject the allegations.", [], "company")
    assert result.questions == [] and len(result.rubric) == 12
