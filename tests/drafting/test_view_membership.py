import pytest

from spcomms.cases.models import CaseAddressee
from spcomms.drafting.generate import GenerateLetters
from tests.drafting.builders import ACTOR, STATE_SET, group, ready_case
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db


def test_moving_an_addressee_to_another_group(staff_client):
    case = ready_case()
    home = group(case, "Home States", STATE_SET)
    china = CaseAddressee.objects.get(case=case, addressee__name="China")
    response = staff_client.post(url("membership", case.pk, china.pk), {"group": home.pk, "reference": ""})
    assert response.status_code == 302
    assert china.membership.__class__.objects.get(case_addressee=china).group == home


def test_removing_an_addressee_before_any_letter(staff_client):
    case = ready_case()
    china = CaseAddressee.objects.get(case=case, addressee__name="China")
    staff_client.post(url("membership", case.pk, china.pk), {"remove": "1"})
    assert not CaseAddressee.objects.filter(pk=china.pk).exists()


def test_an_addressee_with_a_letter_stays(staff_client):
    case = ready_case()
    GenerateLetters(ACTOR).execute(case)
    china = CaseAddressee.objects.get(case=case, addressee__name="China")
    response = staff_client.post(url("membership", case.pk, china.pk), {"remove": "1"}, follow=True)
    assert "a letter to China exists" in response.content.decode()
    assert CaseAddressee.objects.filter(pk=china.pk).exists()
