"""The structured form of one letter: what parsers produce and renderers consume.

A letter is data first. Ingest turns a PDF/DOCX/text/Markdown letter into a `Letter`; drafting builds a `Letter`
from a Case and one addressee; every output format (text, Markdown, HTML, PDF, DOCX) is a rendering of it.

Conventions (documented in docs/letter-record.md):
- Body text is plain Unicode: no Markdown, no HTML. Paragraphs are separated by a blank line ("\\n\\n").
- A footnote reference inside body text is the token ``[^N]`` placed right after the word it annotates; the
  footnote's own text is in ``Letter.footnotes``. Renderers turn the token into a superscript / real footnote.
- List items inside a paragraph block (e.g. "(a) Avoid causing …") are paragraphs of their own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

FOOTNOTE_TOKEN = re.compile(r"\[\^(\d+)\]")

STATE = "state"
NON_STATE = "non-state"


@dataclass
class Signatory:
    name: str
    title: str


@dataclass
class Footnote:
    number: int
    text: str


@dataclass
class AddresseeBlock:
    name: str  # organisation (company name, or the State's name when known)
    kind: str  # STATE or NON_STATE
    person: str = ""  # "Yoshihisa Kainuma"; empty for "Excellency," / "Dear Sir/Madam,"
    salutation: str = ""  # exactly as printed: "Dear Mr. Yoshihisa Kainuma,"


@dataclass
class AlsoSentTo:
    states: list[str] = field(default_factory=list)  # State names as printed, in printed order
    others: str = ""  # the printed text about non-State addressees, e.g. "other companies involved in …"


@dataclass
class Sections:
    """Body of the letter in printed order; each value is paragraphs joined by blank lines ('' if absent)."""

    capacity: str = ""  # "We have the honour to address you in our capacities as …"
    procedure: str = ""  # "We are independent human rights experts …" (may be absent in older letters)
    introduction: str = ""  # "In this connection, we have received information …" up to the facts
    facts: str = ""  # after "According to the information received:"
    concerns: str = ""  # "While we do not wish to prejudge …" and following paragraphs
    annex_pointer: str = ""  # "In connection with the above alleged facts and concerns, please refer to the Annex …"
    questions_intro: str = ""  # "As it is our responsibility … on the following matters:"
    after_questions: str = ""  # paragraphs between the questions and the publication notice (e.g. interim measures)
    publication: str = ""  # "This communication and any response … made public … in 60 days. …"
    press_release: str = ""  # "We may publicly express our concerns …" ('' when there is none)
    also_sent: str = ""  # "Please note that letters expressing similar concerns are also sent to …"
    closing: str = ""  # "Please accept, …, the assurances of our highest consideration."
    annex_title: str = ""  # "Reference to international human rights law"
    annex: str = ""  # the Annex body


@dataclass
class Letter:
    reference: str  # "AL OTH 135/2021"
    type: str  # AL | UA | OL
    code: str  # ISO 3166 alpha-3 or "OTH"
    number: int
    year: int  # the reference year (file opened), not necessarily the year of `date`
    date: dt.date | None
    addressee: AddresseeBlock
    mandates: list[str] = field(default_factory=list)  # printed titles, without leading "the", in printed order
    resolutions: list[str] = field(default_factory=list)  # ["44/15", "37/12", …] in printed order
    questions: list[str] = field(default_factory=list)  # full text of each numbered question, numbers stripped
    signatories: list[Signatory] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    also_sent_to: AlsoSentTo = field(default_factory=AlsoSentTo)
    publication_days: int | None = None
    sections: Sections = field(default_factory=Sections)

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Letter:
        data = dict(data)
        date = data.get("date")
        return cls(
            reference=data["reference"],
            type=data["type"],
            code=data["code"],
            number=int(data["number"]),
            year=int(data["year"]),
            date=dt.date.fromisoformat(date) if isinstance(date, str) else date,
            addressee=AddresseeBlock(**data["addressee"]),
            mandates=list(data.get("mandates", [])),
            resolutions=list(data.get("resolutions", [])),
            questions=list(data.get("questions", [])),
            signatories=[Signatory(**s) for s in data.get("signatories", [])],
            footnotes=[Footnote(**f) for f in data.get("footnotes", [])],
            also_sent_to=AlsoSentTo(**data.get("also_sent_to", {})),
            publication_days=data.get("publication_days"),
            sections=Sections(**data.get("sections", {})),
        )
