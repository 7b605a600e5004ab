"""The three real letters, field by field. Expected values are copied from the letters as printed."""

from __future__ import annotations

import datetime as dt

import pytest

from spcomms.ingest import parse_file
from spcomms.lib.letter import NON_STATE
from tests.ingest.ingest_helpers import CRRC, MINEBEA, XIAOMI

MANDATES = [
    "Working Group on the issue of human rights and transnational corporations and other business enterprises",
    "Special Rapporteur in the field of cultural rights",
    "Special Rapporteur on minority issues",
    "Special Rapporteur on freedom of religion or belief",
    "Special Rapporteur on contemporary forms of slavery, including its causes and consequences",
    "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
    "Special Rapporteur on trafficking in persons, especially women and children",
]
SIGNATORIES = [
    ("Dante Pesce", "Chair-Rapporteur of the Working Group on the issue of human rights and transnational corporations "
     "and other business enterprises"),
    ("Karima Bennoune", "Special Rapporteur in the field of cultural rights"),
    ("Fernand de Varennes", "Special Rapporteur on minority issues"),
    ("Ahmed Shaheed", "Special Rapporteur on freedom of religion or belief"),
    ("Tomoya Obokata", "Special Rapporteur on contemporary forms of slavery, including its causes and consequences"),
    ("Nils Melzer", "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"),
    ("Siobhán Mullally", "Special Rapporteur on trafficking in persons, especially women and children"),
]  # fmt: skip
STATES = ["China", "United Kingdom of Great Britain and Northern Ireland", "United States of America", "Switzerland",
          "Sweden", "Spain", "Republic of Korea", "Japan", "Italy", "Germany", "France", "Finland", "Denmark",
          "Canada"]  # fmt: skip
QUESTION_STARTS = [
    "Please provide any additional information and/or comment(s) you may have on the above-mentioned allegations.",
    "Please provide information as to whether your company has undertaken human rights due diligence steps",
    "Please explain what monitoring and evaluation systems your company has in place",
    "Please explain what measures have been adopted to ensure that staff of your company",
    "Please explain what concrete steps have been taken by your company to exercise leverage",
    "Please provide information on whether your company has reported any such alleged human rights abuses",
    "Please advise how your company provides for, or cooperates in the remediation of adverse impact",
    "Please provide information, if any, on cooperation your company may have had with local civil society actors",
]
FOOTNOTE_1 = (
    "We take note of the Government of China’s white paper on employment and labor rights in Xinjiang Uyghur "
    "autonomous region on 17 September 2020. See: "
    "http://english.www.gov.cn/archive/whitepaper/202009/17/content_WS5f62cef6c6d0f7257693c192.html"
)
CASES = [
    (MINEBEA, "AL OTH 135/2021", 135, "MinebeaMitsumi, Inc.", "Yoshihisa Kainuma"),
    (XIAOMI, "AL OTH 167/2021", 167, "Xiaomi Corporation", "Lei Jun"),
    (CRRC, "AL OTH 78/2021", 78, "CRRC Corporation Limited", "Hualong Liu"),
]
ALL_TEXT_SECTIONS = ("capacity", "procedure", "introduction", "facts", "concerns", "annex_pointer", "questions_intro",
                     "after_questions", "publication", "press_release", "also_sent", "closing", "annex")  # fmt: skip


@pytest.fixture(params=CASES, ids=lambda case: case[0].name)
def case(request):
    path, reference, number, company, person = request.param
    return parse_file(path), reference, number, company, person


def test_reference_parts(case):
    letter, reference, number, _, _ = case
    assert (letter.reference, letter.type, letter.code, letter.number, letter.year) == (
        reference, "AL", "OTH", number, 2021)  # fmt: skip


def test_date(case):
    assert case[0].date == dt.date(2021, 3, 12)


def test_addressee(case):
    letter, _, _, company, person = case
    assert letter.addressee.name == company
    assert letter.addressee.kind == NON_STATE
    assert letter.addressee.person == person
    assert letter.addressee.salutation == f"Dear Mr. {person},"


