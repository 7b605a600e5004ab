"""What is public of press releases (/news/), and the desk's press-release flags."""

from __future__ import annotations

from django.db.models import Q

from spcomms.cases import visibility
from spcomms.cases.models import Case, Communication
from spcomms.lib import clock
from spcomms.lib.references import slug_of
from spcomms.portal.data import communication_url

from .models import PressRelease


def public_releases():
    """Published releases whose embargo, if any, has passed."""
    now = clock.now()
    return PressRelease.objects.filter(status=PressRelease.PUBLISHED, published_at__lte=now).filter(
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
    )


def public_letters_of(case_id: int) -> list[dict]:
    """The case's communications that are public (through the gate), to link a release to them."""
    rows = visibility.published_communications().filter(case_id=case_id).select_related("addressee")
    return [
        {"reference": c.reference, "addressee": c.addressee.name, "url": communication_url(slug_of(c.reference))}
        for c in rows.order_by("ref_code", "ref_number")
    ]


def releases_for_reference(reference) -> list[PressRelease]:
    """Public releases about the case of a public communication (for a link from its page)."""
    published = visibility.published_communications().filter(
        ref_type=reference.type, ref_code=reference.code, ref_number=reference.number, ref_year=reference.year
    )
    return list(public_releases().filter(case_id__in=published.values("case_id")))


def flagged_cases():
    """Cases whose letters announce a press release, with none published and the flag not dismissed."""
    announcing = (
        Communication.objects.filter(letter__sections__press_release__isnull=False)
        .exclude(letter__sections__press_release="")
        .values("case_id")
    )
    return (
        Case.objects.filter(pk__in=announcing)
        .exclude(press_releases__status=PressRelease.PUBLISHED)
        .exclude(press_flag_dismissal__isnull=False)
        .order_by("-updated_at")
    )
