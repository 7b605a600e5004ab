"""The secretariat's review of a reply received through a link: publish it with the letter, or keep it confidential.

Until this decision nothing of such a reply is public (cases.visibility.PUBLIC_REPLY). A decision against what the
sender asked (publishing a reply they asked to keep confidential, or keeping one confidential they did not ask
about) needs a note saying why; keeping one confidential on the sender's request keeps their reason as the note.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from spcomms.audit.actions import Action
from spcomms.cases.models import Reply
from spcomms.lib import clock
from spcomms.lib.text import clean_text
from spcomms.portal import index

ACCEPT, KEEP_CONFIDENTIAL = "accept", "confidential"
DECISIONS = {ACCEPT: "Accept for publication", KEEP_CONFIDENTIAL: "Keep confidential"}


def _actor_name(actor) -> str:
    return getattr(actor, "username", None) or str(actor)


def _decided(reply: Reply) -> str:
    how = "kept confidential" if reply.confidential else "accepted for publication"
    when = f" on {reply.reviewed_at:%d %B %Y}" if reply.reviewed_at else " when it was recorded"
    return f"This reply was already decided: {how}{when}."


class ReviewReply(Action):
    permission = "workflow.review_replies"
    records = ("reply.accepted_for_publication", "reply.kept_confidential")

    def describe(self):
        return "review a reply received through a link"

    def perform(self, reply: Reply, decision: str, note: str = "") -> Reply:
        reply = Reply.objects.select_for_update().select_related("communication").get(pk=reply.pk)
        if not reply.under_review:
            raise ValidationError(_decided(reply))
        if decision not in DECISIONS:
            raise ValidationError(f"Unknown decision {decision!r}: choose {' or '.join(map(repr, DECISIONS))}.")
        note = clean_text(note).strip()
        if decision == ACCEPT and reply.confidentiality_requested and not note:
            raise ValidationError(
                "The sender asked that this reply be kept confidential: publishing it needs a note saying why."
            )
        if decision == KEEP_CONFIDENTIAL and not reply.confidentiality_requested and not note:
            raise ValidationError("The sender did not ask for confidentiality: keeping it confidential needs a note.")
        before = {"under_review": True, "confidential": reply.confidential}
        reply.confidential = decision == KEEP_CONFIDENTIAL
        reply.under_review = False
        reply.decision_note = note or reply.confidentiality_reason
        reply.reviewed_at, reply.reviewed_by = clock.now(), _actor_name(self.actor)
        reply.save(update_fields=["confidential", "under_review", "decision_note", "reviewed_at", "reviewed_by"])
        name = "reply.kept_confidential" if reply.confidential else "reply.accepted_for_publication"
        after = {
            "under_review": False,
            "confidential": reply.confidential,
            "confidentiality_requested": reply.confidentiality_requested,
            "requested_reason": reply.confidentiality_reason,
            "note": reply.decision_note,
        }
        self.audit(name, reply, before=before, after=after)
        if not reply.confidential and reply.communication.published_at:
            index.refresh_for(reply)  # the letter is (or will be) public: its reply is now part of it
        return reply
