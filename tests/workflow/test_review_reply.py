"""ReviewReply: the secretariat accepts a link reply for publication or keeps it confidential; only then (and only
if accepted) is it public, and the search index follows in the same transaction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spcomms.audit.models import AuditEvent
from spcomms.cases import visibility
from spcomms.cases.models import Reply
from spcomms.reports import facts
from spcomms.workflow.actions.replies import RecordReply
from spcomms.workflow.actions.review import ACCEPT, KEEP_CONFIDENTIAL, ReviewReply
from tests.workflow.link_replies import SENT_ON, new_link, publish, upload
from tests.workflow.procedure import STAFF, sent_by_hand

MARKER = "Quillfenmarsh"
REASON = "It names two officials who have not yet been informed."


@pytest.fixture
def published(case, holder_minorities, holder_slavery, fake_clock):
    return publish(sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON), fake_clock)


@pytest.fixture
def pending(published):
    return upload(new_link(published)[0], MARKER)


def hits(client, word=MARKER) -> int:
    return client.get(f"/communications.json?q={word}").json()["total"]


def test_accepted_it_is_public_and_searchable_at_once(pending, published, secretariat, fake_clock, client):
    assert hits(client) == 0
    ReviewReply(secretariat).execute(pending, ACCEPT)
    reply = Reply.objects.get(pk=pending.pk)
    assert not reply.under_review and not reply.confidential
    assert (reply.reviewed_by, reply.reviewed_at) == ("sec", fake_clock())
    assert [r.id for r in visibility.public_replies(published)] == [pending.pk]
    assert hits(client) == 1
    event = AuditEvent.objects.get(action="reply.accepted_for_publication")
    assert event.actor == secretariat and event.before == {"under_review": True, "confidential": False}


def test_kept_confidential_on_request_it_stays_out_with_the_senders_reason(published, secretariat, client):
    reply = upload(new_link(published)[0], MARKER, reason=REASON)
    ReviewReply(secretariat).execute(reply, KEEP_CONFIDENTIAL)
    reply.refresh_from_db()
    assert reply.confidential and not reply.under_review
    assert reply.decision_note == REASON  # the request's reason is kept with the decision
    assert visibility.public_replies(published) == [] and hits(client) == 0
    after = AuditEvent.objects.get(action="reply.kept_confidential").after
    assert after["requested_reason"] == REASON and after["note"] == REASON and after["confidential"] is True


def test_publishing_against_the_senders_request_needs_a_note(published, secretariat):
    reply = upload(new_link(published)[0], MARKER, reason=REASON)
    with pytest.raises(ValidationError, match="asked that this reply be kept confidential"):
        ReviewReply(secretariat).execute(reply, ACCEPT)
    assert Reply.objects.get(pk=reply.pk).under_review
    ReviewReply(secretariat).execute(reply, ACCEPT, "The officials were informed on 2 April; the sender agreed.")
    assert Reply.objects.get(pk=reply.pk).decision_note.startswith("The officials were informed")


def test_keeping_confidential_what_nobody_asked_to_needs_a_note(pending, secretariat):
    with pytest.raises(ValidationError, match="did not ask for confidentiality"):
        ReviewReply(secretariat).execute(pending, KEEP_CONFIDENTIAL)
    ReviewReply(secretariat).execute(pending, KEEP_CONFIDENTIAL, "Names a victim.")
    assert Reply.objects.get(pk=pending.pk).confidential


def test_a_decided_reply_is_not_decided_again(pending, published, secretariat, fake_clock):
    # Published on its day, 60 days after the dispatch of 15 March: 14 May 2021, the day of the decision too.
    ReviewReply(secretariat).execute(pending, ACCEPT)
    with pytest.raises(ValidationError, match="already decided: accepted for publication on 14 May 2021"):
        ReviewReply(secretariat).execute(pending, KEEP_CONFIDENTIAL, "changed my mind")
    staff_recorded = RecordReply(STAFF).execute(
        published, received_on=fake_clock().date(), language="en", channel="email", text="By e-mail."
    )
    with pytest.raises(ValidationError, match="decided: accepted for publication when it was recorded"):
        ReviewReply(secretariat).execute(staff_recorded, KEEP_CONFIDENTIAL, "no")


def test_an_unknown_decision_is_refused_by_name(pending, secretariat):
    with pytest.raises(ValidationError, match="Unknown decision 'publish'"):
        ReviewReply(secretariat).execute(pending, "publish")
    assert Reply.objects.get(pk=pending.pk).under_review


def test_only_the_secretariat_reviews(pending, reviewer, holder_minorities, secretariat):
    for user in (reviewer, holder_minorities):
        with pytest.raises(PermissionDenied):
            ReviewReply(user).execute(pending, ACCEPT)
    assert secretariat.has_perm("workflow.review_replies")
    assert Reply.objects.get(pk=pending.pk).under_review


def test_before_publication_an_accepted_reply_comes_out_with_the_letter_a_pending_one_does_not(
    case, holder_minorities, holder_slavery, secretariat, fake_clock, client
):
    comm = sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON)
    token, _ = new_link(comm)
    accepted, waiting = upload(token, MARKER), upload(token, "Brindlewick")
    ReviewReply(secretariat).execute(accepted, ACCEPT)
    assert not visibility.published_communications().exists() and hits(client) == 0  # the letter is not public yet
    publish(comm, fake_clock)
    assert [r.id for r in visibility.public_replies(comm)] == [accepted.pk]
    assert hits(client) == 1 and hits(client, "Brindlewick") == 0
    assert AuditEvent.objects.get(action="communication.published").after["replies"] == 1
    assert Reply.objects.get(pk=waiting.pk).under_review


def test_public_statistics_count_a_link_reply_only_once_accepted(pending, published, secretariat, client):
    def replied() -> int:
        return client.get("/statistics.json").json()["figures"]["replied"]

    assert client.get(f"/communications.json?q={MARKER}").json()["total"] == 0
    assert replied() == 0 and client.get("/communications.json?replied=yes").json()["total"] == 0
    ReviewReply(secretariat).execute(pending, ACCEPT)
    facts.published_facts()  # the page answers from the last table while a thread reloads it: wait for the new one
    assert replied() == 1 and client.get("/communications.json?replied=yes").json()["total"] == 1
