"""The roles of the procedure as Django groups. Addressees (token links) and the public need no account.

Kept as data here so that the data migration and every later `migrate` (post_migrate) build the same groups:
permissions of models added by later migrations join their groups automatically.
"""

from __future__ import annotations

SECRETARIAT, MANDATE_HOLDER, REVIEWER = "secretariat", "mandate holder", "reviewer"

WORKFLOW = "workflow"
# (app label, actions) whose model permissions a role gets on every model of that app.
_SECRETARIAT_MODELS = {
    "cases": ("add", "change", "view"),
    "drafting": ("add", "change", "delete", "view"),
    "registry": ("add", "change", "view"),
    "audit": ("view",),
    "workflow": ("view",),
    "assessment": ("view", "review"),  # reading replies: read, confirm or correct (custom "review_assessment")
}
# Records of the procedure that only its actions write: every role may at most view them.
RECORDS = {"clearance", "approval", "auditevent", "holderaccount"}
_REVIEWER_MODELS = {app: ("view",) for app in ("cases", "drafting", "registry", "audit", "workflow", "assessment")}
# Permissions of spcomms.reports (a higher layer, named here as data): they join once that app has migrated.
_REPORTS_SECRETARIAT = [
    f"reports.{codename}"
    for codename in (
        "publish_report",
        "override_session",
        "draft_press_release",
        "publish_press_release",
        "dismiss_press_flag",
        "view_pressrelease",
        "view_publishedreport",
    )
]

ROLES: dict[str, dict] = {
    SECRETARIAT: {
        "custom": [
            "view_desk",
            "submit_for_clearance",
            "send_letters",
            "hold_publication",
            "close_case",
            "review_replies",  # replies received through a link: accept for publication or keep confidential
        ],
        # Need-to-know (cases.access): the secretariat and reviewers see every case, a holder those of their mandates.
        "models": _SECRETARIAT_MODELS,
        # Triage of public submissions; opening a source's identity (intake.read_source) is granted to named staff.
        "extra": ["intake.triage_submission", *_REPORTS_SECRETARIAT],
    },
    MANDATE_HOLDER: {
        "custom": ["view_desk", "approve_letters"],
        "models": {},
        # Holders read the letters they clear, not the sources or staff tools.
        "extra": [
            "cases.view_case",
            "cases.view_communication",
            "cases.view_reply",
            "drafting.view_draft",
            "reports.approve_press_release",
            "reports.view_pressrelease",
        ],
    },
    REVIEWER: {"custom": ["view_desk"], "models": _REVIEWER_MODELS, "extra": []},
}


def role_permissions(role: str, permission_model) -> list:
    spec = ROLES[role]
    perms = permission_model.objects.filter(content_type__app_label=WORKFLOW, codename__in=spec["custom"])
    chosen = set(perms)
    for app, actions in spec["models"].items():
        for perm in permission_model.objects.filter(content_type__app_label=app):
            verb, _, model = perm.codename.partition("_")
            if verb in actions and (verb == "view" or model not in RECORDS):
                chosen.add(perm)
    for dotted in spec["extra"]:
        app, codename = dotted.split(".")
        chosen.update(permission_model.objects.filter(content_type__app_label=app, codename=codename))
    return sorted(chosen, key=lambda p: p.pk)


def sync_groups(group_model, permission_model) -> None:
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role, permission_model))


def sync_after_migrate(sender, using="default", apps=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    if sender.label != WORKFLOW:
        return  # once per migrate (or flush), after our own app: permissions of all apps exist by then
    sync_groups(Group, Permission)
