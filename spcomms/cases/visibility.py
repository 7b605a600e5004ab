"""The one visibility gate: the only way public code (portal, API, feeds, exports) reads cases.

A communication is public when it has been published (its `published_at` has passed) and is not on hold. What
leaves this module is plain data built from an allow-list of fields: sources, confidential annexes, staff notes,
confidential replies, replies still under review and unpublished letters cannot reach a public page because they
are never copied out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from spcomms.cases.models import Communication, Reply
from spcomms.lib import clock
from spcomms.lib.references import public_type

# The keys of the stored letter snapshot that are the letter itself (everything else is ignored).
PUBLIC_LETTER_KEYS = (
    "reference",
    "type",
    "code",
    "number",
    "year",
    "date",
    "addressee",
    "mandates",
    "resolutions",
    "questions",
    "signatories",
    "footnotes",
    "also_sent_to",
    "publication_days",
    "sections",
)


@dataclass(frozen=True)
class PublicReply:
    id: int
    received_on: dt.date
    language: str
    channel: str
    text: str
    has_file: bool
    sha256: str
    # A link reply: the day the secretariat accepted it, when it became public (what a feed's `updated` says).
    accepted_on: dt.date | None = None


def _public_reply(r: Reply) -> PublicReply:
    accepted_on = timezone.localdate(r.reviewed_at) if r.reviewed_at else None
    return PublicReply(r.id, r.received_on, r.language, r.channel, r.text, bool(r.file), r.sha256, accepted_on)


@dataclass(frozen=True)
class PublicCommunication:
    id: int
    reference: str
    type: str
    public_type: str
    code: str
    number: int
    year: int
    date: dt.date | None
    published_at: dt.datetime
    addressee_name: str
    addressee_kind: str
    mandates: tuple[str, ...]
    case_id: int
    case_title: str
    summary: str
    letter: dict | None
    replies: tuple[PublicReply, ...] = field(default_factory=tuple)


# A public reply: not confidential, and decided (a reply uploaded through a link waits for the secretariat's review).
PUBLIC_REPLY = Q(confidential=False, under_review=False)


def _published_q(now: dt.datetime) -> Q:
    return Q(published_at__isnull=False, published_at__lte=now, on_hold=False)


def public_reply_count(communication: Communication) -> int:
    """How many of a letter's replies are public once the letter is (for audit entries and the worker's dry run)."""
    return Reply.objects.filter(PUBLIC_REPLY, communication=communication).count()


def published_communications(now: dt.datetime | None = None) -> QuerySet[Communication]:
    """Queryset of published communications, for filtering and counting. Turn rows into data with `public_data`."""
    return Communication.objects.filter(_published_q(now or clock.now()))


def public_replies(communication: Communication, now: dt.datetime | None = None) -> list[PublicReply]:
    """Replies of a published communication that are public (PUBLIC_REPLY); nothing for an unpublished one."""
    if not published_communications(now).filter(pk=communication.pk).exists():
        return []
    replies = Reply.objects.filter(PUBLIC_REPLY, communication=communication).order_by("received_on", "id")
    return [_public_reply(r) for r in replies]


def _public(communication: Communication, mandates: list[str], replies: list[Reply]) -> PublicCommunication:
    """The allow-list: the only place where a communication's fields are copied into public data."""
    case, letter = communication.case, communication.letter
    return PublicCommunication(
        id=communication.id,
        reference=communication.reference,
        type=communication.ref_type,
        public_type=public_type(communication.ref_type, len(mandates)),
        code=communication.ref_code,
        number=communication.ref_number,
        year=communication.ref_year,
        date=communication.date,
        published_at=communication.published_at,
        addressee_name=communication.addressee.name,
        addressee_kind=communication.addressee.kind,
        mandates=tuple(mandates),
        case_id=case.id,
        case_title=case.title,
        summary=case.summary,
        letter={k: letter[k] for k in PUBLIC_LETTER_KEYS if k in letter} if isinstance(letter, dict) else None,
        replies=tuple(_public_reply(r) for r in replies),
    )


def _is_public(communication: Communication, now: dt.datetime) -> bool:
    return bool(communication.published_at and communication.published_at <= now and not communication.on_hold)


def public_data(communication: Communication, now: dt.datetime | None = None) -> PublicCommunication:
    """The allow-listed public view of one communication; raises Communication.DoesNotExist if it is not public."""
    now = now or clock.now()
    if not _is_public(communication, now):
        raise Communication.DoesNotExist(f"{communication.reference} is not published")
    replies = Reply.objects.filter(PUBLIC_REPLY, communication=communication).order_by("received_on", "id")
    return _public(communication, [m.title for m in communication.case.ordered_mandates()], list(replies))


def get_public(reference_or_id, now: dt.datetime | None = None) -> PublicCommunication:
    """One public communication by id; Communication.DoesNotExist (→ 404) if absent or not public."""
    communication = published_communications(now).select_related("case", "addressee").get(pk=reference_or_id)
    return public_data(communication, now)


