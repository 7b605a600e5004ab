"""A register for the worker fault test, built in a database of its own: `python -m tests.workflow.fault_register N`
(with DATABASE_URL and SPCOMMS_DATA_DIR pointing at it, migrated) makes one approved case of N company letters,
each with an e-mail address, and sends it: N letters queued in the outbox."""

import os
import sys

import django


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spcomms.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from spcomms.workflow.models import HolderAccount
    from spcomms.workflow.roles import MANDATE_HOLDER
    from tests.workflow import builders
    from tests.workflow.procedure import send

    holders = []
    for title, name in ((builders.MINORITIES, "minorities"), (builders.SLAVERY, "slavery")):
        user = get_user_model().objects.create_user(name)
        user.groups.add(Group.objects.get(name=MANDATE_HOLDER))
        HolderAccount.objects.create(user=user, holder=builders.mandate(title).holders.first())
        holders.append(user)
    case = builders.drafted_case(emails=tuple(f"office{i}@company{i}.example" for i in range(count)))
    result = send(case, *holders)
    print(len(result.queued))


if __name__ == "__main__":
    main(int(sys.argv[1]))
