"""Atom feed of newly published communications, optionally only those of a mandate, an addressee or a kind."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.utils.feedgenerator import Atom1Feed

from spcomms.cases import visibility
from spcomms.lib import clock
from spcomms.lib.references import slug_of
from spcomms.registry.models import Addressee, Mandate

from .data import communication_url
from .models import PUBLIC_KINDS
from .present import TYPE_LABELS

ITEMS = 50
KIND_FILTER = {
    "state": [Addressee.STATE],
    "company": [Addressee.COMPANY],
    "other": [Addressee.IGO, Addressee.OTHER],
}


def _one_id(request, name, queryset):
    values = request.GET.getlist(name)
    if not values:
        return None
    raw = values[0].strip()
    if len(values) > 1 or not (raw.isascii() and raw.isdigit() and len(raw) < 10):
        raise BadRequest(f"'{name}' must be given once, as a number")
    try:
        return queryset.distinct().get(pk=int(raw))
    except queryset.model.DoesNotExist:
        raise BadRequest(f"unknown {name}: {raw}") from None


class CommunicationsFeed(Feed):
    feed_type = Atom1Feed
    link = "/communications"

    def get_object(self, request):
        kind = request.GET.get("kind")
        if kind is not None and kind not in PUBLIC_KINDS:
            raise BadRequest(f"unknown kind {kind[:40]!r} (expected one of: {', '.join(PUBLIC_KINDS)})")
        return {
            "mandate": _one_id(request, "mandate", Mandate.objects.all()),
            # Only addressees with a published letter: the feed must not confirm who else is being written to.
            "addressee": _one_id(
                request, "addressee", Addressee.objects.filter(communications__in=visibility.published_communications())
            ),
            "kind": kind,
        }

    def title(self, filters):
        parts = [
            filters["mandate"] and filters["mandate"].title,
            filters["addressee"] and filters["addressee"].name,
            filters["kind"] and PUBLIC_KINDS[filters["kind"]],
        ]
        chosen = " · ".join(p for p in parts if p)
        return "Special Procedures communications" + (f" — {chosen}" if chosen else "")

    def subtitle(self, filters):
        return "Letters of the UN Special Procedures and replies, as they are published."

    def items(self, filters):
        now = clock.now()
        published = visibility.published_communications(now)
        if filters["mandate"]:
            published = published.filter(case__casemandate__mandate=filters["mandate"])
        if filters["addressee"]:
            published = published.filter(addressee=filters["addressee"])
        if filters["kind"]:
            published = published.filter(addressee__kind__in=KIND_FILTER[filters["kind"]])
        latest = published.select_related("case", "addressee").order_by("-published_at", "-pk")[:ITEMS]
        return [visibility.public_data(c, now) for c in latest]

    def item_title(self, item):
        return f"{item.reference} — {item.addressee_name}"

    def item_description(self, item):
        kind = TYPE_LABELS.get(item.public_type, item.public_type)
        return f"{kind} to {item.addressee_name}. {item.summary}".strip()

    def item_link(self, item):
        return communication_url(slug_of(item.reference))

    def item_guid(self, item):
        return communication_url(slug_of(item.reference))

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return list(item.mandates)
