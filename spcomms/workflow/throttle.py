"""Counters in the database (shared by every web process): too many events in a window lock the key for a while.

`attempt()` counts before the guarded work is done (a password checked) with one conditional UPDATE
(`count < limit` → `count + 1`), so parallel requests cannot all slip under the limit: the database lets exactly
`limit` of them through per window. `hit()` counts an event after the fact (failures of a look-up).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from spcomms.lib import clock
from spcomms.workflow.models import Throttle


def locked_until(key: str) -> dt.datetime | None:
    row = Throttle.objects.filter(key=key[:200]).first()
    if row and row.locked_until and row.locked_until > clock.now():
        return row.locked_until
    return None


def _ensure_row(key: str, now: dt.datetime) -> None:
    if not Throttle.objects.filter(key=key).exists():
        try:
            with transaction.atomic():
                Throttle.objects.create(key=key, window_start=now)
        except IntegrityError:
            pass  # a parallel first attempt created it


def attempt(key: str, limit: int, window: dt.timedelta) -> bool:
    """Count one attempt; True when it may go ahead, False when the key has used up its `limit` in this window
    (the key is then locked until the window ends)."""
    key, now = key[:200], clock.now()
    _ensure_row(key, now)
    expired = Throttle.objects.filter(key=key, window_start__lte=now - window)
    expired.update(count=0, window_start=now, locked_until=None)
    if Throttle.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1):
        return True
    Throttle.objects.filter(key=key, locked_until__isnull=True).update(locked_until=F("window_start") + window)
    return False


def refund(key: str) -> None:
    """Give back one attempt (it succeeded: only failures should use up an address's allowance)."""
    Throttle.objects.filter(key=key[:200], count__gt=0, locked_until__isnull=True).update(count=F("count") - 1)


def hit(key: str, limit: int, window: dt.timedelta, lock_for: dt.timedelta | None = None) -> bool:
    """Count one event; True when the key is now over its limit (and locked for `lock_for`, default the window)."""
    key, now = key[:200], clock.now()
    for _ in range(2):  # a concurrent first hit may create the row between our read and our insert
        try:
            with transaction.atomic():
                row, _ = Throttle.objects.select_for_update().get_or_create(key=key, defaults={"window_start": now})
                if row.window_start <= now - window:
                    row.count, row.window_start, row.locked_until = 0, now, None
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
