"""A reading of one reply against its letter's questions: labels with evidence, the due-diligence rubric, and
what staff confirmed or changed (kept beside the machine's values as evaluation data).

INTERNAL: nothing here is public. The portal reads only through spcomms.cases.visibility, which never looks here.
"""

from django.conf import settings
from django.db import models

from spcomms.cases.models import Reply

LABEL_CHOICES = [("answered", "Answered"), ("partly", "Partly answered"), ("not_addressed", "Not addressed")]
SCORE_CHOICES = [(0, "0 · absent"), (1, "1 · mentioned"), (2, "2 · described with specifics")]


class Assessment(models.Model):
    PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
    STATUSES = [(PENDING, "Waiting for the worker"), (RUNNING, "Being read"), (DONE, "Read"), (FAILED, "Failed")]

    reply = models.OneToOneField(Reply, on_delete=models.CASCADE, related_name="assessment")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    requested_at = models.DateTimeField()
    # The worker's claim (conditional UPDATE): who holds the row and since when; a stale claim may be taken over.
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="the text read; evidence spans index into it")
    language = models.CharField(max_length=8, blank=True, help_text="detected, ISO 639-1 ('und' if too short)")
    language_probability = models.FloatField(null=True, blank=True)
    refuses_to_answer = models.BooleanField(default=False)
    model_version = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["status", "requested_at"])]
        permissions = [("review_assessment", "Can confirm or correct the reading of a reply")]

    def __str__(self):
        return f"Reading of {self.reply}"


class QuestionLabel(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="labels")
    number = models.PositiveSmallIntegerField()
    question = models.TextField()
    machine_label = models.CharField(max_length=15, choices=LABEL_CHOICES)
    machine_confidence = models.FloatField()
    method = models.CharField(max_length=20, blank=True, help_text="numbered, heading, content, cross_reference…")
    note = models.CharField(max_length=200, blank=True)
    evidence = models.JSONField(default=list, help_text="[{start, end, text}] spans of Assessment.text")
    label = models.CharField(max_length=15, choices=LABEL_CHOICES, help_text="staff's decision, else the machine's")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="unique_question_label")]

    def __str__(self):
        return f"Q{self.number}: {self.label}"

    @property
    def corrected(self) -> bool:
        return self.reviewed_at is not None and self.label != self.machine_label


class RubricScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.CharField(max_length=40)
    title = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField()
    machine_score = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    evidence = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="unique_rubric_indicator")]

    def __str__(self):
        return f"{self.indicator}: {self.score}"


class Review(models.Model):
    """One staff decision on a label or score: the machine's value, the value before, the value decided.

    Append-only evaluation data: agreement of the machine with staff is measured from these rows, and they
    survive a re-reading of the reply by a newer model (the labels are replaced, the reviews are not).
    """

    QUESTION, INDICATOR = "question", "indicator"
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    target = models.CharField(max_length=10, choices=[(QUESTION, "Question"), (INDICATOR, "Indicator")])
    key = models.CharField(max_length=40, help_text="question number or indicator code")
    machine_value = models.CharField(max_length=15)
    previous_value = models.CharField(max_length=15)
    value = models.CharField(max_length=15)
    model_version = models.CharField(max_length=120)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["reviewed_at", "id"]

    def __str__(self):
        return f"{self.target} {self.key}: {self.machine_value} → {self.value}"
