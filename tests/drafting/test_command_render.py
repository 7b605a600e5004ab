import re

import pytest
from django.core.management import CommandError, call_command

from spcomms.cases.models import Communication
from spcomms.drafting.actions import GenerateLetters
from tests import factories
from tests.drafting.builders import ACTOR, ready_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    GenerateLetters(ACTOR).execute(ready_case())
    return "AL OTH 1/2021"


@pytest.mark.parametrize("fmt, start", [("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!doctype html>")])
def test_writes_a_file(tmp_path, reference, fmt, start):
    out = tmp_path / f"letter.{fmt}"
    call_command("render", reference, "--format", fmt, "-o", str(out))
    assert out.read_bytes().startswith(start)


def test_text_to_standard_output(capfdbinary, reference):
    call_command("render", reference.lower(), "--format", "txt")
    assert "Dear Ms. Jane Roe," in capfdbinary.readouterr().out.decode()


def test_markdown_to_a_file(tmp_path, reference):
    out = tmp_path / "letter.md"
    call_command("render", reference, "-f", "md", "-o", str(out))
    assert out.read_text().startswith("**Mandate of the Special Rapporteur on minority issues**")


def test_unknown_reference():
    with pytest.raises(CommandError, match="no communication AL OTH 99/2021 on file"):
        call_command("render", "AL OTH 99/2021")


def test_not_a_reference():
    with pytest.raises(CommandError, match="is not a reference like"):
        call_command("render", "135/2021")


def test_a_letter_without_snapshot():
    case = factories.case(addressees=[])
    factories.communication(case, factories.company(), "AL OTH 5/2021")
    assert Communication.objects.get().letter is None
    with pytest.raises(CommandError, match="AL OTH 5/2021 has no letter snapshot yet"):
        call_command("render", "AL OTH 5/2021")


@pytest.mark.parametrize("where", ["missing/letter.pdf", "."], ids=["missing folder", "a folder"])
def test_an_output_that_cannot_be_written_is_an_error(tmp_path, reference, where):
    output = tmp_path / where
    problem = rf"cannot write {re.escape(str(output))}: (No such file or directory|Is a directory)"
    with pytest.raises(CommandError, match=problem):
        call_command("render", reference, "--format", "pdf", "-o", str(output))
    assert not (tmp_path / "missing").exists()
