"""The admin: every model has pages that work, and bad input comes back as a form error, never a 500."""

import pytest
from django.contrib import admin
from django.urls import reverse

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Communication
from spcomms.registry.models import Addressee, Mandate
from tests import factories

MODELS = [m for m in admin.site._registry if m._meta.app_label in {"registry", "cases", "audit"}]


def test_every_domain_model_is_in_the_admin():
    names = {m.__name__ for m in MODELS}
    assert {"Mandate", "MandateHolder", "Addressee", "Case", "Communication", "Reply", "AuditEvent"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_list_and_add_pages_render(staff_client, model):
    info = model._meta.app_label, model._meta.model_name
    assert staff_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    add = staff_client.get(reverse("admin:{}_{}_add".format(*info)))
    assert add.status_code in (200, 403)  # 403: audit log and counters cannot be added by hand


@pytest.mark.django_db
def test_adding_an_addressee_through_the_admin_is_audited(staff_client):
    response = staff_client.post(
        reverse("admin:registry_addressee_add"),
        {
            "kind": "company",
            "name": "MinebeaMitsumi, Inc.",
            "representative_honorific": "Mr.",
            "representative_name": "Yoshihisa Kainuma",
        },
    )
    assert response.status_code == 302
    addressee = Addressee.objects.get(name="MinebeaMitsumi, Inc.")
    assert addressee.code == "OTH"
    assert AuditEvent.objects.filter(action="addressee.created", object_id=str(addressee.pk)).exists()


@pytest.mark.django_db
def test_invalid_addressee_is_a_form_error(staff_client):
    response = staff_client.post(reverse("admin:registry_addressee_add"), {"kind": "state", "name": "Atlantis"})
    assert response.status_code == 200
    assert "a State needs its ISO 3166 alpha-3 code" in response.content.decode()
    assert not Addressee.objects.filter(name="Atlantis").exists()


def _communication_form(the_case, addressee, reference):
    return {
        "case": the_case.pk,
        "addressee": addressee.pk,
        "reference": reference,
        "date": "2021-03-12",
        "status": "prepared",
        "hold_reason": "",
        "replies-TOTAL_FORMS": 0,
    }


@pytest.mark.django_db
def test_communication_with_historic_reference_and_with_allocated_one(staff_client):
    company = factories.company()
    the_case = factories.case(addressees=[company])
    url = reverse("admin:cases_communication_add")
    assert staff_client.post(url, _communication_form(the_case, company, "AL OTH 135/2021")).status_code == 302
    assert staff_client.post(url, _communication_form(the_case, company, "")).status_code == 302
    assert sorted(c.reference for c in Communication.objects.all()) == ["AL OTH 135/2021", "AL OTH 136/2021"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reference, message",
    [
        ("AL OTH 135", "is not of the form"),
        ("AL CHN 5/2021", "code CHN does not match the addressee"),
        ("UA OTH 7/2021", "UA OTH 7/2021 is already used"),
    ],
)
def test_bad_references_are_form_errors(staff_client, reference, message):
    company = factories.company()
    the_case = factories.case(addressees=[company])
    factories.communication(the_case, company, reference="AL OTH 7/2021")
    response = staff_client.post(
        reverse("admin:cases_communication_add"), _communication_form(the_case, company, reference)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Communication.objects.count() == 1


@pytest.mark.django_db
def test_country_mandate_without_country_is_a_form_error(staff_client):
    response = staff_client.post(
        reverse("admin:registry_mandate_add"),
        {
            "title": "Special Rapporteur on Atlantis",
            "short": "SR Atlantis",
            "kind": "country",
            "active": "on",
            "holders-TOTAL_FORMS": 0,
            "holders-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "needs the country" in response.content.decode()
    assert not Mandate.objects.filter(short="SR Atlantis").exists()
