"""Press releases: drafted from a case, cleared by the case's mandates, published to /news/; the desk's flag.

Release approvals are kept in their own model (reports.ReleaseApproval), not in drafting.Approval: a case's
approvals are tied to the hash of its letters (drafting.textversion), and approving a release must neither count as
approving letters nor be reset by a follow-up letter. The rule is the same as for letters: every mandate of the
case, through a holder's account of that mandate, approves the exact text; any edit starts over.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import slugify

from spcomms.audit.actions import Action
from spcomms.audit.log import actor_fields
from spcomms.cases.models import Case
from spcomms.lib import clock
from spcomms.registry.models import HolderAccount, Mandate

from .. import press
from ..models import PressFlagDismissal, PressRelease, ReleaseApproval


def _locked(release: PressRelease) -> PressRelease:
    return PressRelease.objects.select_for_update().get(pk=release.pk)


def approved_by_all(release: PressRelease, current: str | None = None) -> bool:
    current = current or press.text_hash(release)
    mandates = set(release.case.casemandate_set.values_list("mandate_id", flat=True))
    approved = set(
        ReleaseApproval.objects.filter(release=release, text_hash=current).values_list("mandate_id", flat=True)
    )
    return bool(mandates) and mandates <= approved


def _refuse_unsent(release: PressRelease) -> None:
    waiting = press.unsent(release.case)
    if waiting:
        raise ValidationError(
            "The release names addressees whose letter has not been sent yet: " + ", ".join(waiting) + "."
        )


class DraftRelease(Action):
    permission = "reports.draft_press_release"
    records = ("pressrelease.drafted",)

    def describe(self):
        return "draft a press release"

    def perform(self, case: Case) -> PressRelease:
        if not case.communications.exists():
            raise ValidationError(f"{case} has no letters: a press release names the addressees contacted.")
        release = PressRelease.objects.create(case=case, **press.draft_fields(case))
        self.audit("pressrelease.drafted", release, after={"case": case.pk, "headline": release.headline})
        return release


class EditRelease(Action):
    permission = "reports.draft_press_release"
    records = ("pressrelease.edited",)

    def describe(self):
        return "edit a press release"

    def perform(self, release: PressRelease, **fields) -> PressRelease:
        release = _locked(release)
        if release.status == PressRelease.PUBLISHED:
            raise ValidationError("A published release cannot change.")
        if not str(fields.get("headline", release.headline)).strip():
            raise ValidationError("A release needs a headline.")
        if not str(fields.get("lead", release.lead)).strip():
            raise ValidationError("A release needs a lead paragraph.")
        before = press.content(release)
        for name, value in fields.items():
            if name not in press.TEXT_FIELDS:
                raise ValidationError(f"{name} is not a field of a press release")
            setattr(release, name, value)
        if release.status == PressRelease.APPROVED and not approved_by_all(release):
            release.status = PressRelease.IN_CLEARANCE  # the approved text changed: approvals start over
        release.save()
        self.audit("pressrelease.edited", release, before=before, after=press.content(release))
        return release


class SubmitRelease(Action):
    permission = "reports.draft_press_release"
    records = ("pressrelease.submitted",)

    def describe(self):
        return "submit a press release for clearance"

    def perform(self, release: PressRelease) -> PressRelease:
        release = _locked(release)
        if release.status != PressRelease.DRAFT:
            raise ValidationError(f"The release is {release.get_status_display().lower()}, not a draft.")
        _refuse_unsent(release)
        release.status = PressRelease.IN_CLEARANCE
        release.save(update_fields=["status", "updated_at"])
        self.audit("pressrelease.submitted", release, after={"text_hash": press.text_hash(release)})
        return release


class ApproveRelease(Action):
    """A holder approves the text they read (`seen_hash`) for their own mandate, one of the case's."""

    permission = "reports.approve_press_release"
    records = ("pressrelease.mandate_approved", "pressrelease.approved")

    def describe(self):
        return "approve a press release"

    def perform(self, release: PressRelease, mandate: Mandate, seen_hash: str) -> ReleaseApproval:
        release = _locked(release)
        if release.status != PressRelease.IN_CLEARANCE:
            raise ValidationError(f"The release is {release.get_status_display().lower()}, not in clearance.")
        if not release.case.casemandate_set.filter(mandate=mandate).exists():
            raise ValidationError(f"{mandate} is not a mandate of {release.case}.")
        account = None
        if not isinstance(self.actor, str):
            account = HolderAccount.objects.filter(user=self.actor, holder__mandate=mandate).select_related("holder")
            account = account.first()
        if account is None:
            raise PermissionDenied(f"You can approve only for your own mandate; you do not hold {mandate}.")
        current = press.text_hash(release)
        if seen_hash != current:
            raise ValidationError("The release changed since you opened it. Read the new text before approving.")
        if ReleaseApproval.objects.filter(release=release, mandate=mandate, text_hash=current).exists():
            raise ValidationError(f"{mandate} has already approved this text.")
        approval = ReleaseApproval.objects.create(
            release=release, mandate=mandate, holder=account.holder, user=self.actor, text_hash=current,
            approved_at=clock.now(),
        )  # fmt: skip
        self.audit("pressrelease.mandate_approved", release, after={"mandate": mandate.title, "text_hash": current})
        if approved_by_all(release, current):
            release.status = PressRelease.APPROVED
            release.save(update_fields=["status", "updated_at"])
            self.audit(
                "pressrelease.approved", release, before={"status": "in_clearance"}, after={"status": "approved"}
            )
        return approval


class PublishRelease(Action):
    permission = "reports.publish_press_release"
    records = ("pressrelease.published",)

    def describe(self):
        return "publish a press release"

    def perform(self, release: PressRelease) -> PressRelease:
        release = _locked(release)
        if release.status != PressRelease.APPROVED or not approved_by_all(release):
            raise ValidationError("Every mandate of the case must approve this text before it is published.")
        _refuse_unsent(release)
        base = slugify(f"{release.release_date:%Y-%m-%d} {release.headline}")[:70].strip("-")
        slug, n = base, 2
        while PressRelease.objects.filter(slug=slug).exclude(pk=release.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        release.slug, release.status, release.published_at = slug, PressRelease.PUBLISHED, clock.now()
        release.published_content = press.content(release)
        release.save()
        self.audit(
            "pressrelease.published",
            release,
            after={"slug": slug, "published_at": release.published_at, "embargo_until": release.embargo_until},
        )
        return release


class DismissPressFlag(Action):
    permission = "reports.dismiss_press_flag"
    records = ("case.press_flag_dismissed",)

    def describe(self):
        return "dismiss a case's press-release flag"

    def perform(self, case: Case, reason: str) -> PressFlagDismissal:
        if not reason.strip():
            raise ValidationError("Dismissing the flag needs a recorded reason.")
        if PressFlagDismissal.objects.filter(case=case).exists():
            raise ValidationError(f"The press-release flag of {case} is already dismissed.")
        dismissal = PressFlagDismissal.objects.create(
            case=case, reason=reason.strip(), dismissed_by=actor_fields(self.actor)["actor_label"],
            dismissed_at=clock.now(),
        )  # fmt: skip
        self.audit("case.press_flag_dismissed", case, after={"reason": dismissal.reason})
        return dismissal
