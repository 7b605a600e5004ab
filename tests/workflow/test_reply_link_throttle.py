"""Reply links: failed look-ups are limited per address, a valid link is never refused for its address's failures."""

import datetime as dt

import pytest

from spcomms.workflow.actions.replies import IssueReplyLink
from tests.workflow.procedure import STAFF, sent_by_hand


@pytest.fixture
def token(case, holder_minorities, holder_slavery, fake_clock):
    return IssueReplyLink(STAFF).execute(sent_by_hand(case, holder_minorities, holder_slavery, on=dt.date(2021, 3, 15)))


def test_failures_lock_the_address_but_not_a_valid_link(client, token, settings):
    """Regression: after 30 failed look-ups from one address (a ministry behind one NAT), its valid link gave 429."""
    for number in range(settings.REPLY_LINK_RATE):
        assert client.get(f"/reply/not-a-token-{number}/").status_code == 404
    assert client.get("/reply/not-a-token-again/").status_code == 429
    assert client.get(f"/reply/{token}/").status_code == 200
    assert client.get(f"/reply/{token}/letter.pdf").status_code == 200
