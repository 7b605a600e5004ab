import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's live_server is fine with that.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-test-password")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
