"""The procedure around the letters: clearance, the outbox, addressees' reply links, holder accounts, throttles.

State of cases and communications themselves lives in spcomms.cases; every change goes through workflow.actions.
"""

from django.db import models
from django.db.models import Q

from spcomms.cases.models import Communication, Reply


class Procedure(models.Model):
    """No rows: carries the workflow's permissions, which the role groups (workflow.roles) are built from."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_desk", "Can see the staff desk (dashboard, cases, letters)"),
            ("submit_for_clearance", "Can submit a case's letters for clearance"),
            ("approve_letters", "Can approve letters for the mandates one holds"),
            ("send_letters", "Can send approved letters and record dispatch"),
            ("hold_publication", "Can hold or release the publication of a letter"),
            ("close_case", "Can close a case"),
            ("review_replies", "Can accept a reply received through a link for publication or keep it confidential"),
        ]

    def __str__(self):
        return "procedure"


class Outbox(models.Model):
    """One e-mail to send. `message_id` is fixed before the first attempt: it is the idempotency key.

    pending → sending (claimed by one worker) → sent; sending with `handed_at` set and no result means the SMTP
    server may have the message: it becomes `uncertain` and waits for staff instead of leaving twice.
    """

    LETTER, REMINDER = "letter", "reminder"
    KINDS = [(LETTER, "Letter"), (REMINDER, "Reminder")]
    PENDING, SENDING, SENT, FAILED, UNCERTAIN = "pending", "sending", "sent", "failed", "uncertain"
    STATUSES = [
        (PENDING, "Pending"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (FAILED, "Failed (gave up)"),
        (UNCERTAIN, "Uncertain: check the mail server log"),
    ]

    communication = models.ForeignKey(Communication, on_delete=models.PROTECT, related_name="outbox")
    kind = models.CharField(max_length=10, choices=KINDS)
    dedup_key = models.CharField(max_length=100, unique=True, help_text="letter:<id> or reminder:<id>:<offset>")
    to_address = models.EmailField()
    message_id = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True, help_text="just before the SMTP transaction began")
    # The reply link issued at the hand-over: revoked when that attempt fails, so a letter has one live link.
    reply_token = models.ForeignKey(
        "ReplyToken", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["next_attempt_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name_plural = "outbox"

    def __str__(self):
        return f"{self.get_kind_display()} {self.communication} → {self.to_address} ({self.status})"


class ReplyToken(models.Model):
    """The addressee's secret link for one communication. Only the SHA-256 of the token is stored."""

    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="reply_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked = models.BooleanField(default=False)

    def __str__(self):
        return f"Reply link for {self.communication} until {self.expires_at:%Y-%m-%d}"


class LinkReply(models.Model):
    """Which reply link a reply came through (cases sits below the workflow, so the link is recorded here).

    The receipt pages of a link list these rows only: what this link's holder sent, never replies recorded by staff
    or sent through another link.
    """

    token = models.ForeignKey(ReplyToken, on_delete=models.PROTECT, related_name="link_replies")
    reply = models.OneToOneField(Reply, on_delete=models.CASCADE, related_name="link_reply")

    class Meta:
        verbose_name_plural = "link replies"

    def __str__(self):
        return f"{self.reply} through link {self.token_id}"


class Throttle(models.Model):
    """A failure counter shared by all web processes (login attempts, reply-link requests)."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["window_start"])]
        constraints = [models.CheckConstraint(condition=Q(count__gte=0), name="throttle_count_not_negative")]

    def __str__(self):
        return f"{self.key}: {self.count}"
