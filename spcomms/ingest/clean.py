"""Normalise extracted letter text: Markdown and layout artefacts out, paragraphs and footnotes back in place.

Input is raw text from any format; output is a `CleanText`: paragraphs (blank-line separated blocks whose printed
line breaks are kept, because signature blocks and the header need them; `unwrap` joins them), footnotes moved out
of the body, and the running page headers that were removed (the addressee's name, useful to the parser).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_ANY_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]|[\ufffe\u00ad\x02]\n?")  # zero-width; soft hyphens
_ANY_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\ufffe\u00ad\x02]")
_SUP_TAG = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>")
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_ESCAPE = re.compile(r"\\+([\\`*_{}\[\]()#+\-.!<>|~])")
_EMPHASIS = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+", re.MULTILINE)
_RULE = re.compile(r"^[ ]{0,3}([-*_=])(?:[ ]*\1){2,}[ ]*$", re.MULTILINE)
_BULLET = re.compile(r"^[ ]*(?:[-*+•▪◦·‣]|&gt;|>)[ ]+", re.MULTILINE)
_ANY_SUPERSCRIPTS = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}")
_SUP_DIGITS_LINE_START = re.compile(r"^[ ]*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ ]*", re.MULTILINE)
_FOOTNOTE_BODY = re.compile(r"^\[\^(\d{1,3})\]:?\s*")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|-?\s*\d{1,4}\s*-?)\s*$", re.I
)
LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|\(?[a-z]{1,2}\)|\((?:[ivx]{1,5}|\d{1,2})\)|[ivx]{1,5}\))\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;…]['’\"”)\]]*$|\[\^\d+\]$")
_JOINING_WORDS = {
    "of",
    "the",
    "and",
    "to",
    "in",
    "a",
    "an",
    "for",
    "with",
    "on",
    "by",
    "as",
    "or",
    "that",
    "their",
    "its",
    "our",
    "your",
    "from",
    "at",
    "which",
    "who",
    "is",
    "are",
    "was",
    "were",
    "be",
    "this",
    "these",
}
_MAX_HEADER_CHARS = 80
# The footer of a UN letter's first page, printed on every letter from Geneva.
_LETTERHEAD = re.compile(r"^\s*PALAIS DES NATIONS\b.{0,40}GEN[EÈ]V[AE]\b.{0,40}$", re.IGNORECASE)
# The body of a footnote printed as a plain number: "1 See A/HRC/45/8", "1. See …", "1) See …".
_PLAIN_NOTE = re.compile(r"^(\d{1,3})(?:[.)]\s+|\s+)(?=\S)")
_MARKED_NOTE = re.compile(r"\[\^\d{1,3}\]")
# Extractors that know a page header (DOCX header parts) declare it in this Markdown-footnote-like form.
DECLARED_HEADER = re.compile(r"^\[\^header\]:\s*(.+)$")
_URL_END = re.compile(r"https?://\S*[^\s.,;:)”\"]$")


@dataclass
class CleanText:
    paragraphs: list[str]
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    running_headers: list[str] = field(default_factory=list)


def clean(text: str) -> CleanText:
    text = strip_markup(normalise_characters(text))
    blocks = _blocks(text)
    blocks = [b for b in blocks if not _PAGE_NUMBER.match(b) and not _LETTERHEAD.match(b)]
    if not _MARKED_NOTE.search(text):  # no marked footnotes: maybe plain numbers ("extremism.1" … "1 We take")
        blocks = _plain_footnotes(blocks)
    declared = [m.group(1).strip() for b in blocks if (m := DECLARED_HEADER.match(b))]
    blocks = [b for b in blocks if not DECLARED_HEADER.match(b)]
    body, footnotes = _take_footnotes(blocks)
    headers = _running_headers(body, declared)
    # Footnote bodies and headers sit where a page break put them: out, and the sentences they cut re-joined.
    kept, cut = [], set()
    for block in blocks:
        if block in headers or _FOOTNOTE_BODY.match(block):
            cut.add(len(kept))
        else:
            kept.append(block)
    blocks = _join_continuations(rejoin(kept, cut))
    return CleanText(blocks, footnotes, headers)


def normalise_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
    text = _SPACES.sub(" ", text)
    if _ANY_INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def strip_markup(text: str) -> str:
    """Markdown/HTML markup out; footnote references and definitions as ``[^N]`` / ``[^N]: text``."""
    # Each rule runs only when its trigger character is present: most letters have little markup (speed).
    if "<" in text:
        text = _SUP_TAG.sub(r"[^\1]", text)
        text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", text))
        text = _AUTOLINK.sub(r"\1", text)
    if "](" in text:
        text = _LINK.sub(lambda m: m.group(1) if m.group(1).strip() else m.group(2), text)
    text = _RULE.sub("", text)
    if "#" in text:
        text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    text = text.replace("**", "")
    if "__" in text:
        text = _EMPHASIS.sub("", text)
    if "*" in text:
        text = _ITALIC.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if _ANY_SUPERSCRIPT.search(text):
        text = _SUP_DIGITS_LINE_START.sub(lambda m: f"[^{m.group(1).translate(_SUPERSCRIPTS)}]: ", text)
        text = _ANY_SUPERSCRIPTS.sub(lambda m: _superscript_token(m, text), text)
    return text


def _superscript_token(match: re.Match, text: str) -> str:
    """Superscript digits glued to a word are a footnote reference (a lookbehind here would be slow)."""
    before = text[match.start() - 1] if match.start() else " "
    return match.group(0) if before.isspace() else f"[^{match.group(0).translate(_SUPERSCRIPTS)}]"


def unwrap(paragraph: str) -> str:
    """Join a paragraph's printed lines into one line."""
    out = ""
    for line in paragraph.split("\n"):
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -") and line[:1].islower():
            out += line  # "well-\nknown": keep the hyphen, drop the break
        elif _URL_END.search(out) and not line.startswith(("http", "(", "[")):
            out += line  # a long URL wrapped over lines
        elif out.endswith("/") and line[:1].isalnum():
            out += line  # "supplying/" + "receiving", "A/HRC/" + "RES/17/31": a line broken after a slash
        else:
            out += " " + line
    return re.sub(r"  +", " ", out)


