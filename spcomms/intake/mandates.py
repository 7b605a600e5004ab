"""Plain-language descriptions of the registry's mandates, for people choosing where to send information.

The registry holds each mandate's official title; the most asked-for mandates have a sentence written here, the
others a sentence made from their title. (The registry has no description field yet: see docs/intake.md.)
"""

from __future__ import annotations

import re

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from spcomms.registry.models import Mandate

# Only the person concerned, their family or their representatives may submit to these (OHCHR rules).
PERSONAL_ONLY = ("WG Detention", "WG Disappearances")

WRITTEN = {
    "WG Detention": gettext_lazy(
        "Someone was deprived of liberty arbitrarily: arrested or held without a legal basis, after an unfair "
        "trial, or for exercising their rights."
    ),
    "WG Disappearances": gettext_lazy(
        "Someone was taken by or with the support of the authorities and their fate or whereabouts are hidden."
    ),
    "SR Torture": gettext_lazy("Torture, ill-treatment or degrading punishment, including in custody."),
    "SR Executions": gettext_lazy("Killings by State agents or unlawful killings the State failed to prevent."),
    "SR Human rights defenders": gettext_lazy(
        "People attacked, threatened or prosecuted because they defend human rights."
    ),
    "SR Expression": gettext_lazy("Censorship, attacks on journalists, or people punished for what they said."),
    "SR Assembly and association": gettext_lazy(
        "Protests broken up, or associations, unions and NGOs banned or harassed."
    ),
    "WG Business": gettext_lazy("Harm caused by companies or their supply chains."),
    "SR Slavery": gettext_lazy("Forced labour, debt bondage, servitude and other forms of slavery."),
    "SR Trafficking": gettext_lazy("People recruited or moved by force or deception to be exploited."),
    "SR Independence of judges and lawyers": gettext_lazy(
        "Pressure on judges, lawyers or courts, and trials that are not fair."
    ),
    "SR Migrants": gettext_lazy("Abuses against migrants, at borders or in the country they live in."),
    "SR Violence against women": gettext_lazy("Violence against women and girls, and its causes."),
    "SR Indigenous peoples": gettext_lazy("Indigenous peoples' land, culture, consultation and self-government."),
    "SR Housing": gettext_lazy("Forced evictions, homelessness and housing conditions."),
    "SR Health": gettext_lazy("Access to health care and conditions that endanger health."),
}

_LEADS = re.compile(
    r"^(Special Rapporteur|Working Group of Experts|Working Group|Independent Expert)\s+(on|in the field of|of)\s+",
    re.IGNORECASE,
)


def describe(mandate: Mandate) -> str:
    written = WRITTEN.get(mandate.short)
    if written:
        return str(written)
    topic = _LEADS.sub("", mandate.title).strip()
    topic = re.sub(r"^the (issue of )?", "", topic)
    return _("Information about %(topic)s.") % {"topic": topic}


_cache: dict[tuple, list] = {}


def choices() -> list[tuple[int, str, str]]:
    """(pk, title, plain description) of the active mandates, thematic first.

    Kept per language while the registry's mandates are the same rows (the form shows them on two steps of every
    submission; the registry changes a few times a year)."""
    mandates = list(Mandate.objects.filter(active=True).values_list("pk", "title", "short", "kind", "country"))
    key = (get_language(), tuple(mandates))
    if key not in _cache:
        kinds = {Mandate.THEMATIC: 0, Mandate.COUNTRY: 1}
        ordered = sorted(mandates, key=lambda m: (kinds.get(m[3], 2), m[1]))
        rows = [(pk, title, describe(Mandate(title=title, short=short))) for pk, title, short, _k, _c in ordered]
        _cache.clear()  # one registry version at a time
        _cache[key] = rows
    return _cache[key]
