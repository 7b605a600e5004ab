"""Staff accounts: a login with one role of the procedure, and for mandate holders the holder it approves for."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from spcomms.audit.actions import Action
from spcomms.registry.models import MandateHolder
from spcomms.workflow.models import HolderAccount
from spcomms.workflow.roles import MANDATE_HOLDER, REVIEWER, SECRETARIAT

# Command-line names of the roles → their groups (workflow.roles).
ROLE_NAMES = {"secretariat": SECRETARIAT, "holder": MANDATE_HOLDER, "reviewer": REVIEWER}
# Holders work only on the /staff/ pages: no admin site for them (they may not see sources or staff tools).
ADMIN_ROLES = {SECRETARIAT, REVIEWER}

_NAME_AND_MANDATE = re.compile(r"^(?P<name>.+?)\s*\((?P<mandate>.+)\)$")


def _describe(holder: MandateHolder) -> str:
    term = f"{holder.term_start or '…'} to {holder.term_end or '…'}"
    return f"{holder} [term {term}]"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()  # compared in Python: SQLite's iexact ignores case of ASCII only


def find_holder(wanted: str) -> MandateHolder:
    """The registry's holder named `wanted` ("Name" or "Name (Mandate title)", as the admin lists them).

    Someone who held several mandates is ambiguous by name alone: the mandate settles it. Of several terms of one
    mandate, the latest is taken (approvals count per mandate, so any term approves the same letters).
    """
    wanted = " ".join((wanted or "").split())
    if not wanted:
        raise ValidationError("the mandate holder's name is empty")
    holders = list(MandateHolder.objects.select_related("mandate"))
    found = [h for h in holders if _key(h.name) == _key(wanted)]
    match = _NAME_AND_MANDATE.match(wanted)
    if not found and match:
        name, mandate = _key(match["name"]), _key(match["mandate"])
        found = [h for h in holders if _key(h.name) == name and _key(h.mandate.title) == mandate]
    if len(found) > 1 and len({h.mandate_id for h in found}) == 1:
        latest = max(h.term_start or dt.date.min for h in found)
        found = [h for h in found if (h.term_start or dt.date.min) == latest]
    if len(found) == 1:
        return found[0]
    if not found:
        close = difflib.get_close_matches(wanted, sorted({h.name for h in holders}), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
        raise ValidationError(f"no mandate holder named {wanted!r} in the registry{hint}")
    options = "; ".join(_describe(h) for h in found)
    raise ValidationError(
        f"{wanted!r} names {len(found)} mandate holders: {options}. "
        "Give the name with the mandate, as 'Name (Mandate title)', or link the account in the admin."
    )


class CreateStaffAccount(Action):
    """Create a login with a role (or reset its password and add the role); for a holder, link it to the holder.

    Roles are added, never taken away here: removing one is a decision made in the admin.
    """

    permission = "auth.add_user"
    records = ("user.created", "user.password_reset", "user.role_added", "holderaccount.created")

    def describe(self):
        return "create staff accounts"

    def perform(
        self,
        username: str,
        password: str,
        *,
        role: str = SECRETARIAT,
        email: str = "",
        holder: MandateHolder | None = None,
        superuser: bool = False,
    ):
        User = get_user_model()
        username_field = User._meta.get_field(User.USERNAME_FIELD)
        try:
            username_field.clean(username, None)  # Django's username validator and length limit
        except ValidationError as error:
            raise ValidationError({"username": f"username {username!r}: {' '.join(error.messages)}"}) from None
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError({"email": f"{email!r} is not an e-mail address"}) from None
        if role not in ROLE_NAMES.values():
            raise ValidationError({"role": f"{role!r} is not a role; roles: {', '.join(ROLE_NAMES.values())}"})
        if (role == MANDATE_HOLDER) != (holder is not None):
            raise ValidationError(
                {"holder": "a mandate holder's account needs the holder it approves for"}
                if holder is None
                else {"holder": f"only a mandate holder's account is linked to a holder, not a {role}'s"}
            )

        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = user.is_staff or superuser or role in ADMIN_ROLES
        user.is_superuser = user.is_superuser or superuser
        if email:
            user.email = email
        user.set_password(password)
        user.save()
        self.audit("user.created" if created else "user.password_reset", user, after=self._state(user))
        group = Group.objects.get_or_create(name=role)[0]
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            self.audit("user.role_added", user, after={"role": role})
        if holder is not None:
            account, linked = HolderAccount.objects.get_or_create(user=user, holder=holder)
            if linked:
                self.audit("holderaccount.created", account, after={"user": user.pk, "holder": holder.pk})
        return user, created

    @staticmethod
    def _state(user) -> dict:
        # Never the password hash: the audit log is readable by reviewers.
        return {
            "username": user.get_username(),
            "email": user.email,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
        }
