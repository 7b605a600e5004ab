"""Press releases drafted from a case: what the draft starts from, who is named, and what goes public.

Only public material goes in: the case's public summary and title, the mandates and signatories as printed, and
the addressees of the case's letters. Sources, confidential annexes, staff notes and letters' facts never do.
"""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from spcomms.cases.models import Case, Communication
from spcomms.lib import clock
from spcomms.registry.models import Addressee

from .models import PressRelease

TEXT_FIELDS = ("headline", "city", "release_date", "lead", "body", "quotes", "contacts", "embargo_until")
NOT_SENT = (Communication.PREPARED,)


def draft_fields(case: Case) -> dict:
    summary = case.summary.strip() or case.title
    return {
        "headline": f"UN experts concerned about {case.title[:1].lower()}{case.title[1:]}",
        "city": "GENEVA",
        "release_date": clock.today(),
        "lead": f"UN human rights experts today expressed serious concern about {summary[:1].lower()}{summary[1:]}",
        "body": "",
        "quotes": [],
        "contacts": "",
        "embargo_until": None,
    }


def dateline(release: PressRelease) -> str:
    """'GENEVA (29 March 2021) –' as OHCHR prints it."""
    return f"{release.city.upper()} ({release.release_date:%-d %B %Y}) –"


def named_letters(case: Case):
    """The letters whose addressees the release says the experts have been in contact with."""
    return case.communications.select_related("addressee").order_by("addressee__kind", "addressee__name")


def unsent(case: Case) -> list[str]:
    return [str(c.addressee) for c in named_letters(case) if c.status in NOT_SENT]


def contacted_sentence(case: Case) -> str:
    letters = [c for c in named_letters(case) if c.status not in NOT_SENT]
    states = sorted({c.addressee.name for c in letters if c.addressee.kind == Addressee.STATE})
    companies = sorted({c.addressee.name for c in letters if c.addressee.kind == Addressee.COMPANY})
    others = sorted({c.addressee.name for c in letters if c.addressee.kind in (Addressee.IGO, Addressee.OTHER)})
    parts = []
    if states:
        parts.append(("the Government of " if len(states) == 1 else "the Governments of ") + _series(states))
    if companies:
        parts.append(("the company " if len(companies) == 1 else "the companies ") + _series(companies))
    if others:
        parts.append(_series(others))
    if not parts:
        return ""
    return f"The experts have been in contact with {_series(parts)} on these matters."


def _series(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def experts(case: Case) -> list[dict]:
    return [{"name": s.holder.name, "title": s.printed_title} for s in case.casesignatory_set.select_related("holder")]


def content(release: PressRelease) -> dict:
    """The release as printed and published: the text approved, plus what is generated from the case."""
    return {
        "headline": release.headline,
        "dateline": dateline(release),
        "release_date": release.release_date.isoformat(),
        "lead": release.lead,
        "body": [p.strip() for p in release.body.split("\n\n") if p.strip()],
        "quotes": [{"text": q.get("text", ""), "speaker": q.get("speaker", "")} for q in release.quotes],
        "contacted": contacted_sentence(release.case),
        "experts": experts(release.case),
        "contacts": release.contacts,
        "embargo_until": release.embargo_until.isoformat() if release.embargo_until else None,
    }


def text_hash(release: PressRelease) -> str:
    """The version mandates approve: any change of the text (or of who is named) needs their approval again."""
    canonical = json.dumps(content(release), sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode()).hexdigest()


def announces_release(comm: Communication) -> bool:
    """The letter carries the press-release paragraph ("We may publicly express our concerns …")."""
    sections = (comm.letter or {}).get("sections") or {}
    return bool(str(sections.get("press_release", "")).strip())
