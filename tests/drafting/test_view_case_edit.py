from pathlib import Path

import pytest

from spcomms.cases.models import Case
from spcomms.ingest.actions import store_letter
from spcomms.ingest.parse import parse_file
from spcomms.registry.models import Mandate
from tests.drafting.builders import MINORITIES, SLAVERY, new_case, sent_case
from tests.drafting.desk import audited, formset, url

pytestmark = pytest.mark.django_db


def post(client, case, mandates, version=None, signatures=None, follow=False, **fields):
    data = {"title": "Renamed", "type": "UA", "version": str(version or case.version), **fields}
    data |= formset("mandates", [{"mandate": str(m.pk), "resolution": r} for m, r in mandates])
    for mandate_pk, (holder, title) in (signatures or {}).items():
        data |= {f"sign-{mandate_pk}-holder": str(holder.pk), f"sign-{mandate_pk}-printed_title": title}
    return client.post(url("case_edit", case.pk), data, follow=follow)


def test_reordering_mandates_and_editing_a_printed_title(staff_client):
    case = new_case(mandates=(MINORITIES, SLAVERY))
    minorities, slavery = Mandate.objects.get(title=MINORITIES), Mandate.objects.get(title=SLAVERY)
    holder = minorities.holders.get(name="Fernand de Varennes")
    response = post(
        staff_client,
        case,
        [(slavery, ""), (minorities, "43/8")],
        signatures={minorities.pk: (holder, "SR, minorities")},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.type, case.version) == ("Renamed", "UA", 2)
    assert case.ordered_mandates() == [slavery, minorities]
    assert [s.printed_title for s in case.casesignatory_set.all()][1] == "SR, minorities"


def test_the_page_shows_one_signature_row_per_mandate(staff_client):
    case = new_case(mandates=(MINORITIES, SLAVERY))
    page = staff_client.get(url("case_edit", case.pk)).content.decode()
    assert page.count('name="sign-') == 4  # holder and printed title, twice
    assert "Fernand de Varennes (2017-08-01 – 2023-10-31)" in page


def test_a_stale_version_is_refused_and_the_users_input_is_kept(staff_client):
    case = new_case(mandates=(MINORITIES,))
    minorities = Mandate.objects.get(title=MINORITIES)
    assert post(staff_client, case, [(minorities, "")], title="First save").status_code == 302
    response = post(staff_client, case, [(minorities, "")], version=1, title="Second save")
    page = response.content.decode()
    assert response.status_code == 200 and "Not saved: someone else saved this case" in page
    assert 'value="Second save"' in page and 'name="version" value="2"' in page
    case.refresh_from_db()
    assert (case.title, case.version) == ("First save", 2)


@pytest.mark.parametrize("status", [Case.SENT, Case.CLOSED])
def test_a_sent_case_keeps_its_type_and_mandates(staff_client, status):
    case = sent_case(status=status, mandates=(MINORITIES, SLAVERY))
    written = case.version
    minorities = Mandate.objects.get(title=MINORITIES)
    response = post(staff_client, case, [(minorities, "")], follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(url("case", case.pk), 302)]
    assert "its type, mandates, signatories and letter text are the record" in page or "is closed" in page
    case.refresh_from_db()
    assert (case.title, case.type, case.version) == ("Forced labour in garment factories", "AL", written)
    assert [m.title for m in case.ordered_mandates()] == [MINORITIES, SLAVERY]
    assert case.casesignatory_set.count() == 2
    assert not audited("case.changed")


def test_the_form_of_a_sent_case_is_not_offered(staff_client):
    case = sent_case()
    response = staff_client.get(url("case_edit", case.pk), follow=True)
    assert response.redirect_chain == [(url("case", case.pk), 302)]
    assert 'name="mandates-TOTAL_FORMS"' not in response.content.decode()


def test_editing_an_ingested_case_leaves_its_public_record_alone(staff_client, client):
    sample = Path(__file__).resolve().parents[2] / "samples"
    comm = store_letter(parse_file(next(sample.glob("AL-*135*")))).communication
    slug = comm.reference.replace(" ", "-").replace("/", "-")
    public = client.get(f"/communications/{slug}.json").json()
    assert len(public["mandates"]) > 1 and public["type"] == "JAL"
    case = comm.case
    response = post(staff_client, case, [(case.ordered_mandates()[0], "")], follow=True)
    assert "has been sent" in response.content.decode()
    assert client.get(f"/communications/{slug}.json").json() == public
    assert not audited("case.changed")
