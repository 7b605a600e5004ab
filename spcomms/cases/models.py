"""A Case is the situation; a Communication is one letter to one addressee; Replies answer Communications.

Fields marked CONFIDENTIAL never reach the public side: public code reads only through `cases.visibility`.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from spcomms.lib.references import TYPES, Reference, public_type
from spcomms.registry.models import Addressee, Mandate, MandateHolder

TYPE_CHOICES = [("AL", "Allegation letter"), ("UA", "Urgent appeal"), ("OL", "Other letter")]
assert [t for t, _ in TYPE_CHOICES] == list(TYPES)


class Case(models.Model):
    DRAFT, IN_CLEARANCE, APPROVED, SENDING, SENT, CLOSED = (
        "draft",
        "in_clearance",
        "approved",
        "sending",
        "sent",
        "closed",
    )
    STATUSES = [
        (DRAFT, "Draft"),
        (IN_CLEARANCE, "In clearance"),
        (APPROVED, "Approved"),
        (SENDING, "Being sent"),
        (SENT, "Sent"),
        (CLOSED, "Closed"),
    ]

    title = models.CharField(max_length=300)
    type = models.CharField(max_length=2, choices=TYPE_CHOICES)
    status = models.CharField(max_length=20, choices=STATUSES, default=DRAFT)
    summary = models.TextField(blank=True, help_text="public summary, shown once a communication is published")
    mandates = models.ManyToManyField(Mandate, through="CaseMandate", related_name="cases")
    signatories = models.ManyToManyField(MandateHolder, through="CaseSignatory", related_name="cases")
    addressees = models.ManyToManyField(Addressee, through="CaseAddressee", related_name="cases")
    staff_notes = models.TextField(blank=True, help_text="CONFIDENTIAL: never published")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save carrying an older version is refused instead of overwriting someone's work.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("view_every_case", "Can see every case, not only the cases of the mandates one holds")]

    def __str__(self):
        return self.title

    @property
    def joint(self) -> bool:
        return self.casemandate_set.count() > 1

    @property
    def public_type(self) -> str:
        """JAL/JUA/JOL for joint letters, as in the public tables."""
        return public_type(self.type, self.casemandate_set.count())

    def ordered_mandates(self):
        return [cm.mandate for cm in self.casemandate_set.select_related("mandate").order_by("position")]

    def resolutions(self) -> list[str]:
        return [cm.resolution for cm in self.casemandate_set.order_by("position") if cm.resolution]


class CaseMandate(models.Model):
    """A mandate of the case, in printed order, with the resolution the letter cites for it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()
    resolution = models.CharField(max_length=10, blank=True, help_text="as cited in the letter, e.g. 44/15")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "mandate"], name="unique_case_mandate"),
            models.UniqueConstraint(fields=["case", "position"], name="unique_case_mandate_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.mandate}"


class CaseSignatory(models.Model):
    """A signature under the case's letters: the holder, and the title exactly as printed in this case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    holder = models.ForeignKey(MandateHolder, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()
    printed_title = models.CharField(max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "holder"], name="unique_case_signatory"),
            models.UniqueConstraint(fields=["case", "position"], name="unique_case_signatory_position"),
        ]

    def __str__(self):
        return f"{self.holder.name}, {self.printed_title}"


class CaseAddressee(models.Model):
    """Everyone the case writes to, in the order the letters list them, whether or not their letter is on file."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    addressee = models.ForeignKey(Addressee, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["case", "addressee"], name="unique_case_addressee")]

    def __str__(self):
        return f"{self.case} → {self.addressee}"


class Communication(models.Model):
    PREPARED, SENT, AWAITING, REPLIED, NO_REPLY = "prepared", "sent", "awaiting_reply", "replied", "no_reply"
    STATUSES = [
        (PREPARED, "Prepared"),
        (SENT, "Sent"),
        (AWAITING, "Awaiting reply"),
        (REPLIED, "Replied"),
        (NO_REPLY, "No reply"),
    ]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="communications")
    addressee = models.ForeignKey(Addressee, on_delete=models.PROTECT, related_name="communications")
    ref_type = models.CharField("type", max_length=2, choices=TYPE_CHOICES)
    ref_code = models.CharField("code", max_length=3, editable=False)
    ref_number = models.PositiveIntegerField("number")
    ref_year = models.PositiveSmallIntegerField("reference year", help_text="year the file was opened")
    date = models.DateField(null=True, blank=True, help_text="date printed on the letter")
    status = models.CharField(max_length=20, choices=STATUSES, default=PREPARED)
    letter = models.JSONField(
        null=True, blank=True, encoder=DjangoJSONEncoder, help_text="snapshot of the letter exactly as generated/sent"
    )
    letter_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    reply_due = models.DateField(null=True, blank=True)
    publish_on = models.DateField(null=True, blank=True, help_text="the day the letter may become public")
    published_at = models.DateTimeField(null=True, blank=True)
    # Dispatch record (spcomms.workflow): how the letter left; `sent_at` starts the reply and publication clocks.
    EMAIL, NOTE_VERBALE, FAX, COURIER = "email", "note_verbale", "fax", "courier"
    DISPATCH_CHANNELS = [
        (EMAIL, "E-mail"),
        (NOTE_VERBALE, "Note verbale via Permanent Mission"),
        (FAX, "Fax"),
        (COURIER, "Courier"),
    ]
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set while an e-mail of the letter is queued (pending, sending or uncertain): its text is then what leaves.
    email_queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    dispatch_channel = models.CharField(max_length=20, choices=DISPATCH_CHANNELS, blank=True)
    dispatch_note = models.TextField(blank=True, help_text="e.g. note verbale number, courier tracking number")
    on_hold = models.BooleanField(default=False, help_text="publication held by staff")
    hold_reason = models.TextField(blank=True)
    confidential_annex = models.TextField(blank=True, help_text="CONFIDENTIAL: e.g. victims' names; never published")
    staff_notes = models.TextField(blank=True, help_text="CONFIDENTIAL: never published")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-ref_year", "ref_code", "-ref_number"]
        constraints = [
            # n runs per (CODE, year) across types, so the type is not part of the key.
            models.UniqueConstraint(fields=["ref_code", "ref_number", "ref_year"], name="unique_reference"),
        ]
        indexes = [models.Index(fields=["published_at"]), models.Index(fields=["publish_on"])]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        if not self.ref_number:
            return "(no reference)"
        return str(Reference(self.ref_type, self.ref_code, self.ref_number, self.ref_year))

    def clean(self):
        errors = {}
        if self.addressee_id:
            self.ref_code = self.addressee.code
        if self.ref_number is not None and self.ref_number < 1:
            errors["ref_number"] = "the reference number must be 1 or more"
        if self.ref_year and not (1980 <= self.ref_year <= 2100):
            errors["ref_year"] = "the reference year must be a four-digit year"
        if self.on_hold and not self.hold_reason.strip():
            errors["hold_reason"] = "a held publication needs a recorded reason"
        if self.publish_on and self.date and self.publish_on < self.date:
            errors["publish_on"] = "publication cannot come before the letter's date"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.addressee_id:
            self.ref_code = self.addressee.code
        if self.letter is not None:
            canonical = json.dumps(self.letter, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
            self.letter_sha256 = hashlib.sha256(canonical.encode()).hexdigest()
        super().save(*args, **kwargs)


def reply_upload_path(reply, filename):
    return f"replies/{reply.communication.ref_year}/{reply.communication_id}/{filename}"


class Reply(models.Model):
    EMAIL, POST, ONLINE, NOTE_VERBALE, OTHER = "email", "post", "online", "note_verbale", "other"
    CHANNELS = [
        (EMAIL, "E-mail"),
        (POST, "Post"),
        (ONLINE, "Online (addressee link)"),
        (NOTE_VERBALE, "Note verbale"),
        (OTHER, "Other"),
    ]

    communication = models.ForeignKey(Communication, on_delete=models.PROTECT, related_name="replies")
    received_on = models.DateField()
    language = models.CharField(max_length=8, default="en", help_text="ISO 639-1 code")
    channel = models.CharField(max_length=20, choices=CHANNELS, default=EMAIL)
    text = models.TextField(blank=True, help_text="text extracted from the reply, for search")
    file = models.FileField(upload_to=reply_upload_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the file as received")
    filename = models.CharField(max_length=255, blank=True, help_text="the file's name as uploaded")
    content_type = models.CharField(max_length=100, blank=True, help_text="type decided from the file's content")
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="bytes")
    confidential = models.BooleanField(default=False, help_text="CONFIDENTIAL reply: never published")
    staff_notes = models.TextField(blank=True, help_text="CONFIDENTIAL: never published")
    # A reply uploaded through a reply link is nobody's decision yet: nothing of it is public until the secretariat
    # accepts it or keeps it confidential (workflow.actions.review). Staff-recorded replies are decided at recording.
    under_review = models.BooleanField(default=False, help_text="received through a link: not public until reviewed")
    confidentiality_requested = models.BooleanField(
        default=False, help_text="the sender asked that it not be published"
    )
    confidentiality_reason = models.TextField(
        blank=True, help_text="CONFIDENTIAL: the sender's reason; never published"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, help_text="when the secretariat decided its publication")
    reviewed_by = models.CharField(max_length=150, blank=True, help_text="who decided its publication")
    decision_note = models.TextField(blank=True, help_text="CONFIDENTIAL: the reason recorded with the decision")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name_plural = "replies"
        constraints = [
            # The same file twice for one letter is a duplicate upload, not a second reply.
            models.UniqueConstraint(
                fields=["communication", "sha256"], condition=~models.Q(sha256=""), name="unique_reply_file"
            ),
        ]

    def __str__(self):
        return f"Reply to {self.communication.reference} received {self.received_on}"
