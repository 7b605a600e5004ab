"""Two-factor login (TOTP through django-otp; recovery codes as django-otp static tokens).

Compulsory (TWO_FACTOR_REQUIRED, default: when not in debug) for accounts that can read sources or approve letters
(TWO_FACTOR_PERMISSIONS, superusers included), and for anyone who enrolled a device. Until the second factor is
verified in this session, every staff and admin page sends the user to /staff/two-factor/ (enrolment the first
time): the password alone opens nothing behind the login.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django_otp.plugins.otp_totp.models import TOTPDevice

TWO_FACTOR_URL = "/staff/two-factor/"
PROTECTED = ("/staff/", "/admin/")
EXEMPT = ("/staff/login/", "/staff/logout/", TWO_FACTOR_URL, "/admin/login/", "/admin/logout/")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def required_for(user) -> bool:
    if not user.is_authenticated:
        return False
    if confirmed_device(user) is not None:
        return True
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    return user.is_superuser or any(user.has_perm(p) for p in settings.TWO_FACTOR_PERMISSIONS)


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: an unverified login that needs a second factor reaches only its page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(PROTECTED) and not path.startswith(EXEMPT):
            user = request.user
            if user.is_authenticated and not user.is_verified() and required_for(user):
                return redirect_to_login(request.get_full_path(), TWO_FACTOR_URL)
        return self.get_response(request)
