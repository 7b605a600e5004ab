"""A refused request that knows which permissions it lacked, so the 403 page can say who may do it; and the one
decorator staff views use to check them."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class Refused(PermissionDenied):
    def __init__(self, message: str, permissions: tuple[str, ...] | list[str] = ()):
        super().__init__(message)
        self.permissions = tuple(permissions)  # "app_label.codename"


def requires(*perms):
    """Anonymous → login page; logged in without the permission → 403 naming it. Checked on every request."""

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
