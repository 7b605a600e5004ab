import pytest
from django.core.exceptions import PermissionDenied

from spcomms.adminsite.actions import SaveRecord as SaveObject
from spcomms.audit.models import AppendOnlyError, AuditEvent
from spcomms.registry.models import Addressee
from tests import factories


@pytest.mark.django_db
def test_every_action_writes_an_event_with_before_and_after(staff):
    addressee = Addressee(kind="company", name="Before Ltd")
    SaveObject(staff, addressee).execute()
    addressee.name = "After Ltd"
    SaveObject(staff, addressee).execute()
    created, changed = AuditEvent.objects.filter(object_type="registry.addressee").order_by("id")
    assert (created.action, created.actor, created.before, created.after["name"]) == (
        "addressee.created",
        staff,
        None,
        "Before Ltd",
    )
    assert (changed.action, changed.before["name"], changed.after["name"]) == (
        "addressee.changed",
        "Before Ltd",
        "After Ltd",
    )


@pytest.mark.django_db
def test_events_cannot_be_changed_or_deleted():
    factories.case()  # any action writes an event
    event = AuditEvent.objects.get(action="case.created")
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="tampered")
    assert not AuditEvent.objects.filter(action="tampered").exists()


@pytest.mark.django_db
def test_an_action_without_permission_changes_nothing(django_user_model):
    reader = django_user_model.objects.create_user("reader", password="a-long-test-password", is_staff=True)
    with pytest.raises(PermissionDenied, match="permission to save addressee"):
        SaveObject(reader, Addressee(kind="company", name="Nope Ltd")).execute()
    assert not Addressee.objects.filter(name="Nope Ltd").exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_failing_action_leaves_no_half_write():
    from django.db import IntegrityError

    from spcomms.cases.models import Case, CaseMandate
    from spcomms.drafting.actions import CaseFields, SaveCase
    from spcomms.registry.models import Addressee, Mandate

    mandate = Mandate.objects.get(title="Special Rapporteur on minority issues")
    china = Addressee.objects.get(kind=Addressee.STATE, iso3="CHN")
    # The case and its mandates are written before its addressees; the duplicate addressee fails there and must
    # roll back the case.
    outline = CaseFields(title="Half", type="AL", mandates=[(mandate, "43/8")], addressees=[china, china])
    with pytest.raises(IntegrityError):
        SaveCase("test").execute(outline)
    assert not Case.objects.exists() and not CaseMandate.objects.exists()
    assert not AuditEvent.objects.filter(action="case.created").exists()
