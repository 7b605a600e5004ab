"""The refused-action page (403): why it was refused, who may do it, and where to go instead."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.shortcuts import render

from spcomms.portal.errors import is_data_address, json_error
from spcomms.workflow.roles import ROLES

# Django's default names ("Can change draft") say little to the people of the procedure.
PLAIN_NAMES = {
    "cases.add_case": "Can create a case",
    "cases.change_case": "Can change a case, its mandates, signatories and addressees",
    "cases.view_case": "Can see cases",
    "cases.add_communication": "Can generate letters",
    "cases.view_communication": "Can see letters",
    "cases.add_reply": "Can record replies",
    "drafting.change_draft": "Can change the letter text and case-specific words of a case",
    "drafting.change_addresseegroup": "Can change addressee groups",
}


def _permission(dotted: str) -> Permission | None:
    app, _, codename = dotted.partition(".")
    return Permission.objects.filter(content_type__app_label=app, codename=codename).first()


def who_may(permissions: tuple[str, ...]) -> list[dict]:
    """For each permission: what it allows and the roles (groups) that have it."""
    found = []
    for dotted in permissions:
        permission = _permission(dotted)
        if permission is None:
            continue
        groups = Group.objects.filter(permissions=permission).order_by("name").values_list("name", flat=True)
        roles = [name for name in groups if name in ROLES] or ["administrators"]
        found.append({"allows": PLAIN_NAMES.get(dotted, permission.name), "roles": roles})
    return found


def permission_denied(request, exception=None):
    if is_data_address(request):  # the documented JSON error on .json/.csv addresses
        return json_error(403)
    reason = str(exception or "") or "You do not have permission for this page."
    user = request.user
    context = {
        "reason": reason[:1].upper() + reason[1:],
        "who_may": who_may(getattr(exception, "permissions", ())),
        "your_roles": list(user.groups.values_list("name", flat=True)) if user.is_authenticated else [],
        "back": request.META.get("HTTP_REFERER", ""),
    }
    return render(request, "403.html", context, status=403)
