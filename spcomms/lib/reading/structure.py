"""What a reply says about its own structure: question markers, cross-references, refusals, boilerplate, weak
and negative statements. Rules for the genre (replies to Special Procedures letters), in English with the most
common French and Spanish forms; nothing here knows any particular letter or reply.
"""

from __future__ import annotations

import re

ORDINALS = {
    w: n
    for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), start=1
    )
}
_NUMBER = r"(?:\d{1,2}|" + "|".join(ORDINALS) + r")"
_LIST = rf"{_NUMBER}(?:\s*(?:,|and|&|to|through|-|–|y|et|e)\s*{_NUMBER})*"
_QWORD = r"(?:questions?|q\.?|points?|items?|requests?|pregunta|preguntas|cuesti[oó]n|cuestiones|punto|puntos)"
_NO = r"(?:n[o°º]s?\.?\s*|number\s+)?"

# "Regarding question 3", "As to your questions 4, 6 and 7", "In response to the third question", "Re: Q2".
LEAD_PHRASE = re.compile(
    r"^\W*(?:regarding|concerning|with\s+(?:regard|respect|reference)\s+to|as\s+(?:regards|to|for)|in\s+"
    r"(?:relation|response|reply|answer)\s+to|turning\s+to|on|re:?|reply\s+to|answer\s+to|response\s+to|"
    r"en\s+(?:ce\s+qui\s+concerne|r[ée]ponse\s+[àa])|concernant|s'agissant\s+de|en\s+relaci[oó]n\s+con|"
    r"con\s+respecto\s+a|respecto\s+(?:a|de)|en\s+cuanto\s+a)\s+(?:(?:your|the|our|la|las|el|los|votre|vos)\s+)?"
    rf"(?:(?P<ordinal>{'|'.join(ORDINALS)})\s+{_QWORD}|{_QWORD}\s*{_NO}(?P<numbers>{_LIST}))\b",
    re.IGNORECASE,
)
# A block opening with "Question 3", "Q3:", "Questions 4 and 5", "Question No. 2".
QUESTION_WORD = re.compile(rf"^\W*{_QWORD}\s*{_NO}(?P<numbers>{_LIST})\b\s*[.:)\-–—]?", re.IGNORECASE)
# A block opening with a bare number: "3.", "3)", "(3)".
BARE_NUMBER = re.compile(r"^\s*\(?(?P<number>\d{1,2})(?:[.)]|\.\))\s+(?=\S)")

CROSS_REFERENCE = re.compile(
    r"(?:refer(?:red)?\s+(?:back\s+)?to|\bsee\b|as\s+(?:stated|explained|described|indicated|mentioned|set\s+out|"
    r"detailed|noted)|(?:covered|addressed|answered)\s+(?:above|in|under)|se\s+r[ée]f[ée]rer|v[ée]ase|remit)"
    rf"[^.;]{{0,80}}?{_QWORD}\s*{_NO}(?P<numbers>{_LIST})",
    re.IGNORECASE,
)

# "refers to its reply of 2019 to communication AL DEU 1/2019": the answer is in another document, not this reply.
EXTERNAL_REFERENCE = re.compile(
    r"\brefer(?:s|red)?\s+(?:back\s+)?to\s+(?:its|our|the|their|my)\s+(?:previous\s+|earlier\s+|former\s+)?"
    r"(?:reply|replies|response|answer|letter|note(?:\s+verbale)?|submission|report)\b"
    r"(?![^.;]{0,40}\b(?:above|below|to\s+(?:question|q)\s*\d))",
    re.IGNORECASE,
)