def related_public(communication: Communication, now: dt.datetime | None = None) -> list[PublicCommunication]:
    """The other published letters of the same case."""
    others = published_communications(now).filter(case=communication.case).exclude(pk=communication.pk)
    return [public_data(c, now) for c in others.select_related("case", "addressee")]


# --- Added for the public portal (spcomms.portal): lookups by reference, bulk reads, reply files. ---


def get_public_by_reference(reference, now: dt.datetime | None = None) -> PublicCommunication:
    """One public communication by its `Reference`; Communication.DoesNotExist (→ 404) if absent or not public."""
    return public_data(_published_by_reference(reference, now), now)


def public_with_case_letters(reference, now: dt.datetime | None = None):
    """(The public communication `reference`, the other published letters of its case), in one bulk read.

    Communication.DoesNotExist (→ 404) if `reference` is absent or not public.
    """
    now = now or clock.now()
    its_case = published_communications(now).filter(
        ref_type=reference.type, ref_code=reference.code, ref_number=reference.number, ref_year=reference.year
    )
    ids = published_communications(now).filter(case_id__in=its_case.values("case_id")).values_list("pk", flat=True)
    letters = list(iter_public_data(list(ids), now))
    wanted = (reference.type, reference.code, reference.number, reference.year)
    found = [c for c in letters if (c.type, c.code, c.number, c.year) == wanted]
    if not found:
        raise Communication.DoesNotExist(f"{reference} is not published")
    return found[0], [c for c in letters if c.id != found[0].id]


def _published_by_reference(reference, now: dt.datetime | None) -> Communication:
    return (
        published_communications(now)
        .select_related("case", "addressee")
        .get(ref_type=reference.type, ref_code=reference.code, ref_number=reference.number, ref_year=reference.year)
    )


def iter_public_data(communication_ids=None, now: dt.datetime | None = None, chunk_size: int = 500):
    """Public data of many published communications (all, or those of `communication_ids`), a few queries per chunk.

    Same allow-list as `public_data`, built from prefetched rows so that indexing the whole register is fast.
    """
    from django.db.models import Prefetch

    from spcomms.cases.models import CaseMandate

    now = now or clock.now()
    published = published_communications(now).order_by("pk")
    if communication_ids is not None:
        published = published.filter(pk__in=list(communication_ids))
    ids = list(published.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        rows = (
            Communication.objects.filter(pk__in=ids[start : start + chunk_size])
            .select_related("case", "addressee")
            .prefetch_related(
                Prefetch(
                    "case__casemandate_set",
                    queryset=CaseMandate.objects.select_related("mandate").order_by("position"),
                ),
                Prefetch(
                    "replies",
                    queryset=Reply.objects.filter(PUBLIC_REPLY).order_by("received_on", "id"),
                    to_attr="public_reply_rows",
                ),
            )
            .order_by("pk")
        )
        for c in rows:
            yield _public(c, [cm.mandate.title for cm in c.case.casemandate_set.all()], c.public_reply_rows)


@dataclass(frozen=True)
class PublicFile:
    name: str
    content: bytes


def public_reply_file(reference, reply_id: int, now: dt.datetime | None = None) -> PublicFile:
    """The file of a public reply of a published communication; Reply.DoesNotExist if there is none to show."""
    try:
        communication = _published_by_reference(reference, now)
    except Communication.DoesNotExist:
        raise Reply.DoesNotExist("not a published communication") from None
    reply = Reply.objects.get(PUBLIC_REPLY, pk=reply_id, communication=communication)
    if not reply.file:
        raise Reply.DoesNotExist("this reply has no file")
    with reply.file.open("rb") as handle:
        content = handle.read()
    return PublicFile(name=reply.file.name.rsplit("/", 1)[-1], content=content)


# --- Added for the reports (spcomms.reports): narrow facts of every published letter, for counting. ---


@dataclass(frozen=True)
class PublicFacts:
    """What counting needs of the published register, in three narrow reads (allow-listed columns only)."""

    letters: list[tuple]  # (id, date, ref_type, addressee kind, addressee code, addressee id, case id)
    replies: list[tuple]  # (communication id, received_on) of public replies of those letters
    case_mandates: list[tuple]  # (case id, mandate id) of the cases of those letters


def public_facts(now: dt.datetime | None = None) -> PublicFacts:
    from spcomms.cases.models import CaseMandate

    published = published_communications(now)
    letters = list(
        published.order_by("pk").values_list(
            "pk", "date", "ref_type", "addressee__kind", "ref_code", "addressee_id", "case_id"
        )
    )
    replies = list(
        Reply.objects.filter(PUBLIC_REPLY, communication__in=published)
        .order_by("communication_id", "received_on")
        .values_list("communication_id", "received_on")
    )
    links = list(
        CaseMandate.objects.filter(case__in=published.values("case_id"))
        .order_by("case_id", "position")
        .values_list("case_id", "mandate_id")
    )
    return PublicFacts(letters, replies, links)
