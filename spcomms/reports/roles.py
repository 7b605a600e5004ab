"""This app's permissions join the procedure's role groups (listed in spcomms.workflow.roles) once they exist."""

from __future__ import annotations


def sync_after_migrate(sender, **kwargs):
    from django.contrib.auth.models import Group, Permission

    from spcomms.workflow.roles import sync_groups

    if sender.label == "reports":  # workflow synchronised before our permissions were created: again, now
        sync_groups(Group, Permission)
