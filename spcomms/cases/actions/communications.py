from __future__ import annotations

from django.core.exceptions import ValidationError

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.cases.models import Communication
from spcomms.cases.references import allocate_reference
from spcomms.lib import clock
from spcomms.lib.references import Reference


class RegisterCommunication(Action):
    """Create one letter to one addressee with an allocated reference, or a historic reference entered as printed."""

    permission = "cases.add_communication"
    records = ("communication.registered",)

    def describe(self):
        return "register a communication"

    def perform(self, communication: Communication, reference: Reference | None = None) -> Communication:
        if reference is None:
            year = (communication.date or clock.today()).year
            reference = allocate_reference(
                communication.ref_type or communication.case.type, communication.addressee.code, year
            )
        elif reference.code != communication.addressee.code:
            raise ValidationError(
                f"reference {reference} has code {reference.code} but {communication.addressee} takes "
                f"{communication.addressee.code}"
            )
        communication.ref_type, communication.ref_number, communication.ref_year = (
            reference.type,
            reference.number,
            reference.year,
        )
        communication.full_clean()
        communication.save()
        self.audit("communication.registered", communication, after=snapshot(communication))
        return communication
