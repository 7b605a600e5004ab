"""/export/communications.csv|json: the whole published register, streamed."""

import csv
import io
import json


def content(response):
    return b"".join(response.streaming_content).decode()


def test_csv_export_streams_every_published_letter(client, register):
    response = client.get("/export/communications.csv")
    assert response.status_code == 200 and response.streaming
    rows = list(csv.DictReader(io.StringIO(content(response))))
    assert sorted(r["reference"] for r in rows) == ["AL CHN 18/2020", "AL OTH 135/2021", "UA BRA 7/2022"]
    company = next(r for r in rows if r["reference"] == "AL OTH 135/2021")
    assert company["reply_received"] == "yes" and company["last_reply_on"] == "2021-05-10"


def test_json_export_is_one_valid_document_with_letters_and_replies(client, register):
    data = json.loads(content(client.get("/export/communications.json")))
    assert data["api_version"] == 1 and len(data["communications"]) == 3
    company = next(c for c in data["communications"] if c["reference"] == "AL OTH 135/2021")
    assert company["letter"]["sections"]["facts"] == "Workers were transferred to factories."
    assert company["replies"][0]["text"].startswith("The company audited")


def test_an_empty_register_exports_valid_documents(client, db):
    assert json.loads(content(client.get("/export/communications.json")))["communications"] == []
    assert content(client.get("/export/communications.csv")).startswith("reference,date,type")


def test_the_export_and_the_search_give_the_same_csv_row_for_a_letter(client, register):
    exported = list(csv.DictReader(io.StringIO(content(client.get("/export/communications.csv")))))
    searched = list(csv.DictReader(io.StringIO(client.get("/communications.csv").content.decode())))
    by_reference = {row["reference"]: row for row in searched}
    assert len(exported) == len(searched) == 3
    for row in exported:
        assert by_reference[row["reference"]] == row
    company = by_reference["AL OTH 135/2021"]
    assert (company["reply_received"], company["replies"]) == ("yes", "1")


def test_reply_count_is_the_same_number_in_hits_pages_and_the_export(client, register):
    hits = client.get("/communications.json").json()["results"]
    exported = json.loads(content(client.get("/export/communications.json")))["communications"]
    for hit in hits:
        entry = next(e for e in exported if e["reference"] == hit["reference"])
        assert hit["reply_count"] == hit["replies"] == entry["reply_count"] == len(entry["replies"])
