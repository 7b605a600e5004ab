"""Fault test: workers killed with SIGKILL at random points over 100 letters, against a real SMTP server.

Every letter must arrive exactly once or be marked uncertain (at most once then): never twice, never lost. The
workers are real `spcomms worker --loop` processes on a database of their own; the lease is 2 s so that rows of a
killed worker are taken over within the test's time.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from tests.workflow.conftest import Mailbox, free_port

LETTERS = 100
LEASE_SECONDS = 2
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def spcomms(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "spcomms", *args], env=env, cwd=ROOT, timeout=600, **kwargs)


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, controller.port
    controller.stop()


def outbox(db_path):
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT message_id, status FROM workflow_outbox").fetchall()


def unfinished(db_path) -> bool:
    return any(status in ("pending", "sending") for _, status in outbox(db_path))


def test_killed_workers_never_send_a_letter_twice_nor_lose_one(tmp_path, mailbox):
    box, port = mailbox
    db_path = tmp_path / "faults.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {
        "SPCOMMS_DEBUG": "1",
        "SPCOMMS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{db_path}",
        "SPCOMMS_SMTP_HOST": "127.0.0.1",
        "SPCOMMS_SMTP_PORT": str(port),
        "SPCOMMS_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "PYTHONPATH": ROOT,
    }
    spcomms(env, "migrate", "-v0", check=True)
    made = subprocess.run(
        [sys.executable, "-m", "tests.workflow.fault_register", str(LETTERS)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert made.stdout.strip() == str(LETTERS)

    chance = random.Random(20211203)  # reproducible kill points
    kills, deadline = 0, time.monotonic() + 150
    while time.monotonic() < deadline and unfinished(db_path):
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "spcomms", "worker", "--loop", "--interval", "1"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )  # fmt: skip
            for _ in range(2)  # two at once, as production may run
        ]
        for process in workers:
            process.stdout.readline()  # started: "a pass every 1s"; the kill falls inside its work
        time.sleep(chance.uniform(0.0, 1.5))
        for process in workers:
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
        time.sleep(LEASE_SECONDS)  # let the leases of the killed claims run out
    for _ in range(5):  # then workers that are left to finish: what the killed ones left is taken over
        if not unfinished(db_path):
            break
        spcomms(env, "worker", "--once", check=True, capture_output=True)
        time.sleep(LEASE_SECONDS)

    rows = outbox(db_path)
    received = Counter(m["Message-ID"] for m in box.messages)
    states = Counter(status for _, status in rows)
    assert len(rows) == LETTERS and kills >= 2
    assert states["pending"] == states["sending"] == 0, f"not finished in time: {states}"
    assert max(received.values(), default=0) == 1, "a message arrived twice"
    for message_id, status in rows:
        if status == "sent":
            assert received[message_id] == 1, f"{message_id} recorded sent but never arrived"
        else:
            assert status == "uncertain" and received[message_id] <= 1
    assert set(received) <= {message_id for message_id, _ in rows}
    assert states["sent"] + states["uncertain"] == LETTERS  # never lost
