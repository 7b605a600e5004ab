"""The fixed paragraphs of a letter, as printed in the real letters of 2021, marked for translation.

Wording depends on who signs (one expert writes "I … my", several or a working group write "we … our") and on who is
addressed ("your Excellency’s Government", "your company", "your organization").
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spcomms.lib.letter import STATE


def join_and(items: list[str], sep: str = ", ", last: str = " and ") -> str:
    """'A, B and C' (the letters put no comma before 'and')."""
    if len(items) <= 1:
        return "".join(items)
    return sep.join(items[:-1]) + last + items[-1]


def you(kind: str, addressee_kind: str = "") -> str:
    if kind == STATE:
        return _("your Excellency’s Government")
    return _("your company") if addressee_kind in ("", "company") else _("your organization")


def capacity(titles: list[str], resolutions: list[str], plural: bool) -> str:
    joined_titles = join_and(titles, "; ", "; and ")
    joined_resolutions = join_and(resolutions)
    cited = ngettext(
        "pursuant to Human Rights Council resolution %(resolutions)s",
        "pursuant to Human Rights Council resolutions %(resolutions)s",
        len(resolutions),
    ) % {"resolutions": joined_resolutions}
    if plural:
        opening = ngettext(
            "We have the honour to address you in our capacity as %(titles)s",
            "We have the honour to address you in our capacities as %(titles)s",
            len(titles),
        ) % {"titles": joined_titles}
    else:
        opening = _("I have the honour to address you in my capacity as %(titles)s") % {"titles": joined_titles}
    return f"{opening}, {cited}." if resolutions else f"{opening}."


def procedure(mandate_count: int) -> str:
    return _(
        "We are independent human rights experts appointed and mandated by the United Nations Human Rights Council to "
        "report and advise on human rights issues from a thematic or country-specific perspective. We are part of the "
        "special procedures system of the United Nations, which has %(count)s thematic and country mandates on a broad "
        "range of human rights issues. We are sending this letter under the communications procedure of the Special "
        "Procedures of the United Nations Human Rights Council to seek clarification on information we have received. "
        "Special Procedures mechanisms can intervene directly with Governments and other stakeholders (including "
        "companies) on allegations of abuses of human rights that come within their mandates by means of letters, "
        "which include urgent appeals, allegation letters, and other communications. The intervention may relate to a "
        "human rights violation that has already occurred, is ongoing, or which has a high risk of occurring. The "
        "process involves sending a letter to the concerned actors identifying facts of the allegation, applicable "
        "international human rights norms and standards, the concerns and questions of the mandate-holder(s), and a "
        "request for follow-up action. Communications may deal with individual cases, general patterns and trends of "
        "human rights violations, cases affecting a particular group or community, or the content of draft or existing "
        "legislation, policy or practice considered not to be fully compatible with international human rights "
        "standards."
    ) % {"count": mandate_count}


def annex_pointer() -> str:
    return _(
        "In connection with the above alleged facts and concerns, please refer to the Annex on Reference to "
        "international human rights law attached to this letter which cites international human rights instruments "
        "and standards relevant to these allegations."
    )


def questions_intro(plural: bool) -> str:
    if plural:
        return _(
            "As it is our responsibility, under the mandates provided to us by the Human Rights Council, to seek to "
            "clarify all cases brought to our attention, we would be grateful for your observations on the following "
            "matters:"
        )
    return _(
        "As it is my responsibility, under the mandate provided to me by the Human Rights Council, to seek to clarify "
        "all cases brought to my attention, I would be grateful for your observations on the following matters:"
    )


def publication(kind: str, addressee_kind: str, days: int) -> str:
    if kind == STATE:
        text = _(
            "This communication and any response received from %(you)s will be made public via the communications "
            "reporting website within %(days)s days. They will also subsequently be made available in the usual "
            "report to be presented to the Human Rights Council."
        )
    else:
        text = _(
            "This communication and any response received from %(you)s will be made public via the communications "
            "reporting website in %(days)s days. They will also subsequently be made available in the usual report to "
            "be presented to the Human Rights Council."
        )
    return text % {"you": you(kind, addressee_kind), "days": days}


def press_release(kind: str, addressee_kind: str, plural: bool) -> str:
    if plural:
        text = _(
            "We may publicly express our concerns in the near future as, in our view, the information upon which the "
            "press release will be based is sufficiently reliable to indicate a matter warranting immediate attention. "
            "We also believe that the wider public should be alerted to the potential implications of the "
            "above-mentioned allegations. The press release will indicate that we have been in contact with %(you)s to "
            "clarify the issue/s in question."
        )
    else:
        text = _(
            "I may publicly express my concerns in the near future as, in my view, the information upon which the "
            "press release will be based is sufficiently reliable to indicate a matter warranting immediate attention. "
            "I also believe that the wider public should be alerted to the potential implications of the above-"
            "mentioned allegations. The press release will indicate that I have been in contact with %(you)s to "
            "clarify the issue/s in question."
        )
    return text % {"you": you(kind, addressee_kind)}


def also_sent(states: list[str], companies: int, others: int, addressee_is_company: bool) -> tuple[str, str]:
    """The 'letters expressing similar concerns are also sent to …' paragraph and its summary of non-States."""
    parts = []
    if states:
        parts.append(
            ngettext("the Government of %(states)s", "the Governments of %(states)s", len(states))
            % {"states": join_and(states)}
        )
    summary = ""
    if companies:
        summary = (
            _("other companies involved in the abovementioned allegations")
            if addressee_is_company
            else _("companies involved in the abovementioned allegations")
        )
    if others:
        extra = _("other actors involved in the abovementioned allegations")
        summary = f"{summary} {_('and')} {extra}" if summary else extra
    if summary:
        parts.append((_("to %(summary)s") if states else "%(summary)s") % {"summary": summary})
    if not parts:
        return "", ""
    joined = (
        _("%(states)s, as well as %(others)s") % {"states": parts[0], "others": parts[1]}
        if len(parts) == 2
        else (parts[0])
    )
    return _("Please note that letters expressing similar concerns are also sent to %(whom)s.") % {
        "whom": joined
    }, summary


def closing(kind: str, honorific: str, person: str, plural: bool) -> str:
    if kind == STATE:
        name = _("Excellency")
    elif honorific and person:
        name = f"{honorific} {person}"
    else:
        name = _("Sir/Madam")
    if plural:
        return _("Please accept, %(name)s, the assurances of our highest consideration.") % {"name": name}
    return _("Please accept, %(name)s, the assurances of my highest consideration.") % {"name": name}


ANNEX_TITLE = "Reference to international human rights law"


def annex_title() -> str:
    return _("Reference to international human rights law")
