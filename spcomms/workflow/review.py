"""What the review of link replies means to each side (reading only; the decision is actions.review.ReviewReply).

The addressee is told, before sending, what will be published and when; staff see which replies wait for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from spcomms.cases import access
from spcomms.cases.models import Communication, Reply
from spcomms.lib import clock


@dataclass(frozen=True)
class Promise:
    letter_public: bool
    when: str  # when a reply sent now would be published, in words
    accepted: str  # when a reply the secretariat accepted is published, in words


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def publication_promise(comm: Communication) -> Promise:
    """When a reply sent through the link would be published. A hold is not explained (its reason is internal):
    the addressee is told "not before" the letter's day, which stays true."""
    review = "after review by the secretariat"
    if comm.published_at and comm.published_at <= clock.now() and not comm.on_hold:
        return Promise(True, f"next to this letter, which is already public, {review}", "next to the letter")
    if comm.publish_on:
        day = f"with the letter, not before {_day(comm.publish_on)}"
        return Promise(False, f"{day}, and only {review}", day)
    return Promise(False, f"with the letter when it is published, and only {review}", "with the letter")


def pending_reviews(user) -> QuerySet[Reply]:
    """Replies received through a link that wait for the secretariat's decision, within the user's need-to-know."""
    return (
        access.visible_replies(user)
        .filter(under_review=True)
        .select_related("communication__addressee")
        .order_by("created_at", "id")
    )
