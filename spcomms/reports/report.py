"""The communications report to one session of the Council, as data built from the visibility gate.

Every output (PDF, DOCX, HTML, JSON, CSV) renders what `build_report` returns; a published report stores it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from spcomms.cases import visibility
from spcomms.lib import clock
from spcomms.lib.references import slug_of
from spcomms.lib.regions import region_of
from spcomms.lib.sessions import ordinal
from spcomms.lib.states import un_state_names
from spcomms.portal.data import communication_url
from spcomms.registry.models import Mandate

from . import charts, counts
from .facts import KIND_LABELS, STATE, Fact, published_facts  # noqa: F401 - Fact: the rows' type
from .sessions import council_session, report_date

TITLE = "Communications of special procedures"
TYPE_NAMES = {"AL": "Allegation letter", "UA": "Urgent appeal", "OL": "Other letter"}
COMMUNICATION_COLUMNS = ["date", "type", "reference", "addressee", "addressee_kind", "mandates", "summary",
                         "reply_received", "url"]  # fmt: skip
REPLY_COLUMNS = ["received_on", "reference", "addressee", "letter_date", "earlier_period", "url"]
MANDATE_COLUMNS = ["abbreviation", "title"]


def own_report_mandate_ids() -> frozenset[int]:
    return frozenset(Mandate.objects.filter(title__in=counts.OWN_REPORT_MANDATES).values_list("pk", flat=True))


def build_report(number: int, *, status: str = "draft") -> dict:
    session = council_session(number)
    own = own_report_mandate_ids()
    t = published_facts()
    window = counts.sent_between(t, t.every, session.sent_from, session.sent_to)
    letters = counts.in_council_report(t, window, own)
    # replies to letters of any period, as long as the letter is one the Council report lists
    replies = counts.replies_received_between(
        t, counts.in_council_report(t, t.every, own), session.replies_from, session.replies_to
    )
    rows = {i: t.fact(i) for i in set(letters.tolist()) | set(replies[0].tolist())}
    public = {p.id: p for p in visibility.iter_public_data([f.id for f in rows.values()])}
    mandates = {m.pk: m for m in Mandate.objects.all()}
    return {
        "session": session.number,
        "session_name": f"{ordinal(session.number)} session",
        "session_month": f"{dt.date(session.year, session.month, 1):%B %Y}",
        "symbol": session.symbol,
        "title": TITLE,
        "distribution": "General",
        "date": (report_date(number) or clock.today()).isoformat(),
        "status": status,
        "windows": {
            "sent_from": session.sent_from.isoformat(),
            "sent_to": session.sent_to.isoformat(),
            "replies_from": session.replies_from.isoformat(),
            "replies_to": session.replies_to.isoformat(),
        },
        "figures": figures(t, letters, replies, session.sent_from),
        "communications": _communication_rows(
            [rows[i] for i in letters.tolist()], public, mandates, session.replies_to
        ),
        "replies": _reply_rows(
            [(rows[i], dt.date.fromordinal(d)) for i, d in zip(replies[0].tolist(), replies[1].tolist(), strict=True)],
            public,
            session.sent_from,
        ),
        "mandates": _mandate_rows([rows[i] for i in rows], mandates),
        "charts": [chart.as_data() for chart in charts.report_charts(t, letters, mandates)],
    }


def figures(t, letters, replies, sent_from: dt.date) -> dict:
    return {
        **counts.letter_figures(t, letters),
        "replies_received": int(replies[0].size),
        "letters_answered_in_window": counts.letters_answered(replies),
        "replies_to_earlier_periods": counts.replies_to_earlier_periods(t, replies, sent_from),
    }


def _url(reference: str) -> str:
    return settings.SITE_URL + communication_url(slug_of(reference))


def _order(fact: Fact, public) -> tuple:
    """States first, by name; then other addressees by name; each by date and reference."""
    return (fact.kind != STATE, public.addressee_name.casefold(), fact.date or dt.date.min, public.reference)


def _communication_rows(letters, public, mandates, replies_to: dt.date) -> list[dict]:
    rows = []
    for fact in sorted(letters, key=lambda f: _order(f, public[f.id])):
        p = public[fact.id]
        answered = [day for day in fact.replies if day <= replies_to]
        rows.append(
            {
                "date": fact.date.isoformat() if fact.date else "",
                "type": fact.public_type,
                "reference": p.reference,
                "addressee": p.addressee_name,
                "addressee_kind": KIND_LABELS[fact.kind],
                "region": region_of().get(fact.code, "") if fact.kind == STATE else "",
                "mandates": [mandates[m].short for m in fact.mandates if m in mandates],
                "summary": p.summary,
                "reply_received": answered[0].isoformat() if answered else "",
                "url": _url(p.reference),
            }
        )
    return rows


def _reply_rows(replies, public, sent_from: dt.date) -> list[dict]:
    rows = []
    for fact, day in sorted(replies, key=lambda r: (r[1], public[r[0].id].reference)):
        p = public[fact.id]
        rows.append(
            {
                "received_on": day.isoformat(),
                "reference": p.reference,
                "addressee": p.addressee_name,
                "letter_date": fact.date.isoformat() if fact.date else "",
                "earlier_period": bool(fact.date and fact.date < sent_from),
                "url": _url(p.reference),
            }
        )
    return rows


def _mandate_rows(letters, mandates) -> list[dict]:
    used = {m for f in letters for m in f.mandates}
    chosen = sorted((mandates[m] for m in used if m in mandates), key=lambda m: m.short.casefold())
    return [{"abbreviation": m.short, "title": m.title} for m in chosen]


def state_name(code: str) -> str:
    return un_state_names().get(code, code)
