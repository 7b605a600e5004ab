"""Letters for renderer tests, built by hand from the seed text of AL OTH 135/2021 (MinebeaMitsumi, 12 March 2021).

The seed is text extracted from the real PDF. It is cut into sections by plain slicing between the printed
phrases that open each section; the PDF artefacts (page header in mid-sentence, footnote in mid-paragraph, Markdown
bold and link, list dashes, wrapped signatory titles) are undone so the result follows the `Letter` conventions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from spcomms.lib.letter import STATE, AddresseeBlock, AlsoSentTo, Footnote, Letter, Sections, Signatory

SEEDS = Path(__file__).resolve().parents[2] / "samples"
MINEBEA_SEED = SEEDS / "AL-OTH-135-2021_MinebeaMitsumi.txt"

ACCORDING = "According to the information received:"


def _between(text: str, start: str, end: str | None) -> str:
    """The text from `start` (included) up to `end` (excluded), stripped."""
    begin = text.index(start)
    stop = text.index(end, begin) if end else len(text)
    return text[begin:stop].strip()


def _undo_pdf_artefacts(text: str, footnote_text: str) -> str:
    text = text.replace(" their\n\nMinebeaMitsumi, Inc.\n\nsupply chains.", " their supply chains.")
    text = text.replace("\n\n¹ " + footnote_text + "\n\n", " ")  # footnote printed in mid-paragraph
    text = text.replace("extremism.¹", "extremism.[^1]")
    text = text.replace(
        "**Annex on Reference to international human rights law**",
        "Annex on Reference to international human rights law",
    )
    text = text.replace("reporting [website](#)", "reporting website")
    text = text.replace("This\n\nincludes", "This includes")  # question 2 runs over a page break
    text = text.replace("adverse impacts,\n\nthey should", "adverse impacts, they should")
    return text.replace("\n\n- (", "\n\n(").replace("\n- (", "\n\n(")  # list items are paragraphs


def _questions(block: str) -> list[str]:
    lines = [line for line in block.splitlines() if line.strip()]
    return [line.split(". ", 1)[1] for line in lines]


def _states(printed: str) -> list[str]:
    """ "A, B and C" -> [A, B, C]; only the last " and " splits ("… Great Britain and Northern Ireland")."""
    head, last = printed.rsplit(" and ", 1)
    return [*head.split(", "), last]


def _signatories(block: str) -> list[Signatory]:
    signatories = []
    for chunk in block.split("\n\n"):
        name, *title_lines = chunk.strip().splitlines()
        signatories.append(Signatory(name=name, title=" ".join(title_lines)))  # titles were wrapped over lines
    return signatories


def minebea_letter() -> Letter:
    """AL OTH 135/2021 to MinebeaMitsumi, Inc., as a `Letter`."""
    raw = MINEBEA_SEED.read_text(encoding="utf-8")
    footnote = _between(raw, "We take note of the Government", "\n")
    text = _undo_pdf_artefacts(raw, footnote)
    header = _between(text, "Mandates of the ", "\n")
    mandates = [
        part.removeprefix("and ").removeprefix("the ") for part in header.removeprefix("Mandates of ").split("; ")
    ]
    questions_block = _between(text, "1. Please provide any", "This communication and any")
    sections = Sections(
        capacity=_between(text, "We have the honour", "We are independent"),
        procedure=_between(text, "We are independent", "In this connection, we have"),
        introduction=_between(text, "In this connection, we have", ACCORDING),
        facts=_between(text, ACCORDING, "While we do not wish").removeprefix(ACCORDING).strip(),
        concerns=_between(text, "While we do not wish", "In connection with the above alleged"),
        annex_pointer=_between(text, "In connection with the above alleged", "As it is our responsibility"),
        questions_intro=_between(text, "As it is our responsibility", "1. Please provide any"),
        publication=_between(text, "This communication and any", "We may publicly"),
        press_release=_between(text, "We may publicly", "Please note that letters"),
        also_sent=_between(text, "Please note that letters", "Please accept"),
        closing=_between(text, "Please accept", "\n"),
        annex_title="Reference to international human rights law",
        annex=_between(text, "In connection with above alleged facts", None),
    )
    return Letter(
        reference="AL OTH 135/2021",
        type="AL",
        code="OTH",
        number=135,
        year=2021,
        date=dt.date(2021, 3, 12),
        addressee=AddresseeBlock(
            name="MinebeaMitsumi, Inc.",
            kind="non-state",
            person="Yoshihisa Kainuma",
            salutation="Dear Mr. Yoshihisa Kainuma,",
        ),
        mandates=mandates,
        resolutions=["44/15", "37/12", "43/8", "40/10", "42/10", "43/20", "44/4"],
        questions=_questions(questions_block),
        signatories=_signatories(_between(text, "Dante Pesce", "\nAnnex\n")),
        footnotes=[Footnote(number=1, text=footnote)],
        also_sent_to=AlsoSentTo(
            states=_states(_between(text, "Governments of ", ", as well as").removeprefix("Governments of ")),
            others="other companies involved in the abovementioned allegations",
        ),
        publication_days=60,
        sections=sections,
    )


def state_letter(**changes) -> Letter:
    """The same letter sent to a State: "Excellency,", a single mandate by default; `changes` override fields."""
    letter = minebea_letter()
    letter = dataclasses.replace(
        letter,
        reference="AL CHN 18/2020",
        code="CHN",
        number=18,
        year=2020,
        addressee=AddresseeBlock(name="China", kind=STATE, salutation="Excellency,"),
        mandates=letter.mandates[:1],
        signatories=letter.signatories[:1],
    )
    return dataclasses.replace(letter, **changes)


def with_facts(letter: Letter, facts: str) -> Letter:
    return dataclasses.replace(letter, sections=dataclasses.replace(letter.sections, facts=facts))
