"""Read settings from the environment and fail loudly on values that are present but wrong."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"environment variable {name} must be set")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"environment variable {name}={value!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"environment variable {name}={value!r} is not a whole number") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"environment variable {name}={number} must be at least {minimum}")
    return number


def require_production_settings() -> None:
    """Stop a server or worker that would send mail or links with placeholder addresses (debug off only)."""
    from django.conf import settings

    if settings.DEBUG:
        return
    missing = [name for name, setting in settings.PRODUCTION_SETTINGS.items() if not getattr(settings, setting)]
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set when SPCOMMS_DEBUG is off: reply links in e-mails and the "
            "sender of every e-mail are built from them (e.g. SPCOMMS_SITE_URL=https://spcomms.example.org, "
            "SPCOMMS_MAIL_FROM=communications@example.org)"
        )


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
