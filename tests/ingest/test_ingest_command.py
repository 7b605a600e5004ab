"""`spcomms ingest` and `spcomms parse`: storing letters, idempotency, conflicts, variants, failures."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.drafting.models import AddresseeGroup
from spcomms.ingest import actions as store
from spcomms.ingest.management.commands import parse as parse_command
from spcomms.registry.models import Addressee, MandateHolder
from tests.ingest.ingest_helpers import CRRC, FIXTURES, MINEBEA, SAMPLES, XIAOMI, crrc_variant

# A letter of the same batch to a company directly involved: other introduction, seven questions (the last dropped).
DIRECT = "your company may be involved in alleged forced labour"


def _directly_involved_variant(tmp_path):
    text = CRRC.read_text(encoding="utf-8")
    text = text.replace("AL OTH 78/2021", "AL OTH 79/2021").replace("CRRC Corporation Limited", "Direct Co Ltd")
    text = text.replace("Dear Mr. Hualong Liu,", "Dear Ms. Ann Example,").replace(
        "Mr. Hualong Liu,", "Ms. Ann Example,"
    )
    text = text.replace("your company may be involved through its supply chain in alleged forced labour", DIRECT)
    last = text.index("8. Please provide information, if any, on cooperation")
    text = text[:last] + text[text.index("This communication and any response") :]
    path = tmp_path / "AL-OTH-79-2021.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_ingesting_twice_changes_nothing(capsys):
    call_command("ingest", str(SAMPLES))
    assert "3 ingested, 0 unchanged, 0 failed" in capsys.readouterr().out
    events = AuditEvent.objects.count()
    call_command("ingest", str(SAMPLES))
    assert "0 ingested, 3 unchanged, 0 failed" in capsys.readouterr().out
    assert (Communication.objects.count(), Case.objects.count(), AuditEvent.objects.count()) == (3, 1, events)


@pytest.mark.django_db
def test_same_reference_other_content_is_a_conflict_unless_replaced(tmp_path, capsys):
    call_command("ingest", str(MINEBEA))
    changed = tmp_path / "changed.txt"
    changed.write_text(MINEBEA.read_text(encoding="utf-8").replace("grave concern", "serious concern"), "utf-8")
    with pytest.raises(CommandError, match="AL OTH 135/2021 is already registered with different content"):
        call_command("ingest", str(changed))
    letter = Communication.objects.get().letter
    assert "grave concern" in letter["sections"]["concerns"]

    call_command("ingest", str(changed), "--replace")
    assert "serious concern" in Communication.objects.get().letter["sections"]["concerns"]
    event = AuditEvent.objects.get(action="communication.replaced")
    assert "grave concern" in json.dumps(event.before) or event.before is not None


@pytest.mark.django_db
def test_a_variant_of_the_batch_joins_the_case_in_its_own_group(tmp_path):
    call_command("ingest", str(MINEBEA), str(XIAOMI), str(_directly_involved_variant(tmp_path)))
    case = Case.objects.get()
    groups = {g.name: g for g in AddresseeGroup.objects.filter(case=case, generates=True)}
    assert len(groups) == 2
    direct = next(g for g in groups.values() if DIRECT in g.introduction)
    assert len(direct.question_set.texts()) == 7
    variant = Communication.objects.get(ref_number=79)
    assert len(variant.letter["questions"]) == 7 and DIRECT in variant.letter["sections"]["introduction"]


@pytest.mark.django_db
def test_unknown_mandate_fails_the_letter_and_saves_nothing(tmp_path, capsys):
    text = MINEBEA.read_text(encoding="utf-8").replace(
        "the Special Rapporteur on minority issues", "the Special Rapporteur on the rights of unicorns"
    )
    path = tmp_path / "unicorns.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("ingest", str(path), str(CRRC))
    assert "unicorns.txt" in str(info.value)
    assert "unknown mandate(s), add them to the registry first: Special Rapporteur on the rights of unicorns" in str(
        info.value
    )
    assert "1 ingested, 0 unchanged, 1 failed" in capsys.readouterr().out
    assert [c.reference for c in Communication.objects.all()] == ["AL OTH 78/2021"]


@pytest.mark.django_db
def test_a_file_that_is_not_a_letter_is_reported_by_name(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01binary garbage")
    with pytest.raises(CommandError, match="junk.pdf"):
        call_command("ingest", str(junk))
    assert not Communication.objects.exists() and not Case.objects.exists()


@pytest.mark.django_db
def test_missing_path_is_reported():
    with pytest.raises(CommandError, match="nope.txt: no such file or folder"):
        call_command("ingest", "nope.txt")


@pytest.mark.django_db
def test_a_state_letter_is_addressed_to_the_state(capsys):
    call_command("ingest", str(FIXTURES / "AL-CHN-18-2020_state.txt"))
    letter = Communication.objects.get()
    assert (letter.reference, letter.addressee.iso3, letter.ref_year) == ("AL CHN 18/2020", "CHN", 2020)


@pytest.mark.django_db
def test_parse_prints_the_documented_keys(capsys):
    call_command("parse", str(MINEBEA), "--json")
    [record] = json.loads(capsys.readouterr().out)
    assert set(record) >= {
        "reference",
        "type",
        "code",
        "number",
        "year",
        "date",
        "addressee",
        "mandates",
        "resolutions",
        "questions",
        "signatories",
        "footnotes",
        "also_sent_to",
        "publication_days",
        "sections",
        "registry_mandates",
        "unknown_mandates",
    }
    assert set(record["addressee"]) == {"name", "kind", "person", "salutation"}
    assert set(record["also_sent_to"]) == {"states", "others"}
    assert {"facts", "concerns", "annex"} <= set(record["sections"])
    assert record["date"] == "2021-03-12" and record["reference"] == "AL OTH 135/2021"


@pytest.mark.django_db
def test_parse_reports_bad_files_after_printing_the_good_ones(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match="empty.txt"):
        call_command("parse", str(MINEBEA), str(empty))
    assert len(json.loads(capsys.readouterr().out)) == 1


def _stored() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        Communication.objects.count(),
        Addressee.objects.count(),
        MandateHolder.objects.count(),
        AuditEvent.objects.count(),
    )


MINORITIES = "the Special Rapporteur on minority issues; "


@pytest.mark.django_db
def test_a_mandate_printed_twice_is_stored_once_with_a_warning(tmp_path, capsys):
    path = crrc_variant(tmp_path, "twice.txt", (MINORITIES, MINORITIES * 2))
    call_command("ingest", str(path))
    out, err = capsys.readouterr()
    assert "1 ingested, 0 unchanged, 0 failed" in out
    assert f"{path}: mandate printed twice in the header, stored once: Special Rapporteur on minority issues" in err
    titles = [m.title for m in Case.objects.get().ordered_mandates()]
    assert len(titles) == 7 and titles.count("Special Rapporteur on minority issues") == 1


@pytest.mark.django_db
def test_a_state_letter_naming_its_own_state_among_the_others(tmp_path, capsys):
    path = crrc_variant(tmp_path, "AL-CHN-78-2021.txt", ("AL OTH 78/2021", "AL CHN 78/2021"))
    call_command("ingest", str(path))
    assert "1 ingested, 0 unchanged, 0 failed" in capsys.readouterr().out
    letter = Communication.objects.get()
    names = [a.name for a in letter.case.addressees.all()]
    assert letter.addressee.iso3 == "CHN" and names.count("China") == 1
    assert len(names) == 14  # China, and the 13 other States of the "also sent to" list


@pytest.mark.django_db
def test_a_signatory_not_in_the_registry_is_added_with_an_audit_entry(tmp_path, capsys):
    path = crrc_variant(tmp_path, "new-holder.txt", ("Dante Pesce", "Fernanda Hopenhaym"))
    call_command("ingest", str(path))
    assert "1 ingested, 0 unchanged, 0 failed" in capsys.readouterr().out
    holder = MandateHolder.objects.get(name="Fernanda Hopenhaym")
    assert "business" in holder.mandate.title.lower()  # Dante Pesce's working group, from the letter's order
    entry = AuditEvent.objects.get(action="mandateholder.created", object_id=str(holder.pk))
    assert entry.actor_label == "cli:ingest" and entry.after["name"] == "Fernanda Hopenhaym"


@pytest.mark.django_db
def test_an_overlong_signatory_name_fails_that_letter_only(tmp_path, capsys):
    long_name = "Dante " + "Xy" * 120
    path = crrc_variant(tmp_path, "long.txt", ("Dante Pesce", long_name))
    with pytest.raises(CommandError) as info:
        call_command("ingest", str(path), str(MINEBEA))
    assert f"{path}: signatory name is 246 characters long (at most 200): Dante XyXy" in str(info.value)
    assert "1 ingested, 0 unchanged, 1 failed" in capsys.readouterr().out
    assert [c.reference for c in Communication.objects.all()] == ["AL OTH 135/2021"]
    assert not Addressee.objects.filter(name="CRRC Corporation Limited").exists()  # rolled back with its letter


@pytest.mark.django_db
def test_a_database_refusal_fails_the_letter_and_saves_nothing_of_it(tmp_path, monkeypatch, capsys):
    def twice(letter, addressee):  # a State listed twice as a parallel addressee: unique_case_addressee
        china = Addressee.objects.get(iso3="CHN")
        return [china, china], []

    monkeypatch.setattr(store, "_states_named", twice)
    before = _stored()
    with pytest.raises(CommandError) as info:
        call_command("ingest", str(CRRC))
    assert f"{CRRC}: the database refused the letter" in str(info.value)
    assert "0 ingested, 0 unchanged, 1 failed" in capsys.readouterr().out
    assert _stored() == before


@pytest.mark.django_db
def test_an_unexpected_error_fails_that_letter_and_the_batch_goes_on(monkeypatch, capsys):
    real = store.case_title

    def title(letter):
        if letter.reference == "AL OTH 78/2021":
            raise RuntimeError("boom")
        return real(letter)

    monkeypatch.setattr(store, "case_title", title)
    with pytest.raises(CommandError) as info:
        call_command("ingest", str(CRRC), str(MINEBEA))
    assert f"{CRRC}: unexpected error, nothing stored (RuntimeError: boom)" in str(info.value)
    assert "1 ingested, 0 unchanged, 1 failed" in capsys.readouterr().out
    assert [c.reference for c in Communication.objects.all()] == ["AL OTH 135/2021"]


@pytest.mark.django_db
def test_parse_reports_unknown_mandates_and_links_the_known_ones(tmp_path, capsys):
    invented = "the Special Rapporteur on invented things; "
    path = crrc_variant(tmp_path, "invented.txt", (MINORITIES, invented))
    call_command("parse", str(path), str(CRRC), "--json")
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert records[0]["unknown_mandates"] == ["Special Rapporteur on invented things"]
    assert records[0]["registry_mandates"][2] is None and records[0]["registry_mandates"][0] == "WG Business"
    assert records[1]["unknown_mandates"] == [] and None not in records[1]["registry_mandates"]
    assert (
        err.strip() == f"warning: {path}: unknown mandate, not in the registry: Special Rapporteur on invented things"
    )


@pytest.mark.django_db
def test_parse_without_a_readable_registry_says_the_mandates_were_not_checked(monkeypatch, capsys):
    def broken():
        raise DatabaseError("no such table: registry_mandate")

    monkeypatch.setattr(parse_command, "mandate_index", broken)
    call_command("parse", str(MINEBEA))
    out, err = capsys.readouterr()
    [record] = json.loads(out)
    assert record["registry_mandates"] is None and record["unknown_mandates"] is None
    assert "warning: mandates not checked against the registry (database: no such table: registry_mandate)" in err


@pytest.mark.django_db
def test_a_letter_dated_after_today_fails_and_saves_nothing(tmp_path, capsys):
    path = crrc_variant(tmp_path, "future.txt", ("12 March 2021", "12 March 2031"))
    before = _stored()
    with pytest.raises(CommandError) as info:
        call_command("ingest", str(path))
    assert f"{path}: the letter is dated 2031-03-12, after today" in str(info.value)
    assert _stored() == before
