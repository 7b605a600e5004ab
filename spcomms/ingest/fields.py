"""Field-level readers of the letter genre: header, dates, mandates, resolutions, States, signatories."""

from __future__ import annotations

import datetime as dt
import re

from spcomms.lib.letter import Signatory
from spcomms.lib.states import un_state_names

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]  # fmt: skip
DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\s*,?\s+(\d{4})\b", re.IGNORECASE)
DATE_LINE = re.compile(r"^(?:[A-Z][\w .'-]{0,30},\s*)?" + DATE.pattern + r"\.?$", re.IGNORECASE)
SALUTATION = re.compile(r"^(Excellenc(?:y|ies)|Dear\s+[^\n]{1,100}?)\s*[,:]?$", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:Mr|Ms|Mrs|Miss|Mx|Dr|Prof|Professor|Sir|Madam|Madame|H\.?E)\.?\s+", re.IGNORECASE)
_NO_PERSON = re.compile(r"^(?:Sir|Madam|Sirs|Sir\s*(?:/|or)\s*Madam|Madam\s*(?:/|or)\s*Sir|Colleagues?|All)$", re.I)
RESOLUTIONS = re.compile(r"resolutions?\s+((?:\d{1,2}/\d{1,3}(?:\s*(?:,|;|and|,\s*and)\s*)?)+)", re.IGNORECASE)
_MANDATE_SPLIT = re.compile(r"\s*;\s*(?:and\s+)?|\s+and\s+(?=the\s+(?:Special|Working|Independent|Chair)\b)")
# State names that contain " and ", protected before a list of States is split on "and".
_STATES_WITH_AND = sorted(
    {name for name in un_state_names().values() if " and " in name}
    | {"Turks and Caicos Islands", "Heard Island and McDonald Islands", "Wallis and Futuna"},
    key=len,
    reverse=True,
)
_TITLE_WORDS = re.compile(r"\b(Rapporteur|Expert|Working Group|Chair|Vice-Chair|Member|Coordinator|President|mandate)",
                          re.IGNORECASE)  # fmt: skip
_TITLE_CONTINUES = re.compile(r"(?:\b(?:and|of|on|the|in|to|for|with|its|their|or)|[,\-–(])$", re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """The first "12 March 2021"-style date in `text`; None if none or impossible (31 February)."""
    match = DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(3)), MONTHS.index(match.group(2).lower()) + 1, int(match.group(1)))
    except ValueError:
        return None


def mandate_titles(header: str) -> list[str]:
    """ "Mandates of the A; the B; and the C" → ["A", "B", "C"]."""
    body = re.sub(r"^\s*Mandates?\s+of\s+", "", header.strip(), flags=re.IGNORECASE).rstrip(" .;")
    titles = []
    for part in _MANDATE_SPLIT.split(body):
        part = re.sub(r"^(?:the|and)\s+", "", part.strip(), flags=re.IGNORECASE).strip(" ,.")
        part = re.sub(r"^(?:the)\s+", "", part, flags=re.IGNORECASE)
        if part:
            titles.append(part)
    return titles


def resolutions(text: str) -> list[str]:
    found: list[str] = []
    for match in RESOLUTIONS.finditer(text):
        found += [r for r in re.findall(r"\d{1,2}/\d{1,3}", match.group(1)) if r not in found]
    return found


def salutation_person(salutation: str) -> str:
    """ "Dear Mr. Yoshihisa Kainuma," → "Yoshihisa Kainuma"; "" for Excellency or Sir/Madam."""
    match = re.match(r"^Dear\s+(.+?)\s*[,:]?$", salutation.strip(), re.IGNORECASE)
    if not match:
        return ""
    name = match.group(1).strip()
    if _NO_PERSON.match(name):
        return ""
    while _HONORIFIC.match(name) and len(_HONORIFIC.sub("", name, count=1)) > 0:
        stripped = _HONORIFIC.sub("", name, count=1)
        if stripped == name:
            break
        name = stripped
    return name.strip()


def split_states(text: str) -> list[str]:
    """ "China, United Kingdom of Great Britain and Northern Ireland, … Denmark and Canada" → names in order."""
    protected = text
    for index, name in enumerate(_STATES_WITH_AND):
        protected = re.sub(re.escape(name), f"\x00{index}\x00", protected, flags=re.IGNORECASE)
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", protected)
    names = []
    for part in parts:
        part = re.sub(r"\x00(\d+)\x00", lambda m: _STATES_WITH_AND[int(m.group(1))], part).strip(" .;")
        if part:
            names.append(part)
    return names


def also_sent_to(paragraph: str) -> tuple[list[str], str]:
    """States named after "the Government(s) of", and the remaining printed text about other addressees."""
    match = re.search(
        r"\b(?:also|been)\s+(?:being\s+)?(?:sent|addressed|transmitted)\s+to\s+(.+)$", paragraph, re.I | re.S
    )
    if not match:
        return [], ""
    rest = match.group(1).strip().rstrip(".")
    government = re.match(r"^(?:the\s+)?Governments?\s+of\s+(?:the\s+)?(.+)$", rest, re.IGNORECASE | re.DOTALL)
    if not government:
        return [], re.sub(r"^to\s+", "", rest)
    states_text, others = government.group(1), ""
    tail = re.search(r",?\s+(?:as well as|and also|and)\s+(?:to\s+)?(?=(?:the\s+)?(?:other|companies|company|"
                     r"business|corporation|following|[a-z]))", states_text)  # fmt: skip
    if tail:
        states_text, others = states_text[: tail.start()], states_text[tail.end() :]
    return split_states(states_text), others.strip()


def publication_days(text: str) -> int | None:
    match = re.search(r"\b(?:in|within|after)\s+(\d{1,3})\s+days\b", text, re.IGNORECASE)
    return int(match.group(1)) if match else None


def signatories(lines: list[str]) -> list[Signatory]:
    """Name line, then title lines (wrapped titles re-joined); a new name starts the next signatory."""
    people: list[Signatory] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        current = people[-1] if people else None
        if current is None or (current.title and not _continues_title(current.title, line)):
            people.append(Signatory(name=line, title=""))
        elif not current.title:
            current.title = line
        else:
            current.title = current.title + ("" if current.title.endswith("-") else " ") + line
    return [p for p in people if p.name]


def _continues_title(title: str, line: str) -> bool:
    if _TITLE_CONTINUES.search(title) or line[:1].islower():
        return True
    return bool(_TITLE_WORDS.search(line)) and not _looks_like_name(line)


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 6 and not _TITLE_WORDS.search(line) and not line.endswith((".", ":"))
