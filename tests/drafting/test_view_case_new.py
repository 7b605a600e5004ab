import pytest

from spcomms.cases.models import Case
from spcomms.registry.models import Mandate
from tests.drafting.builders import MINORITIES, SLAVERY
from tests.drafting.desk import audited, formset, url

pytestmark = pytest.mark.django_db


def post(client, mandates, **fields):
    data = {"title": "Forced labour", "type": "AL", "letter_date": "2021-03-12", **fields}
    data |= formset("mandates", [{"mandate": str(m.pk) if m else "", "resolution": ""} for m in mandates])
    return client.post(url("case_new"), data)


def test_the_form_offers_mandates_from_the_registry(staff_client):
    page = staff_client.get(url("case_new")).content.decode()
    assert MINORITIES in page and 'name="mandates-7-mandate"' in page  # eight rows: enough for most joint letters


def test_a_new_case_has_its_mandates_in_order_and_their_holders_on_the_letter_date_as_signatories(staff_client):
    slavery, minorities = Mandate.objects.get(title=SLAVERY), Mandate.objects.get(title=MINORITIES)
    response = post(staff_client, [slavery, None, minorities])

    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == url("case", case.pk)
    assert case.ordered_mandates() == [slavery, minorities]
    assert case.resolutions() == [slavery.resolution, minorities.resolution]
    signatures = [(s.holder.name, s.printed_title) for s in case.casesignatory_set.all()]
    assert signatures == [
        ("Tomoya Obokata", slavery.holders.get(name="Tomoya Obokata").printed_title),
        ("Fernand de Varennes", minorities.holders.get(name="Fernand de Varennes").printed_title),
    ]
    assert str(case.draft.letter_date) == "2021-03-12"
    (event,) = audited("case.created")
    assert event.actor.username == "staff" and event.after["signatories"][0].startswith("Tomoya Obokata")


def test_a_mandate_listed_twice_is_refused(staff_client):
    minorities = Mandate.objects.get(title=MINORITIES)
    response = post(staff_client, [minorities, minorities])
    assert response.status_code == 200
    assert "a mandate is listed twice" in response.content.decode()
    assert not Case.objects.exists()


def test_title_and_date_are_required(staff_client):
    response = post(staff_client, [], title="", letter_date="")
    assert response.status_code == 200 and response.content.decode().count("This field is required") == 2
