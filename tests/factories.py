"""Small builders for tests: registry objects and communications made through the project's own actions."""

import datetime as dt

from spcomms.cases.actions.communications import RegisterCommunication
from spcomms.cases.models import Case, Communication
from spcomms.drafting.actions import CaseFields, SaveCase
from spcomms.lib.references import parse_reference
from spcomms.registry.models import Addressee, Mandate

ACTOR = "test"


def company(name="Acme Corporation", honorific="Ms.", person="Jane Roe"):
    addressee = Addressee(
        kind=Addressee.COMPANY, name=name, representative_honorific=honorific, representative_name=person
    )
    addressee.full_clean()
    addressee.save()
    return addressee


def state(iso3):
    return Addressee.objects.get(kind=Addressee.STATE, iso3=iso3)


LETTER_DATE = dt.date(2021, 3, 12)


def holder_on(mandate: Mandate, day: dt.date = LETTER_DATE):
    """The mandate's holder on the day the sample letters were sent (the registry also has later holders)."""
    return mandate.holders_on(day).order_by("-term_start").first()


def case(title="A case", type="AL", mandate_titles=("Special Rapporteur on minority issues",), addressees=()):
    mandates = [Mandate.objects.get(title=t) for t in mandate_titles]
    outline = CaseFields(
        title=title,
        type=type,
        mandates=[(m, m.resolution) for m in mandates],
        signatories={m.pk: (holder_on(m), holder_on(m).printed_title) for m in mandates},
        addressees=list(addressees),
    )
    return SaveCase(ACTOR).execute(outline)


def communication(
    the_case: Case, addressee: Addressee, reference: str | None = None, date=dt.date(2021, 3, 12), **fields
) -> Communication:
    comm = Communication(case=the_case, addressee=addressee, ref_type=the_case.type, date=date, **fields)
    return RegisterCommunication(ACTOR).execute(comm, parse_reference(reference) if reference else None)
