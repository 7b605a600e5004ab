"""Intake tests: files under a temporary MEDIA_ROOT, a movable clock, personas for triage."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from spcomms.workflow.roles import SECRETARIAT
from tests.workflow.conftest import fake_clock, media_root  # noqa: F401 - the workflow tests' clock and media folder

PASSWORD = "a-long-test-password"


@pytest.fixture
def secretariat(db, django_user_model):
    user = django_user_model.objects.create_user("sec", "sec@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture
def source_reader(db, django_user_model):
    """Secretariat staff who were also granted the right to open sources."""
    user = django_user_model.objects.create_user("reader", "reader@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    user.user_permissions.add(Permission.objects.get(content_type__app_label="intake", codename="read_source"))
    return user


@pytest.fixture
def outsider(db, django_user_model):
    return django_user_model.objects.create_user("nobody", "nobody@example.org", PASSWORD)
