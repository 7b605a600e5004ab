"""What every staff view of the workflow shares: login and permission checks, and running an action."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: F401

from spcomms.lib.refusal import Refused


def requires(*perms):
    """Anonymous → login page; logged in without the permission → 403. Checked on every request."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            missing = [perm for perm in perms if not request.user.has_perm(perm)]
            if missing:
                raise Refused("you do not have permission for this page", missing)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


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
