import pytest

from tests.drafting.builders import new_case
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(url("cases"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_user_without_the_permission_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="a-long-test-password"))
    assert client.get(url("cases")).status_code == 403


def test_staff_see_the_cases(staff_client):
    case = new_case(title="Forced labour in garment factories")
    page = staff_client.get(url("cases")).content.decode()
    assert "Forced labour in garment factories" in page
    assert url("case", case.pk) in page
    assert url("case_new") in page
