"""Generation refuses bad input, lists every problem, and makes nothing (issue 4, "Bad input")."""

import datetime as dt

import pytest

from spcomms.cases.models import Communication
from spcomms.drafting.actions import CaseFields, GenerateLetters, GenerationError, SaveCase, problems
from spcomms.drafting.models import Draft, QuestionSet
from spcomms.registry.models import Addressee, Mandate, MandateHolder
from tests import factories
from tests.drafting.builders import ACTOR, MINORITIES, add, company, group, new_case, ready_case, state, write_text

pytestmark = pytest.mark.django_db


def refused(case) -> list[str]:
    before = Communication.objects.count()
    with pytest.raises(GenerationError) as caught:
        GenerateLetters(ACTOR).execute(case)
    assert Communication.objects.count() == before, "nothing may be generated"
    return caught.value.messages


def test_a_ready_case_generates_one_letter_per_addressee():
    letters = GenerateLetters(ACTOR).execute(ready_case())
    assert sorted(c.reference for c in letters) == ["AL CHN 1/2021", "AL OTH 1/2021"]


def test_no_mandates():
    case = ready_case(mandates=())
    assert "the case has no mandates" in refused(case)


def test_no_signatory_for_a_mandate():
    vacant = Mandate.objects.filter(active=True, holders__isnull=True).first()
    case = ready_case(mandates=(MINORITIES, vacant.title))
    assert refused(case) == [f"no signatory for {vacant.title}"]


def test_a_holder_whose_term_does_not_cover_the_letter_date():
    case = ready_case(mandates=("Special Rapporteur in the field of cultural rights",))
    case.draft.letter_date = dt.date(2022, 1, 10)  # Karima Bennoune's term ended on 31 October 2021
    case.draft.save()
    (problem,) = refused(case)
    assert problem.startswith("Karima Bennoune's term (2015-11-01 – 2021-10-31) does not cover the letter date")


def test_a_group_without_questions():
    case = ready_case()
    add(group(case, "Home States", question_set=None), state("JPN"))
    empty = QuestionSet.objects.create(name="Empty set")
    add(group(case, "Other companies", question_set=empty.name), company("Beta Ltd.", "", ""))
    assert refused(case) == [
        "addressee group 'Home States' has no questions",
        "addressee group 'Other companies' has no questions",
    ]


def test_the_same_historic_reference_twice():
    case = write_text(new_case())
    companies = group(case, "Companies")
    add(companies, company("Alpha Ltd."), "AL OTH 78/2021")
    add(companies, company("Beta Ltd."), "AL OTH 78/2021")
    assert refused(case) == ["AL OTH 78/2021 is set for both Alpha Ltd. and Beta Ltd."]


def test_a_historic_reference_used_by_another_case():
    other = factories.case(addressees=[])
    factories.communication(other, factories.company("Gamma Ltd."), "AL OTH 78/2021")
    case = write_text(new_case())
    add(group(case, "Companies"), company("Alpha Ltd."), "AL OTH 78/2021")
    assert refused(case) == ["AL OTH 78/2021 is already used by another communication"]


def test_an_addressee_without_a_name():
    case = ready_case()
    nameless = Addressee(kind=Addressee.COMPANY, name=" ")
    nameless.save()  # as an import might have left it: the registry's own form would refuse it
    add(case.groups.get(name="Companies"), nameless)
    assert refused(case) == [f"addressee #{nameless.pk} has no name"]


def test_every_problem_is_listed_at_once():
    vacant = Mandate.objects.filter(active=True, holders__isnull=True).first()
    culture = Mandate.objects.get(title="Special Rapporteur in the field of cultural rights")
    bennoune = MandateHolder.objects.get(name="Karima Bennoune")
    case = SaveCase(ACTOR).execute(
        CaseFields(
            "Everything wrong",
            "AL",
            [(culture, ""), (vacant, "")],
            signatories={culture.pk: (bennoune, "")},
            letter_date=dt.date(2022, 1, 10),
        )
    )
    write_text(case)
    add(group(case, "No questions", question_set=None), state("JPN"))
    companies = group(case, "Companies")
    add(companies, company("Alpha Ltd."), "AL OTH 78/2021")
    add(companies, company("Beta Ltd."), "AL OTH 78/2021")
    nameless = Addressee(kind=Addressee.COMPANY, name="")
    nameless.save()
    add(companies, nameless)

    found = refused(case)
    assert f"no signatory for {vacant.title}" in found
    assert any(p.startswith("Karima Bennoune's term") for p in found)
    assert "addressee group 'No questions' has no questions" in found
    assert "AL OTH 78/2021 is set for both Alpha Ltd. and Beta Ltd." in found
    assert f"addressee #{nameless.pk} has no name" in found
    assert found == problems(case)


def test_a_case_without_mandates_is_refused_too():
    case = write_text(new_case(mandates=()))
    add(group(case, "State"), state("CHN"))
    assert refused(case) == ["the case has no mandates"]


def test_footnotes_saved_without_their_text_are_a_listed_problem():
    case = ready_case()
    Draft.objects.filter(case=case).update(footnotes=[{"number": 1}])  # as the admin could save before it checked
    assert refused(case) == ["the draft's footnotes: footnote 1 needs a non-empty 'text'"]
