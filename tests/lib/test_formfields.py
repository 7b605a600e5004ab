"""The boundary: every form of the desk, the workflow and the admin stores clean text (lib.text)."""

import pytest
from django.urls import reverse

from spcomms.drafting.forms import DraftForm
from spcomms.registry.models import Addressee
from spcomms.workflow.forms import HoldForm

PASTED = "First line\r\nsecond\x0bline\x0cthird\x07."
STORED = "First line\nsecond\nline\nthird."


def test_desk_form_stores_newlines_for_pasted_word_text():
    form = DraftForm(data={"version": "1", "facts": PASTED, "publication_days": "60"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["facts"] == STORED


def test_workflow_form_cleans_its_text():
    form = HoldForm(data={"reason": PASTED})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reason"] == STORED


@pytest.mark.django_db
def test_admin_stores_clean_text(staff_client):
    response = staff_client.post(
        reverse("admin:registry_addressee_add"),
        {"kind": "company", "name": "Acme\x0bHoldings\x01 Ltd", "representative_name": "Jane\r\nRoe"},
    )
    assert response.status_code == 302, response.content[:2000]
    stored = Addressee.objects.get(kind="company", name__startswith="Acme")
    assert (stored.name, stored.representative_name) == ("Acme\nHoldings Ltd", "Jane\nRoe")
