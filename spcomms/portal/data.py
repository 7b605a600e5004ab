"""One data function per public page. HTML, JSON and CSV are renderings of what these return (portal.render).

Every value comes from the visibility gate (directly, or through the search index it fills). The keys of these
dicts are the public API contract documented in docs/api.md: keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

import math

from django.http import Http404, HttpRequest
from django.urls import reverse

from spcomms.cases import visibility
from spcomms.cases.models import Communication
from spcomms.lib import clock
from spcomms.lib.letter import Letter
from spcomms.lib.references import ReferenceError, reference_from_slug, slug_of
from spcomms.registry.models import Addressee, Mandate

from . import letter_files, params, search
from .models import public_kind
from .present import (
    CHANNEL_LABELS,
    FACET_TITLES,
    KIND_LABELS,
    REPLIED_LABELS,
    TYPE_LABELS,
    highlight,
)

API_VERSION = 1


def communication_url(slug: str, fmt: str = "") -> str:
    return reverse("portal:communication", kwargs={"slug": slug}) + (f".{fmt}" if fmt else "")


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


# --- /communications ------------------------------------------------------------------------------------------


def search_data(request: HttpRequest) -> dict:
    """The search page: hits of one page with snippets, total, pagination and every facet with counts."""
    query, echo = params.parse_query(request.GET)
    results = search.search(query)
    pages = max(1, math.ceil(results.total / query.limit))
    if echo["page"] > pages:
        raise params.NotFoundPage(f"there is no page {echo['page']}: the last page is {pages}")
    base = reverse("portal:search")
    return {
        "api_version": API_VERSION,
        "query": echo | {"words": list(query.words), "effective_sort": query.effective_sort},
        "total": results.total,
        "pagination": _pagination(request, base, echo["page"], pages, query, results.total, len(results.hits)),
        "results": [_hit_data(request, hit) for hit in results.hits],
        "facets": _facets(request, base, results.facets, query),
        "sorts": [
            {"value": s, "label": s.capitalize(), "selected": s == echo["sort"], "url": _with(request, base, sort=s)}
            for s in search.SORTS
        ],
        "formats": {
            "html": _with(request, base),
            "json": _with(request, reverse("portal:search", kwargs={"fmt": "json"})),
            "csv": _with(request, reverse("portal:search", kwargs={"fmt": "csv"})),
        },
    }


def _hit_data(request: HttpRequest, hit: search.Hit) -> dict:
    return {
        "reference": hit.reference,
        "slug": hit.slug,
        "url": _absolute(request, communication_url(hit.slug)),
        "json_url": _absolute(request, communication_url(hit.slug, "json")),
        "date": hit.date,
        "published_at": hit.published_at,
        "type": hit.public_type,
        "type_label": TYPE_LABELS.get(hit.public_type, hit.public_type),
        "addressee": {"id": hit.addressee_id, "name": hit.addressee_name, "kind": hit.addressee_kind},
        "mandates": hit.mandates,
        "summary": hit.summary,
        "snippet_html": str(highlight(hit.snippet)),
        "reply_received": hit.reply_count > 0,
        "reply_count": hit.reply_count,
        "replies": hit.reply_count,  # the same number as reply_count (kept for API version 1 clients)
        "last_reply_on": hit.last_reply_on,
    }


def _with(request: HttpRequest, base: str, **changes) -> str:
    """The current query string with some parameters replaced (None removes); any change of filter resets page."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            query.setlist(key, [str(v) for v in value])
        else:
            query[key] = str(value)
    if "page" not in changes:
        query.pop("page", None)
    encoded = query.urlencode()
    return base + (f"?{encoded}" if encoded else "")


def _pagination(request, base, page, pages, query, total, shown) -> dict:
    first = query.offset + 1 if shown else 0
    return {
        "page": page,
        "pages": pages,
        "per_page": query.limit,
        "total": total,
        "first_item": first,
        "last_item": query.offset + shown,
        "previous_url": _with(request, base, page=page - 1) if page > 1 else None,
        "next_url": _with(request, base, page=page + 1) if page < pages else None,
    }


FACET_SIZE = 30  # values shown per facet, the most frequent first (chosen ones always); `truncated` says if more


def _facets(request, base, counts: dict[str, dict[str, int]], query: search.Query) -> list[dict]:
    shown = {}
    for name in search.FACETS:
        selected = [str(v) for v in getattr(query, name)]
        values = dict(counts[name])
        for value in selected:
            values.setdefault(value, 0)  # a chosen value stays visible (and removable) even with no hits
        ranked = sorted(values.items(), key=lambda item: (item[0] not in selected, -item[1], item[0]))
        shown[name] = (selected, ranked[:FACET_SIZE], len(ranked))
    names = {
        "mandate": dict(Mandate.objects.filter(pk__in=_ids(shown["mandate"][1])).values_list("pk", "title")),
        "addressee": dict(Addressee.objects.filter(pk__in=_ids(shown["addressee"][1])).values_list("pk", "name")),
    }
    facets = []
    for name in search.FACETS:
        selected, values, distinct = shown[name]
        entries = []
        for value, count in values:
            chosen = value in selected
            toggled = [v for v in selected if v != value] if chosen else [*selected, value]
            entries.append(
                {
                    "value": value,
                    "label": _label(name, value, names),
                    "count": count,
                    "selected": chosen,
                    "toggle_url": _with(request, base, **{name: toggled}),
                }
            )
        entries.sort(key=_facet_order(name))
        facets.append(
            {
                "name": name,
                "title": FACET_TITLES[name],
                "values": entries,
                "distinct": distinct,
                "truncated": distinct > len(entries),
            }
        )
    return facets