def _blocks(text: str) -> list[str]:
    blocks = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in raw.split("\n") if line.strip()]
        current: list[str] = []
        for line in lines:
            # A footnote body, or a list item after a finished sentence, starts a paragraph of its own even without
            # a blank line before it.
            starts_item = LIST_ITEM.match(line) and not _ends_mid_sentence(current[-1]) if current else False
            if current and (_FOOTNOTE_BODY.match(line) or starts_item):
                blocks.append("\n".join(current))
                current = []
            current.append(line)
        if current:
            blocks.append("\n".join(current))
    return blocks


def _plain_footnotes(blocks: list[str]) -> list[str]:
    """Footnotes printed as plain numbers, as text copied from a PDF has them: a block "N text" or "N. text" is the
    body of footnote N when N follows the last footnote found, the block is not the next item of a numbered list,
    and the text before it has N glued to a word or a punctuation mark ("extremism.1 Such"), its reference."""
    out = list(blocks)
    expected, searched_to = 1, (0, 0)  # (block, offset) after the last reference found
    for index, block in enumerate(out):
        match = _PLAIN_NOTE.match(block)
        if not match or int(match.group(1)) != expected or _continues_a_list(out, index):
            continue
        reference = _last_reference(out, index, expected, searched_to)
        if reference is None:
            continue
        at, start, end = reference
        out[at] = out[at][:start] + f"[^{expected}]" + out[at][end:]
        out[index] = f"[^{expected}]: " + block[match.end() :]
        searched_to, expected = (at, start + len(f"[^{expected}]")), expected + 1
    return out


def _continues_a_list(blocks: list[str], index: int) -> bool:
    """ "1. Please provide" after "… on the following matters:" or "3. …" after "2. …": a list, not a footnote."""
    if index == 0:
        return False
    previous = blocks[index - 1].rstrip()
    number = int(_PLAIN_NOTE.match(blocks[index]).group(1))
    before = re.match(r"^(\d{1,2})[.)]\s", previous)
    return previous.endswith(":") or bool(before and int(before.group(1)) == number - 1)


