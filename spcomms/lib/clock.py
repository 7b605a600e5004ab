"""The procedure's clock. Workers and actions ask it the time so that tests can move time instead of sleeping.

Tests patch `spcomms.lib.clock.now`; callers must therefore call `clock.now()` through the module, never import
the function by name.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    """Today in the procedure's time zone (Geneva): deadlines and publication dates are days there."""
    return timezone.localdate(now())
