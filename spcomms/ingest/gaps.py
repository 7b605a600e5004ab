"""What the parser could not fill in a letter: one warning per missing field, naming what was expected.

The parser refuses a letter only without a reference or a date; everything else may be missing from an unusual
letter, and these warnings say so instead of leaving an empty field unexplained.
"""

from __future__ import annotations

from spcomms.lib.letter import FOOTNOTE_TOKEN, NON_STATE, Letter

_SECTIONS = {
    "capacity": "no opening paragraph found (expected 'We have the honour to address you in our capacities as …')",
    "facts": "no facts found (expected them after 'According to the information received:')",
    "publication": "no publication notice found (expected '… will be made public via the communications reporting "
    "website …')",
    "closing": "no closing found (expected 'Please accept … the assurances of our highest consideration.')",
}


def unfilled(letter: Letter) -> list[str]:
    """Warnings for the fields of `letter` that are empty, in the order of the record."""
    warnings = []
    if letter.addressee.kind == NON_STATE and not letter.addressee.name.strip():
        warnings.append("addressee organisation not found (no running page header and no line before the "
                        "salutation names it): to be filled in")  # fmt: skip
    if not letter.addressee.salutation:
        warnings.append("no salutation found (expected 'Excellency,' or 'Dear …,' after the date)")
    if not letter.mandates:
        warnings.append("no mandates found (expected 'Mandates of the …' above the reference)")
    if not letter.resolutions:
        warnings.append("no Human Rights Council resolutions found (expected '… pursuant to Human Rights Council "
                        "resolutions 44/15, …' in the opening paragraph)")  # fmt: skip
    if not letter.questions:
        warnings.append("no numbered questions found (expected '1. Please provide …' after the questions' "
                        "introduction)")  # fmt: skip
    if not letter.signatories:
        warnings.append("no signatories found (expected names and titles after the closing)")
    if letter.publication_days is None:
        warnings.append("no publication period found (expected '… in 60 days' in the publication notice)")
    for name, problem in _SECTIONS.items():
        if not getattr(letter.sections, name):
            warnings.append(problem)
    warnings += _footnote_gaps(letter)
    return warnings


def _footnote_gaps(letter: Letter) -> list[str]:
    body = "\n".join(str(value) for value in vars(letter.sections).values()) + "\n".join(letter.questions)
    referenced = {int(number) for number in FOOTNOTE_TOKEN.findall(body)}
    texts = {note.number for note in letter.footnotes}
    problems = [f"footnote {n} is referenced but its text was not found" for n in sorted(referenced - texts)]
    problems += [f"footnote {n} has a text but no reference in the letter" for n in sorted(texts - referenced)]
    return problems
