"""/communications/<slug> (+ .json): the letter, its replies, downloads and the other letters of the same case."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from spcomms.cases.models import Reply


def test_the_page_shows_metadata_letter_replies_and_related(client, register):
    response = client.get("/communications/AL-OTH-135-2021")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "AL OTH 135/2021" in html and "Minebea Example Corporation" in html
    assert "Joint allegation letter" in html
    assert "Workers were transferred to factories." in html  # the letter, rendered from the snapshot
    assert 'class="letter"' in html
    assert "audited its suppliers" in html and 'datetime="2021-05-10"' in html
    assert "/communications/AL-CHN-18-2020" in html  # the same case's letter to the State
    assert "AL OTH 136/2021" not in html  # unpublished letter of the same case


def test_json_has_the_same_data(client, register):
    data = client.get("/communications/AL-OTH-135-2021.json").json()
    assert data["reference"] == "AL OTH 135/2021" and data["type"] == "JAL" and data["joint"] is True
    assert data["addressee"] == {"name": "Minebea Example Corporation", "kind": "company"}
    assert data["date"] == "2021-03-12" and data["year"] == 2021
    assert data["letter"]["sections"]["facts"] == "Workers were transferred to factories."
    assert [r["received_on"] for r in data["replies"]] == ["2021-05-10"]
    assert [(r["reference"], r["reply_received"]) for r in data["related"]] == [("AL CHN 18/2020", False)]
    assert set(data["downloads"]) == {"pdf", "docx"}


def test_related_letters_show_their_reply_status(client, register):
    related = client.get("/communications/AL-CHN-18-2020.json").json()["related"]
    assert [(r["reference"], r["reply_received"], r["replies"]) for r in related] == [("AL OTH 135/2021", True, 1)]


def test_the_letter_downloads_as_pdf_and_docx(client, register):
    pdf = client.get("/communications/AL-OTH-135-2021/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert 'filename="AL-OTH-135-2021.pdf"' in pdf["Content-Disposition"]
    docx = client.get("/communications/AL-OTH-135-2021/letter.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_a_public_reply_file_downloads_and_a_confidential_one_does_not(client, register, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    public = Reply(communication=register.to_company, received_on=dt.date(2021, 6, 1))
    public.file.save("reply.pdf", ContentFile(b"%PDF-reply"), save=True)
    secret = Reply(communication=register.to_company, received_on=dt.date(2021, 6, 2), confidential=True)
    secret.file.save("secret.pdf", ContentFile(b"%PDF-secret"), save=True)
    ok = client.get(f"/communications/AL-OTH-135-2021/replies/{public.pk}")
    assert ok.status_code == 200 and ok.content == b"%PDF-reply"
    assert client.get(f"/communications/AL-OTH-135-2021/replies/{secret.pk}").status_code == 404
    assert client.get(f"/communications/AL-CHN-18-2020/replies/{public.pk}").status_code == 404


def test_a_lower_case_address_redirects_to_the_canonical_one(client, register):
    response = client.get("/communications/al-oth-135-2021.json")
    assert response.status_code == 301 and response["Location"] == "/communications/AL-OTH-135-2021.json"


def test_unknown_malformed_unpublished_held_and_future_letters_are_404(client, register):
    register.to_brazil.on_hold, register.to_brazil.hold_reason = True, "security of the victims"
    register.to_brazil.save()
    register.to_china.published_at = timezone.now() + dt.timedelta(days=2)
    register.to_china.save()
    for slug in ["AL-OTH-999-2021", "XX-OTH-1-2021", "AL-OTH-135", "AL-OTH-0-2021", "AL-OTH-136-2021", "UA-BRA-7-2022",
                 "AL-CHN-18-2020"]:  # fmt: skip
        assert client.get(f"/communications/{slug}").status_code == 404, slug
        response = client.get(f"/communications/{slug}.json")
        assert response.status_code == 404 and response.json()["error"]["status"] == 404
        assert client.get(f"/communications/{slug}/letter.pdf").status_code == 404


def test_a_letter_without_snapshot_has_a_page_but_no_downloads(client, register):
    register.to_brazil.letter = None
    register.to_brazil.save()
    data = client.get("/communications/UA-BRA-7-2022.json").json()
    assert data["letter"] is None and data["downloads"] == {}
    assert client.get("/communications/UA-BRA-7-2022").status_code == 200
    assert client.get("/communications/UA-BRA-7-2022/letter.pdf").status_code == 404
