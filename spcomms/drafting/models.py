"""What staff write once per case: the drafted text, the clause library, the question bank, addressee groups."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from spcomms.cases import deadlines
from spcomms.cases.models import Case, CaseAddressee
from spcomms.registry.models import Mandate, MandateHolder


class Clause(models.Model):
    """A reusable paragraph of the legal annex (e.g. UNGP 13). Editing makes a new version; letters keep theirs."""

    key = models.SlugField(max_length=80, help_text="stable identifier, e.g. 'ungp-13'")
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200)
    text = models.TextField(help_text="plain text; paragraphs separated by a blank line")
    source = models.CharField(max_length=200, blank=True, help_text="where the text comes from, e.g. a sent letter")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="unique_clause_version")]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class Question(models.Model):
    """A question of the bank, with a stable identifier across versions (statistics count answers by it)."""

    qid = models.SlugField("question ID", max_length=80, help_text="stable identifier, e.g. 'bhr-due-diligence'")
    version = models.PositiveIntegerField(default=1)
    text = models.TextField()
    source = models.CharField(
        max_length=200, blank=True, help_text="where the text comes from: a sent letter, or 'example'"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["qid", "-version"]
        constraints = [models.UniqueConstraint(fields=["qid", "version"], name="unique_question_version")]

    def __str__(self):
        return f"{self.qid} v{self.version}: {self.text[:60]}"


class QuestionSet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True, help_text="when to use this set")
    questions = models.ManyToManyField(Question, through="QuestionSetItem")

    def __str__(self):
        return self.name

    def texts(self) -> list[str]:
        return [item.question.text for item in self.items.select_related("question").order_by("position")]


class QuestionSetItem(models.Model):
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "position"], name="unique_question_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.question.qid}"


class Draft(models.Model):
    """The case's text, written once; each addressee's letter is composed from it and the addressee's group."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="draft")
    letter_date = models.DateField(null=True, blank=True, help_text="the date the letters will carry")
    introduction = models.TextField(
        blank=True, help_text="default introduction ('In this connection, we have received information …')"
    )
    facts = models.TextField(blank=True, help_text="after 'According to the information received:'; [^1] marks a note")
    concerns = models.TextField(blank=True, help_text="'While we do not wish to prejudge …'")
    after_questions = models.TextField(blank=True, help_text="e.g. the interim-measures paragraph of urgent appeals")
    footnotes = models.JSONField(default=list, blank=True, help_text="[{'number': 1, 'text': '…'}]")
    annex_clauses = models.ManyToManyField(Clause, through="DraftClause", blank=True)
    annex_text = models.TextField(blank=True, help_text="annex paragraphs written for this case, after the clauses")
    press_release = models.BooleanField(default=False, help_text="the experts may publicly express concern")
    publication_days = models.PositiveSmallIntegerField(default=deadlines.default_publication_days)
    placeholders = models.JSONField(
        default=dict, blank=True, help_text="this case's words for the stock texts' placeholders, e.g. {region}"
    )

    def __str__(self):
        return f"Draft of {self.case}"

    def annex(self) -> str:
        clauses = [dc.clause.text for dc in self.draftclause_set.select_related("clause").order_by("position")]
        return "\n\n".join([*clauses, *([self.annex_text] if self.annex_text.strip() else [])])

    def footnote_texts(self) -> list[str]:
        """The notes' texts in order; entries without a text (saved before `clean` checked them) are left out."""
        notes = self.footnotes if isinstance(self.footnotes, list) else []
        return [note["text"] for note in notes if isinstance(note, dict) and isinstance(note.get("text"), str)]

    def clean(self):
        problem = footnotes_problem(self.footnotes)
        if problem:
            raise ValidationError({"footnotes": problem})


FOOTNOTE_SHAPE = 'a list like [{"number": 1, "text": "…"}, {"number": 2, "text": "…"}]'


def footnotes_problem(notes) -> str | None:
    """What is wrong with a draft's footnotes (the admin edits them as raw JSON), or None."""
    if notes is None:
        return None
    if not isinstance(notes, list):
        return f"footnotes must be {FOOTNOTE_SHAPE}, not {type(notes).__name__} {notes!r:.40}"
    seen = set()
    for position, note in enumerate(notes, start=1):
        if not isinstance(note, dict):
            return f"footnote {position} must be an object with a number and a text, not {note!r:.40}"
        extra = set(note) - {"number", "text"}
        if extra:
            return f"footnote {position} has unknown keys: {', '.join(sorted(map(str, extra)))}"
        number, text = note.get("number"), note.get("text")
        if type(number) is not int:  # bool is an int to isinstance
            return f"footnote {position} needs a whole number as its 'number', not {number!r:.40}"
        if number in seen:
            return f"footnote number {number} appears twice"
        seen.add(number)
        if not isinstance(text, str) or not text.strip():
            return f"footnote {number} needs a non-empty 'text'"
    if [note["number"] for note in notes] != list(range(1, len(notes) + 1)):
        return "footnotes must be numbered 1, 2, 3 … in order"
    return None


class DraftClause(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE)
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["draft", "position"], name="unique_clause_position")]

    def __str__(self):
        return f"{self.position}. {self.clause.key}"


class AddresseeGroup(models.Model):
    """Addressees who get the same variant: question set and phrasing (e.g. 'involved through its supply chain')."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200, help_text="e.g. 'Companies involved through their supply chain'")
    position = models.PositiveSmallIntegerField(default=1)
    question_set = models.ForeignKey(QuestionSet, on_delete=models.PROTECT, null=True, blank=True)
    introduction = models.TextField(blank=True, help_text="this group's introduction; empty: the draft's")
    generates = models.BooleanField(
        default=True, help_text="off: addressees named in the letters whose own letters are not made here (historic)"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "name"], name="unique_group_name")]

    def __str__(self):
        return self.name


class GroupMembership(models.Model):
    """An addressee of the case in exactly one group."""

    group = models.ForeignKey(AddresseeGroup, on_delete=models.CASCADE, related_name="memberships")
    case_addressee = models.OneToOneField(CaseAddressee, on_delete=models.CASCADE, related_name="membership")
    reference = models.CharField(
        max_length=30, blank=True, help_text="historic reference set by hand; empty: allocated at generation"
    )

    def __str__(self):
        return f"{self.case_addressee.addressee} in {self.group}"

    def clean(self):
        if self.group.case_id != self.case_addressee.case_id:
            raise ValidationError("the addressee and the group belong to different cases")


class Clearance(models.Model):
    """The text version a case's approvals count against; a different version means approvals start over."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="clearance")
    text_hash = models.CharField(max_length=64)
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=200)

    class Meta:
        db_table = "workflow_clearance"  # moved from workflow with its table (drafting owns the text approved)

    def __str__(self):
        return f"Clearance of {self.case} at {self.text_hash[:12]}"


class Approval(models.Model):
    """One mandate's agreement to one version of the case's letters."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approvals")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT)
    holder = models.ForeignKey(MandateHolder, on_delete=models.PROTECT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    text_hash = models.CharField(max_length=64, help_text="the version approved (drafting.textversion)")
    approved_at = models.DateTimeField()

    class Meta:
        db_table = "workflow_approval"  # moved from workflow with its table (drafting owns the text approved)
        ordering = ["approved_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "mandate", "text_hash"], name="one_approval_per_mandate_version")
        ]

    def __str__(self):
        return f"{self.mandate} approved {self.case} ({self.text_hash[:12]})"
