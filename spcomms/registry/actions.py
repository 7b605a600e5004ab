"""Additions to the registry made while working on a case (a company found in a letter, a signatory not yet listed)."""

from __future__ import annotations

from spcomms.audit.actions import Action
from spcomms.audit.log import snapshot
from spcomms.registry.models import Addressee, MandateHolder


class CreateAddressee(Action):
    permission = "registry.add_addressee"
    records = ("addressee.created",)

    def describe(self):
        return "add an addressee to the registry"

    def perform(self, addressee: Addressee) -> Addressee:
        addressee.full_clean()
        addressee.save()
        self.audit("addressee.created", addressee, after=snapshot(addressee))
        return addressee


class CreateHolder(Action):
    permission = "registry.add_mandateholder"
    records = ("mandateholder.created",)

    def describe(self):
        return "add a mandate holder to the registry"

    def perform(self, holder: MandateHolder) -> MandateHolder:
        holder.full_clean()
        holder.save()
        self.audit("mandateholder.created", holder, after=snapshot(holder))
        return holder