def _ids(values) -> set[int]:
    return {int(value) for value, _ in values}


def _label(name: str, value: str, names: dict) -> str:
    if name == "kind":
        return KIND_LABELS.get(value, value)
    if name == "type":
        return TYPE_LABELS.get(value, value)
    if name == "replied":
        return REPLIED_LABELS.get(value, value)
    if name in names:
        return names[name].get(int(value), value)
    return value


def _facet_order(name: str):
    fixed = {"kind": list(KIND_LABELS), "type": list(TYPE_LABELS), "replied": ["yes", "no"]}
    if name in fixed:
        return lambda e: (fixed[name].index(e["value"]) if e["value"] in fixed[name] else 99, e["value"])
    if name == "year":
        return lambda e: -int(e["value"])
    return lambda e: (not e["selected"], -e["count"], e["label"])


# --- /communications/<slug> ------------------------------------------------------------------------------------


def public_by_slug(slug: str):
    """(Reference, PublicCommunication) through the gate; Http404 for malformed or unpublished references."""
    try:
        reference = reference_from_slug(slug)
        return reference, visibility.get_public_by_reference(reference, clock.now())
    except (ReferenceError, Communication.DoesNotExist):
        raise Http404(f"no published communication {slug[:60]}") from None


def communication_data(request: HttpRequest, slug: str) -> dict:
    """One communication: metadata, the letter as structured data, downloads, replies and related letters."""
    try:  # the letter and the case's other letters in one bulk read through the gate
        reference = reference_from_slug(slug)
        public, related = visibility.public_with_case_letters(reference, clock.now())
    except (ReferenceError, Communication.DoesNotExist):
        raise Http404(f"no published communication {slug[:60]}") from None
    canonical = reference.slug
    letter = letter_files.as_letter(public.letter)
    return {
        "api_version": API_VERSION,
        "reference": public.reference,
        "slug": canonical,
        "url": _absolute(request, communication_url(canonical)),
        "json_url": _absolute(request, communication_url(canonical, "json")),
        "type": public.public_type,
        "type_label": TYPE_LABELS.get(public.public_type, public.public_type),
        "joint": public.public_type.startswith("J"),
        "date": public.date,
        "year": public.year,
        "published_at": public.published_at,
        "addressee": {"name": public.addressee_name, "kind": public_kind(public.addressee_kind)},
        "mandates": list(public.mandates),
        "summary": public.summary,
        "letter": public.letter,
        "downloads": _downloads(request, canonical, letter),
        "replies": [
            {
                "id": reply.id,
                "received_on": reply.received_on,
                "language": reply.language,
                "channel": CHANNEL_LABELS.get(reply.channel, reply.channel),
                "text": reply.text,
                "file_url": _absolute(
                    request, reverse("portal:reply-file", kwargs={"slug": canonical, "reply_id": reply.id})
                )
                if reply.has_file
                else None,
                "sha256": reply.sha256 or None,
            }
            for reply in public.replies
        ],
        "reply_received": bool(public.replies),
        "related": [_related(request, other) for other in sorted(related, key=_by_date)],
    }


def _by_date(item: visibility.PublicCommunication):
    return (item.date is None, item.date, item.reference)


def _downloads(request, slug: str, letter: Letter | None) -> dict:
    if letter is None:
        return {}
    return {
        fmt: _absolute(request, reverse("portal:letter-file", kwargs={"slug": slug, "fmt": fmt}))
        for fmt in letter_files.FORMATS
    }


def _related(request, other: visibility.PublicCommunication) -> dict:
    slug = slug_of(other.reference)
    return {
        "reference": other.reference,
        "slug": slug,
        "url": _absolute(request, communication_url(slug)),
        "date": other.date,
        "type": other.public_type,
        "addressee": {"name": other.addressee_name, "kind": public_kind(other.addressee_kind)},
        "reply_received": bool(other.replies),
        "replies": len(other.replies),
    }


# --- / ---------------------------------------------------------------------------------------------------------


def home_data(request: HttpRequest) -> dict:
    """The front page: how much is published, the latest letters, and where the open data lives."""
    latest = search.search(search.Query(sort="newest", limit=10))
    return {
        "api_version": API_VERSION,
        "total": latest.total,
        "replied": latest.facets["replied"].get("yes", 0),
        "by_kind": {KIND_LABELS[k]: latest.facets["kind"].get(k, 0) for k in KIND_LABELS},
        "latest": [_hit_data(request, hit) for hit in latest.hits],
        "links": home_links(request),
    }


def home_links(request: HttpRequest) -> dict:
    return {
        "search": _absolute(request, reverse("portal:search")),
        "search_json": _absolute(request, reverse("portal:search", kwargs={"fmt": "json"})),
        "export_csv": _absolute(request, reverse("portal:export", kwargs={"fmt": "csv"})),
        "export_json": _absolute(request, reverse("portal:export", kwargs={"fmt": "json"})),
        "feed": _absolute(request, reverse("portal:feed")),
        "api": _absolute(request, reverse("portal:api")),
    }
