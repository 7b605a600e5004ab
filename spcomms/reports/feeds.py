"""Atom feed (RFC 4287) of published press releases: absolute ids, updated and author on every entry."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from . import news

AUTHOR = "UN Special Procedures"


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = "Special Procedures press releases"
    subtitle = "Press releases of the UN Special Procedures' experts about their communications."
    author_name = AUTHOR

    def link(self):
        return reverse("reports:news")

    def items(self):
        return news.public_releases().order_by("-published_at")[:50]

    def item_title(self, item):
        return item.published_content["headline"]

    def item_description(self, item):
        content = item.published_content
        return f"{content['dateline']} {content['lead']}"

    def item_link(self, item):
        return reverse("reports:release", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return AUTHOR
