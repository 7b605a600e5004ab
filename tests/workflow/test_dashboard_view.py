"""The staff dashboard: cases by state, letters awaiting reply, overdue, due for publication, replies, outbox."""

import datetime as dt

from spcomms.cases.models import Communication
from spcomms.workflow import worker
from spcomms.workflow.actions.replies import RecordReply
from tests.workflow.procedure import send, sent_by_hand


def test_dashboard_lists_the_procedure(client, secretariat, case, holder_minorities, holder_slavery, fake_clock):
    comm = sent_by_hand(case, holder_minorities, holder_slavery, on=dt.date(2021, 3, 15))
    client.force_login(secretariat)
    page = client.get("/staff/").content.decode()
    assert "Sent: 1" in page and comm.reference in page
    RecordReply("test").execute(comm, received_on=dt.date(2021, 3, 15), language="en", channel="email", text="Hi")
    Communication.objects.filter(pk=comm.pk).update(status=Communication.SENT, reply_due=dt.date(2021, 3, 1))
    page = client.get("/staff/").content.decode()
    assert "Overdue" in page and "Recent replies" in page


def test_outbox_failures_show(client, secretariat, case, holder_minorities, holder_slavery, fake_clock, smtp_down):
    send(case, holder_minorities, holder_slavery)
    worker.run_once()
    client.force_login(secretariat)
    page = client.get("/staff/").content.decode()
    assert "Outbox problems" in page and "ConnectionRefusedError" in page


def test_due_for_publication_shows(client, reviewer, case, holder_minorities, holder_slavery, fake_clock):
    comm = sent_by_hand(case, holder_minorities, holder_slavery, on=dt.date(2021, 3, 15))
    fake_clock.current = dt.datetime(2021, 6, 1, tzinfo=dt.UTC)
    client.force_login(reviewer)
    page = client.get("/staff/").content.decode()
    assert "Due for publication" in page and comm.reference in page


def test_replies_awaiting_review_show_who_must_act(
    client, secretariat, reviewer, case, holder_minorities, holder_slavery, fake_clock
):
    from tests.workflow.link_replies import new_link, upload

    comm = sent_by_hand(case, holder_minorities, holder_slavery, on=dt.date(2021, 3, 15))
    client.force_login(secretariat)
    assert "No reply waits for review" in client.get("/staff/").content.decode()
    reply = upload(new_link(comm)[0], reason="Names an official not yet informed.")
    page = client.get("/staff/").content.decode()
    assert "Replies awaiting your review" in page
    assert f"/staff/letters/{comm.pk}/#review-{reply.pk}" in page
    assert "<strong>confidentiality</strong>: Names an official not yet informed." in page
    client.force_login(reviewer)  # reads, does not decide: told who does
    assert "Replies awaiting the secretariat's review" in client.get("/staff/").content.decode()
