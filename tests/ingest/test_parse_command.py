"""`spcomms parse`: a readable summary by default, the JSON records with --json, every unfilled field a warning."""

import json

import pytest
from django.core.management import call_command

from tests.ingest.ingest_helpers import FIXTURES, MINEBEA

pytestmark = pytest.mark.django_db
URGENT = FIXTURES / "UA-OTH-12-2021_urgent_appeal.txt"


def test_summary_names_reference_addressee_questions_and_signatories(capsys):
    call_command("parse", str(MINEBEA))
    out = capsys.readouterr().out
    assert not out.lstrip().startswith("[")
    assert "reference    AL OTH 135/2021, dated 2021-03-12" in out
    assert "addressee    MinebeaMitsumi, Inc., Yoshihisa Kainuma (non-state)" in out
    assert "mandates     7: WG Business; SR Cultural rights; " in out
    assert "questions    8" in out and "    1. Please provide any additional information" in out
    assert "signatories  7: Dante Pesce, Karima Bennoune" in out
    assert "warnings     none" in out


def test_summary_lists_what_could_not_be_filled(capsys):
    call_command("parse", str(URGENT))
    out = capsys.readouterr().out
    assert "warnings     2" in out
    assert "    - addressee organisation not found" in out
    assert "    - no publication period found" in out


def test_json_carries_the_warnings_and_repeats_them_on_standard_error(capsys):
    call_command("parse", str(URGENT), str(MINEBEA), "--json")
    out, err = capsys.readouterr()
    urgent, minebea = json.loads(out)
    assert minebea["warnings"] == []
    assert urgent["warnings"][0].startswith("addressee organisation not found")
    assert f"warning: {URGENT}: no publication period found" in err


def test_a_letter_missing_its_parts_warns_about_each(tmp_path, capsys):
    bare = tmp_path / "bare.txt"
    bare.write_text("REFERENCE: AL OTH 3/2021\n\n4 May 2021\n\nWe write about a matter.[^2]\n")
    call_command("parse", str(bare), "--json")
    [record] = json.loads(capsys.readouterr().out)
    warnings = "\n".join(record["warnings"])
    expected = ["no salutation found", "no mandates found", "no Human Rights Council resolutions found",
                "no numbered questions found", "no signatories found", "no publication period found",
                "no facts found", "no closing found",
                "footnote 2 is referenced but its text was not found"]  # fmt: skip
    assert [phrase for phrase in expected if phrase not in warnings] == []
