"""A recorded dispatch date cannot publish a letter early: not before the letter's date or its approval, and a date
that would make it public today or at once needs a confirmation naming that day (issue 11 §2)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from spcomms.cases.models import Communication
from spcomms.workflow.actions.dispatch import PublicationNeedsConfirmation, RecordManualDispatch
from tests.workflow.procedure import STAFF, approve

NOTE_VERBALE = Communication.NOTE_VERBALE


@pytest.fixture
def approved(case, holder_minorities, holder_slavery, fake_clock):
    approve(case, holder_minorities, holder_slavery)  # on 15 March 2021 (the fake clock); letters dated 12 March
    return case.communications.get()


def record(comm, sent_on, confirm=None):
    return RecordManualDispatch(STAFF).execute(comm, NOTE_VERBALE, sent_on, "NV 1", confirm)


def test_a_typo_in_the_year_is_refused_naming_both_dates(approved):
    with pytest.raises(ValidationError) as refused:
        record(approved, dt.date(2020, 3, 15))
    assert "15 March 2020 is before the letter's own date 12 March 2021" in refused.value.messages[0]
    approved.refresh_from_db()
    assert approved.status == Communication.PREPARED and approved.publish_on is None


def test_a_date_before_the_approval_is_refused_naming_both_dates(approved):
    with pytest.raises(ValidationError, match="13 March 2021 is before the letters were approved .* 15 March 2021"):
        record(approved, dt.date(2021, 3, 13))


def test_a_date_that_would_publish_at_once_needs_the_day_confirmed(approved, fake_clock):
    fake_clock.current = dt.datetime(2021, 6, 1, 9, 0, tzinfo=dt.UTC)  # dispatch recorded late, for 15 March
    with pytest.raises(PublicationNeedsConfirmation) as needed:
        record(approved, dt.date(2021, 3, 15))
    assert needed.value.publish_on == dt.date(2021, 5, 14)
    assert "becomes public on 14 May 2021, a day already past" in needed.value.messages[0]
    with pytest.raises(PublicationNeedsConfirmation):
        record(approved, dt.date(2021, 3, 15), confirm=dt.date(2021, 5, 15))  # another day is no confirmation
    comm = record(approved, dt.date(2021, 3, 15), confirm=dt.date(2021, 5, 14))
    assert comm.status == Communication.SENT and comm.publish_on == dt.date(2021, 5, 14)


def test_an_ordinary_date_needs_no_confirmation(approved):
    comm = record(approved, dt.date(2021, 3, 15))
    assert comm.publish_on == dt.date(2021, 5, 14)


def test_the_page_asks_for_the_confirmation_then_records(approved, fake_clock, client, secretariat):
    fake_clock.current = dt.datetime(2021, 5, 14, 9, 0, tzinfo=dt.UTC)
    client.force_login(secretariat)
    url = reverse("workflow:dispatch", kwargs={"comm_id": approved.pk})
    form = {"channel": NOTE_VERBALE, "sent_on": "2021-03-15", "note": "NV 1"}
    page = client.post(url, form)
    assert page.status_code == 200
    text = page.content.decode()
    assert "becomes public on 14 May 2021, today" in text and "to be published on 14 May 2021" in text
    assert Communication.objects.get(pk=approved.pk).status == Communication.PREPARED
    confirmed = client.post(url, form | {"confirm_publication_on": "2021-05-14"})
    assert confirmed.status_code == 302
    assert Communication.objects.get(pk=approved.pk).status == Communication.SENT
