"""The table of audit names (spcomms.audit.names) and the actions' declarations agree both ways."""

import pytest

from spcomms.audit.actions import Action
from spcomms.audit.log import record
from spcomms.audit.names import AUDIT_NAMES
from tests.audit.actions_seen import action_classes

GENERIC = {"SaveRecord", "DeleteRecord"}  # <model>.created|changed|deleted for any model


def test_every_action_declares_what_it_records():
    undeclared = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in action_classes()
        if not cls.records and cls.__qualname__ not in GENERIC
    ]
    assert undeclared == []


def test_every_declared_name_is_in_the_table():
    unknown = {name for cls in action_classes() for name in cls.records} - set(AUDIT_NAMES)
    assert unknown == set()


def test_every_name_of_the_table_is_written_by_some_action():
    declared = {name for cls in action_classes() for name in cls.records}
    assert set(AUDIT_NAMES) - declared == set()


@pytest.mark.django_db
def test_an_undeclared_name_is_refused(django_user_model):
    user = django_user_model.objects.create_user("someone")
    with pytest.raises(ValueError, match="not declared"):
        record(user, "case.vanished", user)


@pytest.mark.django_db
def test_an_action_cannot_write_a_name_it_does_not_declare(django_user_model):
    class Narrow(Action):
        records = ("case.closed",)

        def perform(self, instance):
            self.audit("case.created", instance)

    with pytest.raises(ValueError, match="does not declare"):
        Narrow("test").execute(django_user_model.objects.create_user("someone"))
