"""Storing letters of the genre: a header between paragraphs names the addressee; a letter whose organisation
cannot be determined is stored all the same, with a warning and a placeholder to fill in."""

import pytest
from django.core.management import call_command

from spcomms.cases.models import Communication
from tests.ingest.ingest_helpers import CRRC, FIXTURES

pytestmark = pytest.mark.django_db
HEADER = "CRRC Corporation Limited"


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _crrc_without_headers() -> str:
    text = CRRC.read_text(encoding="utf-8")
    assert f"\n\n{HEADER}\n\n" in text
    return text.replace(f"\n\n{HEADER}\n\n", "\n\n")


def test_a_header_between_two_paragraphs_is_the_addressee(tmp_path, capsys):
    text = _crrc_without_headers().replace("\n\nAccording to the information received:",
                                           f"\n\n{HEADER}\n\nAccording to the information received:", 1)  # fmt: skip
    call_command("ingest", str(_write(tmp_path, "between.txt", text)))
    assert "1 ingested, 0 unchanged, 0 failed" in capsys.readouterr().out
    communication = Communication.objects.get()
    assert communication.addressee.name == HEADER
    assert HEADER not in communication.letter["sections"]["facts"]


def test_a_letter_without_its_organisation_is_stored_with_a_warning(tmp_path, capsys):
    path = _write(tmp_path, "unnamed.txt", _crrc_without_headers())
    call_command("ingest", str(path))
    out, err = capsys.readouterr()
    assert "1 ingested, 0 unchanged, 0 failed" in out
    assert "does not name the addressee organisation" in out + err
    communication = Communication.objects.get()
    assert communication.addressee.name == "Organisation to fill in (AL OTH 78/2021)"
    assert communication.addressee.representative_name == "Hualong Liu"
    call_command("ingest", str(path))  # the same letter again finds its placeholder: nothing new
    assert "0 ingested, 1 unchanged, 0 failed" in capsys.readouterr().out


def test_an_urgent_appeal_without_its_organisation_is_stored(capsys):
    call_command("ingest", str(FIXTURES / "UA-OTH-12-2021_urgent_appeal.txt"))
    assert "1 ingested" in capsys.readouterr().out
    assert Communication.objects.get().addressee.name == "Organisation to fill in (UA OTH 12/2021)"
