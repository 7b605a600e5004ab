"""The press desk's pages: draft from a flagged case, edit with bad input refused, clearance, publication."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from spcomms.registry.models import HolderAccount
from spcomms.reports.models import PressFlagDismissal, PressRelease


def _login(role, name, holder=None):
    user = User.objects.create_user(name, password="a-long-test-password")
    user.groups.add(Group.objects.get(name=role))
    if holder is not None:
        HolderAccount.objects.create(user=user, holder=holder)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer(db):
    return _login("secretariat", "officer")


def test_the_whole_release_through_the_desk(march_case, officer, client):
    desk = officer.get("/staff/press/").content.decode()
    assert f'data-flagged="{march_case.pk}"' in desk
    response = officer.post(f"/staff/press/new/{march_case.pk}/")
    release = PressRelease.objects.get()
    assert response["Location"] == f"/staff/press/{release.pk}/"
    page = officer.get(f"/staff/press/{release.pk}/").content.decode()
    assert "The experts have been in contact with the companies" in page
    form = {"headline": "UN experts alarmed", "city": "GENEVA", "release_date": "2021-03-29",
            "lead": "UN experts today expressed concern.", "body": "", "contacts": "Media Unit", "embargo_until": "",
            "quotes": "a quote without a speaker"}  # fmt: skip
    refused = officer.post(f"/staff/press/{release.pk}/", form)
    assert refused.status_code == 200 and "needs &#x27; — &#x27; and who said it" in refused.content.decode()
    officer.post(f"/staff/press/{release.pk}/", form | {"quotes": "We urge action. — the experts"})
    release.refresh_from_db()
    assert release.quotes == [{"text": "We urge action.", "speaker": "the experts"}]
    officer.post(f"/staff/press/{release.pk}/submit/")
    release.refresh_from_db()
    assert release.status == "in_clearance"
    for i, cm in enumerate(march_case.casemandate_set.select_related("mandate")):
        holder = _login("mandate holder", f"h{i}", cm.mandate.holders.first())
        page = holder.get(f"/staff/press/{release.pk}/")
        holder.post(f"/staff/press/{release.pk}/approve/", {"mandate": cm.mandate.pk, "hash": page.context["hash"]})
    release.refresh_from_db()
    assert release.status == "approved"
    officer.post(f"/staff/press/{release.pk}/publish/")
    release.refresh_from_db()
    assert release.status == "published"
    assert client.get(f"/news/{release.slug}").status_code == 200


def test_dismissing_the_flag_needs_a_reason(march_case, officer):
    officer.post(f"/staff/press/dismiss/{march_case.pk}/", {"reason": ""})
    assert not PressFlagDismissal.objects.exists()
    officer.post(f"/staff/press/dismiss/{march_case.pk}/", {"reason": "no release this time"})
    assert PressFlagDismissal.objects.get().reason == "no release this time"
    assert f'data-flagged="{march_case.pk}"' not in officer.get("/staff/press/").content.decode()


def test_drafting_from_the_chosen_case_and_refusing_no_case(march_case, officer):
    officer.post("/staff/press/new/", {"case": ""})
    assert not PressRelease.objects.exists()
    officer.post("/staff/press/new/", {"case": str(march_case.pk)})
    assert PressRelease.objects.get().case == march_case
