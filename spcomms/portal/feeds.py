"""Atom feed of newly published communications, optionally only those of a mandate, an addressee or a kind."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from spcomms.cases import visibility
from spcomms.lib import clock
from spcomms.lib.references import slug_of
from spcomms.lib.text import clean_tree
from spcomms.registry.models import Addressee, Mandate

from .data import communication_url
from .models import PUBLIC_KINDS
from .present import TYPE_LABELS

ITEMS = 50
AUTHOR = "Special Procedures of the United Nations Human Rights Council"
KIND_FILTER = {
    "state": [Addressee.STATE],
    "company": [Addressee.COMPANY],
    "other": [Addressee.IGO, Addressee.OTHER],
}


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


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


class CleanAtom1Feed(Atom1Feed):
    """Atom whose every string goes through lib.text.clean_text: XML cannot hold C0 controls (a 500 otherwise)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*clean_tree(args), **clean_tree(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*clean_tree(args), **clean_tree(kwargs))


def absolute(path: str) -> str:
    """An IRI that names the same thing wherever the feed is read: SPCOMMS_SITE_URL + path (RFC 4287 ids)."""
    return settings.SITE_URL + path


class CommunicationsFeed(Feed):
    """Atom 1.0 (RFC 4287): the feed and every entry have an absolute id, a title and `updated`; the feed's author
    stands for every entry's; each entry links to its communication's page."""

    feed_type = CleanAtom1Feed
    link = "/communications"
    author_name = AUTHOR

    def author_link(self):
        return absolute("/")

    def feed_guid(self, filters):
        """Each filter is a feed of its own, so its id carries the filter (in a fixed order)."""
        chosen = [("mandate", filters["mandate"]), ("addressee", filters["addressee"]), ("kind", filters["kind"])]
        query = urlencode([(name, getattr(value, "pk", value)) for name, value in chosen if value])
        return absolute(reverse("portal:feed")) + (f"?{query}" if query else "")

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
        return absolute(communication_url(slug_of(item.reference)))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        """Published, or later when a public reply was received (or, through a link, accepted) after publication."""
        replies = [_midnight(max(reply.received_on, reply.accepted_on or reply.received_on)) for reply in item.replies]
        return max([item.published_at, *replies])

    def item_categories(self, item):
        return list(item.mandates)
