"""Convert to a case: a draft case with the facts, mandates and addressees; the source's identity never in a letter."""

import pytest
from django.core.exceptions import ValidationError

from spcomms.cases.models import Case
from spcomms.drafting.actions import GenerateLetters
from spcomms.drafting.render.text import render_text
from spcomms.intake.actions import Conversion, ConvertToCase
from spcomms.intake.models import SourceLink, Submission
from spcomms.lib.letter import Letter
from spcomms.registry.models import Addressee, Mandate

from .helpers import direct_submission, ready_to_generate

pytestmark = pytest.mark.django_db

IDENTITY = ("Amina Rahimova", "Rahimova", "amina@example.org")


def _convert(user, submission):
    conversion = Conversion(
        "Forced labour in Xinjiang",
        "AL",
        [Mandate.objects.get(short="SR Slavery")],
        [Addressee.objects.get(kind="state", iso3="CHN")],
    )
    return ConvertToCase(user).execute(submission, conversion)


def _letters(case):
    return [render_text(Letter.from_dict(c.letter)) for c in GenerateLetters("test").execute(ready_to_generate(case))]


def test_conversion_prefills_a_draft_case_and_links_the_source_by_its_opaque_id(secretariat):
    submission, _ = direct_submission(narrative="Amina Rahimova says her brother Dilnur Tursun was detained in Urumqi.")
    case = _convert(secretariat, submission)
    assert case.status == Case.DRAFT and [m.short for m in case.ordered_mandates()] == ["SR Slavery"]
    assert [a.iso3 for a in case.addressees.all()] == ["CHN"]
    assert "[source]" in case.draft.facts and "[victim 1]" in case.draft.facts and "Urumqi" in case.draft.facts
    assert SourceLink.objects.get(case=case).source_id == submission.source_id
    submission.refresh_from_db()
    assert submission.state == Submission.CONVERTED and submission.case == case
    letter = _letters(case)[0]
    assert "According to the information received" in letter and "[victim 1]" in letter
    for secret in (*IDENTITY, "Dilnur", "Tursun"):
        assert secret not in letter


def test_victims_names_stay_when_they_consented_but_the_source_never_does(secretariat):
    submission, _ = direct_submission(narrative="Amina Rahimova says her brother Dilnur Tursun was detained in Urumqi.")
    submission.consent_names_to_state = True
    submission.save()
    letter = _letters(_convert(secretariat, submission))[0]
    assert "Dilnur Tursun" in letter and not any(secret in letter for secret in IDENTITY)


def test_a_converted_submission_cannot_be_converted_again(secretariat):
    submission, _ = direct_submission()
    _convert(secretariat, submission)
    with pytest.raises(ValidationError, match="converted"):
        _convert(secretariat, submission)
    assert Case.objects.count() == 1


def test_conversion_needs_the_right_to_create_cases(django_user_model):
    from django.contrib.auth.models import Permission
    from django.core.exceptions import PermissionDenied

    user = django_user_model.objects.create_user("triager", "t@example.org", "a-long-test-password")
    user.user_permissions.add(Permission.objects.get(codename="triage_submission"))
    submission, _ = direct_submission()
    with pytest.raises(PermissionDenied):
        _convert(django_user_model.objects.get(pk=user.pk), submission)
