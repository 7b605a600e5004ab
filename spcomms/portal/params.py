"""Turn a public request's query string into a validated `search.Query`, or refuse it with a message (400)."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import QueryDict

from spcomms.cases import visibility
from spcomms.registry.models import Addressee, Mandate

from .models import PUBLIC_KINDS
from .search import FACETS, PUBLIC_TYPES, SORTS, Query, words_of

MAX_QUERY_LENGTH = 500
PER_PAGE, MAX_PER_PAGE = 20, 100
MAX_PAGE = 100_000  # far beyond any register; bigger numbers are refused before they reach SQL


class NotFoundPage(Exception):
    """A page number past the last page (404, not 400: the request is well formed, the page does not exist)."""


def _integer(name: str, raw: str, low: int, high: int) -> int:
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise BadRequest(f"'{name}' must be a whole number between {low} and {high}, not {raw[:40]!r}")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"'{name}' must be between {low} and {high}, not {value}")
    return value


def _single(params: QueryDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"'{name}' may be given only once")
    return values[0] if values else None


def _facet_values(params: QueryDict, name: str) -> tuple:
    raw = [v.strip() for v in params.getlist(name) if v.strip()]
    if len(raw) > 20:
        raise BadRequest(f"too many values for '{name}'")
    if name == "kind":
        unknown = [v for v in raw if v not in PUBLIC_KINDS]
        allowed = ", ".join(PUBLIC_KINDS)
    elif name == "type":
        raw = [v.upper() for v in raw]
        unknown = [v for v in raw if v not in PUBLIC_TYPES]
        allowed = ", ".join(PUBLIC_TYPES)
    elif name == "replied":
        unknown = [v for v in raw if v not in ("yes", "no")]
        allowed = "yes, no"
    elif name == "year":
        return tuple(sorted({_integer("year", v, 1980, 2100) for v in raw}))
    else:  # mandate, addressee: ids of registry rows
        model = Mandate if name == "mandate" else Addressee
        ids = {_integer(name, v, 1, 2**31 - 1) for v in raw}
        known_rows = model.objects.filter(pk__in=ids)
        if model is Addressee:  # an addressee nobody can see a letter to stays unknown (no existence oracle)
            known_rows = known_rows.filter(communications__in=visibility.published_communications())
        known = set(known_rows.values_list("pk", flat=True))
        if ids - known:
            raise BadRequest(f"unknown {name}: {', '.join(str(i) for i in sorted(ids - known))}")
        return tuple(sorted(ids))
    if unknown:
        raise BadRequest(f"unknown value for '{name}': {unknown[0][:40]!r} (expected one of: {allowed})")
    return tuple(dict.fromkeys(raw))


def parse_query(params: QueryDict) -> tuple[Query, dict]:
    """The Query, and the normalised parameters echoed back to the page (`q`, `page`, `per_page`, `sort`, facets)."""
    text = _single(params, "q") or ""
    if len(text) > MAX_QUERY_LENGTH:
        raise BadRequest(f"the search text is longer than {MAX_QUERY_LENGTH} characters")
    if "\x00" in text:
        raise BadRequest("the search text contains a NUL character")
    sort = _single(params, "sort") or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"unknown sort {sort[:40]!r} (expected one of: {', '.join(SORTS)})")
    page_raw, per_page_raw = _single(params, "page"), _single(params, "per_page")
    page = 1 if page_raw in (None, "") else _integer_page(page_raw)
    per_page = PER_PAGE if per_page_raw in (None, "") else _integer("per_page", per_page_raw, 1, MAX_PER_PAGE)
    facets = {name: _facet_values(params, name) for name in FACETS}
    query = Query(words=words_of(text), sort=sort, offset=(page - 1) * per_page, limit=per_page, **facets)
    echo = {"q": text, "page": page, "per_page": per_page, "sort": sort, **{k: list(v) for k, v in facets.items()}}
    return query, echo


def _integer_page(raw: str) -> int:
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and (len(raw) > 9 or int(raw) > MAX_PAGE):
        raise NotFoundPage(f"there is no page {raw[:20]}")
    return _integer("page", raw, 1, MAX_PAGE)
