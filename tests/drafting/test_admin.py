import pytest

from spcomms.audit.models import AuditEvent
from spcomms.drafting.models import Clause, QuestionSet
from tests.drafting.builders import ready_case

pytestmark = pytest.mark.django_db

MODELS = ["clause", "question", "questionset", "draft", "addresseegroup"]


@pytest.mark.parametrize("model", MODELS)
def test_every_drafting_model_has_a_working_admin(staff_client, model):
    case = ready_case()
    objects = {
        "clause": Clause.objects.first(),
        "question": QuestionSet.objects.first().items.first().question,
        "questionset": QuestionSet.objects.first(),
        "draft": case.draft,
        "addresseegroup": case.groups.first(),
    }
    assert staff_client.get(f"/admin/drafting/{model}/").status_code == 200
    assert staff_client.get(f"/admin/drafting/{model}/{objects[model].pk}/change/").status_code == 200


def test_a_new_clause_version_saved_in_the_admin_is_audited(staff_client):
    response = staff_client.post(
        "/admin/drafting/clause/add/",
        {"key": "ungp-13", "version": "2", "title": "GP 13 (revised)", "text": "Revised text.", "source": ""},
    )
    assert response.status_code == 302
    assert Clause.objects.filter(key="ungp-13").count() == 2
    assert AuditEvent.objects.filter(action="clause.created").exists()


def test_question_set_items_are_edited_inline(staff_client):
    question_set = QuestionSet.objects.first()
    page = staff_client.get(f"/admin/drafting/questionset/{question_set.pk}/change/").content.decode()
    assert "items-TOTAL_FORMS" in page and "bhr-additional-info" in page
