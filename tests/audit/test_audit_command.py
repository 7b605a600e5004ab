"""`spcomms audit`: objects named with or without their app label, times with their zone, a word when empty."""

import re

import pytest
from django.core.management import CommandError, call_command

from spcomms.cases.models import Communication
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def communication():
    call_command("ingest", str(SAMPLES / "AL-OTH-78-2021_CRRC.txt"))
    return Communication.objects.get()


@pytest.mark.parametrize("label", ["communication", "cases.communication", "Communication"])
def test_object_by_model_name_with_or_without_app_label(capsys, communication, label):
    capsys.readouterr()
    call_command("audit", "--object", f"{label}:{communication.pk}")
    out = capsys.readouterr().out
    assert "communication.ingested" in out and "AL OTH 78/2021" in out


def test_printed_times_name_their_zone(capsys, communication):
    capsys.readouterr()
    call_command("audit", "--object", f"communication:{communication.pk}")
    line = capsys.readouterr().out.splitlines()[0]
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (CET|CEST) ", line), line


def test_no_match_says_so(capsys, communication):
    capsys.readouterr()
    call_command("audit", "--object", f"communication:{communication.pk + 100}")
    assert capsys.readouterr().out.strip() == "no audit entries match"


def test_json_of_no_match_is_an_empty_list(capsys):
    call_command("audit", "--action", "nothing.", "--json")
    assert capsys.readouterr().out.strip() == "[]"


def test_an_ambiguous_model_name_lists_the_labels(monkeypatch):
    from spcomms.audit.management.commands import audit

    class Meta:
        def __init__(self, label):
            self.model_name, self.label_lower = "thing", label

    fakes = [type("M", (), {"_meta": Meta(label)}) for label in ("a.thing", "b.thing")]
    monkeypatch.setattr(audit.apps, "get_models", lambda: fakes)
    with pytest.raises(CommandError, match="'thing' is ambiguous: write one of a.thing, b.thing"):
        call_command("audit", "--object", "thing:1")
