import io

import docx
import pypdfium2
import pytest

from spcomms.drafting.actions import GenerateLetters
from tests.drafting.builders import ACTOR, ready_case
from tests.drafting.desk import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(db):
    case = ready_case()
    return next(c for c in GenerateLetters(ACTOR).execute(case) if c.addressee.name == "China")


def download(client, letter, fmt):
    return client.get(url("download", letter.case_id, letter.pk, fmt))


def test_pdf(staff_client, letter):
    response = download(staff_client, letter, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="AL-CHN-1-2021.pdf"'
    pdf = pypdfium2.PdfDocument(response.content)
    assert "AL CHN 1/2021" in pdf[0].get_textpage().get_text_range()


def test_docx(staff_client, letter):
    response = download(staff_client, letter, "docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Excellency," in text


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_text_formats(staff_client, letter, fmt):
    response = download(staff_client, letter, fmt)
    assert response["Content-Type"].endswith("charset=utf-8")
    assert "AL CHN 1/2021" in response.content.decode()


def test_unknown_format(staff_client, letter):
    assert download(staff_client, letter, "odt").status_code == 404
