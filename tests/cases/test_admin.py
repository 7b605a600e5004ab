"""The admin of cases, letters and replies cannot step around the procedure: state is read-only, what was sent stays
as sent, stale case saves are refused, and replies are recorded only where their files are checked."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication, Reply
from spcomms.drafting.actions import CaseFields, SaveCase
from spcomms.registry.models import Mandate
from tests import factories
from tests.drafting.builders import MINORITIES, SLAVERY, new_case, sent_case

pytestmark = pytest.mark.django_db


class _FormValues(HTMLParser):
    """The values a browser would post for the admin's change form, as the page shows them."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.values[name] = a.get("value") or "on"
            else:
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.lstrip("\n") if not self.values[self._textarea] else data


def change_url(obj) -> str:
    return reverse(f"admin:cases_{obj._meta.model_name}_change", args=[obj.pk])


def opened(client, obj) -> dict:
    """The change form as the page shows it (the version it was opened at included)."""
    response = client.get(change_url(obj))
    assert response.status_code == 200
    parser = _FormValues()
    parser.feed(response.content.decode())
    parser.values.pop("csrfmiddlewaretoken", None)
    return parser.values


# --- letters -----------------------------------------------------------------------------------------------------


@pytest.fixture
def published():
    case = sent_case()
    comm = case.communications.get(addressee__name="China")
    sent_on = dt.date(2021, 3, 15)
    Communication.objects.filter(pk=comm.pk).update(
        sent_at=timezone.make_aware(dt.datetime(2021, 3, 15, 12)),
        reply_due=sent_on + dt.timedelta(days=60),
        publish_on=sent_on + dt.timedelta(days=60),
        published_at=timezone.make_aware(dt.datetime(2021, 5, 15, 12)),
    )
    comm.refresh_from_db()
    return comm


def test_the_state_and_identity_of_a_sent_letter_cannot_be_changed(staff_client, published):
    before = Communication.objects.filter(pk=published.pk).values().get()
    other = factories.state("FRA")
    data = opened(staff_client, published) | {
        "status": Communication.PREPARED,
        "publish_on": "2021-03-16",
        "published_at": "",
        "on_hold": "on",
        "hold_reason": "moved by hand",
        "reply_due": "2021-03-16",
        "reference": "AL FRA 99/2021",
        "addressee": str(other.pk),
        "date": "2020-01-01",
        "staff_notes": "Checked against the file.",
    }
    response = staff_client.post(change_url(published), data)
    assert response.status_code == 302
    after = Communication.objects.filter(pk=published.pk).values().get()
    assert after["staff_notes"] == "Checked against the file."
    assert {k: v for k, v in after.items() if k not in ("staff_notes", "updated_at")} == {
        k: v for k, v in before.items() if k not in ("staff_notes", "updated_at")
    }
    assert AuditEvent.objects.filter(action="communication.changed", object_id=str(published.pk)).exists()


def test_the_letter_page_says_where_its_state_changes(staff_client, published):
    page = staff_client.get(change_url(published)).content.decode()
    assert "Set by the procedure on the letter" in page
    assert reverse("workflow:letter", kwargs={"comm_id": published.pk}) in page
    assert reverse("workflow:record-reply", kwargs={"comm_id": published.pk}) in page
    assert 'name="status"' not in page and 'name="publish_on"' not in page and 'name="on_hold"' not in page


def test_a_new_letter_registered_in_the_admin_starts_prepared(staff_client):
    company = factories.company()
    the_case = factories.case(addressees=[company])
    form = {
        "case": the_case.pk,
        "addressee": company.pk,
        "reference": "AL OTH 135/2021",
        "date": "2021-03-12",
        "status": Communication.SENT,
        "publish_on": "2021-03-13",
        "on_hold": "on",
    }
    assert staff_client.post(reverse("admin:cases_communication_add"), form).status_code == 302
    comm = Communication.objects.get()
    assert (comm.status, comm.publish_on, comm.on_hold) == (Communication.PREPARED, None, False)


# --- cases -------------------------------------------------------------------------------------------------------


