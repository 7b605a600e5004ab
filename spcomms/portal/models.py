"""The public search index: one row per published communication, copied out of the visibility gate.

Nothing here is read from the cases tables directly: `portal.index` fills these rows from
`cases.visibility.public_data`, so the index can only ever hold what the gate lets out. The full-text part lives
beside it, per database: an FTS5 table `portal_fts` on SQLite (migrations/0002_fulltext.py), a `search_vector`
tsvector column of SearchFacet with a GIN index on PostgreSQL (migrations/0004, filled by the trigger of 0003).

Filters, facet counts and sorts read only `SearchFacet`, a narrow copy of a few columns per document: scanning it
costs a few megabytes at 100k letters where the wide document rows (the text) cost a gigabyte.
"""

from django.db import models

from spcomms.cases.models import Communication
from spcomms.registry.models import Addressee, Mandate

KIND_STATE, KIND_COMPANY, KIND_OTHER = "state", "company", "other"
PUBLIC_KINDS = {KIND_STATE: "State", KIND_COMPANY: "Company", KIND_OTHER: "Other"}


def public_kind(addressee_kind: str) -> str:
    """The public addressee kind: State, company, or other (international organisations and other actors)."""
    return {Addressee.STATE: KIND_STATE, Addressee.COMPANY: KIND_COMPANY}.get(addressee_kind, KIND_OTHER)


class SearchDocument(models.Model):
    communication = models.OneToOneField(
        Communication, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    slug = models.CharField(max_length=40, unique=True)  # "AL-OTH-135-2021"
    reference = models.CharField(max_length=40)
    ref_type = models.CharField(max_length=2)
    public_type = models.CharField(max_length=3)  # AL/UA/OL or JAL/JUA/JOL
    code = models.CharField(max_length=3)
    number = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    date = models.DateField(null=True)
    sort_date = models.DateField()  # the letter's date, else the publication day: "newest first" needs no NULLs
    published_at = models.DateTimeField()
    addressee = models.ForeignKey(Addressee, on_delete=models.CASCADE, related_name="+")
    addressee_name = models.CharField(max_length=300)
    addressee_kind = models.CharField(max_length=10)  # state | company | other
    case_id = models.BigIntegerField(db_index=True)
    mandate_titles = models.JSONField(default=list)
    summary = models.TextField(blank=True)
    head = models.TextField(blank=True)  # indexed: reference, addressee, mandates, summary
    body = models.TextField(blank=True)  # indexed: the letter's own sections (boilerplate left out)
    replies_text = models.TextField(blank=True)  # indexed: text of the public replies
    reply_count = models.PositiveSmallIntegerField(default=0)
    last_reply_on = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["addressee"], name="portal_doc_addressee")]

    def __str__(self):
        return self.reference


class SearchFacet(models.Model):
    """The narrow half of a document: everything the filters, facets and sorts read, and nothing else."""

    document = models.OneToOneField(SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="facet")
    published_at = models.DateTimeField()
    sort_date = models.DateField()
    kind = models.CharField(max_length=10)  # SearchDocument.addressee_kind
    public_type = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=3)
    number = models.PositiveIntegerField()
    addressee = models.ForeignKey(Addressee, on_delete=models.CASCADE, related_name="+")
    replied = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["sort_date", "document"], name="portal_facet_date"),
            models.Index(fields=["year", "code", "number"], name="portal_facet_reference"),
        ]

    def __str__(self):
        return f"facets of {self.document_id}"


class SearchState(models.Model):
    """One row: a token replaced in the same transaction as every change of the index (facet caches key on it)."""

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token


class SearchMandate(models.Model):
    """Which mandates signed a document: the mandate facet and filter."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="mandates")
    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "mandate"], name="portal_unique_doc_mandate")]
        indexes = [models.Index(fields=["mandate", "document"], name="portal_mandate_doc")]

    def __str__(self):
        return f"{self.document_id} ← mandate {self.mandate_id}"
