"""The demo of the whole procedure: personas, and cases in each state made through the procedure's own actions.

`load_demo()` is what `spcomms demo` (and `make demo`) runs after ingesting the sample letters. Every write goes
through an action, as a person would make it: the secretariat drafts, generates, submits and dispatches; each
holder approves for their own mandate; the worker publishes. Dates lie in the past where the procedure needs time
to have passed (a dispatch 75 days ago is published today), never in the future: each case is made with the
procedure's clock set to its day, so its approvals come before its dispatch and the audit log tells the story in
order. Running it again resets the passwords and leaves the cases as they are.
"""

from __future__ import annotations

import datetime as dt
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from spcomms.cases.models import Case, Communication, Reply
from spcomms.drafting.actions import (
    AddAddressees,
    CaseFields,
    DraftText,
    GenerateLetters,
    SaveCase,
    SaveDraft,
    SaveGroup,
    SavePlaceholders,
)
from spcomms.drafting.models import AddresseeGroup, Clause, QuestionSet
from spcomms.drafting.textversion import text_hash
from spcomms.lib import clock
from spcomms.registry.models import Addressee, HolderAccount, Mandate, MandateHolder
from spcomms.workflow.actions.accounts import CreateStaffAccount
from spcomms.workflow.actions.clearance import ApproveLetters, SubmitForClearance
from spcomms.workflow.actions.dispatch import RecordManualDispatch
from spcomms.workflow.actions.replies import RecordReply
from spcomms.workflow.roles import MANDATE_HOLDER, SECRETARIAT
from spcomms.workflow.worker import publish_due

ACTOR = "cli:demo"
SAMPLE_MANDATES = [  # the seven mandates of the March 2021 sample letters, in printed order
    "Working Group on the issue of human rights and transnational corporations and other business enterprises",
    "Special Rapporteur in the field of cultural rights",
    "Special Rapporteur on minority issues",
    "Special Rapporteur on freedom of religion or belief",
    "Special Rapporteur on contemporary forms of slavery, including its causes and consequences",
    "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
    "Special Rapporteur on trafficking in persons, especially women and children",
]
SUPPLY_CHAIN_SET = "Business: company involved through its supply chain"
STATE_SET = "State concerned or home State (example)"
DEMO_NOTE = "Demonstration case made by `spcomms demo`: the facts, the companies and their addresses are invented."


class DemoError(RuntimeError):
    """The registry cannot carry the demo (e.g. too few mandates with a holder in office): says what is missing."""


@dataclass
class Persona:
    username: str
    role: str
    can: str
    holder: MandateHolder | None = None


@dataclass
class Spec:
    """One demo case: where the procedure stops, and the words that make its letters."""

    stage: str  # drafting | clearance | sending | awaiting | replied | published
    title: str
    state: str  # ISO alpha-3 of the State concerned
    company: str
    words: dict[str, str]
    facts: str
    sent_days_ago: int = 0
    company_email: str = ""


@dataclass
class Made:
    spec: Spec
    case: Case
    notes: list[str] = field(default_factory=list)


