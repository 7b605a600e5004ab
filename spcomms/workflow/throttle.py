"""Counters in the database (shared by every web process): too many failures in a window lock the key for a while."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from spcomms.lib import clock
from spcomms.workflow.models import Throttle


def locked_until(key: str) -> dt.datetime | None:
    row = Throttle.objects.filter(key=key[:200]).first()
    if row and row.locked_until and row.locked_until > clock.now():
        return row.locked_until
    return None


def hit(key: str, limit: int, window: dt.timedelta, lock_for: dt.timedelta | None = None) -> bool:
    """Count one event; True when the key is now over its limit (and locked for `lock_for`, default the window)."""
    key, now = key[:200], clock.now()
    for _ in range(2):  # a concurrent first hit may create the row between our read and our insert
        try:
            with transaction.atomic():
                row, _ = Throttle.objects.select_for_update().get_or_create(key=key, defaults={"window_start": now})
                if row.window_start <= now - window:
                    row.count, row.window_start = 0, now
                row.count += 1
                over = row.count >= limit
                if over:
                    row.locked_until = now + (lock_for or window)
                row.save()
                return over
        except IntegrityError:
            continue
    return False


def clear(key: str) -> None:
    Throttle.objects.filter(key=key[:200]).delete()
