"""Submissions from the public and the source vault they live in.

Everything that could identify a person or tell what they said — identity, contact, victims' names, the account of
what happened, messages, file names and file contents — is sealed (AES-256-GCM, spcomms.intake.keys) before it
reaches the database or the disk. What stays in clear is what triage sorts by: state, dates, language, the State
concerned, the kinds of submitter and victim, the mandates chosen, consent flags and sizes.
ALWAYS CONFIDENTIAL: no public code path reads these models.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models

from spcomms.cases.models import Case
from spcomms.registry.models import Mandate

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def new_source_id() -> str:
    """The opaque id cases and staff use for a source: random, says nothing about who it is."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"S-{body[:4]}-{body[4:]}"


def new_draft_key() -> str:
    return secrets.token_urlsafe(24)


class IntakeDraft(models.Model):
    """A form being filled in, saved at every step; its key is kept in the visitor's session only."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.CharField(max_length=64, unique=True, default=new_draft_key)
    sealed = models.BinaryField(help_text="sealed JSON: what was typed, by step")
    step_reached = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    def __str__(self):
        return f"form draft {self.pk}"

    def context(self) -> str:
        return f"intake-draft:{self.uid}:data"


class Submission(models.Model):
    NEW, INFO_REQUESTED, ADMISSIBLE = "new", "information_requested", "admissible"
    NOT_TAKEN_UP, MERGED, CONVERTED = "not_taken_up", "merged", "converted"
    STATES = [
        (NEW, "New"),
        (INFO_REQUESTED, "Information requested"),
        (ADMISSIBLE, "Admissible"),
        (NOT_TAKEN_UP, "Not taken up"),
        (MERGED, "Merged"),
        (CONVERTED, "Converted to a case"),
    ]
    OPEN = (NEW, INFO_REQUESTED, ADMISSIBLE)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source_id = models.CharField(max_length=16, unique=True, default=new_source_id, help_text="opaque id")
    receipt_hash = models.CharField(max_length=64, unique=True, help_text="Argon2id of the receipt code")
    state = models.CharField(max_length=30, choices=STATES, default=NEW, db_index=True)
    language = models.CharField(max_length=8, default="en")
    submitter_kind = models.CharField(max_length=20)
    victims_kind = models.CharField(max_length=20)
    perpetrator_kind = models.CharField(max_length=20)
    country = models.CharField(max_length=3, blank=True, help_text="alpha-3 of the State concerned")
    mandates_chosen = models.ManyToManyField(Mandate, blank=True, related_name="+")
    consent_contact = models.BooleanField(default=False)
    consent_names_to_state = models.BooleanField(default=False)
    identity = models.BinaryField(help_text="sealed JSON: submitter, contact, victims' names")
    account = models.BinaryField(help_text="sealed JSON: what happened, where, when, by whom, steps taken")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(db_index=True)
    state_changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("triage_submission", "Can triage submissions (read the account, move states, convert to cases)"),
            ("read_source", "Can open a source's identity (each opening audited with a reason)"),
        ]

    def __str__(self):
        return self.source_id  # never anything sealed: this goes into audit entries and logs

    def context(self, part: str) -> str:
        return f"submission:{self.uid}:{part}"


class Message(models.Model):
    TO_SUBMITTER, FROM_SUBMITTER = "to_submitter", "from_submitter"
    DIRECTIONS = [(TO_SUBMITTER, "To the submitter"), (FROM_SUBMITTER, "From the submitter")]

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=20, choices=DIRECTIONS)
    sealed_body = models.BinaryField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"message {self.pk} on {self.submission_id}"

    def context(self) -> str:
        return f"message:{self.uid}:body"


class Attachment(models.Model):
    """A file sent with a submission (or a draft, or an answer); its bytes are sealed in MEDIA_ROOT/intake/."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.ForeignKey(IntakeDraft, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="files")
    sealed_name = models.BinaryField(help_text="sealed: the file's name as uploaded")
    kind = models.CharField(max_length=10, help_text="pdf, docx, png, jpeg, tiff: decided by content")
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"file {self.uid}"

    def context(self, part: str) -> str:
        return f"attachment:{self.uid}:{part}"


class SourceLink(models.Model):
    """A case's confidential source, known to the case only by its opaque id."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="source_links")
    source_id = models.CharField(max_length=16, db_index=True)
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "source_id"], name="unique_case_source")]

    def __str__(self):
        return f"{self.source_id} → case {self.case_id}"