SPECS = [
    Spec(
        "drafting",
        "Child labour in artisanal cobalt mines (demo)",
        "COD",
        "Demo Cobalt Trading Ltd.",
        {
            "affected workers": "artisanal miners, including children",
            "affected group": "artisanal mining communities",
            "rights at stake": "their right to safe and healthy working conditions and the protection of children "
            "from economic exploitation",
            "alleged abuses": "child labour and hazardous working conditions",
        },
        "Children as young as ten allegedly work in artisanal cobalt mines that supply the company's smelters.[^1]"
        "\n\nAccidents in unsupported tunnels have allegedly killed several miners this year.",
    ),
    Spec(
        "clearance",
        "Forced evictions for a hydropower dam (demo)",
        "LAO",
        "Demo Hydro Construction Co.",
        {
            "affected workers": "workers and residents of the flooded villages",
            "affected group": "the indigenous communities of the valley",
            "rights at stake": "their right to adequate housing and to take part in cultural life",
            "alleged abuses": "forced evictions without consultation or compensation",
        },
        "About 2,000 residents of six villages were allegedly evicted to build a reservoir.[^1]\n\n"
        "Sacred sites of the communities were allegedly destroyed without consultation.",
        company_email="legal@demo-hydro.example",
    ),
    Spec(
        "sending",
        "Unsafe working conditions in a shipbreaking yard (demo)",
        "IND",
        "Demo Ship Recycling Pvt. Ltd.",
        {
            "affected workers": "shipbreaking workers",
            "affected group": "migrant workers of the yard",
            "rights at stake": "their right to safe and healthy working conditions",
            "alleged abuses": "deaths and injuries caused by unsafe working conditions",
        },
        "Six workers allegedly died in falls and fires at the yard this year.[^1]\n\n"
        "Workers are allegedly given no protective equipment or training.",
        sent_days_ago=2,
    ),
    Spec(
        "awaiting",
        "Detention of workers who protested in a garment factory (demo)",
        "BGD",
        "Demo Apparel Sourcing Ltd.",
        {
            "affected workers": "garment workers",
            "affected group": "the workers' union",
            "rights at stake": "their right to freedom of association and protection from arbitrary detention",
            "alleged abuses": "arbitrary detention and ill-treatment of protesting workers",
        },
        "Forty workers who protested unpaid wages were allegedly detained and beaten.[^1]\n\n"
        "Nine of them allegedly remain in detention without charge.",
        sent_days_ago=10,
    ),
    Spec(
        "replied",
        "Religious minority workers dismissed from plantations (demo)",
        "LKA",
        "Demo Tea Estates plc",
        {
            "affected workers": "plantation workers of religious minorities",
            "affected group": "religious minorities",
            "rights at stake": "their right to work without discrimination on grounds of religion",
            "alleged abuses": "discriminatory dismissals",
        },
        "Workers of religious minorities were allegedly dismissed after they refused to attend ceremonies.[^1]",
        sent_days_ago=25,
    ),
    Spec(
        "published",
        "Torture of detainees in a privately run prison (demo)",
        "PRY",
        "Demo Custodial Services S.A.",
        {
            "affected workers": "detainees made to work in the prison workshops",
            "affected group": "detainees",
            "rights at stake": "their right not to be subjected to torture or forced labour",
            "alleged abuses": "torture and forced labour",
        },
        "Detainees were allegedly beaten and made to work without pay in the prison workshops.[^1]",
        sent_days_ago=75,
    ),
]


@contextmanager
def clock_on(day: dt.date):
    """The procedure's clock at 10:00 (Geneva) on `day`, moving on a minute per reading: actions date what they do."""
    real = clock.now
    moment = [timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))]

    def tick() -> dt.datetime:
        moment[0] += dt.timedelta(minutes=1)
        return min(moment[0], real())

    clock.now = tick
    try:
        yield
    finally:
        clock.now = real


def _in_office(mandate: Mandate, day: dt.date) -> MandateHolder | None:
    return next(iter(mandate.holders_in_office(day)), None)


def personas(password: str) -> list[Persona]:
    """The secretariat, an administrator, and one holder account per mandate of the sample case."""
    people = [
        Persona(
            "secretariat",
            SECRETARIAT,
            "drafts cases, generates the letters, submits them for clearance, sends them or records their dispatch, "
            "records replies, holds publication; may use /admin/ for the registry",
        ),
        Persona("admin", SECRETARIAT, "administrator (superuser): everything, including accounts in /admin/"),
    ]
    today = clock.today()
    for title in SAMPLE_MANDATES:
        mandate = Mandate.objects.get(title=title)
        holder = _in_office(mandate, today)
        note = ""
        if holder is None:
            holder = mandate.holders.order_by("-term_start").first()
            note = " (the registry knows no holder in office today: linked to the last one it knows)"
        people.append(
            Persona(
                slugify(mandate.short),
                MANDATE_HOLDER,
                f"mandate holder: approves letters for {mandate.short} as {holder.name}{note}",
                holder,
            )
        )
    for person in people:
        CreateStaffAccount(ACTOR).execute(
            person.username,
            password,
            role=person.role,
            holder=person.holder,
            superuser=person.username == "admin",
        )
    return people


def _mandates_for(day: dt.date, count: int = 2) -> list[tuple[Mandate, MandateHolder]]:
    """The first `count` sample mandates whose holder the registry knows in office on `day`."""
    found = []
    for title in SAMPLE_MANDATES:
        mandate = Mandate.objects.get(title=title)
        holder = _in_office(mandate, day)
        if holder is not None:
            found.append((mandate, holder))
    if len(found) < count:
        raise DemoError(
            f"the registry knows a holder in office on {day} for only {len(found)} of the sample case's mandates; "
            "add the current holders (admin → Mandate holders) and run the demo again"
        )
    return found[:count]


def _holder_user(mandate: Mandate):
    return HolderAccount.objects.filter(holder__mandate=mandate).select_related("user").first().user


