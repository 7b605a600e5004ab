"""Staff sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after login, whichever first.

The session cookie's own age (SESSION_COOKIE_AGE) is the absolute lifetime as a backstop; the times are kept in the
session, so they hold however the cookie is kept.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from spcomms.lib import clock

STARTED, SEEN = "spcomms_session_started", "spcomms_session_seen"
_TOUCH_EVERY = dt.timedelta(seconds=60)  # write the session at most once a minute for the idle clock


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        now, session = clock.now(), request.session
        started = _read(session.get(STARTED)) or now
        seen = _read(session.get(SEEN)) or now
        if now - seen > dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES):
            return _end(request, f"You were logged out after {settings.SESSION_IDLE_MINUTES} minutes without activity.")
        if now - started > dt.timedelta(hours=settings.SESSION_MAX_HOURS):
            return _end(request, f"You were logged out: a session lasts at most {settings.SESSION_MAX_HOURS} hours.")
        if STARTED not in session:
            session[STARTED] = now.isoformat()
        if SEEN not in session or now - seen >= _TOUCH_EVERY:
            session[SEEN] = now.isoformat()


def start(request) -> None:
    """A login starts both clocks afresh (Django keeps a session's data across login, so an old start could linger)."""
    if request is not None and hasattr(request, "session"):
        request.session[STARTED] = request.session[SEEN] = clock.now().isoformat()


def _read(value):
    return dt.datetime.fromisoformat(value) if value else None


def _end(request, message: str) -> None:
    logout(request)
    messages.info(request, message)
