"""A letter's text → `Letter`: find the parts of the genre in printed order.

The letter is read as a sequence of paragraphs (see clean.py). The header (mandates, reference, date, salutation)
is read line by line; the body is cut into sections at the genre's fixed phrases, which are matched loosely
(singular/plural, "we"/"I", "your company"/"your Excellency's Government") because letters vary.
"""

from __future__ import annotations

import re
from pathlib import Path

from spcomms.ingest import fields, running_header
from spcomms.ingest.clean import LIST_ITEM, clean, unwrap
from spcomms.ingest.errors import ParseError
from spcomms.ingest.extract import extract_bytes, extract_text
from spcomms.lib.letter import NON_STATE, STATE, AddresseeBlock, AlsoSentTo, Footnote, Letter, Sections
from spcomms.lib.references import REFERENCE_IN_TEXT, ReferenceError, parse_reference
from spcomms.lib.states import un_state_names
from spcomms.lib.text import clean_letter, normalise_breaks

_HEADER_LINES = 60  # the reference, date and salutation are within the first lines of the letter
_QUESTION = re.compile(r"^(\d{1,2})\s*[.)]\s*(.*)$", re.DOTALL)


def _marker(*patterns: str) -> re.Pattern:
    return re.compile("|".join(patterns), re.IGNORECASE)


CAPACITY = _marker(r"^(?:We|I) have the honou?r to address", r"\bin (?:our|my) capacit")
PROCEDURE = _marker(r"^(?:We are|I am) (?:an? )?independent human rights expert")
FACTS = _marker(r"^According to (?:the )?information (?:received|obtained)\s*[:,.]?\s*$")
FACTS_INLINE = _marker(r"^According to (?:the )?information received\b")
CONCERNS = _marker(r"^While (?:we|I) do not wish to prejudge", r"^Without (?:wishing to )?prejudg",
                   r"^While not wishing to prejudge")  # fmt: skip
ANNEX_POINTER = _marker(r"please refer to the .{0,40}Annex", r"Annex on Reference to international")
QUESTIONS_INTRO = _marker(
    r"observations? on the following matters",
    r"following (?:matters|questions)\s*:?\s*$",
    r"grateful for your observations",
    r"(?:responsibility|mandates?).{0,120}to seek to clarify",
)
PUBLICATION = _marker(r"\bmade public\b", r"communications reporting website", r"receiving a response within")
PRESS = _marker(r"\bpublicly express", r"\bpress release\b")
ALSO_SENT = _marker(r"\b(?:also|been)\s+(?:being\s+)?(?:sent|addressed|transmitted)\s+to\b")
CLOSING = _marker(r"^Please accept\b", r"assurances of (?:our|my) (?:highest|high|most distinguished) consideration",
                  r"^(?:Yours sincerely|Sincerely|Yours faithfully)")  # fmt: skip
ANNEX_HEADING = _marker(r"^Annex(?:e|\s+[IV1-9]+)?\s*(?:\n|$)", r"^ANNEX\b")
URGE = _marker(r"^(?:While awaiting|Pending) a reply", r"\burge\b.{0,80}interim measures")


def parse_file(path: str | Path) -> Letter:
    text, _fmt = extract_text(path)
    return parse_text(text, source=str(path))


def parse_bytes(data: bytes, filename: str) -> Letter:
    text, _fmt = extract_bytes(data, filename)
    return parse_text(text, source=filename)