def test_the_status_of_a_case_cannot_be_changed_in_the_admin(staff_client):
    case = sent_case()
    data = opened(staff_client, case) | {"status": Case.DRAFT, "summary": "Public summary."}
    assert staff_client.post(change_url(case), data).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.summary) == (Case.SENT, "Public summary.")
    page = staff_client.get(change_url(case)).content.decode()
    assert "Changed only by the procedure on the staff pages" in page


def test_a_sent_case_keeps_its_type_mandates_and_signatories(staff_client):
    case = sent_case(mandates=(MINORITIES, SLAVERY))
    data = opened(staff_client, case)
    assert "casemandate_set-0-resolution" not in data  # shown, not editable
    data |= {
        "type": "UA",
        "casemandate_set-0-resolution": "1/1",
        "casemandate_set-0-DELETE": "on",
        "casesignatory_set-0-DELETE": "on",
    }
    assert staff_client.post(change_url(case), data).status_code == 302
    case.refresh_from_db()
    assert case.type == "AL"
    assert [m.title for m in case.ordered_mandates()] == [MINORITIES, SLAVERY]
    assert case.casesignatory_set.count() == 2 and "1/1" not in case.resolutions()


def test_a_draft_case_saved_in_the_admin_moves_to_the_next_version(staff_client):
    case = new_case()
    data = opened(staff_client, case) | {"title": "Renamed in the admin"}
    assert staff_client.post(change_url(case), data).status_code == 302
    case.refresh_from_db()
    assert (case.title, case.version) == ("Renamed in the admin", 2)


def test_a_stale_admin_save_is_refused(staff_client):
    case = new_case()
    data = opened(staff_client, case) | {"title": "Admin's title"}
    fields = CaseFields("Desk title", "UA", [(Mandate.objects.get(title=MINORITIES), "")])
    SaveCase("someone", case).execute(fields, case.version)  # saved on the desk meanwhile
    response = staff_client.post(change_url(case), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "someone else saved this case after you opened it (you started from version 1, it is now at version 2)" in (
        page
    )
    case.refresh_from_db()
    assert (case.title, case.type, case.version) == ("Desk title", "UA", 2)


# --- replies -----------------------------------------------------------------------------------------------------


@pytest.fixture
def reply(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply = Reply(communication=published, received_on=dt.date(2021, 4, 1), channel=Reply.EMAIL, text="Our reply.")
    reply.file.save("reply.pdf", ContentFile(b"%PDF-1.4 reply"), save=False)
    reply.sha256, reply.filename, reply.content_type, reply.size = "a" * 64, "reply.pdf", "application/pdf", 14
    reply.save()
    return reply


def test_replies_are_not_added_or_deleted_in_the_admin(staff_client, reply):
    assert staff_client.get(reverse("admin:cases_reply_add")).status_code == 403
    assert staff_client.post(reverse("admin:cases_reply_delete", args=[reply.pk]), {"post": "yes"}).status_code == 403
    assert Reply.objects.filter(pk=reply.pk).exists()


def test_a_reply_can_only_be_marked_confidential_and_annotated(staff_client, reply):
    page = staff_client.get(change_url(reply)).content.decode()
    assert reverse("workflow:record-reply", kwargs={"comm_id": reply.communication_id}) in page
    assert reverse("workflow:reply-file", kwargs={"reply_id": reply.pk}) in page
    data = opened(staff_client, reply) | {
        "confidential": "on",
        "staff_notes": "Asked to keep it private.",
        "text": "Rewritten",
        "filename": "evil.exe",
        "sha256": "",
    }
    assert staff_client.post(change_url(reply), data).status_code == 302
    reply.refresh_from_db()
    assert (reply.confidential, reply.staff_notes) == (True, "Asked to keep it private.")
    assert (reply.text, reply.filename, reply.sha256) == ("Our reply.", "reply.pdf", "a" * 64)
    changed = AuditEvent.objects.get(action="reply.changed")
    assert (changed.before["confidential"], changed.after["confidential"]) == (False, True)