REFUSAL = re.compile(
    r"(?:(?:do|does|did|will|shall|can|could|would)\s+not\s+(?:consider\s+it\s+(?:necessary|appropriate|useful)|"
    r"see\s+(?:the\s+|any\s+)?(?:need|reason)|find\s+it\s+(?:necessary|appropriate)|intend|wish|propose)\s+to\s+"
    r"(?:answer|respond|reply|comment|address|provide)|"
    r"declines?d?\s+to\s+(?:answer|respond|reply|comment|address|provide)|"
    r"(?:is|are|am)\s+not\s+in\s+a\s+position\s+to\s+(?:answer|respond|reply|comment|address|provide|disclose)|"
    r"(?:(?:will|shall|would|can|could)\s*not|cannot|won't|can't)\s+(?:answer|respond\s+to|reply\s+to|comment\s+on|"
    r"address)\s+"
    r"(?:the\s+|your\s+|these\s+|those\s+|any\s+|this\s+|that\s+)?(?:other\s+|remaining\s+|further\s+)?"
    r"(?:questions?|points?|matters?|requests?)|"
    r"interference\s+in\s+(?:its|the|our)\s+internal\s+affairs|no\s+(?:further\s+)?(?:comment|response)\s+"
    r"(?:is|will\s+be)\s+(?:necessary|provided|given))",
    re.IGNORECASE,
)
# A refusal that is about the rest of the letter, not one question.
REFUSAL_OF_REST = re.compile(r"\b(?:other|remaining|rest|further|these|those|all|any)\b", re.IGNORECASE)

BOILERPLATE = re.compile(
    r"^(?:(?:dear|excellenc(?:y|ies)|madam|sir)\b|yours\s+(?:sincerely|faithfully|truly)|sincerely|"
    r"(?:best|kind)\s+regards|ref(?:erence)?\.?\s*:|(?:geneva|new\s+york)?,?\s*\d{1,2}\s+\w+\s+\d{4}$|"
    r"\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}$|"
    r"(?:we|i)\s+(?:remain|stand)\s+at\s+your\s+disposal|please\s+accept|the\s+permanent\s+mission|"
    r"(?:we|i)\s+(?:acknowledge|confirm)\s+receipt|(?:we|i)\s+(?:would\s+)?(?:welcome|look\s+forward|stand\s+ready)|"
    r"(?:we|i)\s+(?:have\s+)?received\s+your\s+(?:letter|communication)|(?:we|i)\s+(?:would\s+like\s+to\s+)?thank\s+you|"
    r"with\s+reference\s+to\s+your\s+(?:letter|communication)|reply\s+to\s+communication|"
    r"(?:we|i)\s+(?:would\s+like\s+to\s+|wish\s+to\s+)?refer\s+to\s+(?:your|the)\s+(?:joint\s+)?(?:letter|communication)|"
    r"(?:head|office|director|chief|general\s+counsel)\b.{0,60}$|below\s+we\s+(?:answer|respond|reply))",
    re.IGNORECASE,
)

