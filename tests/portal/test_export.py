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


def test_formula_names_reach_every_csv_as_text(client, register):
    from spcomms.portal import search
    from spcomms.registry.models import Addressee

    formula = '=HYPERLINK("http://evil.example","click")'
    Addressee.objects.filter(pk=register.company.pk).update(name=formula)
    search.reindex(register.to_company)
    export = list(csv.DictReader(io.StringIO(content(client.get("/export/communications.csv")))))
    listing = list(csv.DictReader(io.StringIO(client.get("/communications.csv").content.decode())))
    for rows in (export, listing):
        names = {r["reference"]: r["addressee"] for r in rows}
        assert names["AL OTH 135/2021"] == "'" + formula
