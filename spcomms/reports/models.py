"""Council sessions (staff overrides of the computed calendar), published reports and press releases.

Every write goes through reports.actions. What is public is built from the visibility gate; a published report and
a published release are frozen copies of what was shown, so later edits of the register never change them.
"""

from django.conf import settings
from django.db import models

from spcomms.cases.models import Case
from spcomms.registry.models import Mandate, MandateHolder


class Reporting(models.Model):
    """No rows: carries this app's permissions (granted to the role groups by spcomms.workflow.roles)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("publish_report", "Can publish a session's communications report"),
            ("override_session", "Can override a session's symbol or dates"),
            ("draft_press_release", "Can draft press releases"),
            ("approve_press_release", "Can approve press releases for the mandates one holds"),
            ("publish_press_release", "Can publish an approved press release"),
            ("dismiss_press_flag", "Can dismiss a case's press-release flag with a reason"),
        ]

    def __str__(self):
        return "reporting"


class SessionOverride(models.Model):
    """What staff changed of a session's computed symbol or dates; an empty field keeps the computed value."""

    number = models.PositiveSmallIntegerField(unique=True)
    symbol = models.CharField(max_length=40, blank=True)
    sent_from = models.DateField(null=True, blank=True)
    sent_to = models.DateField(null=True, blank=True)
    replies_from = models.DateField(null=True, blank=True)
    replies_to = models.DateField(null=True, blank=True)
    report_date = models.DateField(null=True, blank=True, help_text="the date on the report's title page")
    reason = models.TextField()

    def __str__(self):
        return f"override of session {self.number}"


class PublishedReport(models.Model):
    """A session's report as published: its data (from the gate) and files, frozen."""

    session = models.PositiveSmallIntegerField(unique=True)
    symbol = models.CharField(max_length=40)
    data = models.JSONField(help_text="the report's data exactly as published (reports.report.build_report)")
    pdf = models.BinaryField()
    docx = models.BinaryField()
    published_at = models.DateTimeField()
    published_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["-session"]

    def __str__(self):
        return self.symbol


class PressRelease(models.Model):
    DRAFT, IN_CLEARANCE, APPROVED, PUBLISHED = "draft", "in_clearance", "approved", "published"
    STATUSES = [(DRAFT, "Draft"), (IN_CLEARANCE, "In clearance"), (APPROVED, "Approved"), (PUBLISHED, "Published")]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="press_releases")
    status = models.CharField(max_length=20, choices=STATUSES, default=DRAFT)
    headline = models.CharField(max_length=300)
    city = models.CharField(max_length=60, default="GENEVA")
    release_date = models.DateField(help_text="the date of the dateline")
    lead = models.TextField()
    body = models.TextField(blank=True)
    quotes = models.JSONField(default=list, help_text="[{'text': …, 'speaker': …}] in printed order")
    contacts = models.TextField(blank=True, help_text="media contacts, printed at the end")
    embargo_until = models.DateTimeField(null=True, blank=True, help_text="not public before this moment")
    slug = models.SlugField(max_length=80, unique=True, null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_content = models.JSONField(null=True, blank=True, help_text="the release exactly as published")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-release_date", "-id"]

    def __str__(self):
        return self.headline


class ReleaseApproval(models.Model):
    """One mandate's agreement to one version (content hash) of a press release."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="approvals")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT)
    holder = models.ForeignKey(MandateHolder, on_delete=models.PROTECT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    text_hash = models.CharField(max_length=64)
    approved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "mandate", "text_hash"], name="one_release_approval_per_version")
        ]

    def __str__(self):
        return f"{self.mandate} approved release {self.release_id}"


class PressFlagDismissal(models.Model):
    """Staff decided that a case whose letters announce a press release will not have one."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="press_flag_dismissal")
    reason = models.TextField()
    dismissed_by = models.CharField(max_length=200)
    dismissed_at = models.DateTimeField()

    def __str__(self):
        return f"press flag of {self.case} dismissed"