def test_mandates(case):
    assert case[0].mandates == MANDATES


def test_resolutions(case):
    assert case[0].resolutions == ["44/15", "37/12", "43/8", "40/10", "42/10", "43/20", "44/4"]


def test_questions(case):
    questions = case[0].questions
    assert len(questions) == 8
    for question, start in zip(questions, QUESTION_STARTS, strict=True):
        assert question.startswith(start)
    # Question 2 continues after a page break: re-joined into one text.
    assert questions[1].endswith(
        "by your business relationships. This includes the exercise of adequate oversight and human rights due "
        "diligence across your supply chains in order to prevent and mitigate impact on the enjoyment of human rights "
        "of Uyghur and other minority workers, including their right to freedom of movement and protection from "
        "forced labour, trafficking in persons and other contemporary forms of slavery."
    )
    assert questions[7].endswith("to address such business related human rights violations.")


def test_signatories(case):
    assert [(s.name, s.title) for s in case[0].signatories] == SIGNATORIES


def test_footnotes(case):
    footnotes = case[0].footnotes
    assert [(f.number, f.text) for f in footnotes] == [(1, FOOTNOTE_1)]


def test_footnote_token_after_word(case):
    assert "combatting violent extremism.[^1] Such centers" in case[0].sections.facts


def test_also_sent_to(case):
    also = case[0].also_sent_to
    assert also.states == STATES
    assert also.others == "other companies involved in the abovementioned allegations"


def test_publication(case):
    letter = case[0]
    assert letter.publication_days == 60
    assert letter.sections.publication.startswith("This communication and any response received from your company")
    assert "communications reporting website in 60 days" in letter.sections.publication


def test_sections(case):
    sections = case[0].sections
    assert sections.capacity.startswith("We have the honour to address you in our capacities as Working Group")
    assert sections.procedure.startswith("We are independent human rights experts")
    assert sections.introduction.endswith("human rights due diligence across their supply chains.")
    assert sections.facts.startswith("The Chinese Government has allegedly undertaken the forcible transfer")
    assert "organized mandarin language classes and patriotic education" in sections.facts
    assert sections.facts.endswith("are monitored by dedicated security personnel.")
    assert sections.concerns.startswith("While we do not wish to prejudge the accuracy of these allegations")
    assert sections.annex_pointer.startswith("In connection with the above alleged facts and concerns, please refer")
    assert "Annex on Reference to international human rights law attached" in sections.annex_pointer
    assert sections.questions_intro.endswith("we would be grateful for your observations on the following matters:")
    assert sections.after_questions == ""
    assert sections.press_release.startswith("We may publicly express our concerns in the near future")
    assert sections.also_sent.startswith("Please note that letters expressing similar concerns are also sent to")
    assert sections.closing == f"Please accept, Mr. {case[4]}, the assurances of our highest consideration."
    assert sections.annex_title == "Reference to international human rights law"
    assert sections.annex.startswith("In connection with above alleged facts and concerns, we would like to draw")
    assert "(a) Avoid causing or contributing to adverse human rights impacts" in sections.annex
    assert "adverse impacts, they should provide for or cooperate in their remediation" in sections.annex


def test_no_markup_header_or_footnote_left_in_body(case):
    letter, company = case[0], case[3]
    for name in ALL_TEXT_SECTIONS:
        text = getattr(letter.sections, name)
        assert company not in text, name
        assert "We take note of the Government" not in text, name
        for markup in ("**", "<sup>", "\\_", "](", "¹", "##"):
            assert markup not in text, (name, markup)
    assert "reporting website in 60 days" in letter.sections.publication


def test_same_record_for_txt_and_md_except_addressee():
    minebea, xiaomi = parse_file(MINEBEA).to_dict(), parse_file(XIAOMI).to_dict()
    for key in ("mandates", "resolutions", "questions", "signatories", "footnotes", "also_sent_to", "date"):
        assert minebea[key] == xiaomi[key], key
