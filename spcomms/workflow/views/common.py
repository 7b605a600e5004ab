"""What every staff view of the workflow shares: login and permission checks, and running an action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: F401

from spcomms.lib.refusal import requires  # noqa: F401 - the views import it from here


def run(request, action, *args, success: str = "", **kwargs):
    """Execute an action; refused input becomes a message (None returned); PermissionDenied stays a 403."""
    try:
        result = action.execute(*args, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True
