"""The review on the letter's staff page: what waits, what the sender asked, and the secretariat's decision (POST
/staff/replies/<id>/review/); bad input is refused with a message and changes nothing."""

import pytest

from spcomms.cases import visibility
from spcomms.cases.models import Reply
from tests.workflow.link_replies import SENT_ON, new_link, publish, upload
from tests.workflow.procedure import sent_by_hand

REASON = "It names two officials who have not yet been informed."


@pytest.fixture
def published(case, holder_minorities, holder_slavery, fake_clock):
    return publish(sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON), fake_clock)


@pytest.fixture
def requested(published):
    return upload(new_link(published)[0], "Thistlewaite", reason=REASON)


def review(client, reply, **data):
    return client.post(f"/staff/replies/{reply.pk}/review/", data, follow=True)


def test_the_letter_page_shows_the_pending_reply_and_the_senders_reason(client, secretariat, requested, published):
    client.force_login(secretariat)
    page = client.get(f"/staff/letters/{published.pk}/").content.decode()
    assert f'id="review-{requested.pk}"' in page and "awaiting review" in page
    assert f'because: “<span class="requested-reason">{REASON}</span>”' in page
    assert "Nothing of it is public until the secretariat decides, although the letter is published" in page
    assert "Reply awaiting review" in page  # the letter's state: the secretariat acts
    assert 'value="confidential"' in page and 'value="accept"' in page


def test_keeping_it_confidential_from_the_page(client, secretariat, requested, published):
    client.force_login(secretariat)
    page = review(client, requested, decision="confidential").content.decode()
    assert "Reply kept confidential." in page
    assert "decided by sec" in page and REASON in page
    reply = Reply.objects.get(pk=requested.pk)
    assert reply.confidential and not reply.under_review
    assert visibility.public_replies(published) == []


def test_accepting_against_the_request_without_a_note_is_refused_with_the_reason(client, secretariat, requested):
    client.force_login(secretariat)
    page = review(client, requested, decision="accept").content.decode()
    assert "publishing it needs a note saying why" in page
    assert Reply.objects.get(pk=requested.pk).under_review
    page = review(client, requested, decision="accept", note="The sender withdrew the request by e-mail.").content
    assert "Reply accepted for publication." in page.decode()
    assert not Reply.objects.get(pk=requested.pk).under_review


def test_a_missing_or_unknown_decision_is_named(client, secretariat, requested):
    client.force_login(secretariat)
    assert "Review not recorded: This field is required." in review(client, requested).content.decode()
    page = review(client, requested, decision="publish").content.decode()
    assert "Review not recorded: Select a valid choice. publish is not one of the available choices." in page
    assert Reply.objects.get(pk=requested.pk).under_review


def test_holders_and_reviewers_see_it_wait_but_may_not_decide(client, reviewer, requested, published):
    client.force_login(reviewer)
    page = client.get(f"/staff/letters/{published.pk}/").content.decode()
    assert "The secretariat decides." in page and 'value="accept"' not in page
    assert client.post(f"/staff/replies/{requested.pk}/review/", {"decision": "accept"}).status_code == 403
    assert Reply.objects.get(pk=requested.pk).under_review
