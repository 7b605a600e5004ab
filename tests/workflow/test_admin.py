"""The admin of holder accounts: who approves for which mandate, linked with autocompletes and audited."""

import pytest
from django.contrib.auth.models import Group

from spcomms.audit.models import AuditEvent
from spcomms.registry.models import HolderAccount, MandateHolder
from spcomms.workflow.roles import MANDATE_HOLDER
from tests.workflow import builders
from tests.workflow.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_holder(django_user_model):
    user = django_user_model.objects.create_user("obokata", "o@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=MANDATE_HOLDER))
    return user


def test_linking_a_user_to_a_holder_is_audited_and_lets_them_approve(staff_client, new_holder):
    holder = builders.mandate(builders.SLAVERY).holders.get()
    response = staff_client.post("/admin/registry/holderaccount/add/", {"user": new_holder.pk, "holder": holder.pk})
    assert response.status_code == 302
    account = HolderAccount.objects.get(user=new_holder)
    assert account.holder == holder
    event = AuditEvent.objects.get(action="holderaccount.created")
    assert event.object_id == str(account.pk) and event.actor_label == "staff"

    listing = staff_client.get("/admin/registry/holderaccount/").content.decode()
    assert "obokata as Tomoya Obokata" in listing and builders.SLAVERY in listing


def test_the_same_link_twice_is_refused_on_the_form(staff_client, new_holder):
    holder = builders.mandate(builders.SLAVERY).holders.get()
    HolderAccount.objects.create(user=new_holder, holder=holder)
    response = staff_client.post("/admin/registry/holderaccount/add/", {"user": new_holder.pk, "holder": holder.pk})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert HolderAccount.objects.count() == 1


def test_user_and_holder_are_chosen_by_autocomplete(staff_client, new_holder):
    page = staff_client.get("/admin/registry/holderaccount/add/").content.decode()
    assert page.count("admin-autocomplete") >= 2
    found = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "registry", "model_name": "holderaccount", "field_name": "holder", "term": "obokata"},
    ).json()
    assert [r["id"] for r in found["results"]] == [str(MandateHolder.objects.get(name="Tomoya Obokata").pk)]
    users = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "registry", "model_name": "holderaccount", "field_name": "user", "term": "oboka"},
    ).json()
    assert [r["text"] for r in users["results"]] == ["obokata"]


def test_deleting_a_link_is_audited(staff_client, new_holder):
    account = HolderAccount.objects.create(user=new_holder, holder=builders.mandate(builders.SLAVERY).holders.get())
    response = staff_client.post(f"/admin/registry/holderaccount/{account.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not HolderAccount.objects.exists()
    assert AuditEvent.objects.filter(action="holderaccount.deleted", object_id=str(account.pk)).exists()


def test_the_secretariat_sees_the_links_but_cannot_change_them(client, secretariat, new_holder):
    secretariat.is_staff = True
    secretariat.save()
    client.force_login(secretariat)
    assert client.get("/admin/registry/holderaccount/").status_code == 200
    holder = builders.mandate(builders.SLAVERY).holders.get()
    response = client.post("/admin/registry/holderaccount/add/", {"user": new_holder.pk, "holder": holder.pk})
    assert response.status_code == 403
    assert not HolderAccount.objects.exists()
