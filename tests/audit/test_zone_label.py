"""Staff pages name the zone their times are in."""

import pytest
from django.test import override_settings

from spcomms.lib.times import zone_label

pytestmark = pytest.mark.django_db


def test_staff_pages_say_their_times_are_geneva_time(staff_client):
    page = staff_client.get("/staff/").content.decode()
    assert "Times on these pages are Geneva time (CE" in page  # CET in winter, CEST in summer


@override_settings(TIME_ZONE="America/New_York")
def test_another_zone_is_named_by_its_key(staff_client):
    assert zone_label() == "America/New_York"
    assert "Times on these pages are America/New_York (E" in staff_client.get("/staff/cases/").content.decode()
