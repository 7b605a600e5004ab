import pytest

from spcomms.cases.models import CaseAddressee
from spcomms.drafting.actions import GenerateLetters
from spcomms.drafting.models import GroupMembership
from tests.drafting.builders import ACTOR, STATE_SET, group, ready_case, sent_case
from tests.drafting.desk import audited, url

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


def test_the_addressee_of_a_sent_letter_keeps_its_group_and_reference(staff_client):
    case = sent_case()
    home = group(case, "Home States", STATE_SET)
    china = CaseAddressee.objects.get(case=case, addressee__name="China")
    form = {"group": home.pk, "reference": "AL CHN 9/2021"}
    response = staff_client.post(url("membership", case.pk, china.pk), form, follow=True)
    assert response.redirect_chain == [(url("case", case.pk), 302)]
    assert "The letter to China (AL CHN 1/2021) has been sent" in response.content.decode()
    membership = GroupMembership.objects.get(case_addressee=china)
    assert (membership.group.name, membership.reference) == ("State concerned", "")
    assert not audited("groupmembership.changed")
