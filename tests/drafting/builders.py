"""Cases for drafting tests, made through the drafting desk's own actions (so the tests exercise them too)."""

from __future__ import annotations

import datetime as dt

from spcomms.cases.models import Case, Communication
from spcomms.drafting.actions import (
    AddAddressees,
    CaseFields,
    DraftText,
    GenerateLetters,
    SaveCase,
    SaveDraft,
    SaveGroup,
    SavePlaceholders,
)
from spcomms.drafting.models import AddresseeGroup, Clause, GroupMembership, QuestionSet
from spcomms.registry.models import Addressee, Mandate

ACTOR = "test"
DATE = dt.date(2021, 3, 12)
MINORITIES = "Special Rapporteur on minority issues"
SLAVERY = "Special Rapporteur on contemporary forms of slavery, including its causes and consequences"
BUSINESS_WG = "Working Group on the issue of human rights and transnational corporations and other business enterprises"
SUPPLY_CHAIN_SET = "Business: company involved through its supply chain"
DIRECT_SET = "Business: company directly involved (example)"
STATE_SET = "State concerned or home State (example)"
# The words AL OTH 135/2021 printed where the stock supply-chain questions now have placeholders.
WORDS_OF_2021 = {
    "affected workers": "Uyghur and other minority workers",
    "affected group": "Uyghur and other minorities",
    "rights at stake": "their right to freedom of movement and protection from forced labour, trafficking in persons "
    "and other contemporary forms of slavery",
    "alleged abuses": "forced labour, trafficking in persons other contemporary forms of slavery",
}
FACTS = "Workers are allegedly transferred to factories against their will.[^1]\n\nThey cannot leave."


def new_case(mandates=(MINORITIES,), letter_date=DATE, title="Forced labour in garment factories", type="AL") -> Case:
    fields = CaseFields(title, type, [(Mandate.objects.get(title=t), "") for t in mandates], letter_date=letter_date)
    return SaveCase(ACTOR).execute(fields)


def write_text(case: Case, facts=FACTS, clauses=("ungp-13",), **changes) -> Case:
    text = DraftText(
        letter_date=case.draft.letter_date,
        introduction="In this connection, we have received information concerning alleged forced labour.",
        facts=facts,
        concerns="While we do not wish to prejudge the accuracy of these allegations, we are concerned.",
        after_questions="",
        footnotes=["See the report of 2020."],
        clauses=[Clause.objects.get(key=key) for key in clauses],
        annex_text="",
        press_release=False,
        publication_days=60,
    )
    for name, value in changes.items():
        setattr(text, name, value)
    SaveDraft(ACTOR).execute(case, text, case.version)
    case.refresh_from_db()
    return case


def group(case: Case, name: str, question_set: str | None = STATE_SET, introduction: str = "") -> AddresseeGroup:
    chosen = QuestionSet.objects.get(name=question_set) if question_set else None
    return SaveGroup(ACTOR).execute(
        AddresseeGroup(case=case, name=name, question_set=chosen, introduction=introduction)
    )


def add(to: AddresseeGroup, addressee: Addressee, reference: str = "") -> GroupMembership:
    (member,) = AddAddressees(ACTOR).execute(to.case, [addressee], group=to, reference=reference)
    return member.membership


def company(name="Acme Textiles Ltd.", honorific="Ms.", person="Jane Roe") -> Addressee:
    return Addressee(kind=Addressee.COMPANY, name=name, representative_honorific=honorific, representative_name=person)


def state(iso3: str) -> Addressee:
    return Addressee.objects.get(kind=Addressee.STATE, iso3=iso3)


def fill_words(case: Case, words: dict[str, str] = WORDS_OF_2021) -> Case:
    SavePlaceholders(ACTOR).execute(case, words, Case.objects.get(pk=case.pk).version)
    case.refresh_from_db()
    return case


def ready_case(**kwargs) -> Case:
    """A case generation accepts: text, a State group with China, a company group with one company, its words."""
    case = write_text(new_case(**kwargs))
    add(group(case, "State concerned"), state("CHN"))
    add(group(case, "Companies", SUPPLY_CHAIN_SET), company())
    return fill_words(case)


def sent_case(status: str = Case.SENT, **kwargs) -> Case:
    """A ready case whose letters were generated and dispatched: the states the procedure leaves, set directly."""
    case = ready_case(**kwargs)
    GenerateLetters(ACTOR).execute(case)
    case.communications.update(status=Communication.SENT)
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case
