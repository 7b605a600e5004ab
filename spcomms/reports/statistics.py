"""The public statistics page's one data function: HTML, JSON, CSV and the charts are renderings of it.

Filters: year (of the letter's date) or session (its letter window), mandate, State (ISO alpha-3) or addressee kind.
Figures come from reports.counts over the published facts (reports.facts, the visibility gate).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.http import urlencode

from spcomms.lib.regions import region_of
from spcomms.lib.states import un_state_names
from spcomms.registry.models import Mandate

from . import charts, counts
from .facts import COMPANY, KIND_LABELS, KINDS, NO_DAY, OTHER, FactTable, cache_version, published_facts
from .sessions import SessionError, council_session, parse_session

FILTERS = ("year", "session", "mandate", "state", "kind")
CACHED = 512  # figures, charts and pages of the most recent filter combinations (a few MB)
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    session: int | None = None
    mandate: int | None = None
    state: str | None = None
    kind: str | None = None

    def query(self) -> dict:
        return {name: value for name in FILTERS if (value := getattr(self, name)) is not None}


def parse_filters(params) -> Filters:
    values = {}
    for name in params:
        if name not in FILTERS:
            raise BadRequest(f"unknown filter {name[:30]!r} (expected: {', '.join(FILTERS)})")
    for name in FILTERS:
        given = params.getlist(name)
        if len(given) > 1:
            raise BadRequest(f"'{name}' may be given once")
        if given and given[0].strip():
            values[name] = given[0].strip()
    year = values.get("year")
    if year is not None and not (year.isascii() and year.isdigit() and 1980 <= int(year) <= 2100):
        raise BadRequest(f"year {year[:10]!r} is not a year like 2021")
    session = None
    if "session" in values:
        try:
            session = parse_session(values["session"])
        except SessionError as exc:
            raise BadRequest(str(exc)) from None
    mandate = values.get("mandate")
    if mandate is not None:
        if not (mandate.isascii() and mandate.isdigit() and len(mandate) < 10):
            raise BadRequest("'mandate' must be a mandate's number")
        if not Mandate.objects.filter(pk=int(mandate)).exists():
            raise BadRequest(f"unknown mandate: {mandate}")
    state = values.get("state", "").upper() or None
    if state is not None and state not in un_state_names():
        raise BadRequest(f"{state[:10]!r} is not the ISO alpha-3 code of a State")
    kind = values.get("kind")
    if kind is not None and kind not in KIND_LABELS:
        raise BadRequest(f"unknown kind {kind[:20]!r} (expected one of: {', '.join(KIND_LABELS)})")
    return Filters(int(year) if year else None, session, int(mandate) if mandate else None, state, kind)


def select(t: FactTable, filters: Filters) -> np.ndarray:
    """Row indices of the letters that pass every filter."""
    chosen = t.with_mandate(filters.mandate) if filters.mandate else t.every
    if filters.year:
        chosen = chosen[t.year[chosen] == filters.year]
    if filters.session:
        window = council_session(filters.session)
        chosen = counts.sent_between(t, chosen, window.sent_from, window.sent_to)
    if filters.state:
        code = t.codes.index(filters.state) if filters.state in t.codes else -1
        chosen = chosen[(t.kind[chosen] == 0) & (t.code[chosen] == code)]
    if filters.kind:
        chosen = chosen[t.kind[chosen] == KINDS.index(filters.kind)]
    return chosen


def figures(t: FactTable, sel: np.ndarray, mandates: dict) -> dict:
    names = un_state_names()
    regions = region_of()
    return {
        **counts.letter_figures(t, sel),
        "replied": counts.replied(t, sel),
        "replied_within_60_days": counts.replied_within(t, sel),
        "replied_later": counts.replied_later(t, sel),
        "reply_rate": counts.reply_rate(t, sel),
        "median_days_to_reply": counts.median_days_to_reply(t, sel),
        "reply_rate_by_kind": counts.reply_rate_by_kind(t, sel),
        "by_month": counts.by_month(t, sel),
        "per_mandate": [
            {"id": m, "mandate": mandates[m].title, "short": mandates[m].short, "communications": n}
            for m, n in counts.per_mandate(t, sel).most_common()
            if m in mandates
        ],
        "per_state": [
            {"code": code, "state": names.get(code, code), "region": regions.get(code, ""), "communications": n}
            for code, n in counts.per_state(t, sel).most_common()
        ],
        "per_region": dict(counts.per_region(t, sel, regions).most_common()),
    }


def _computed(filters: Filters) -> tuple[dict, list]:
    """(figures, charts) for `filters`, from memory while the published register has not changed."""
    key = (cache_version(fresh=False), filters)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    mandates = {m.pk: m for m in Mandate.objects.all()}
    t = published_facts(fresh=False)
    chosen = select(t, filters)
    result = (figures(t, chosen, mandates), charts.statistics_charts(t, chosen, mandates))
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return result


def chart_svg(filters: Filters, name: str) -> str:
    key = (cache_version(fresh=False), filters, name)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    found = [c for c in _computed(filters)[1] if c.name == name]
    if not found:
        raise KeyError(name)
    svg = found[0].svg()
    with _cache_lock:
        _cache[key] = svg
    return svg


def cached_page(request, render_page) -> bytes:
    """The rendered HTML page for these filters, kept with the figures (same version, same LRU)."""
    filters = parse_filters(request.GET)
    key = (cache_version(fresh=False), filters, request.get_host(), "html")
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    content = render_page(request)
    with _cache_lock:
        _cache[key] = content
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return content


def _url(route: str, filters: Filters, **kwargs) -> str:
    query = urlencode(filters.query())
    return reverse(route, kwargs=kwargs) + (f"?{query}" if query else "")


def statistics_data(request) -> dict:
    filters = parse_filters(request.GET)
    figures_, chart_list = _computed(filters)
    return {
        "filters": filters.query(),
        "figures": figures_,
        "charts": [
            chart.as_data() | {"src": request.build_absolute_uri(_url("reports:chart", filters, name=chart.name))}
            for chart in chart_list
        ],
        "choices": _choices(),
        "formats": {
            "html": _url("reports:statistics", filters),
            "json": _url("reports:statistics-format", filters, fmt="json"),
            "csv": _url("reports:statistics-format", filters, fmt="csv"),
        },
        "definitions": "/reports/#definitions",
    }


def _choices() -> dict:
    """The values the filters offer: those of the published register (kept while it does not change)."""
    key = (cache_version(fresh=False), "choices")
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    choices = _compute_choices(published_facts(fresh=False))
    with _cache_lock:
        _cache[key] = choices
    return choices


def _compute_choices(t: FactTable) -> dict:
    dated = t.day != NO_DAY
    years = sorted(set(t.year[dated].tolist()), reverse=True)
    names = un_state_names()
    state_codes = {t.codes[i] for i in np.unique(t.code[t.kind == 0]).tolist()}
    return {
        "year": years,
        "mandate": [(m.pk, m.title) for m in Mandate.objects.filter(pk__in=t.mandate_ids).order_by("title")],
        "state": sorted(((c, names.get(c, c)) for c in state_codes), key=lambda pair: pair[1]),
        "kind": list(KIND_LABELS.items()),
    }


def csv_rows(page: dict) -> list[dict]:
    """Every figure as (table, key, value): one long table that any spreadsheet reads."""
    f = page["figures"]
    rows = []
    for name in ("communications", "joint", "single", "joint_share", "states_addressed", "member_states_addressed",
                 "member_share", "non_state_actors_addressed", "replied", "replied_within_60_days", "replied_later",
                 "reply_rate", "median_days_to_reply"):  # fmt: skip
        rows.append({"table": "figures", "key": name, "value": f[name]})
    for table in ("by_type", "by_kind", "reply_rate_by_kind", "by_month", "per_region"):
        rows += [{"table": table, "key": k, "value": v} for k, v in f[table].items()]
    rows += [{"table": "per_mandate", "key": m["mandate"], "value": m["communications"]} for m in f["per_mandate"]]
    rows += [{"table": "per_state", "key": s["state"], "value": s["communications"]} for s in f["per_state"]]
    return rows


__all__ = ["COMPANY", "OTHER", "statistics_data", "chart_svg", "csv_rows", "parse_filters"]
