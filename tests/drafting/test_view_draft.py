"""The letter text: footnotes and annex clauses in order, and concurrent edits that lose nothing."""

import pytest

from spcomms.drafting.models import Clause, Draft
from tests.drafting.builders import new_case, sent_case, write_text
from tests.drafting.desk import audited, draft_post, formset, url

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_text_and_the_version(staff_client):
    case = write_text(new_case())
    page = staff_client.get(url("draft", case.pk)).content.decode()
    assert "Workers are allegedly transferred" in page
    assert f'name="version" value="{case.version}"' in page
    assert "Guiding Principle 13" in page  # clause choices from the library


def test_a_case_made_without_a_draft_gets_one_when_its_text_is_first_saved(staff_client, staff):
    from spcomms.adminsite.actions import SaveRecord
    from spcomms.cases.models import Case

    case = SaveRecord(staff, Case(title="Made in the admin", type="AL")).execute()  # no draft, unlike the desk's
    assert not Draft.objects.filter(case=case).exists()
    assert staff_client.get(url("draft", case.pk)).status_code == 200
    response = staff_client.post(url("draft", case.pk), draft_post(case, facts="Facts typed later."))
    assert response.status_code == 302
    assert Draft.objects.get(case=case).facts == "Facts typed later."
    assert audited("draft.created") and audited("draft.changed")


def test_saving_sets_footnotes_and_clauses_in_row_order_and_bumps_the_version(staff_client):
    case = new_case()
    data = draft_post(case, facts="New facts.[^1] More.[^2]")
    data |= formset("notes", [{"text": "First note."}, {"text": ""}, {"text": "Second note."}])
    clauses = [Clause.objects.get(key=k) for k in ("ungp-19", "", "ungp-13") if k]
    data |= formset("clauses", [{"clause": str(clauses[0].pk)}, {"clause": ""}, {"clause": str(clauses[1].pk)}])
    data["press_release"] = "on"

    response = staff_client.post(url("draft", case.pk), data)

    assert response.status_code == 302
    case.refresh_from_db()
    draft = case.draft
    assert case.version == 2
    assert draft.facts == "New facts.[^1] More.[^2]" and draft.press_release
    assert draft.footnotes == [{"number": 1, "text": "First note."}, {"number": 2, "text": "Second note."}]
    assert [dc.clause.key for dc in draft.draftclause_set.all()] == ["ungp-19", "ungp-13"]
    assert draft.annex().startswith("“In order to prevent")
    (event,) = audited("draft.changed")
    assert event.after["clauses"] == ["ungp-19", "ungp-13"]


def test_a_stale_save_is_refused_and_the_users_text_comes_back(staff_client, client, django_user_model):
    case = write_text(new_case())
    opened = draft_post(case)  # both people open the form at the same version
    colleague = django_user_model.objects.create_superuser("colleague", "c@example.org", "a-long-test-password")
    client.force_login(colleague)
    assert client.post(url("draft", case.pk), opened | {"facts": "The colleague's facts."}).status_code == 302

    response = staff_client.post(url("draft", case.pk), opened | {"facts": "My careful facts."})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Not saved: someone else saved this case while you were editing" in page
    assert "My careful facts.</textarea>" in page  # nothing lost
    assert "The colleague&#x27;s facts." in page  # what is saved now, to compare
    case.refresh_from_db()
    assert case.draft.facts == "The colleague's facts."
    assert f'name="version" value="{case.version}"' in page  # saving again, knowingly, replaces theirs

    again = staff_client.post(url("draft", case.pk), opened | {"facts": "My careful facts.", "version": case.version})
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.draft.facts == "My careful facts."


def test_footnote_numbers_must_match(staff_client):
    case = new_case()
    response = staff_client.post(url("draft", case.pk), draft_post(case, publication_days="0"))
    assert (
        response.status_code == 200 and "Ensure this value is greater than or equal to 1" in response.content.decode()
    )


def test_the_text_of_a_sent_case_is_not_changed(staff_client):
    case = sent_case()
    written, changes = case.version, len(audited("draft.changed"))
    response = staff_client.post(url("draft", case.pk), draft_post(case, facts="Rewritten."), follow=True)
    assert response.redirect_chain == [(url("case", case.pk), 302)]
    assert "letter text are the record of what was sent" in response.content.decode()
    case.refresh_from_db()
    assert case.draft.facts.startswith("Workers are allegedly transferred") and case.version == written
    assert len(audited("draft.changed")) == changes  # those write_text and fill_words made
