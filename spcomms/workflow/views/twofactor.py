"""/staff/two-factor/: enrol an authenticator the first time, then enter its code (or a recovery code) at each login."""

from __future__ import annotations

import base64

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from spcomms.workflow.actions.twofactor import WRONG_CODE, ConfirmTotp, StartTotpEnrolment, VerifySecondFactor
from spcomms.workflow.twofactor import confirmed_device


def _next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return wanted if safe and wanted else "/staff/"


def two_factor(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.is_verified():
        return redirect(_next(request))
    if confirmed_device(user) is not None:
        return _verify(request)
    return _enrol(request)


def _verify(request):
    error = ""
    if request.method == "POST":
        device = VerifySecondFactor(request.user).execute(request.POST.get("code", ""))
        if device is None:
            error = WRONG_CODE
        else:
            otp_login(request, device)
            return redirect(_next(request))
    context = {"mode": "verify", "error": error, "next": _next(request)}
    return render(request, "workflow/two_factor.html", context, status=400 if error else 200)


def _enrol(request):
    user, error = request.user, ""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if request.method == "POST" and device is not None:
        codes = ConfirmTotp(user).execute(device, request.POST.get("code", ""))
        if codes is None:
            error = WRONG_CODE
        else:
            otp_login(request, device)
            context = {"mode": "codes", "codes": codes, "next": _next(request)}
            return render(request, "workflow/two_factor.html", context)
    if device is None:
        device = StartTotpEnrolment(user).execute()
    context = {
        "mode": "enrol",
        "error": error,
        "next": _next(request),
        "secret": base64.b32encode(device.bin_key).decode(),
        "config_url": device.config_url,
    }
    return render(request, "workflow/two_factor.html", context, status=400 if error else 200)
