"""The due-diligence rubric: 0 absent, 1 mentioned, 2 described with specifics; negations do not count."""

from spcomms.lib.reading.labels import _sentences
from spcomms.lib.reading.rubric import COMPANY, STATE, score_rubric
from spcomms.lib.reading.segment import blocks_of


def scores(text, kind="company"):
    return {s.indicator.code: s for s in score_rubric(_sentences(blocks_of(text)), kind)}


def test_specifics_make_a_two_a_bare_mention_a_one():
    result = scores(
        "We carried out 63 supplier audits in 2020, 11 of them unannounced.\n\nWe also offer training to staff."
    )
    assert result["monitoring"].score == 2
    assert result["monitoring"].evidence[0].text.startswith("We carried out 63 supplier audits")
    assert result["training"].score == 1
    assert result["remediation"].score == 0 and result["remediation"].evidence == []


def test_statements_of_nothing_done_and_negations_score_zero():
    result = scores(
        "We have not yet engaged with civil society organisations.\n\nThe company does not have a grievance "
        "mechanism for supplier workers."
    )
    assert result["stakeholder_engagement"].score == 0
    assert result["grievance_mechanism"].score == 0


def test_state_replies_use_the_state_indicators():
    result = scores("In 2016 the Government adopted a National Action Plan on Business and Human Rights.", kind="state")
    assert set(result) == {i.code for i in STATE}
    assert result["national_action_plan"].score == 2
    assert len(COMPANY) == 12 and len(STATE) == 5