def _last_reference(blocks, index, number, searched_to) -> tuple[int, int, int] | None:
    """(block, start, end) of the last "N" glued to a word before blocks[index], after the previous reference."""
    pattern = re.compile(rf"(?<=[^\s\d/.,:\-–(\[^]){number}(?=[\s,;:.)”\"’]|$)|(?<=[.,;:”\"’)]){number}(?=\s|$)")
    for at in range(index - 1, searched_to[0] - 1, -1):
        floor = searched_to[1] if at == searched_to[0] else 0
        found = [m for m in pattern.finditer(blocks[at]) if m.start() >= floor]
        if found and not _PLAIN_NOTE.match(blocks[at]):
            return at, found[-1].start(), found[-1].end()
    return None


def _take_footnotes(blocks: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    body, notes = [], []
    for block in blocks:
        match = _FOOTNOTE_BODY.match(block)
        if match:  # a body paragraph never starts with a footnote reference
            notes.append((int(match.group(1)), unwrap(block[match.end() :])))
        else:
            body.append(block)
    return body, notes


def _ends_mid_sentence(block: str) -> bool:
    return not _SENTENCE_END.search(block.rstrip()[-12:])


def _starts_lowercase(block: str) -> bool:
    first = block.lstrip("“\"'‘(")[:1]
    return first.islower() and not LIST_ITEM.match(block)


def _running_headers(blocks: list[str], declared: list[str]) -> list[str]:
    """A short one-line block that interrupts a sentence, or repeats at page breaks, is a running page header;
    so is any block equal to a header the file format declared (DOCX header parts)."""
    short = [b if "\n" not in b and len(b) <= _MAX_HEADER_CHARS and not LIST_ITEM.match(b) else None for b in blocks]
    headers: list[str] = [h for h in declared if h]
    for i in range(1, len(blocks) - 1):
        if short[i] and _ends_mid_sentence(blocks[i - 1]) and _starts_lowercase(blocks[i + 1]):
            if len(blocks[i - 1]) > len(blocks[i]) and not blocks[i].endswith(":"):
                headers.append(blocks[i])
    repeated = Counter(b for b in short if b)
    headers += [b for b, n in repeated.items() if n >= 2 and _looks_like_header(b) and b not in headers]
    return list(dict.fromkeys(headers))


def _looks_like_header(block: str) -> bool:
    words = block.split()
    return 1 <= len(words) <= 10 and not block.endswith((":", ",")) and block[:1].isupper()


def _join_continuations(blocks: list[str]) -> list[str]:
    """Re-join a sentence broken by a page break (or by a removed header or footnote)."""
    out: list[str] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            out[-1] = out[-1] + "\n" + block
        else:
            out.append(block)
    return out


def _continues(previous: str, block: str) -> bool:
    if not _ends_mid_sentence(previous):
        return False
    if _starts_lowercase(block):
        return True
    last_word = previous.rsplit(None, 1)[-1].lower() if previous.split() else ""
    return last_word in _JOINING_WORDS and len(previous) > 60 and not LIST_ITEM.match(block)


def _cut_by_a_page_break(previous: str, block: str) -> bool:
    """A paragraph of the genre ends with a sentence; a long one that does not was cut (a short one is a heading)."""
    if len(previous) <= _MAX_HEADER_CHARS or previous.rstrip().endswith(":") or LIST_ITEM.match(block):
        return False
    if "\n" not in block and len(block) <= _MAX_HEADER_CHARS and _ends_mid_sentence(block):
        return False  # the next block is a heading ("Annex"): the previous one ended a part (signatures)
    return _ends_mid_sentence(previous) and not _FOOTNOTE_BODY.match(block)


def rejoin(blocks: list[str], positions: set[int]) -> list[str]:
    """Join blocks[i] to blocks[i - 1], for each i in `positions` (where a header was removed), when the earlier
    block stops mid-sentence: the page break cut the sentence, whatever the case of the next word."""
    out = list(blocks)
    for index in sorted(positions, reverse=True):
        if 0 < index < len(out) and _cut_by_a_page_break(out[index - 1], out[index]):
            out[index - 1 : index + 1] = [out[index - 1] + "\n" + out[index]]
    return out
