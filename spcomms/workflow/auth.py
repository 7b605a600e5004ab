"""Login throttling for the staff login (the admin's login forwards to it).

Every attempt is counted before the password is checked, atomically (throttle.attempt), on two keys: the username
(from any address: LOGIN_MAX_FAILURES) and the address (any username: LOGIN_MAX_FAILURES_PER_ADDRESS, against
password spraying). A successful login clears its username's count and gives its attempt back to the address.
Both locks last LOGIN_LOCK_MINUTES from the first counted attempt.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver

from spcomms.workflow import sessions, throttle


def client_ip(request) -> str:
    """The client's address for the throttles: REMOTE_ADDR, or, when that is one of TRUSTED_PROXIES, the nearest
    address in X-Forwarded-For that is not a trusted proxy (what the client wrote further left is not trusted)."""
    remote = (request.META.get("REMOTE_ADDR") if request is not None else None) or "unknown"
    proxies = set(settings.TRUSTED_PROXIES)
    if remote not in proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if address not in proxies:
            return address[:64]
    return remote


def username_key(username: str) -> str:
    return f"login-user:{(username or '').strip().lower()}"


def address_key(request) -> str:
    return f"login-ip:{client_ip(request)}"


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)


def lock_message() -> str:
    minutes = settings.LOGIN_LOCK_MINUTES
    return f"Too many failed logins for this account or from your address; try again in {minutes} minutes."


def locked(request, username: str) -> bool:
    return bool(throttle.locked_until(username_key(username)) or throttle.locked_until(address_key(request)))


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            allowed_user = throttle.attempt(username_key(username), settings.LOGIN_MAX_FAILURES, _window())
            allowed_ip = throttle.attempt(address_key(request), settings.LOGIN_MAX_FAILURES_PER_ADDRESS, _window())
            if not (allowed_user and allowed_ip):
                raise PermissionDenied("login locked")  # stops authentication; the form explains
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_logged_in, dispatch_uid="workflow.clear_login_failures")
def clear_failures(sender, request, user, **kwargs):
    throttle.clear(username_key(user.get_username()))
    throttle.refund(address_key(request))
    sessions.start(request)


class _ThrottleMessage:
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            username = self.data.get("username", "")
            if username and locked(self.request, username):
                raise ValidationError(lock_message(), code="locked") from None
            raise


class ThrottledAuthenticationForm(_ThrottleMessage, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(_ThrottleMessage, AdminAuthenticationForm):
    pass
