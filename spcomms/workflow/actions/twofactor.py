"""A staff member's second factor: enrol an authenticator (TOTP), get recovery codes, verify a code at login."""

from __future__ import annotations

from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from spcomms.audit.actions import Action

RECOVERY_CODES = 10
WRONG_CODE = "That code is wrong or has expired: enter the 6 digits your authenticator shows now, or a recovery code."


class StartTotpEnrolment(Action):
    """A new, unconfirmed authenticator key for the user (a previous unconfirmed one is discarded)."""

    records = ("two_factor.enrolment_started",)

    def perform(self) -> TOTPDevice:
        user = self.actor
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        self.audit("two_factor.enrolment_started", user, after={"device": device.pk})
        return device


class ConfirmTotp(Action):
    """The first right code confirms the authenticator; the user gets a fresh set of recovery codes (shown once)."""

    records = ("two_factor.enrolled",)

    def perform(self, device: TOTPDevice, code: str) -> list[str] | None:
        """The recovery codes, or None for a wrong code (its failure counted, as in VerifySecondFactor)."""
        user = self.actor
        if device.user_id != user.pk or device.confirmed or not device.verify_token(code.strip()):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        self.audit("two_factor.enrolled", user, after={"device": device.pk, "recovery_codes": len(codes)})
        return codes


class VerifySecondFactor(Action):
    """A code from the authenticator, or one recovery code (used up), for this login. Returns the device, or None for
    a wrong code: no exception, so that django-otp's count of failures (its back-off) is committed, not rolled back."""

    records = ("two_factor.verified", "two_factor.recovery_code_used")

    def perform(self, code: str):
        user = self.actor
        device = match_token(user, code.strip().replace(" ", ""))
        if device is None:
            return None
        recovery = isinstance(device, StaticDevice)
        left = device.token_set.count() if recovery else None
        self.audit(
            "two_factor.recovery_code_used" if recovery else "two_factor.verified",
            user,
            after={"device": device.persistent_id, "recovery_codes_left": left},
        )
        return device


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
