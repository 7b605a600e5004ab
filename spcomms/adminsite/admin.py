"""Registers every model's admin (Django's autodiscover imports this module)."""

from spcomms.adminsite import audit, cases, drafting, registry, workflow  # noqa: F401 - registrations
