"""`spcomms ingest --replace`: the same checks as a first ingest, and the register follows the new letter."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.drafting.models import GroupMembership
from tests.ingest.ingest_helpers import CRRC, MINEBEA, XIAOMI, crrc_variant

pytestmark = pytest.mark.django_db


def _variant(tmp_path, *replacements: tuple[str, str]):
    return crrc_variant(tmp_path, "changed.txt", *replacements)


REDATED = (("AL OTH 78/2021", "UA OTH 78/2021"), ("12 March 2021", "12 April 2021"))


def _crrc() -> Communication:
    return Communication.objects.get(ref_code="OTH", ref_number=78, ref_year=2021)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


def test_type_date_and_publication_follow_the_new_letter(tmp_path, capsys):
    call_command("ingest", str(CRRC))
    call_command("ingest", "--replace", str(_variant(tmp_path, *REDATED)))
    assert "0 ingested, 0 unchanged, 1 replaced, 0 failed" in capsys.readouterr().out
    comm = _crrc()
    assert (comm.reference, comm.date, comm.letter["date"]) == ("UA OTH 78/2021", dt.date(2021, 4, 12), "2021-04-12")
    assert comm.publish_on == dt.date(2021, 6, 11) and comm.published_at == _midnight(dt.date(2021, 6, 11))
    assert comm.case.type == "UA"  # the case's only letter
    assert GroupMembership.objects.get(case_addressee__addressee=comm.addressee).reference == "UA OTH 78/2021"
    event = AuditEvent.objects.get(action="communication.replaced")
    assert (event.before["ref_type"], event.before["date"]) == ("AL", "2021-03-12")
    assert (event.after["ref_type"], event.after["date"]) == ("UA", "2021-04-12")
    case_event = AuditEvent.objects.get(action="case.changed")
    assert (case_event.before, case_event.after) == ({"type": "AL"}, {"type": "UA"})


def test_the_date_of_one_letter_of_a_batch_moves_alone(tmp_path, capsys):
    call_command("ingest", str(CRRC), str(MINEBEA), str(XIAOMI))
    call_command("ingest", "--replace", str(_variant(tmp_path, ("12 March 2021", "15 March 2021"))))
    assert "1 replaced" in capsys.readouterr().out
    assert (_crrc().date, _crrc().publish_on) == (dt.date(2021, 3, 15), dt.date(2021, 5, 14))
    assert set(Communication.objects.exclude(pk=_crrc().pk).values_list("date", flat=True)) == {dt.date(2021, 3, 12)}


def _refused(capsys, path, message: str) -> None:
    before = _crrc().letter, _crrc().date, _crrc().ref_type, Case.objects.get().type
    with pytest.raises(CommandError) as info:
        call_command("ingest", "--replace", str(path))
    assert f"{path}: " in str(info.value) and message in str(info.value)
    assert capsys.readouterr().out.endswith("0 ingested, 0 unchanged, 1 failed\n")
    assert (_crrc().letter, _crrc().date, _crrc().ref_type, Case.objects.get().type) == before
    assert not AuditEvent.objects.filter(action="communication.replaced").exists()


def test_an_unknown_mandate_is_refused_as_on_a_first_ingest(tmp_path, capsys):
    call_command("ingest", str(CRRC))
    invented = ("the Special Rapporteur on minority issues;", "the Special Rapporteur on invented things;")
    path = _variant(tmp_path, invented)
    _refused(capsys, path, "unknown mandate(s), add them to the registry first: Special Rapporteur on invented things")


def test_a_new_type_is_refused_while_the_case_has_other_letters(tmp_path, capsys):
    call_command("ingest", str(CRRC), str(MINEBEA))
    _refused(capsys, _variant(tmp_path, *REDATED), "it would become UA while the other letters of its case")


TORTURE = "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or"


def test_other_mandates_than_the_case_are_refused(tmp_path, capsys):
    call_command("ingest", str(CRRC))
    header = f"the {TORTURE} punishment; "
    path = _variant(tmp_path, (header, ""), (f"Nils Melzer\n{TORTURE}\npunishment\n", ""))
    _refused(capsys, path, "the new letter's mandates differ from those of its case")


def test_another_addressee_is_refused(tmp_path, capsys):
    call_command("ingest", str(CRRC))
    path = _variant(tmp_path, ("CRRC Corporation Limited", "Other Rail Company Limited"))
    _refused(capsys, path, "a letter is not moved to another addressee")
    assert Communication.objects.get().addressee.name == "CRRC Corporation Limited"


def test_a_public_letter_is_not_withdrawn_by_a_later_date(tmp_path, capsys):
    call_command("ingest", str(CRRC))
    recent = timezone.localdate() - dt.timedelta(days=10)
    path = _variant(tmp_path, ("12 March 2021", f"{recent.day} {recent:%B %Y}"))
    _refused(capsys, path, "a public letter is not withdrawn by --replace")
    assert _crrc().published_at == _midnight(dt.date(2021, 5, 11))


def test_a_publication_recorded_by_the_worker_is_kept(tmp_path):
    call_command("ingest", str(CRRC))
    worker_time = _midnight(dt.date(2021, 5, 20)) + dt.timedelta(hours=6)
    Communication.objects.update(published_at=worker_time)
    call_command("ingest", "--replace", str(_variant(tmp_path, ("12 March 2021", "15 March 2021"))))
    assert (_crrc().publish_on, _crrc().published_at) == (dt.date(2021, 5, 14), worker_time)


def test_a_letter_sent_through_spcomms_is_not_replaced_by_a_file(tmp_path, capsys):
    call_command("ingest", str(CRRC))
    Communication.objects.update(sent_at=_midnight(dt.date(2021, 3, 12)))
    _refused(capsys, _variant(tmp_path, *REDATED), "its letter is the snapshot spcomms generated")


def test_replacing_with_the_same_letter_repairs_stale_fields(tmp_path, capsys):
    """Records replaced before the fields followed the letter: the same file again puts them right."""
    path = _variant(tmp_path, *REDATED)
    call_command("ingest", str(path))
    Communication.objects.update(ref_type="AL", date=dt.date(2021, 3, 12))
    call_command("ingest", str(path))
    assert "1 unchanged" in capsys.readouterr().out  # without --replace nothing is touched
    call_command("ingest", "--replace", str(path))
    assert "1 replaced" in capsys.readouterr().out
    assert (_crrc().reference, _crrc().date) == ("UA OTH 78/2021", dt.date(2021, 4, 12))
    call_command("ingest", "--replace", str(path))
    assert "1 unchanged" in capsys.readouterr().out
