"""The fixed paragraphs: one expert ("I … my") or several ("we … our"), and who else the letters go to."""

import datetime as dt

from spcomms.drafting import wording
from spcomms.drafting.compose import LetterPlan, Recipient, compose
from spcomms.lib.letter import NON_STATE, STATE
from spcomms.lib.references import Reference

MINORITIES = "Special Rapporteur on minority issues"
SLAVERY = "Special Rapporteur on contemporary forms of slavery, including its causes and consequences"
BUSINESS_WG = "Working Group on the issue of human rights and transnational corporations and other business enterprises"
ALSO = "Please note that letters expressing similar concerns are also sent to "


def test_capacity_of_one_expert_is_in_the_singular():
    assert wording.capacity([MINORITIES], ["43/8"], plural=False) == (
        "I have the honour to address you in my capacity as Special Rapporteur on minority issues, pursuant to "
        "Human Rights Council resolution 43/8."
    )


def test_capacity_of_several_experts_is_in_the_plural():
    assert wording.capacity([MINORITIES, SLAVERY], ["43/8", "42/10"], plural=True) == (
        f"We have the honour to address you in our capacities as {MINORITIES}; and {SLAVERY}, pursuant to Human "
        "Rights Council resolutions 43/8 and 42/10."
    )


def test_a_working_group_alone_speaks_in_the_plural_of_one_capacity():
    assert wording.capacity([BUSINESS_WG], ["44/15"], plural=True).startswith(
        "We have the honour to address you in our capacity as Working Group"
    )


def test_questions_intro_and_closing_follow_the_number():
    assert wording.questions_intro(False).startswith("As it is my responsibility")
    assert wording.questions_intro(True).startswith("As it is our responsibility")
    assert (
        wording.closing(STATE, "", "", False)
        == "Please accept, Excellency, the assurances of my highest consideration."
    )
    assert wording.closing(NON_STATE, "Mr.", "Lei Jun", True) == (
        "Please accept, Mr. Lei Jun, the assurances of our highest consideration."
    )
    assert wording.closing(NON_STATE, "", "", True) == (
        "Please accept, Sir/Madam, the assurances of our highest consideration."
    )


def test_publication_within_days_for_states_in_days_for_companies():
    assert "from your Excellency’s Government will be made public" in wording.publication(STATE, "state", 60)
    assert "website within 60 days" in wording.publication(STATE, "state", 60)
    assert "from your company will be made public via the communications reporting website in 60 days" in (
        wording.publication(NON_STATE, "company", 60)
    )
    assert "from your organization" in wording.publication(NON_STATE, "igo", 60)


def test_press_release_singular_and_plural():
    assert wording.press_release(NON_STATE, "company", False).startswith("I may publicly express my concerns")
    assert wording.press_release(STATE, "state", True).endswith(
        "we have been in contact with your Excellency’s Government to clarify the issue/s in question."
    )


def test_also_sent_to_one_state():
    assert wording.also_sent(["China"], 0, 0, addressee_is_company=True) == (f"{ALSO}the Government of China.", "")


def test_also_sent_to_several_states():
    text, _ = wording.also_sent(["China", "Japan", "Canada"], 0, 0, addressee_is_company=False)
    assert text == f"{ALSO}the Governments of China, Japan and Canada."


def test_also_sent_to_nobody_else():
    assert wording.also_sent([], 0, 0, addressee_is_company=False) == ("", "")


def test_also_sent_to_companies_only():
    to_state = wording.also_sent([], 3, 0, addressee_is_company=False)
    assert to_state == (
        f"{ALSO}companies involved in the abovementioned allegations.",
        "companies involved in the abovementioned allegations",
    )
    to_company, _ = wording.also_sent([], 3, 0, addressee_is_company=True)
    assert to_company == f"{ALSO}other companies involved in the abovementioned allegations."


def test_also_sent_to_states_and_companies_as_in_march_2021():
    text, summary = wording.also_sent(["China", "Denmark", "Canada"], 2, 0, addressee_is_company=True)
    assert text == (
        f"{ALSO}the Governments of China, Denmark and Canada, as well as to other companies involved in the "
        "abovementioned allegations."
    )
    assert summary == "other companies involved in the abovementioned allegations"


def test_also_sent_to_other_actors():
    text, _ = wording.also_sent(["China"], 1, 1, addressee_is_company=False)
    assert text.endswith(
        "as well as to companies involved in the abovementioned allegations and other actors involved in the "
        "abovementioned allegations."
    )


def plan(**changes) -> LetterPlan:
    values = dict(
        reference=Reference("AL", "OTH", 12, 2021),
        date=dt.date(2021, 3, 12),
        recipient=Recipient("Acme Ltd.", "company", "Ms.", "Jane Roe"),
        mandates=[MINORITIES],
        resolutions=["43/8"],
        signatories=[("Fernand de Varennes", MINORITIES)],
        introduction="In this connection, …",
        facts="Facts.[^1]",
        concerns="Concerns.",
        questions=[" Please provide any additional information. "],
        footnotes=[{"number": 1, "text": "A note."}],
    )
    return LetterPlan(**(values | changes))


def test_compose_one_expert_to_a_company():
    letter = compose(plan())
    assert letter.reference == "AL OTH 12/2021"
    assert letter.addressee.salutation == "Dear Ms. Jane Roe,"
    assert letter.sections.capacity.startswith("I have the honour")
    assert letter.questions == ["Please provide any additional information."]
    assert letter.sections.annex == letter.sections.annex_pointer == letter.sections.annex_title == ""
    assert letter.sections.press_release == "" and letter.sections.also_sent == ""
    assert letter.footnotes[0].text == "A note."


def test_compose_to_a_state_with_annex_and_press_release():
    letter = compose(
        plan(
            recipient=Recipient("China", "state"),
            signatories=[("A", MINORITIES), ("B", SLAVERY)],
            mandates=[MINORITIES, SLAVERY],
            annex="Guiding Principle 13.",
            press_release=True,
            other_companies=2,
        )
    )
    assert letter.addressee.salutation == "Excellency,"
    assert letter.sections.capacity.startswith("We have the honour")
    assert letter.sections.annex_title == "Reference to international human rights law"
    assert letter.sections.press_release.startswith("We may publicly express our concerns")
    assert letter.sections.also_sent == f"{ALSO}companies involved in the abovementioned allegations."
