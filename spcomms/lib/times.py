"""Times as people read them: in the procedure's time zone, always with the zone named."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

# What a reader calls the zone; other zones are named by their IANA key ("America/New_York").
_READABLE = {"Europe/Zurich": "Geneva time", "UTC": "UTC"}


def zone_label(zone_key: str | None = None) -> str:
    """ "Geneva time" for the default zone; the IANA key for any other."""
    key = zone_key or timezone.get_current_timezone_name()
    return _READABLE.get(key, key)


def printed(at: dt.datetime) -> str:
    """ "2021-03-12 10:15:00 CET": local time of the procedure's zone and its abbreviation (CET/CEST, UTC…)."""
    local = timezone.localtime(at)
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()}"
