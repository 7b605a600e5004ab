"""The clearance page says what happens next and who must act, names who has not approved, and shows each
letter's true state (no "send the follow-up letters" for letters that wait for a dispatch by hand)."""

import datetime as dt

from spcomms.cases.models import Case
from spcomms.workflow.actions.clearance import SubmitForClearance
from tests.workflow import builders
from tests.workflow.procedure import STAFF, approve, send


def page_of(client, case) -> str:
    return client.get(f"/staff/clearance/{case.pk}/").content.decode()


def test_in_clearance_the_page_names_who_has_not_approved(client, secretariat, case, holder_minorities):
    SubmitForClearance(STAFF).execute(case)
    client.force_login(secretariat)
    page = page_of(client, case)
    assert "Waiting for the approval of SR Minorities, SR Slavery." in page
    assert "waiting for Fernand de Varennes (sr-minorities)" in page
    assert "No holder account for this mandate: nobody can approve it." in page  # SR Slavery has no account
    assert 'spcomms createstaff USERNAME --role holder --holder "Tomoya Obokata"' in page
    assert f'href="/staff/cases/{case.pk}/" id="to-desk"' in page
    assert "Prepared, not cleared" in page


def test_a_letter_without_e_mail_shows_record_the_dispatch(client, secretariat, holder_minorities, holder_slavery):
    case = builders.drafted_case(emails=("",))
    approve(case, holder_minorities, holder_slavery)
    client.force_login(secretariat)
    page = page_of(client, case)
    assert "Prepared: no e-mail address" in page and "Record the dispatch</a>" in page
    assert "Send the letters</button>" not in page  # there is nothing to e-mail
    assert "No letter of this case has an e-mail address" in page


def test_after_sending_a_mixed_case_only_the_hand_dispatch_remains(
    client, secretariat, holder_minorities, holder_slavery, fake_clock
):
    case = builders.drafted_case(emails=("ceo@acme.example", ""))
    send(case, holder_minorities, holder_slavery)
    assert Case.objects.get(pk=case.pk).status == Case.SENDING  # not sent while its letters have not left
    client.force_login(secretariat)
    page = page_of(client, case)
    assert "Being sent" in page
    assert "Queued for e-mail" in page and "The worker e-mails it to ceo@acme.example." in page
    assert "Prepared: no e-mail address" in page
    assert "Send the follow-up letters" not in page and "Send the letters</button>" not in page


def test_a_holder_sees_no_secretariat_buttons(client, case, holder_minorities):
    client.force_login(holder_minorities)
    page = page_of(client, case)
    assert "Submit for clearance</button>" not in page
    assert "The secretariat submits, sends and closes cases" in page


def test_the_letter_page_says_what_comes_next(client, secretariat, holder_minorities, holder_slavery, fake_clock):
    case = builders.drafted_case(emails=("",))
    approve(case, holder_minorities, holder_slavery)
    letter = case.communications.get()
    client.force_login(secretariat)
    page = client.get(f"/staff/letters/{letter.pk}/").content.decode()
    assert "Next: Record the dispatch (note verbale, fax or courier)" in page and 'id="dispatch"' in page
    client.post(
        f"/staff/letters/{letter.pk}/dispatch/",
        {"channel": "note_verbale", "sent_on": dt.date(2021, 3, 15).isoformat(), "note": "NV 1"},
    )
    page = client.get(f"/staff/letters/{letter.pk}/").content.decode()
    assert "Sent 15 March 2021 (Note verbale via Permanent Mission)" in page and "Waiting for the reply" in page