def parse_text(text: str, *, source: str = "<string>") -> Letter:
    """Parse a letter; raise ParseError (naming `source`) when the reference or date is missing or invalid."""
    if not isinstance(text, str) or not text.strip():
        raise ParseError(source, "empty letter: no text")
    cleaned = clean(normalise_breaks(text))  # pdfium's soft-hyphen marks are clean()'s to handle, so only breaks first
    paragraphs = [p for p in cleaned.paragraphs if p.strip()]
    header = _read_header(paragraphs, source)
    paragraphs, running_headers = running_header.remove(paragraphs, header.body_start, cleaned.running_headers,
                                                        _state_name(header.code))  # fmt: skip
    body = [unwrap(p) for p in paragraphs[header.body_start :]]
    signature_lines, annex_paragraphs, body = _split_tail(paragraphs[header.body_start :], body)
    sections, questions = _sections(body)
    annex_title, annex_body = _annex(annex_paragraphs)
    sections.annex_title, sections.annex = annex_title, annex_body
    states, others = fields.also_sent_to(sections.also_sent)
    kind = STATE if header.code != "OTH" else NON_STATE
    name = running_headers[0] if running_headers else _state_name(header.code) or header.address_name
    letter = Letter(
        reference=header.reference,
        type=header.type,
        code=header.code,
        number=header.number,
        year=header.year,
        date=header.date,
        addressee=AddresseeBlock(
            name=name, kind=kind, person=fields.salutation_person(header.salutation), salutation=header.salutation
        ),
        mandates=fields.mandate_titles(header.mandates) if header.mandates else [],
        resolutions=fields.resolutions(sections.capacity or "\n".join(body[:3])),
        questions=questions,
        signatories=fields.signatories(signature_lines),
        footnotes=[Footnote(number, note) for number, note in cleaned.footnotes],
        also_sent_to=AlsoSentTo(states=states, others=others),
        publication_days=fields.publication_days(sections.publication),
        sections=sections,
    )
    return clean_letter(letter)


class _Header:
    mandates = ""
    reference = ""
    type = code = ""
    number = year = 0
    date = None
    salutation = ""
    address_name = ""
    body_start = 0


def _read_header(paragraphs: list[str], source: str) -> _Header:
    header = _Header()
    lines = [(i, line.strip()) for i, p in enumerate(paragraphs) for line in p.split("\n") if line.strip()]
    head = lines[:_HEADER_LINES]
    ref_at = _find_reference(head, header, source)
    if not ref_at and not header.reference:
        raise ParseError(source, "no reference found (expected e.g. 'REFERENCE: AL OTH 135/2021' near the top)")
    mandate_lines = []
    for _, line in head[:ref_at]:
        if re.match(r"^(?:Our\s+)?REF", line, re.IGNORECASE) or REFERENCE_IN_TEXT.search(line):
            break
        mandate_lines.append(line)
    start = next((k for k, line in enumerate(mandate_lines) if re.match(r"^Mandates?\s+of\b", line, re.I)), None)
    if start is not None:
        header.mandates = unwrap("\n".join(mandate_lines[start:]))
    salutation_at = next((k for k, (_, line) in enumerate(head) if fields.SALUTATION.match(line)), None)
    date_zone = head[ref_at : salutation_at if salutation_at and salutation_at > ref_at else len(head)]
    date_line = next((line for _, line in date_zone if fields.DATE_LINE.match(line)), None)
    date_line = date_line or next((line for _, line in head if fields.DATE.search(line)), None)
    header.date = fields.parse_date(date_line) if date_line else None
    if header.date is None:
        problem = f"invalid date {date_line!r}" if date_line else "no date found (expected e.g. '12 March 2021')"
        raise ParseError(source, problem)
    if salutation_at is not None:
        header.salutation = head[salutation_at][1]
        header.body_start = head[salutation_at][0] + 1
        address = [line for _, line in head[ref_at:salutation_at] if not fields.DATE.search(line)]
        header.address_name = address[-1] if address else ""
    else:
        header.body_start = next((i + 1 for i, line in head if line == date_line), 0)
    return header


def _find_reference(head: list[tuple[int, str]], header: _Header, source: str) -> int:
    """Index in `head` just after the reference; fills header.reference and its parts."""
    for k, (_, line) in enumerate(head):
        label = re.match(r"^(?:Our\s+)?Ref(?:erence)?\.?\s*(?:No\.?)?\s*:?\s*(.*)$", line, re.IGNORECASE)
        candidates = [line]
        if label:
            candidates = [label.group(1)] + [text for _, text in head[k + 1 : k + 3]]
        for offset, candidate in enumerate(candidates):
            match = REFERENCE_IN_TEXT.search(candidate)
            if match and (label or offset == 0):
                try:
                    ref = parse_reference(match.group(0))
                except ReferenceError as error:
                    raise ParseError(source, f"bad reference: {error}") from None
                header.reference, header.type, header.code = str(ref), ref.type, ref.code
                header.number, header.year = ref.number, ref.year
                return k + (offset if label and offset else 0) + 1
    return 0


