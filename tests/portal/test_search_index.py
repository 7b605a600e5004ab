"""portal.index: the actions that change what is public keep the index in step; `spcomms reindex` rebuilds it."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from spcomms.adminsite.actions import SaveRecord
from spcomms.cases.models import Communication
from spcomms.portal import index, search
from spcomms.portal.models import SearchDocument, SearchMandate, SearchState
from spcomms.workflow.actions.publication import HoldPublication, PublishCommunication, ReleaseHold
from spcomms.workflow.actions.replies import RecordReply

STAFF = "test-staff"


def indexed():
    return sorted(SearchDocument.objects.values_list("reference", flat=True))


def found(*words):
    return sorted(h.reference for h in search.search(search.Query(words=words)).hits)


def test_only_published_letters_are_indexed(register):
    assert indexed() == ["AL CHN 18/2020", "AL OTH 135/2021", "UA BRA 7/2022"]


def _due(comm):
    """A letter that left 60 days ago: the worker's publication is due."""
    Communication.objects.filter(pk=comm.pk).update(status=Communication.SENT, publish_on=dt.date(2021, 5, 1))


def test_publishing_holding_and_releasing_keep_the_index_in_step(register):
    _due(register.unpublished)
    assert PublishCommunication("worker").execute(register.unpublished.pk)
    assert "AL OTH 136/2021" in indexed()
    HoldPublication(STAFF).execute(register.to_brazil, "risk of reprisals")
    assert "UA BRA 7/2022" not in indexed() and found("beaten") == []
    ReleaseHold(STAFF).execute(register.to_brazil)
    assert found("beaten") == ["UA BRA 7/2022"]


def test_new_public_replies_and_summary_edits_are_searchable(register):
    RecordReply(STAFF).execute(
        register.to_china, received_on=dt.date(2021, 6, 1), language="en", channel="email", text="Vocational centres."
    )
    assert found("vocational") == ["AL CHN 18/2020"]
    register.torture_case.summary = "Alleged ill-treatment of a journalist."
    SaveRecord(STAFF, register.torture_case).execute()
    assert found("journalist") == ["UA BRA 7/2022"]


def test_a_renamed_addressee_is_found_by_its_new_name(register):
    register.brazil.name = "Federative Republic of Brazil"
    SaveRecord(STAFF, register.brazil).execute()
    assert found("federative") == ["UA BRA 7/2022"]


def test_reindex_and_remove_are_idempotent(register):
    assert index.reindex(register.to_company) is True
    assert index.reindex(register.to_company) is True
    assert index.reindex(register.unpublished) is False
    index.remove(register.to_company)
    index.remove(register.to_company)
    assert "AL OTH 135/2021" not in indexed()


def test_the_reindex_command_rebuilds_everything_from_the_gate(register, capsys):
    SearchMandate.objects.all().delete()
    SearchDocument.objects.all().delete()
    call_command("reindex")
    assert indexed() == ["AL CHN 18/2020", "AL OTH 135/2021", "UA BRA 7/2022"]
    assert "indexed 3" in capsys.readouterr().out
    call_command("reindex", "AL OTH 136/2021")
    assert "not public" in capsys.readouterr().out


def test_a_future_publication_date_is_not_searchable_even_if_indexed(register):
    SearchDocument.objects.filter(pk=register.to_brazil.pk).update(published_at=timezone.now() + dt.timedelta(days=1))
    assert found("beaten") == []


def test_words_of_drops_syntax_and_stop_words():
    assert search.words_of('"Forced" labour* OR (the) NEAR/3 body:x') == ("forced", "labour", "near", "3", "body", "x")


def test_cached_register_counts_follow_every_change_of_the_index(register):
    assert search.search(search.Query()).total == 3
    index.remove(register.to_company)
    after = search.search(search.Query())
    assert after.total == 2 and "company" not in after.facets["kind"]


def test_relevance_ranks_a_window_of_the_newest_matches_then_lists_the_others_newest_first(register, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 1)
    pages = [search.search(search.Query(words=("alleged",), offset=offset, limit=1)).hits for offset in range(3)]
    assert [hits[0].id for hits in pages] == sorted(SearchDocument.objects.values_list("pk", flat=True), reverse=True)


def test_only_a_change_of_the_index_makes_the_processes_reload_it(register):
    def token():
        return SearchState.objects.get(pk=1).token

    before = token()
    register.unpublished.staff_notes = "Call the source back on Monday."  # not public: the index does not change
    SaveRecord(STAFF, register.unpublished).execute()
    assert token() == before
    _due(register.unpublished)
    PublishCommunication("worker").execute(register.unpublished.pk)
    assert token() != before
