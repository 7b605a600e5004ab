"""Login throttling for every login form (admin and staff): N failures per username+IP lock it for a while."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver

from spcomms.workflow import throttle


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it (docs/configuration).
    return (request.META.get("REMOTE_ADDR") if request is not None else None) or "unknown"


def login_key(request, username: str) -> str:
    return f"login:{(username or '').strip().lower()}:{client_ip(request)}"


def lock_message(until: dt.datetime) -> str:
    minutes = settings.LOGIN_LOCK_MINUTES
    return f"Too many failed logins for this account from your address; try again in {minutes} minutes."


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and throttle.locked_until(login_key(request, username)):
            raise PermissionDenied("login locked")  # stops authentication; the form explains
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="workflow.count_login_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    key = login_key(request, credentials.get("username", ""))
    if throttle.locked_until(key):
        return
    window = dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    throttle.hit(key, settings.LOGIN_MAX_FAILURES, window, lock_for=window)


@receiver(user_logged_in, dispatch_uid="workflow.clear_login_failures")
def clear_failures(sender, request, user, **kwargs):
    throttle.clear(login_key(request, user.get_username()))


class _ThrottleMessage:
    def clean(self):
        username = self.data.get("username", "")
        until = throttle.locked_until(login_key(self.request, username)) if username else None
        if until:
            raise ValidationError(lock_message(until), code="locked")
        return super().clean()


class ThrottledAuthenticationForm(_ThrottleMessage, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(_ThrottleMessage, AdminAuthenticationForm):
    pass
