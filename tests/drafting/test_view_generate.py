import pytest

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from tests.drafting.builders import MINORITIES, new_case, ready_case, sent_case
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db


def test_generating_makes_every_letter_and_links_them(staff_client):
    case = ready_case()
    response = staff_client.post(url("generate", case.pk), follow=True)
    page = response.content.decode()
    assert "2 letter(s) generated." in page
    assert "AL CHN 1/2021" in page and "AL OTH 1/2021" in page
    assert AuditEvent.objects.filter(action="communication.generated").count() == 2


def test_a_refusal_lists_every_problem_and_generates_nothing(staff_client):
    case = new_case(mandates=(MINORITIES,))
    response = staff_client.post(url("generate", case.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was generated. Fix these problems first:" in page
    for problem in ("the draft has no facts", "the case has no addressee groups", "the case has no addressees"):
        assert problem in page
    assert not Communication.objects.exists()


def test_generating_needs_post(staff_client):
    assert staff_client.get(url("generate", ready_case().pk)).status_code == 405


def test_a_closed_case_generates_nothing(staff_client):
    case = sent_case(status=Case.CLOSED)
    response = staff_client.post(url("generate", case.pk), follow=True)
    assert "is closed: nothing in it can be changed" in response.content.decode()
    assert AuditEvent.objects.filter(action="communication.generated").count() == 2  # sent_case's own
