"""Keeping the public search index in step with the visibility gate.

The index (portal.models) is filled only from `cases.visibility`, so it holds nothing the gate would not show. The
actions that change what is public call `refresh_for()` inside their transaction (a rollback takes the index back
too, so a hold never commits while its letter stays searchable); `spcomms reindex` rebuilds everything. The SQL
triggers that keep the full-text tables and the narrow facet rows in step with SearchDocument are in
portal/migrations/0002_fulltext.py, 0003_narrow_facets.py and 0004_postgres_vector_on_facets.py: the database
maintains them in the same statement, so no code path can forget them.
"""

from __future__ import annotations

import secrets

from django.db import models, transaction
from django.utils import timezone

from spcomms.cases import visibility
from spcomms.cases.models import Case, CaseMandate, Communication, Reply
from spcomms.lib.letter import FOOTNOTE_TOKEN
from spcomms.lib.references import slug_of
from spcomms.registry.models import Addressee, Mandate

from . import fulltext
from .models import SearchDocument, SearchFacet, SearchMandate, SearchState, public_kind

# The sections that make one letter different from another; the standard paragraphs (capacity, procedure,
# publication notice, legal annex) are in every letter and would only make every word match everything.
INDEXED_SECTIONS = ("introduction", "facts", "concerns", "after_questions")


def refresh(ids) -> int:
    """Bring these communications' index rows in step with the gate; how many are public (and indexed) now."""
    return reindex_many(ids)


def refresh_for(instance: models.Model) -> int:
    """After a change of `instance`, refresh every published communication it appears in."""
    if isinstance(instance, Communication):
        return refresh([instance.pk])
    if isinstance(instance, Reply):
        return refresh([instance.communication_id])
    if isinstance(instance, Case):
        letters = Communication.objects.filter(case=instance)
    elif isinstance(instance, CaseMandate):
        letters = Communication.objects.filter(case_id=instance.case_id)
    elif isinstance(instance, Addressee):
        letters = Communication.objects.filter(addressee=instance)
    elif isinstance(instance, Mandate):
        letters = Communication.objects.filter(case__casemandate__mandate=instance)
    else:
        return 0
    # Only rows that are published or indexed can change the index; drafts of a busy case cost nothing.
    ids = list(letters.filter(published_at__isnull=False).values_list("pk", flat=True).distinct())
    return refresh(ids) if ids else 0


def _id(communication_or_id) -> int:
    return getattr(communication_or_id, "pk", communication_or_id)


def remove(communication_or_id) -> None:
    """Take a communication out of the index (unpublished, held, deleted). Safe to call when it is not there."""
    with transaction.atomic():
        if _delete([_id(communication_or_id)]):
            _changed()


def _delete(ids=None) -> int:
    """Delete the documents of `ids` (None: all) from the index; how many there were."""
    for model in (SearchMandate, SearchFacet):
        model.objects.filter(**{} if ids is None else {"document_id__in": ids}).delete()
    return (
        SearchDocument.objects.filter(**{} if ids is None else {"pk__in": ids})
        .delete()[1]
        .get(SearchDocument._meta.label, 0)
    )


def _changed() -> None:
    """A new state token: every process reloads its facet table (facets.table). Only on a real change: saving a
    letter that is not public (a draft, a dispatch) must not make every web process reload."""
    if not SearchState.objects.filter(pk=1).update(token=secrets.token_hex(16)):
        SearchState.objects.create(pk=1, token=secrets.token_hex(16))


def reindex(communication_or_id) -> bool:
    """Bring one communication's index row in step with the gate; True if it is public (and now indexed)."""
    return reindex_many([_id(communication_or_id)]) == 1


def reindex_many(ids) -> int:
    ids = list(ids)
    with transaction.atomic():
        deleted = _delete(ids)
        stored = _store(visibility.iter_public_data(ids))
        if deleted or stored:
            _changed()
        return stored


def reindex_all(progress=None) -> int:
    """Rebuild the whole index from the gate, in one transaction (readers see the old index until it commits)."""
    with transaction.atomic():
        _delete()
        _changed()
        count = _store(visibility.iter_public_data(), progress=progress)
    fulltext.optimise()
    return count


def _store(public_items, progress=None, batch_size: int = 500) -> int:
    mandate_ids = dict(Mandate.objects.values_list("title", "id"))
    addressee_ids = {(kind, name): pk for kind, name, pk in Addressee.objects.values_list("kind", "name", "id")}
    documents, links, count = [], [], 0

    def flush():
        SearchDocument.objects.bulk_create(documents)  # triggers write the SearchFacet rows (migration 0003)
        SearchMandate.objects.bulk_create(links)
        documents.clear()
        links.clear()

    for item in public_items:
        documents.append(_document(item, addressee_ids[(item.addressee_kind, item.addressee_name)]))
        links += [SearchMandate(document_id=item.id, mandate_id=mandate_ids[t]) for t in item.mandates]
        count += 1
        if len(documents) >= batch_size:
            flush()
            if progress:
                progress(count)
    flush()
    return count


def _letter_text(letter: dict | None) -> str:
    if not letter:
        return ""
    sections = letter.get("sections") or {}
    parts = [sections.get(name) or "" for name in INDEXED_SECTIONS] + list(letter.get("questions") or [])
    return FOOTNOTE_TOKEN.sub("", "\n\n".join(p for p in parts if isinstance(p, str) and p))


def _document(item: visibility.PublicCommunication, addressee_id: int) -> SearchDocument:
    replies = item.replies
    return SearchDocument(
        communication_id=item.id,
        slug=slug_of(item.reference),
        reference=item.reference,
        ref_type=item.type,
        public_type=item.public_type,
        code=item.code,
        number=item.number,
        year=item.year,
        date=item.date,
        sort_date=item.date or timezone.localdate(item.published_at),
        published_at=item.published_at,
        addressee_id=addressee_id,
        addressee_name=item.addressee_name,
        addressee_kind=public_kind(item.addressee_kind),
        case_id=item.case_id,
        mandate_titles=list(item.mandates),
        summary=item.summary,
        head=" \n".join([item.summary, item.addressee_name, item.reference, *item.mandates]),  # summary first: snippets
        body=_letter_text(item.letter),
        replies_text="\n\n".join(r.text for r in replies if r.text),
        reply_count=len(replies),
        last_reply_on=replies[-1].received_on if replies else None,
    )
