"""Letters from the register (the real sample letters, ingested), replies recorded through RecordReply, reviewers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from spcomms.cases.models import Communication, Reply
from spcomms.ingest.actions import store_letter
from spcomms.ingest.parse import parse_file
from spcomms.lib.letter import Letter
from spcomms.workflow.actions.replies import RecordReply

HERE = Path(__file__).resolve().parent
REPLIES = HERE / "replies"
SHARED_REPLIES = HERE.parent.parent.parent / "shared" / "replies"
SAMPLES = HERE.parent.parent / "samples"


def shared_replies() -> Path:
    """The labelled sample replies: ../shared/replies beside the checkout (worktree or CI clone)."""
    for candidate in (SHARED_REPLIES, Path("/work/shared/replies")):
        if candidate.exists():
            return candidate
    pytest.fail("the labelled sample replies (shared/replies) are not beside the checkout")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def ingest(name: str) -> Communication:
    return store_letter(parse_file(SAMPLES / name), actor="test").communication


def state_letter() -> Letter:
    return Letter.from_dict(json.loads((REPLIES / "state-letter-AL-DEU-3-2021.json").read_text()))


@pytest.fixture
def letter_135(db) -> Communication:
    return ingest("AL-OTH-135-2021_MinebeaMitsumi.txt")


@pytest.fixture
def letter_78(db) -> Communication:
    return ingest("AL-OTH-78-2021_CRRC.txt")


def record(comm: Communication, text: str, on=dt.date(2021, 5, 10)) -> Reply:
    return RecordReply("test").execute(comm, received_on=on, language="en", channel="email", text=text)


def shared_reply_text(reference_slug: str) -> str:
    return (shared_replies() / f"reply-{reference_slug}.txt").read_text()


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="a-long-test-password")
    for codename in ("view_assessment", "review_assessment", "view_reply"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def reader(django_user_model):
    """May read assessments, not change them."""
    user = django_user_model.objects.create_user("reader", password="a-long-test-password")
    for codename in ("view_assessment", "view_reply"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def read_reply_135(letter_135):
    """The labelled MinebeaMitsumi reply recorded and read by the worker's step."""
    from spcomms.assessment.actions import AssessPendingReplies

    reply = record(letter_135, shared_reply_text("AL-OTH-135-2021"))
    AssessPendingReplies("worker").execute("test-worker")
    return reply
