"""Press releases: drafted from a case, cleared by every mandate of the case, refused while a letter is unsent,
published to /news/ (HTML, JSON, Atom) with links both ways; the desk's flag and its dismissal."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError

from spcomms.cases.models import Communication
from spcomms.registry.models import HolderAccount
from spcomms.reports import news, press
from spcomms.reports.actions.press import (
    ApproveRelease,
    DismissPressFlag,
    DraftRelease,
    EditRelease,
    PublishRelease,
    SubmitRelease,
)
from tests.intake.helpers import case_source

ATOM = "{http://www.w3.org/2005/Atom}"


def _user(name, role):
    user = User.objects.create_user(name, password="a-long-test-password")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def staff_user(db):
    return _user("press-officer", "secretariat")


def _holders(case):
    users = []
    for i, cm in enumerate(case.casemandate_set.select_related("mandate")):
        user = _user(f"holder{i}", "mandate holder")
        HolderAccount.objects.create(user=user, holder=cm.mandate.holders.first())
        users.append((user, cm.mandate))
    return users


def _cleared(case, staff_user):
    release = DraftRelease(staff_user).execute(case)
    release = EditRelease(staff_user).execute(
        release,
        headline="UN experts alarmed by forced labour in supply chains",
        release_date=dt.date(2021, 3, 29),
        quotes=[{"text": "Companies must act.", "speaker": "the experts"}],
    )
    SubmitRelease(staff_user).execute(release)
    for user, mandate in _holders(case):
        ApproveRelease(user).execute(release, mandate, press.text_hash(release))
    release.refresh_from_db()
    return release


def test_the_draft_comes_from_public_material_only(march_case, staff_user):
    case_source(march_case, "Secret Witness", "witness@example.org", narrative="The Secret Witness saw it.")
    Communication.objects.filter(case=march_case).update(confidential_annex="Victim: Jane Secret")
    march_case.staff_notes = "internal: do not share"
    march_case.save()
    release = DraftRelease(staff_user).execute(march_case)
    printed = str(press.content(release))
    assert "Uyghur" in printed and "GENEVA (" in press.dateline(release)
    for secret in ("Secret Witness", "witness@example.org", "Jane Secret", "internal"):
        assert secret not in printed
    assert "the companies CRRC Corporation Limited, MinebeaMitsumi, Inc. and Xiaomi Corporation" in printed
    assert len(press.content(release)["experts"]) == 7


def test_dateline_is_printed_as_ohchr_prints_it(march_case, staff_user):
    release = EditRelease(staff_user).execute(DraftRelease(staff_user).execute(march_case),
                                              release_date=dt.date(2021, 3, 29))  # fmt: skip
    assert press.dateline(release) == "GENEVA (29 March 2021) –"


def test_refused_while_a_named_addressees_letter_is_unsent(march_case, staff_user):
    Communication.objects.filter(case=march_case, ref_number=167).update(status=Communication.PREPARED)
    release = DraftRelease(staff_user).execute(march_case)
    with pytest.raises(ValidationError, match="Xiaomi"):
        SubmitRelease(staff_user).execute(release)


def test_every_mandate_must_approve_and_an_edit_starts_over(march_case, staff_user):
    release = DraftRelease(staff_user).execute(march_case)
    SubmitRelease(staff_user).execute(release)
    holders = _holders(march_case)
    for user, mandate in holders[:-1]:
        ApproveRelease(user).execute(release, mandate, press.text_hash(release))
    with pytest.raises(ValidationError, match="approve"):
        PublishRelease(staff_user).execute(release)
    user, mandate = holders[-1]
    with pytest.raises(PermissionDenied):
        ApproveRelease(holders[0][0]).execute(release, mandate, press.text_hash(release))
    ApproveRelease(user).execute(release, mandate, press.text_hash(release))
    release.refresh_from_db()
    assert release.status == "approved"
    EditRelease(staff_user).execute(release, lead="A changed lead.")
    release.refresh_from_db()
    assert release.status == "in_clearance"


def test_published_to_news_json_and_a_valid_atom_feed(march_case, staff_user, client):
    assert list(news.flagged_cases()) == [march_case]
    release = PublishRelease(staff_user).execute(_cleared(march_case, staff_user))
    assert list(news.flagged_cases()) == []  # the release the letters announced is out
    html = client.get("/news/").content.decode()
    assert "UN experts alarmed" in html and "GENEVA (29 March 2021) –" in html
    page = client.get(f"/news/{release.slug}.json").json()
    assert [c["reference"] for c in page["communications"]] == ["AL OTH 78/2021", "AL OTH 135/2021", "AL OTH 167/2021"]
    assert page["quotes"] == [{"text": "Companies must act.", "speaker": "the experts"}]
    # and back: the communication's public page links to the release
    letter_page = client.get("/communications/AL-OTH-135-2021").content.decode()
    assert f"/news/{release.slug}" in letter_page
    feed = ET.fromstring(client.get("/news/feed.atom").content)
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        assert element.find(f"{ATOM}id").text.startswith("http")
        assert element.find(f"{ATOM}updated") is not None and element.find(f"{ATOM}title").text
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text


def test_an_embargoed_release_stays_private_until_its_time(march_case, staff_user, client):
    release = _cleared(march_case, staff_user)
    release = EditRelease(staff_user).execute(release, embargo_until=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    for user, mandate in _holders_again(march_case):
        ApproveRelease(user).execute(release, mandate, press.text_hash(release))
    PublishRelease(staff_user).execute(release)
    release.refresh_from_db()
    assert release.status == "published"
    assert client.get(f"/news/{release.slug}").status_code == 404
    assert b"UN experts alarmed" not in client.get("/news/feed.atom").content


def _holders_again(case):
    return [
        (HolderAccount.objects.get(holder__mandate=cm.mandate).user, cm.mandate) for cm in case.casemandate_set.all()
    ]


def test_the_case_is_flagged_until_a_release_is_published_or_the_flag_dismissed(march_case, staff_user):
    assert list(news.flagged_cases()) == [march_case]
    with pytest.raises(ValidationError, match="reason"):
        DismissPressFlag(staff_user).execute(march_case, " ")
    DismissPressFlag(staff_user).execute(march_case, "The experts decided against a release.")
    assert list(news.flagged_cases()) == []
