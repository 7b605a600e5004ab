"""A case's matrix of addressees × questions, reply rate, commonly unanswered questions, and its CSV."""

import csv
import io

import pytest

from spcomms.assessment.actions import AssessPendingReplies
from tests.assessment.conftest import ingest, record, shared_reply_text


@pytest.fixture
def case_with_replies(db):
    comm_135 = ingest("AL-OTH-135-2021_MinebeaMitsumi.txt")
    comm_78 = ingest("AL-OTH-78-2021_CRRC.txt")
    ingest("AL-OTH-167-2021_Xiaomi.md")  # no reply
    record(comm_135, shared_reply_text("AL-OTH-135-2021"))
    record(comm_78, shared_reply_text("AL-OTH-78-2021"))
    AssessPendingReplies("worker").execute("w1")
    assert comm_135.case_id == comm_78.case_id
    return comm_135.case


def test_matrix_rate_and_unanswered(client, reviewer, case_with_replies):
    client.force_login(reviewer)
    html = client.get(f"/staff/assessment/cases/{case_with_replies.pk}/").content.decode()
    assert "2 of 3 addressees replied (67 %)" in html
    assert html.count('class="q not_addressed"') == 8  # question 8 of one reply, questions 2–8 of the other
    assert "Question 8: not addressed in 2 of 2 replies read" in html
    assert "no reply" in html and "declines" in html


def test_csv_export(client, reviewer, case_with_replies):
    client.force_login(reviewer)
    response = client.get(f"/staff/assessment/cases/{case_with_replies.pk}.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_reference = {row["reference"]: row for row in rows}
    assert by_reference["AL OTH 135/2021"]["Q6"] == "partly"
    assert by_reference["AL OTH 78/2021"]["refuses_to_answer"] == "yes"
    assert by_reference["AL OTH 167/2021"]["replied"] == "no" and by_reference["AL OTH 167/2021"]["Q1"] == ""


def test_index_lists_the_case(client, reviewer, case_with_replies):
    client.force_login(reviewer)
    assert case_with_replies.title in client.get("/staff/assessment/").content.decode()


def test_unknown_case_is_404(client, reviewer, db):
    client.force_login(reviewer)
    assert client.get("/staff/assessment/cases/9999/").status_code == 404
