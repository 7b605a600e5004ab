"""/reports/, /statistics/ (HTML, JSON, CSV, charts) and the report's publication by staff."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group, User

from spcomms.cases.models import Communication
from spcomms.reports.models import PublishedReport
from tests import factories

from .conftest import letter


@pytest.fixture
def secretariat(db, client):
    user = User.objects.create_user("sec", password="a-long-test-password")
    user.groups.add(Group.objects.get(name="secretariat"))
    client.force_login(user)
    return client


def test_staff_publish_the_report_and_the_public_sees_it(march_case, secretariat, client):
    page = secretariat.get("/staff/reports/?session=48")
    assert page.status_code == 200 and b"A/HRC/48/3" in page.content
    response = secretariat.post("/staff/reports/48/publish/")
    assert response.status_code == 302
    assert PublishedReport.objects.get().symbol == "A/HRC/48/3"
    client.logout()
    listing = client.get("/reports/index.json").json()
    assert [r["symbol"] for r in listing["reports"]] == ["A/HRC/48/3"]
    assert client.get("/reports/48.pdf").content.startswith(b"%PDF")
    html = client.get("/reports/48/").content.decode()
    assert "AL OTH 135/2021" in html and "<svg" in html
    rows = list(csv.DictReader(io.StringIO(client.get("/reports/48/communications.csv").content.decode())))
    assert len(rows) == 3
    assert secretariat.post("/staff/reports/48/publish/").status_code == 302  # refused twice, with a message
    assert PublishedReport.objects.count() == 1


def test_the_public_cannot_publish(march_case, client):
    assert client.post("/staff/reports/48/publish/").status_code == 302  # to the login page
    assert not PublishedReport.objects.exists()


def test_statistics_match_an_independent_query(march_case, client):
    china = factories.state("CHN")
    case = factories.case(title="other", addressees=[china])
    letter(case, china, "UA CHN 5/2022", dt.date(2022, 1, 10))
    data = client.get("/statistics.json").json()
    published = Communication.objects.filter(published_at__isnull=False, on_hold=False)
    assert data["figures"]["communications"] == published.count() == 4
    assert data["figures"]["by_kind"]["state"] == published.filter(addressee__kind="state").count()
    assert data["figures"]["replied"] == published.filter(replies__isnull=False).distinct().count() == 2
    assert data["figures"]["replied_within_60_days"] == 2  # 46 and 56 days after 12 March
    assert data["figures"]["median_days_to_reply"] == 51
    year = client.get("/statistics.json?year=2022").json()
    assert year["figures"]["communications"] == published.filter(date__year=2022).count() == 1
    kind = client.get("/statistics.json?kind=company").json()
    assert kind["figures"]["communications"] == published.filter(addressee__kind="company").count() == 3
    state = client.get("/statistics.json?state=CHN").json()
    assert state["figures"]["per_state"] == [{"code": "CHN", "state": "China", "region": "Asia-Pacific States",
                                             "communications": 1}]  # fmt: skip


@pytest.mark.django_db(transaction=True)  # the new facts are read by another thread, on its own connection
def test_a_publication_shows_on_the_next_statistics_page(march_case, client):
    from spcomms.portal import index

    assert client.get("/statistics.json").json()["figures"]["communications"] == 3
    china = factories.state("CHN")
    comm = letter(factories.case(title="other", addressees=[china]), china, "UA CHN 5/2022", dt.date(2022, 1, 10))
    index.refresh_for(comm)  # as the publication action does: the public register changed
    assert client.get("/statistics.json").json()["figures"]["communications"] == 4


def test_statistics_page_has_charts_with_text_and_data(march_case, client):
    html = client.get("/statistics/").content.decode()
    assert html.count("<figure") == 4 and 'alt="Communications by type' in html and "The data of this chart" in html
    svg = client.get("/statistics/charts/by-type.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content and b"JAL" in svg.content
    rows = list(csv.DictReader(io.StringIO(client.get("/statistics.csv").content.decode())))
    assert {"table": "figures", "key": "communications", "value": "3"} in rows


@pytest.mark.parametrize("query", ["year=21", "kind=robot", "state=XXX", "mandate=999999", "session=2", "colour=red"])
def test_bad_filters_are_refused_with_a_message(db, client, query):
    response = client.get(f"/statistics.json?{query}")
    assert response.status_code == 400 and response.json()["error"]["message"]


def test_an_unpublished_report_is_not_found(db, client):
    assert client.get("/reports/48.pdf").status_code == 404