def _split_tail(raw: list[str], body: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Cut off the signature block (after the closing) and the Annex (raw paragraphs keep their lines)."""
    annex_at = next((i for i, p in enumerate(raw) if ANNEX_HEADING.match(p.strip())), len(raw))
    closing_at = next((i for i in range(annex_at - 1, -1, -1) if CLOSING.search(body[i])), None)
    if closing_at is None:
        return [], raw[annex_at:], body[:annex_at]
    signature = [line for p in raw[closing_at + 1 : annex_at] for line in p.split("\n")]
    return signature, raw[annex_at:], body[: closing_at + 1]


def _annex(paragraphs: list[str]) -> tuple[str, str]:
    if not paragraphs:
        return "", ""
    first = paragraphs[0].split("\n")
    rest = [unwrap("\n".join(first[1:]))] if len(first) > 1 else []
    rest += [unwrap(p) for p in paragraphs[1:]]
    title = ""
    if rest and len(rest[0]) <= 160 and not rest[0].endswith((".", ":")):
        title, rest = rest[0], rest[1:]
    return title, "\n\n".join(p for p in rest if p)


def _sections(body: list[str]) -> tuple[Sections, list[str]]:
    sections = Sections()
    slots: dict[str, list[str]] = {name: [] for name in vars(sections)}
    questions: list[str] = []
    current = "introduction"
    in_questions = False
    for index, full in enumerate(body):
        # Marker phrases sit near the start of their paragraph; searching only there keeps long facts cheap.
        paragraph = full[:600]
        number = _QUESTION.match(full)
        if index == len(body) - 1 and CLOSING.search(paragraph):
            current = "closing"
        elif current not in ("facts", "introduction", "concerns") and ALSO_SENT.search(paragraph):
            current = "also_sent"
        elif index > len(body) - 4 and ALSO_SENT.search(paragraph):
            current = "also_sent"
        elif current in _AFTER_QUESTIONS + ("publication",) and not in_questions and PRESS.search(paragraph):
            current = "press_release"
        elif current in ("questions", "questions_intro", "after_questions", "annex_pointer", "concerns") and (
            PUBLICATION.search(paragraph)
        ):
            current, in_questions = "publication", False
        elif number and (in_questions or current == "questions_intro") and int(number.group(1)) == len(questions) + 1:
            questions.append(number.group(2).strip())
            current, in_questions = "questions", True
            continue
        elif in_questions and (LIST_ITEM.match(full) and not number or questions[-1].endswith(":")):
            questions[-1] += "\n\n" + full  # sub-items (a), (b) of a question
            continue
        elif current == "introduction" and not slots["capacity"] and CAPACITY.search(paragraph):
            current = "capacity"
        elif current in ("capacity", "introduction") and PROCEDURE.search(paragraph):
            current = "procedure"
        elif current in ("capacity", "procedure") and not PROCEDURE.search(paragraph):
            current = "introduction"
        if current in ("introduction", "capacity", "procedure") and FACTS.match(paragraph):
            current = "facts"
            continue  # the marker line itself is not a fact
        if current in ("introduction", "capacity", "procedure") and FACTS_INLINE.match(paragraph):
            current = "facts"
        elif current in ("facts", "introduction") and CONCERNS.search(paragraph):
            current = "concerns"
        elif current in ("facts", "concerns", "introduction") and ANNEX_POINTER.search(paragraph):
            current = "annex_pointer"
        elif current in ("facts", "concerns", "annex_pointer", "introduction") and QUESTIONS_INTRO.search(paragraph):
            current = "questions_intro"
        elif current == "questions":
            current, in_questions = "after_questions", False
        elif current == "annex_pointer":
            current = "concerns" if not slots["concerns"] else "after_questions"
        slots[current].append(full)
    for name, paragraphs in slots.items():
        setattr(sections, name, "\n\n".join(paragraphs))
    return sections, questions


_AFTER_QUESTIONS = ("questions", "after_questions", "publication", "concerns", "annex_pointer", "questions_intro")


def _state_name(code: str) -> str:
    """The UN short name the registry ships for a State code ("" for OTH or an unknown code)."""
    return un_state_names().get(code, "")
