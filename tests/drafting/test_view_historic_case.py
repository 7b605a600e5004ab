"""An ingested case is a historic record: where its letters came from, its annex as stored (matched to the clause
library), and no generation or clearance steps that never happened."""

import pytest

from spcomms.ingest.actions import store_letter
from spcomms.ingest.parse import parse_file
from tests.drafting.builders import ready_case
from tests.drafting.desk import url
from tests.drafting.test_generate_fidelity import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def historic():
    return [store_letter(parse_file(path)).communication for path in SAMPLES][0].case


def test_the_desk_shows_the_record_not_the_drafting_steps(staff_client, historic):
    page = staff_client.get(url("case", historic.pk)).content.decode()
    assert 'id="historic-pill"' in page and "Where these letters come from" in page
    assert "stored from a letter file on" in page and "by cli:ingest" in page
    for reference in ("AL OTH 78/2021", "AL OTH 135/2021", "AL OTH 167/2021"):
        assert reference in page
    assert "Generate letters" not in page and "Before the letters can be generated" not in page
    assert "New addressee group" not in page and "Add addressee" not in page
    assert "Nothing to do here: this case is the record of letters sent before" in page
    assert "named in the letters; its own letter is not on file" in page  # the 14 States, not "not generated yet"
    assert "not generated yet" not in page


def test_the_annex_is_shown_as_stored_and_matched_to_the_library(staff_client, historic):
    page = staff_client.get(url("case", historic.pk)).content.decode()
    assert "Annex, as stored with the letter" in page and "as stored with the letter (below)" in page
    for key in ("ungp-introduction", "ungp-13", "ungp-19", "ungp-22", "wg-2018-ga-report"):
        assert f"<code>{key}</code>" in page
    assert "Annex clauses</dt><dd>0" not in page


def test_the_clearance_page_of_a_historic_case_has_no_clearance(client, staff, historic):
    client.force_login(staff)
    page = client.get(f"/staff/clearance/{historic.pk}/").content.decode()
    assert "Nothing to clear or send: these letters were sent before they were registered here." in page
    assert "not yet" not in page and "Approve for" not in page and 'id="h-clearance"' not in page


def test_a_drafted_case_is_not_historic(staff_client):
    page = staff_client.get(url("case", ready_case().pk)).content.decode()
    assert "Where these letters come from" not in page and "Generate letters" in page
    assert 'id="to-clearance"' in page
