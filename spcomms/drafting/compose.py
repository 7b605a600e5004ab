"""Compose one addressee's `Letter` from the case's draft and the addressee's group. Pure: no database access."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spcomms.cases import deadlines
from spcomms.drafting import wording
from spcomms.lib.letter import NON_STATE, STATE, AddresseeBlock, AlsoSentTo, Footnote, Letter, Sections, Signatory
from spcomms.lib.references import Reference


@dataclass
class Recipient:
    name: str
    kind: str  # registry kind: state | company | igo | other
    honorific: str = ""
    person: str = ""

    @property
    def letter_kind(self) -> str:
        return STATE if self.kind == "state" else NON_STATE

    @property
    def salutation(self) -> str:
        if self.kind == "state":
            return "Excellency,"
        if self.honorific and self.person:
            return f"Dear {self.honorific} {self.person},"
        return "Dear Sir/Madam,"


@dataclass
class LetterPlan:
    """Everything one letter is made of, gathered from the case by `drafting.actions.generate`."""

    reference: Reference
    date: dt.date
    recipient: Recipient
    mandates: list[str]  # printed titles, in order
    resolutions: list[str]
    signatories: list[tuple[str, str]]  # (name, printed title)
    introduction: str
    facts: str
    concerns: str
    questions: list[str]
    after_questions: str = ""
    footnotes: list[dict] = field(default_factory=list)
    annex: str = ""
    press_release: bool = False
    publication_days: int = field(default_factory=deadlines.default_publication_days)
    other_states: list[str] = field(default_factory=list)  # the case's other State addressees, in case order
    other_companies: int = 0
    other_actors: int = 0
    mandate_count: int = 56  # "which has 56 thematic and country mandates"


def compose(plan: LetterPlan) -> Letter:
    recipient = plan.recipient
    plural = len(plan.signatories) > 1 or any(t.startswith("Working Group") for t in plan.mandates)
    also_sent, others_summary = wording.also_sent(
        plan.other_states, plan.other_companies, plan.other_actors, recipient.kind == "company"
    )
    sections = Sections(
        capacity=wording.capacity(plan.mandates, plan.resolutions, plural),
        procedure=wording.procedure(plan.mandate_count),
        introduction=plan.introduction.strip(),
        facts=plan.facts.strip(),
        concerns=plan.concerns.strip(),
        annex_pointer=wording.annex_pointer() if plan.annex.strip() else "",
        questions_intro=wording.questions_intro(plural),
        after_questions=plan.after_questions.strip(),
        publication=wording.publication(recipient.letter_kind, recipient.kind, plan.publication_days),
        press_release=wording.press_release(recipient.letter_kind, recipient.kind, plural)
        if plan.press_release
        else "",
        also_sent=also_sent,
        closing=wording.closing(recipient.letter_kind, recipient.honorific, recipient.person, plural),
        annex_title=wording.annex_title() if plan.annex.strip() else "",
        annex=plan.annex.strip(),
    )
    ref = plan.reference
    return Letter(
        reference=str(ref),
        type=ref.type,
        code=ref.code,
        number=ref.number,
        year=ref.year,
        date=plan.date,
        addressee=AddresseeBlock(
            name=recipient.name, kind=recipient.letter_kind, person=recipient.person, salutation=recipient.salutation
        ),
        mandates=list(plan.mandates),
        resolutions=list(plan.resolutions),
        questions=[q.strip() for q in plan.questions],
        signatories=[Signatory(name, title) for name, title in plan.signatories],
        footnotes=[Footnote(int(n["number"]), n["text"]) for n in plan.footnotes],
        also_sent_to=AlsoSentTo(states=list(plan.other_states), others=others_summary),
        publication_days=plan.publication_days,
        sections=sections,
    )
