"""Filling in the public form like a visitor does, with facts from a real sample letter."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from spcomms.cases.models import CaseSignatory
from spcomms.drafting.models import QuestionSet
from spcomms.intake.actions import PUBLIC, SaveDraftStep, SubmitDraft
from spcomms.intake.forms import STEPS
from spcomms.intake.models import SourceLink, Submission
from spcomms.lib import clock
from spcomms.registry.models import Mandate
from tests.workflow.files import hand_made_pdf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PDF = hand_made_pdf()  # a readable one-page PDF: uploads are opened with pdfium and refused otherwise
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
STATUS = "/submit/status/"


@cache
def sample_facts(name: str = "AL-OTH-78-2021_CRRC.txt") -> str:
    """The first paragraph after 'According to the information received:' in a real letter."""
    text = (SAMPLES / name).read_text()
    after = text.split("According to the information received:", 1)[1]
    return re.split(r"\n\s*\n", after.strip(), maxsplit=1)[0].strip()


def form_values(
    name="Amina Rahimova", victim="Dilnur Tursun", email="amina@example.org", narrative=None, **overrides
) -> dict[int, dict]:
    steps = {
        1: {
            "submitter_kind": "family",
            "name": name,
            "organisation": "",
            "email": email,
            "phone": "",
            "address": "",
            "language": "en",
            "consent_contact": "on",
        },
        2: {"victims_kind": "individual", "victims_names": victim, "victims_description": "a textile worker"},
        3: {
            "country": "CHN",
            "perpetrator_kind": "both",
            "perpetrators": "local authorities and a factory",
            "when": "since 2019",
            "place": "Xinjiang",
            "narrative": narrative or f"{victim} was transferred to a factory. " + sample_facts(),
            "domestic_steps": "",
        },
        4: {"confidential_parts": "everything about my family", "mandates": []},
        5: {"truthful": "on"},
    }
    for key, value in overrides.items():
        for values in steps.values():
            if key in values:
                values[key] = value
    return steps


def post_step(client, step: int, values: dict, files=(), go="next"):
    data = {k: v for k, v in values.items() if v not in (None, False)}
    data["go"] = go
    if files:
        data["files"] = [SimpleUploadedFile(n, b) for n, b in files]
    return client.post(f"/submit/step/{step}/", data)


def submit(client, steps: dict | None = None, files=(("evidence.pdf", PDF),)) -> tuple[str, object]:
    """Go through every step; (receipt code, last response)."""
    steps = steps or form_values()
    for number in range(1, len(STEPS) + 1):
        response = post_step(client, number, steps[number], files=files if number == 4 else ())
        assert response.status_code in (200, 302), (number, response.status_code, _errors(response))
        if number < len(STEPS):
            assert response.status_code == 302, (number, _errors(response))
    code = re.search(r'id="receipt-code">([\d ]+)<', response.content.decode()).group(1)
    return code.replace(" ", ""), response


def _errors(response) -> str:
    text = response.content.decode()
    return "; ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', text, re.S))[:500]


def direct_submission(narrative=None, files=(), **overrides):
    """A submission made through the actions (no HTTP), for triage and at-rest tests: (submission, code)."""
    steps = form_values(narrative=narrative, **overrides)
    draft = None
    for number in range(1, len(STEPS)):
        draft = SaveDraftStep(PUBLIC).execute(draft, number, steps[number], files if number == 4 else ())
    cleaned = {}
    for number in range(1, len(STEPS) + 1):
        cleaned |= {k: v for k, v in steps[number].items()}
    cleaned["consent_contact"] = cleaned.get("consent_contact") == "on"
    cleaned["consent_names_to_state"] = cleaned.get("consent_names_to_state") == "on"
    cleaned["mandates"] = [m.pk for m in Mandate.objects.filter(short__in=overrides.get("mandate_shorts", ()))]
    return SubmitDraft(PUBLIC).execute(draft, cleaned)


def ready_to_generate(case, day=dt.date(2021, 3, 12)):
    """A converted case made ready for its letters, as staff would on the desk: a letter date, a question set
    without case-specific words, and a signatory for each mandate (the holder then in office)."""
    draft = case.draft
    draft.letter_date = day
    draft.save()
    group = case.groups.get()
    group.question_set = next(q for q in QuestionSet.objects.all() if q.texts() and "{" not in " ".join(q.texts()))
    group.save()
    for position, mandate in enumerate(case.ordered_mandates(), start=1):
        holder = mandate.holders_on(day).first()
        CaseSignatory.objects.get_or_create(
            case=case, holder=holder, defaults={"position": position, "printed_title": holder.printed_title}
        )
    return case


def case_source(case, name: str, contact: str, narrative: str | None = None):
    """A confidential source of `case` as the register keeps one: a converted submission in the vault (identity
    and account sealed), linked to the case by its opaque source id."""
    submission, _code = direct_submission(name=name, email=contact, narrative=narrative)
    Submission.objects.filter(pk=submission.pk).update(state=Submission.CONVERTED, case=case)
    SourceLink.objects.create(case=case, source_id=submission.source_id, submission=submission, created_at=clock.now())
    return submission


ONE_PAGE = "/submit/all/"


def one_page_data(steps: dict | None = None, files=(("evidence.pdf", PDF),), go="next") -> dict:
    """Every step's values in one POST of the one-page form, as a browser sends it."""
    data = {"go": go}
    for values in (steps or form_values()).values():
        data |= {k: v for k, v in values.items() if v not in (None, False)}
    if files:
        data["files"] = [SimpleUploadedFile(n, b) for n, b in files]
    return data


def receipt_code(response) -> str:
    return re.search(r'id="receipt-code">([\d ]+)<', response.content.decode()).group(1).replace(" ", "")
