import pytest

from spcomms.drafting.models import AddresseeGroup, QuestionSet
from tests.drafting.builders import DIRECT_SET, STATE_SET, group, new_case
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
