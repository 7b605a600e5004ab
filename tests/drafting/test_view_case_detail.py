import pytest

from spcomms.cases.models import Case
from tests.drafting.builders import new_case, ready_case, sent_case
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db


def test_the_overview_lists_what_stops_generation(staff_client):
    case = new_case()
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "Before the letters can be generated:" in page
    assert "the draft has no facts" in page and "the case has no addressee groups" in page


def test_a_ready_case_shows_groups_addressees_and_salutations(staff_client):
    case = ready_case()
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "Ready: one letter per addressee" in page
    assert "State concerned" in page and "China" in page and "Excellency," in page
    assert "Acme Textiles Ltd." in page and "Dear Ms. Jane Roe," in page
    assert "Question set: Business: company involved through its supply chain (8 questions)" in page
    assert "not generated yet" in page


def test_a_sent_case_offers_follow_up_letters_but_no_edits_of_what_was_sent(staff_client):
    case = sent_case()
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "has been sent: its type, mandates, signatories and letter text are the record" in page
    assert url("case_edit", case.pk) not in page and url("draft", case.pk) not in page
    for group in case.groups.all():
        assert url("group", case.pk, group.pk) not in page  # both groups hold a sent letter
    for member in case.caseaddressee_set.all():
        assert url("membership", case.pk, member.pk) not in page
    assert url("group_new", case.pk) in page and url("addressee_add", case.pk) in page
    letter = case.communications.first()
    assert url("letter", case.pk, letter.pk) in page and url("download", case.pk, letter.pk, "pdf") in page


def test_a_closed_case_is_read_only(staff_client):
    case = sent_case(status=Case.CLOSED)
    page = staff_client.get(url("case", case.pk)).content.decode()
    assert "is closed: nothing in it can be changed" in page
    for name in ("case_edit", "draft", "group_new", "addressee_add", "generate"):
        assert url(name, case.pk) not in page, name
    letter = case.communications.first()
    assert url("letter", case.pk, letter.pk) in page
    assert staff_client.get(url("letter", case.pk, letter.pk)).status_code == 200
