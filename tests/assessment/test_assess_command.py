"""`spcomms assess REPLY_FILE --letter REF [--json]`: the register's questions, nothing saved, clear refusals."""

import json

import pytest
from django.core.management import CommandError, call_command

from spcomms.assessment.models import Assessment
from tests.assessment.conftest import REPLIES, shared_replies


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("assess", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_documented_schema(letter_135):
    output = run(str(shared_replies() / "reply-AL-OTH-135-2021.txt"), "--letter", "AL OTH 135/2021", "--json")
    record = json.loads(output)
    assert record["reference"] == "AL OTH 135/2021" and record["language"] == "en"
    assert record["refuses_to_answer"] is False
    assert [q["number"] for q in record["questions"]] == list(range(1, 9))
    first = record["questions"][0]
    assert {"number", "label", "confidence", "evidence"} <= set(first) and isinstance(first["evidence"][0], str)
    assert record["rubric"]["policy_commitment"]["score"] == 2
    assert "Human Rights Policy" in record["rubric"]["policy_commitment"]["evidence"][0]
    assert not Assessment.objects.exists()  # nothing saved


def test_summary_for_people(letter_78):
    output = run(str(REPLIES / "rambling-prose-78.txt"), "--letter", "AL OTH 78/2021")
    assert output.startswith("AL OTH 78/2021 · language en")
    assert "Q1: ✔ answered" in output and "rubric:" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--letter", "AL OTH 135/2021"], "cannot read file"),
        (["{reply}", "--letter", "AL OTH 999/2021"], "is not in the register"),
        (["{reply}", "--letter", "letter 135"], "--letter: reference"),
    ],
)
def test_bad_input_is_named(letter_135, args, message):
    reply = str(shared_replies() / "reply-AL-OTH-135-2021.txt")
    with pytest.raises(CommandError, match=message):
        run(*[a.replace("{reply}", reply) for a in args])


def test_a_binary_file_is_refused(letter_135, tmp_path):
    junk = tmp_path / "reply.txt"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(CommandError, match="binary data"):
        run(str(junk), "--letter", "AL OTH 135/2021")