def _draft(secretariat, spec: Spec, day: dt.date) -> Case:
    mandates = [m for m, _holder in _mandates_for(day)]
    case = SaveCase(secretariat).execute(CaseFields(spec.title, "AL", [(m, "") for m in mandates], letter_date=day))
    text = DraftText(
        letter_date=day,
        introduction="In this connection, we have received information concerning alleged "
        f"{spec.words['alleged abuses']}.",
        facts=spec.facts,
        concerns="While we do not wish to prejudge the accuracy of these allegations, we express our serious "
        "concern at the information received.",
        after_questions="",
        footnotes=[DEMO_NOTE],
        clauses=list(Clause.objects.filter(key__in=["ungp-introduction", "ungp-13", "ungp-22"]).order_by("key")),
        annex_text="",
        press_release=False,
        publication_days=60,
    )
    SaveDraft(secretariat).execute(case, text, case.version)
    states = SaveGroup(secretariat).execute(
        AddresseeGroup(case=case, name="State concerned", question_set=QuestionSet.objects.get(name=STATE_SET))
    )
    state = Addressee.objects.get(kind=Addressee.STATE, iso3=spec.state)
    AddAddressees(secretariat).execute(case, [state], group=states)
    companies = SaveGroup(secretariat).execute(
        AddresseeGroup(case=case, name="Companies", question_set=QuestionSet.objects.get(name=SUPPLY_CHAIN_SET))
    )
    company = Addressee.objects.filter(kind=Addressee.COMPANY, name=spec.company).first() or Addressee(
        kind=Addressee.COMPANY, name=spec.company, email=spec.company_email
    )
    AddAddressees(secretariat).execute(case, [company], group=companies)
    case.refresh_from_db()
    SavePlaceholders(secretariat).execute(case, spec.words, case.version)
    case.refresh_from_db()
    return case


def _approve(case: Case, only_first: bool = False) -> None:
    for mandate in case.ordered_mandates()[: 1 if only_first else None]:
        case.refresh_from_db()
        ApproveLetters(_holder_user(mandate)).execute(case, mandate, text_hash(case))


def build(secretariat, spec: Spec) -> Made:
    day = clock.today() - dt.timedelta(days=spec.sent_days_ago)
    with clock_on(day):
        made = _build(secretariat, spec, day)
    if spec.stage in ("replied", "published"):
        comm = made.case.communications.get(addressee__kind=Addressee.COMPANY)
        received = day + dt.timedelta(days=min(20, spec.sent_days_ago))
        with clock_on(received):
            RecordReply(secretariat).execute(
                comm,
                received_on=received,
                language="en",
                channel=Reply.EMAIL,
                text="The company thanks the experts and will answer each question within the deadline. (demo)",
            )
    return made


def _build(secretariat, spec: Spec, day: dt.date) -> Made:
    case = _draft(secretariat, spec, day)
    made = Made(spec, case)
    if spec.stage == "drafting":
        made.notes.append("text, groups and words written: generate the letters and submit them")
        return made
    GenerateLetters(secretariat).execute(case)
    SubmitForClearance(secretariat).execute(case)
    if spec.stage == "clearance":
        _approve(case, only_first=True)
        made.notes.append("one mandate approved; the other holder approves next")
        return made
    _approve(case)
    letters = list(case.communications.order_by("ref_code", "ref_number"))
    if spec.stage == "sending":
        letters = [c for c in letters if c.addressee.is_state]
    for comm in letters:
        channel = Communication.NOTE_VERBALE if comm.addressee.is_state else Communication.COURIER
        RecordManualDispatch(secretariat).execute(comm, channel, day, "demo dispatch")
    if spec.stage == "sending":
        made.notes.append(f"the State's letter left on {day.day} {day:%B %Y}; record the company letter's dispatch")
    else:
        made.notes.append(f"dispatched by hand on {day.day} {day:%B %Y}")
    return made


def load_demo(password: str | None = None) -> tuple[str, list[Persona], list[Made]]:
    """Personas and demo cases; cases already made by an earlier run are kept (matched by title)."""
    password = password or secrets.token_urlsafe(9)
    people = personas(password)
    from django.contrib.auth import get_user_model

    secretariat = get_user_model().objects.get(username="secretariat")
    made = []
    for spec in SPECS:
        existing = Case.objects.filter(title=spec.title).first()
        made.append(Made(spec, existing, ["made by an earlier run"]) if existing else build(secretariat, spec))
    publish_due()  # the worker's step: letters sent more than 60 days ago become public
    return password, people, made
