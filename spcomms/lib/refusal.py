"""A refused request that knows which permissions it lacked, so the 403 page can say who may do it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class Refused(PermissionDenied):
    def __init__(self, message: str, permissions: tuple[str, ...] | list[str] = ()):
        super().__init__(message)
        self.permissions = tuple(permissions)  # "app_label.codename"
