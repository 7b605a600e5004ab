"""A worker paused past its outbox lease (stopped process, suspended VM, lock waits) and then resumed sends
nothing another worker already sent, and a letter never gets two live reply links (issue 11 §3)."""

import pytest

from spcomms.workflow import mailer, worker
from spcomms.workflow.models import Outbox, ReplyToken
from tests.workflow.procedure import send


@pytest.fixture
def queued(case, holder_minorities, holder_slavery, fake_clock):
    (comm,) = send(case, holder_minorities, holder_slavery).queued
    return comm


def live_links(comm) -> int:
    return ReplyToken.objects.filter(communication=comm, revoked=False).count()


def test_a_worker_paused_before_the_hand_over_does_not_send_once_taken_over(queued, smtp, fake_clock, monkeypatch):
    render = mailer.attachment
    outcomes = []

    def pause_then_another_worker_runs(row):
        # Worker A is inside deliver(), rendering; its lease runs out and worker B takes the row and sends it.
        fake_clock.advance(hours=1)
        monkeypatch.setattr(mailer, "attachment", render)
        outcomes.append(worker.deliver(row.pk, "worker-b"))
        return render(row)

    monkeypatch.setattr(mailer, "attachment", pause_then_another_worker_runs)
    row = Outbox.objects.get(communication=queued)
    assert worker.deliver(row.pk, "worker-a") == "lost_claim"
    assert outcomes == ["sent"]
    assert smtp.message_ids() == [row.message_id]  # once
    assert live_links(queued) == 1
    row.refresh_from_db()
    assert row.status == Outbox.SENT and row.claimed_by == "worker-b"


def test_a_worker_paused_after_the_hand_over_is_left_alone_and_records_its_send(queued, smtp, fake_clock, monkeypatch):
    send_for_real = mailer.send
    outcomes = []

    def pause_then_another_worker_runs(message):
        # Worker A handed the message over and stalls before SMTP; B finds the expired lease.
        fake_clock.advance(hours=1)
        outcomes.append(worker.deliver(row.pk, "worker-b"))
        send_for_real(message)

    monkeypatch.setattr(mailer, "send", pause_then_another_worker_runs)
    row = Outbox.objects.get(communication=queued)
    assert worker.deliver(row.pk, "worker-a") == "sent"
    assert outcomes == ["uncertain"]  # B may not know whether it left: it never sends it
    assert smtp.message_ids() == [row.message_id]
    assert live_links(queued) == 1
    row.refresh_from_db()
    assert row.status == Outbox.SENT  # A was still its claimant and saw the server accept it


def test_a_failed_attempt_revokes_its_link_so_the_retry_leaves_one_live_link(queued, smtp_down, fake_clock, settings):
    row = Outbox.objects.get(communication=queued)
    assert worker.deliver(row.pk, "worker-a") == Outbox.PENDING
    assert ReplyToken.objects.filter(communication=queued).count() == 1 and live_links(queued) == 0
    fake_clock.advance(hours=1)
    worker.deliver(row.pk, "worker-a")
    assert live_links(queued) == 0  # still down: each attempt's link revoked with it
