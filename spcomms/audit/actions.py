"""The action pattern: every change of state is an Action — permission check, one transaction, audit entries.

Views, the admin, the CLI and workers call `execute()`; nothing else writes state. An action that runs another
inside its own transaction says so: `Other(self.actor, skip_permission_checks=True).execute(...)` — its own
permission was checked by the outer action. `records` names the audit entries an action may write (each declared
in spcomms.audit.names).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from spcomms.audit.log import record


class Action:
    """Subclasses set `permission` (a Django permission codename or None for system actions), `records` and
    `perform()`."""

    permission: str | None = None
    records: tuple[str, ...] = ()

    def __init__(self, actor, *, skip_permission_checks: bool = False):
        self.actor = actor  # a User, or a string label for CLI/worker actors (trusted, server-side)
        self.skip_permission_checks = skip_permission_checks

    def check(self) -> None:
        if self.skip_permission_checks or self.permission is None or isinstance(self.actor, str):
            return
        if self.actor is None or not self.actor.has_perm(self.permission):
            raise PermissionDenied(f"you do not have permission to {self.describe()}")

    def describe(self) -> str:
        return type(self).__name__

    def execute(self, *args, **kwargs):
        self.check()
        with transaction.atomic():
            return self.perform(*args, **kwargs)

    def perform(self, *args, **kwargs):  # pragma: no cover - abstract
        raise NotImplementedError

    def audit(self, action: str, instance: models.Model, *, before=None, after=None):
        if self.records and action not in self.records:  # no `records`: the admin's generic save and delete
            raise ValueError(f"{type(self).__name__} records {action!r} but does not declare it in `records`")
        return record(self.actor, action, instance, before=before, after=after)