# Statements that say something without describing due diligence: legal compliance, CSR reports, importance.
WEAK = re.compile(
    r"(?:(?:comply|complies|complied|compliance)\s+with\s+(?:all\s+)?(?:the\s+)?(?:applicable|relevant|local|"
    r"national)?\s*(?:laws?|legislation|regulations?)|(?:abides?|abided)\s+by\s+(?:the\s+)?(?:laws?|legislation)|"
    r"attach(?:es|ed)?\s+(?:great|the\s+utmost|high)\s+importance|(?:always|firmly)\s+(?:been\s+)?committed\s+to|"
    r"corporate\s+social\s+responsibility|view\s+the\s+development|objective\s+and\s+impartial|"
    r"in\s+accordance\s+with\s+(?:the\s+)?(?:laws?|legislation)|"
    # "We consider that our existing internal rules are sufficient": a verdict on itself, no measure described.
    r"(?:existing|current|present)\s+(?:internal\s+)?(?:rules|policies|procedures|measures|systems?|framework)"
    r"[^.]{0,40}\b(?:sufficient|adequate|appropriate)\b)",
    re.IGNORECASE,
)
# Comment on the allegations themselves (the answer to the opening "any comment on the allegations" question).
ALLEGATION_COMMENT = re.compile(
    r"\b(?:allegations?|alleged|information\s+(?:you\s+have\s+)?received|claims?|accusations?|reports?\s+that)\b"
    r"|\b(?:groundless|unfounded|baseless|false|untrue|inaccurate|fabricat\w*|smear|slander\w*|lies|rejects?|"
    r"den(?:y|ies|ied)|refutes?|disputes?|do(?:es)?\s+not\s+correspond\s+to\s+the\s+facts)\b",
    re.IGNORECASE,
)
# "We have not (yet) engaged …": nothing done, so nothing described (an answer only to a "whether" question).
NOTHING_DONE = re.compile(
    r"\b(?:(?:have|has|had)\s+not\s+(?:yet\s+)?(?:been\s+)?\w+|(?:have|has)\s+(?:never|not\s+yet)\b|"
    r"(?:did|does|do)\s+not\s+(?:have|engage|report|carry|conduct|undertake)\b|no\s+\w+\s+(?:has|have)\s+been\b)",
    re.IGNORECASE,
)
# What gives such a statement substance: a reason, a plan, a condition, a figure.
SUBSTANCE = re.compile(
    r"(?:,\s*as\b|\b(?:because|since|given\s+that|should\s+we|if\s+we|we\s+(?:will|would|plan|intend)|"
    r"(?:is|are)\s+(?:being|under))\b|\d)",
    re.IGNORECASE,
)
WHETHER = re.compile(r"\b(?:whether|if\s+so|has\s+your|have\s+you|did\s+your|is\s+there)\b", re.IGNORECASE)
GENERIC_COMMENT_QUESTION = re.compile(
    r"(?:any\s+)?(?:additional\s+)?(?:information|comments?|observations?)\b[^.]{0,80}\b(?:allegations?|"
    r"above[-\s]mentioned|information\s+received)",
    re.IGNORECASE,
)


def parse_numbers(text: str) -> list[int]:
    """'4, 6 and 7' → [4, 6, 7]; '4 to 6' → [4, 5, 6]; 'third' → [3]."""
    tokens = re.findall(rf"{_NUMBER}|\bto\b|\bthrough\b|-|–", text, re.IGNORECASE)
    numbers: list[int] = []
    ranging = False
    for token in tokens:
        low = token.lower()
        if low in ("to", "through", "-", "–"):
            ranging = bool(numbers)
            continue
        value = ORDINALS.get(low) or int(low)
        if ranging and numbers and value > numbers[-1]:
            numbers.extend(range(numbers[-1] + 1, value + 1))
        else:
            numbers.append(value)
        ranging = False
    return list(dict.fromkeys(numbers))


def lead_marker(text: str) -> list[int]:
    """Question numbers a passage opens with ("Regarding question 3", "Question 3:", "Q3"), or []."""
    match = LEAD_PHRASE.match(text)
    if match:
        return [ORDINALS[match["ordinal"].lower()]] if match["ordinal"] else parse_numbers(match["numbers"])
    match = QUESTION_WORD.match(text)
    return parse_numbers(match["numbers"]) if match else []


def bare_number(text: str) -> int | None:
    match = BARE_NUMBER.match(text)
    return int(match["number"]) if match else None


def is_marker_only(text: str) -> bool:
    """ "Questions 5 and 6:" cut off as a sentence of its own: structure, not an answer."""
    return bool(lead_marker(text)) and len(text.split()) <= 6 and text.rstrip().endswith((":", "–", "—", "-"))


def refers_elsewhere(text: str) -> bool:
    return bool(EXTERNAL_REFERENCE.search(text)) and not CROSS_REFERENCE.search(text)


def cross_references(text: str) -> list[int]:
    match = CROSS_REFERENCE.search(text)
    return parse_numbers(match["numbers"]) if match else []


def is_boilerplate(text: str) -> bool:
    return bool(BOILERPLATE.search(text.strip())) or len(text.split()) <= 2


def is_nothing_done(text: str) -> bool:
    return bool(NOTHING_DONE.search(text)) and not SUBSTANCE.search(text)


def is_generic_comment_question(question: str) -> bool:
    return bool(GENERIC_COMMENT_QUESTION.search(question)) and len(question.split()) <= 40
