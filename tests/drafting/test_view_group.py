import pytest

from spcomms.cases.models import Case
from spcomms.drafting.models import AddresseeGroup, QuestionSet
from tests.drafting.builders import DIRECT_SET, STATE_SET, group, new_case, sent_case
from tests.drafting.desk import audited, url

pytestmark = pytest.mark.django_db


def test_a_new_group_with_its_question_set_and_introduction(staff_client):
    case = new_case()
    chosen = QuestionSet.objects.get(name=DIRECT_SET)
    response = staff_client.post(
        url("group_new", case.pk),
        {"name": "Companies directly involved", "question_set": chosen.pk, "introduction": "… may be involved in …"},
    )
    assert response.status_code == 302
    made = AddresseeGroup.objects.get(case=case)
    assert (made.name, made.question_set, made.introduction) == (
        "Companies directly involved",
        chosen,
        "… may be involved in …",
    )
    assert audited("addresseegroup.created")


def test_a_group_needs_a_question_set_and_a_unique_name(staff_client):
    case = new_case()
    group(case, "State concerned")
    response = staff_client.post(url("group_new", case.pk), {"name": "Home States", "question_set": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    state_set = QuestionSet.objects.get(name=STATE_SET)
    response = staff_client.post(url("group_new", case.pk), {"name": "State concerned", "question_set": state_set.pk})
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert case.groups.count() == 1


def test_editing_a_group(staff_client):
    case = new_case()
    existing = group(case, "States")
    state_set = QuestionSet.objects.get(name=STATE_SET)
    response = staff_client.post(
        url("group", case.pk, existing.pk), {"name": "Home States", "question_set": state_set.pk}
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.name == "Home States"


def test_a_group_whose_letters_were_sent_keeps_its_questions(staff_client):
    case = sent_case()
    state_group = case.groups.get(name="State concerned")
    other = QuestionSet.objects.get(name=DIRECT_SET)
    form = {"name": "Renamed", "question_set": other.pk, "introduction": ""}
    response = staff_client.post(url("group", case.pk, state_group.pk), form, follow=True)
    assert response.redirect_chain == [(url("case", case.pk), 302)]
    assert "has letters that have been sent (AL CHN 1/2021)" in response.content.decode()
    state_group.refresh_from_db()
    assert (state_group.name, state_group.question_set.name) == ("State concerned", STATE_SET)
    assert not audited("addresseegroup.changed")


def test_a_sent_case_takes_a_new_group_for_further_addressees(staff_client):
    case = sent_case()
    chosen = QuestionSet.objects.get(name=STATE_SET)
    response = staff_client.post(url("group_new", case.pk), {"name": "Home States", "question_set": chosen.pk})
    assert response.status_code == 302
    assert case.groups.filter(name="Home States").exists()


def test_a_closed_case_takes_no_new_group(staff_client):
    case = sent_case(status=Case.CLOSED)
    chosen = QuestionSet.objects.get(name=STATE_SET)
    response = staff_client.post(
        url("group_new", case.pk), {"name": "Home States", "question_set": chosen.pk}, follow=True
    )
    assert "is closed: nothing in it can be changed" in response.content.decode()
    assert not case.groups.filter(name="Home States").exists()
