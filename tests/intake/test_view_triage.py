"""/staff/intake/: the queue, a submission with ranked mandates and their reasons, similar ones and duplicates,
messages, moves, and opening the source (audited with a reason)."""

import pytest

from spcomms.audit.models import AuditEvent
from spcomms.intake.models import Message, Submission
from spcomms.registry.models import Mandate
from tests import factories

from .conftest import PASSWORD
from .helpers import direct_submission, sample_facts

pytestmark = pytest.mark.django_db
QUEUE = "/staff/intake/"


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_queue_needs_the_triage_permission(client, outsider):
    assert client.get(QUEUE)["Location"].startswith("/staff/login/")
    assert _login(client, outsider).get(QUEUE).status_code == 403


def test_the_queue_lists_open_submissions_by_their_opaque_id_only(client, secretariat):
    submission, _ = direct_submission()
    page = _login(client, secretariat).get(QUEUE).content.decode()
    assert submission.source_id in page and "Uyghurs" in page  # the account, for triage
    assert "Amina Rahimova" not in page and "amina@example.org" not in page  # never the identity


def test_mandates_are_ranked_with_the_terms_matched_and_past_cases(client, secretariat):
    from spcomms.drafting.models import Draft

    slavery = Mandate.objects.get(short="SR Slavery")
    past = factories.case(title="Forced labour of Uyghur workers", mandate_titles=[slavery.title])
    Draft.objects.filter(case=past).update(facts=sample_facts())  # every case comes with its draft
    submission, _ = direct_submission()
    page = _login(client, secretariat).get(f"{QUEUE}{submission.source_id}/").content.decode()
    ranked = page[page.index('id="suggestions"') : page.index("Similar submissions")]
    items = ranked.split("<li>")[1:]
    assert slavery.title in items[0]  # its title's terms and its past case's text both match
    assert "terms matched: forced, labour" in items[0] and "text similar" in items[0]
    assert "Forced labour of Uyghur workers" in items[0]
    business = next(i for i in items if "transnational corporations" in i)
    assert "chains, companies, supply" in business
    assert all("Special Rapporteur on the right to education" not in i for i in items)


def test_the_same_information_twice_is_flagged_as_a_possible_duplicate(client, secretariat):
    first, _ = direct_submission()
    second, _ = direct_submission(name="Someone Else", email="else@example.org")
    unrelated, _ = direct_submission(narrative="The police closed a newspaper in the capital and arrested its editor.")
    page = _login(client, secretariat).get(f"{QUEUE}{second.source_id}/").content.decode()
    duplicates = page[page.index("Possible duplicates") : page.index("Similar submissions")]
    assert first.source_id in duplicates and unrelated.source_id not in duplicates


def test_staff_write_to_the_submitter_and_the_state_follows(client, secretariat):
    submission, _ = direct_submission()
    response = _login(client, secretariat).post(f"{QUEUE}{submission.source_id}/write/", {"body": "Which factory?"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == Submission.INFO_REQUESTED and Message.objects.get().direction == "to_submitter"


def test_moves_follow_the_allowed_states_and_not_taken_up_needs_a_reason(client, secretariat):
    submission, _ = direct_submission()
    _login(client, secretariat)
    client.post(f"{QUEUE}{submission.source_id}/move/", {"target": "not_taken_up", "reason": ""})
    submission.refresh_from_db()
    assert submission.state == Submission.NEW
    client.post(f"{QUEUE}{submission.source_id}/move/", {"target": "converted"})  # only by conversion
    submission.refresh_from_db()
    assert submission.state == Submission.NEW
    client.post(f"{QUEUE}{submission.source_id}/move/", {"target": "admissible"})
    submission.refresh_from_db()
    assert submission.state == Submission.ADMISSIBLE
    event = AuditEvent.objects.filter(action="submission.state_changed").first()
    assert event.before == {"state": "new"} and event.object_repr == submission.source_id


def test_merge_into_another_submission(client, secretariat):
    first, _ = direct_submission()
    second, _ = direct_submission()
    _login(client, secretariat).post(f"{QUEUE}{second.source_id}/merge/", {"into": first.source_id})
    second.refresh_from_db()
    assert second.state == Submission.MERGED and second.merged_into == first
    response = client.post(f"{QUEUE}{first.source_id}/merge/", {"into": "S-NONE-XXXX"}, follow=True)
    assert "No submission has the source id" in response.content.decode()


def test_opening_a_source_needs_its_own_permission_and_a_reason_and_is_audited(client, secretariat, source_reader):
    submission, _ = direct_submission()
    url = f"{QUEUE}{submission.source_id}/source/"
    assert _login(client, secretariat).post(url, {"reason": "to call her back"}).status_code == 403
    client.logout()
    _login(client, source_reader)
    refused = client.post(url, {"reason": ""}, follow=True)
    assert "Say why you open this source" in refused.content.decode()
    assert not AuditEvent.objects.filter(action="source.opened").exists()
    opened = client.post(url, {"reason": "to call her back"})
    assert "Amina Rahimova" in opened.content.decode() and "no-store" in opened["Cache-Control"]
    event = AuditEvent.objects.get(action="source.opened")
    assert event.after == {"reason": "to call her back"} and event.actor == source_reader
    assert "Amina" not in str(event.before) + str(event.after) + event.object_repr


def test_files_are_downloaded_decrypted_by_triage_staff_and_audited(
    client, secretariat, django_capture_on_commit_callbacks
):
    from .helpers import PDF, submit

    with django_capture_on_commit_callbacks(execute=True):  # the file moves into place on commit
        submit(client)
    attachment = Submission.objects.get().files.get()
    response = _login(client, secretariat).get(f"{QUEUE}files/{attachment.uid}/")
    assert response.content == PDF and "evidence.pdf" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="attachment.opened").count() == 1
