"""Letters of the genre other than the samples: a State letter, an urgent appeal, and small variations."""

from __future__ import annotations

import datetime as dt

from spcomms.ingest import parse_file, parse_text
from spcomms.lib.letter import NON_STATE, STATE
from tests.ingest.ingest_helpers import FIXTURES, MINEBEA


def test_letter_to_a_state():
    letter = parse_file(FIXTURES / "AL-CHN-18-2020_state.txt")
    assert (letter.reference, letter.type, letter.code, letter.number, letter.year) == ("AL CHN 18/2020", "AL", "CHN",
                                                                                       18, 2020)  # fmt: skip
    assert letter.date == dt.date(2021, 3, 12)
    assert letter.addressee.kind == STATE
    assert letter.addressee.salutation == "Excellency,"
    assert letter.addressee.person == ""
    assert letter.addressee.name == "China"
    assert letter.mandates == [
        "Working Group on the issue of human rights and transnational corporations and other business enterprises",
        "Special Rapporteur on minority issues",
        "Special Rapporteur on contemporary forms of slavery, including its causes and consequences",
        "Special Rapporteur on trafficking in persons, especially women and children",
    ]
    assert letter.resolutions == ["44/15", "43/8", "42/10", "44/4"]
    assert len(letter.questions) == 3
    assert letter.questions[1].startswith("Please provide information on the measures taken by your Excellency’s")
    assert letter.publication_days == 60
    assert letter.sections.publication.startswith("We would appreciate receiving a response within 60 days. Passed")
    assert letter.sections.press_release == ""
    assert letter.also_sent_to.states == []
    assert letter.also_sent_to.others == "the companies involved in the abovementioned allegations"
    assert letter.sections.closing == "Please accept, Excellency, the assurances of our highest consideration."
    assert [s.name for s in letter.signatories] == ["Dante Pesce", "Fernand de Varennes", "Tomoya Obokata",
                                                    "Siobhán Mullally"]  # fmt: skip
    assert [(f.number, f.text) for f in letter.footnotes] == [
        (1, "See A/HRC/45/8, paragraph 12."),
        (2, "Information received by the mandate holders in January 2021."),
        (3, "See: https://example.org/report_2020.pdf"),
    ]
    assert "transferred out of Xinjiang.[^1] Workers" in letter.sections.facts
    assert "fenced-in factories.[^2]" in letter.sections.facts
    assert letter.sections.concerns.startswith("Without prejudging the accuracy")
    assert letter.sections.annex_title == "Reference to international human rights law"
    assert "See A/HRC/45/8" not in letter.sections.annex


def test_urgent_appeal_single_mandate_windows_line_endings():
    letter = parse_file(FIXTURES / "UA-OTH-12-2021_urgent_appeal.txt")
    assert (letter.reference, letter.type, letter.code, letter.number) == ("UA OTH 12/2021", "UA", "OTH", 12)
    assert letter.date == dt.date(2021, 4, 1)
    assert letter.mandates == ["Special Rapporteur on contemporary forms of slavery, including its causes and "
                               "consequences"]  # fmt: skip
    assert letter.resolutions == ["42/10"]
    assert letter.addressee.kind == NON_STATE
    assert letter.addressee.salutation == "Dear Ms. Maria Lopez,"
    assert letter.addressee.person == "Maria Lopez"
    assert len(letter.questions) == 11
    assert letter.questions[0].startswith("Please provide any additional information")
    assert letter.questions[10] == (
        "Please indicate how your company cooperates with the relevant State authorities in this case."
    )
    assert letter.sections.after_questions.startswith("While awaiting a reply, I urge that all necessary interim")
    assert letter.sections.publication.startswith("This communication and any response received from your company")
    assert letter.publication_days is None  # "within 48 hours"
    assert letter.sections.press_release == ""
    assert letter.sections.annex == "" and letter.sections.annex_title == ""
    assert letter.footnotes == []
    assert [(s.name, s.title) for s in letter.signatories] == [
        ("Tomoya Obokata", "Special Rapporteur on contemporary forms of slavery, including its causes and consequences")
    ]


def _sample_text() -> str:
    return MINEBEA.read_text(encoding="utf-8")


def test_dear_sir_madam_has_no_person():
    text = _sample_text().replace("Dear Mr. Yoshihisa Kainuma,", "Dear Sir/Madam,")
    letter = parse_text(text.replace("Please accept, Mr. Yoshihisa Kainuma,", "Please accept, Sir/Madam,"))
    assert letter.addressee.salutation == "Dear Sir/Madam,"
    assert letter.addressee.person == ""


def test_reference_on_the_label_line_and_questions_numbered_with_parentheses():
    text = _sample_text().replace("REFERENCE:\nAL OTH 135/2021", "REFERENCE: AL OTH 135/2021")
    for n in range(1, 9):
        text = text.replace(f"\n{n}. Please", f"\n{n}) Please")
    letter = parse_text(text)
    assert letter.reference == "AL OTH 135/2021"
    assert len(letter.questions) == 8


def test_fifteen_questions_and_no_press_release():
    head, rest = _sample_text().split("1. Please provide any additional", 1)
    tail = rest[rest.index("\nThis communication") :]
    questions = "\n".join(f"{n}. Please answer question number {n}." for n in range(1, 16))
    press = tail[tail.index("We may publicly") : tail.index("Please note that")]
    letter = parse_text(head + questions + "\n" + tail.replace(press, ""))
    assert letter.questions == [f"Please answer question number {n}." for n in range(1, 16)]
    assert letter.sections.press_release == ""
    assert len(letter.also_sent_to.states) == 14


def test_non_breaking_spaces_and_crlf():
    text = _sample_text().replace("\n", "\r\n").replace("12 March 2021", "12\u00a0March\u00a02021")
    letter = parse_text(text)
    assert letter.date == dt.date(2021, 3, 12)
    assert len(letter.questions) == 8
