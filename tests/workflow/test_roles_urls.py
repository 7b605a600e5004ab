"""Every URL under /staff/ (all apps, read from the URLconf) × every role × GET and POST: the server refuses what a
role may not do, and lets through what it may. A staff URL without a rule here fails the test.

Refusals are exact (login page, 403, 405) and change nothing; "allowed" is any answer past the permission check
(a page, or a redirect that is not to a login page), because what an allowed POST does is the view's own test.
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from spcomms.assessment.models import Assessment, QuestionLabel, RubricScore
from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.drafting.models import AddresseeGroup
from spcomms.reports.actions.press import DraftRelease
from spcomms.workflow.actions.replies import RecordReply
from spcomms.workflow.models import Outbox
from spcomms.workflow.uploads import check_file
from tests.intake.helpers import direct_submission
from tests.workflow import builders, files
from tests.workflow.procedure import sent_by_hand

LOGIN_PAGES = ("/staff/login/", "/admin/login/")
ROLES = ("anonymous", "outsider", "reviewer", "holder", "secretariat", "superuser")

# Expected answers, one per role in ROLES order. L: a redirect to a login page; OK: allowed (see above).
L, OK = "login", "ok"
NOBODY = (405,) * 6  # the method is not offered at all
READ = (L, 403, 200, 200, 200, 200)  # every role of the procedure reads
SECRETARIAT_ONLY = (L, 403, 403, 403, OK, OK)

RULES = {  # (namespace, URL name): (GET, POST)
    # Staff login and logout work without a role; logged-in visitors are sent on to the dashboard.
    ("workflow", "login"): ((200, 302, 302, 302, 302, 302), (200, 302, 302, 302, 302, 302)),
    ("workflow", "logout"): (NOBODY, (L,) * 6),  # logging out ends on the login page
    # Two-factor login: any logged-in account may enrol (compulsory or not is test_two_factor's matter).
    ("workflow", "two-factor"): ((L, 200, 200, 200, 200, 200), (L, 400, 400, 400, 400, 400)),  # POST: no code
    # The procedure: everyone reads, the secretariat acts, a holder approves for their own mandate only.
    ("workflow", "dashboard"): (READ, NOBODY),
    ("workflow", "case"): (READ, NOBODY),
    ("workflow", "letter"): (READ, NOBODY),
    ("workflow", "letter-pdf"): (READ, NOBODY),
    ("workflow", "reply-file"): (READ, NOBODY),
    ("workflow", "submit"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "send"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "close"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "dispatch"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "reply-link"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "hold"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "release"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "outbox-requeue"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("workflow", "outbox-confirm"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    # A superuser passes the permission check; ApproveLetters itself refuses anyone who holds no mandate
    # (test_clearance_actions) — here the case is already sent, so the answer is that message.
    ("workflow", "approve"): (NOBODY, (L, 403, 403, 302, 403, OK)),
    ("workflow", "record-reply"): ((L, 403, 403, 403, 200, 200), (L, 403, 403, 403, 200, 200)),
    # Replies received through a link: the secretariat accepts them for publication or keeps them confidential.
    ("workflow", "review-reply"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    # The drafting desk: holders and reviewers read cases and letters; only the secretariat writes.
    ("drafting", "cases"): (READ, NOBODY),
    ("drafting", "case"): (READ, NOBODY),
    ("drafting", "letter"): (READ, NOBODY),
    ("drafting", "download"): (READ, NOBODY),
    ("drafting", "case_new"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "case_edit"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "draft"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "words"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "group_new"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "group"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "addressee_add"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "membership"): ((L, 403, 403, 403, 200, 200), SECRETARIAT_ONLY),
    ("drafting", "generate"): (NOBODY, SECRETARIAT_ONLY),
    # Intake: triage is the secretariat's (reviewers and holders do not read submissions); opening a source needs
    # its own permission, which no role carries (granted to named staff). Empty POSTs are refused with a message.
    ("intake", "staff-queue"): ((L, 403, 403, 403, 200, 200), NOBODY),
    ("intake", "staff-detail"): ((L, 403, 403, 403, 200, 200), NOBODY),
    ("intake", "staff-file"): ((L, 403, 403, 403, 200, 200), NOBODY),
    ("intake", "staff-write"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("intake", "staff-move"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("intake", "staff-merge"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("intake", "staff-source"): (NOBODY, (L, 403, 403, 403, 403, 302)),
    ("intake", "staff-convert"): (NOBODY, (L, 403, 403, 403, 400, 400)),
    # Council reports, statistics and press releases: everyone reads; the secretariat publishes and drafts.
    ("reports", "staff-reports"): (READ, NOBODY),
    ("reports", "staff-draft"): (READ, NOBODY),
    ("reports", "staff-publish"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("reports", "staff-override"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    # Figures over every case (overdue letters, reply rates per addressee): not for a holder's need-to-know.
    ("reports", "staff-statistics"): ((L, 403, 200, 403, 200, 200), NOBODY),
    ("reports", "press-desk"): (READ, NOBODY),
    ("reports", "press-new"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("reports", "press-new-chosen"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("reports", "press-dismiss"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    ("reports", "press-release"): (READ, READ),  # a POST without the permission is told so on the page
    ("reports", "press-step"): (NOBODY, (L, 403, 403, 403, 302, 302)),
    # Reading replies: reviewers and the secretariat read; the secretariat confirms, corrects, re-reads.
    ("assessment", "index"): ((L, 403, 200, 403, 200, 200), NOBODY),
    ("assessment", "reply"): ((L, 403, 200, 403, 200, 200), NOBODY),
    ("assessment", "case"): ((L, 403, 200, 403, 200, 200), NOBODY),
    ("assessment", "case-csv"): ((L, 403, 200, 403, 200, 200), NOBODY),
    ("assessment", "reread"): (NOBODY, SECRETARIAT_ONLY),
    ("assessment", "review-label"): (NOBODY, SECRETARIAT_ONLY),
    ("assessment", "review-score"): (NOBODY, SECRETARIAT_ONLY),
}


def staff_patterns():
    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            else:
                yield prefix + str(p.pattern), namespace, p.name

    return [row for row in walk(get_resolver().url_patterns, "", None) if row[0].startswith("staff/")]


@pytest.fixture
def world(case, holder_minorities, holder_slavery, fake_clock, django_capture_on_commit_callbacks):
    """Workflow URLs point at a sent case with a reply; desk URLs at a case still being drafted (editable)."""
    comm = sent_by_hand(case, holder_minorities, holder_slavery, on=dt.date(2021, 3, 15))
    reply = RecordReply("test").execute(
        comm, received_on=dt.date(2021, 3, 15), language="en", channel="email", file=check_file("r.png", files.PNG)
    )
    outbox = Outbox.objects.create(
        communication=comm,
        kind=Outbox.REMINDER,
        dedup_key="test",
        to_address="a@b.example",
        message_id="<test@example>",
        next_attempt_at=fake_clock(),
        created_at=fake_clock(),
        status=Outbox.FAILED,
    )
    assessment = Assessment.objects.get(reply=reply)  # requested by RecordReply; a scan, so nothing to read yet
    label = QuestionLabel.objects.create(
        assessment=assessment, number=1, question="Any comment?", machine_label="answered", machine_confidence=0.9,
        label="answered",
    )  # fmt: skip
    score = RubricScore.objects.create(
        assessment=assessment, indicator="training", title="Training", position=1, machine_score=1, score=1
    )
    drafting = builders.drafted_case(emails=("info@beta.example",), title="Still drafting")
    with django_capture_on_commit_callbacks(execute=True):  # the file moves into place on commit
        submission, _code = direct_submission(files=[check_file("evidence.png", files.PNG)])
    return {
        "source_id": submission.source_id,
        "uid": submission.files.get().uid,
        "case_id": case.pk,
        "comm_id": comm.pk,
        "mandate_id": builders.mandate(builders.MINORITIES).pk,
        "reply_id": reply.pk,
        "label_id": label.pk,
        "score_id": score.pk,
        "outbox_id": outbox.pk,
        "pk": drafting.pk,
        "comm_pk": drafting.communications.get().pk,
        "group_pk": AddresseeGroup.objects.get(case=drafting).pk,
        "member_pk": drafting.caseaddressee_set.get().pk,
        "fmt": "pdf",
        "number": 48,
        "release_id": DraftRelease("test").execute(case).pk,
        "step": "submit",
    }


def fill(route: str, world: dict) -> str:
    def value(match):
        assert match.group(1) in world, f"the test world has no value for <{match.group(1)}> in {route}"
        return str(world[match.group(1)])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


@pytest.fixture
def users(reviewer, outsider, holder_minorities, secretariat, staff):
    return {
        "anonymous": None,
        "outsider": outsider,
        "reviewer": reviewer,
        "holder": holder_minorities,
        "secretariat": secretariat,
        "superuser": staff,
    }


REFUSED = "403 or 404"


def matches(response, expected) -> bool:
    to_login = response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES)
    if expected == REFUSED:
        return response.status_code in (403, 404)
    if expected == L:
        return to_login
    if expected == OK:
        return 200 <= response.status_code < 400 and not to_login
    return response.status_code == expected


def state() -> tuple:
    """What a refused request must leave alone."""
    cases = tuple(Case.objects.order_by("pk").values_list("pk", "version", "status"))
    return AuditEvent.objects.count(), cases, tuple(Communication.objects.order_by("pk").values_list("status"))


def test_there_are_staff_urls_of_several_apps():
    namespaces = {ns for _, ns, _ in staff_patterns()}
    assert {"workflow", "drafting"} <= namespaces


def test_every_staff_url_has_a_rule_and_every_rule_a_url():
    found = {(namespace, name) for _, namespace, name in staff_patterns()}
    assert not found - set(RULES), f"staff URLs without a rule in this test: {sorted(found - set(RULES))}"
    assert not set(RULES) - found, f"rules for URLs that no longer exist: {sorted(set(RULES) - found)}"


def test_every_staff_url_by_role(world, users):
    failures = []
    for route, namespace, name in staff_patterns():
        url = fill(route, world)
        gets, posts = RULES[(namespace, name)]
        for method, expectations in (("GET", gets), ("POST", posts)):
            for role, expected in zip(ROLES, expectations, strict=True):
                client = Client()  # a fresh session each time: logging out must not carry over
                if users[role] is not None:
                    client.force_login(users[role])
                before = state()
                response = client.get(url) if method == "GET" else client.post(url, {})
                if not matches(response, expected):
                    failures.append(f"{method} {url} as {role}: {response.status_code}, expected {expected}")
                elif expected in (L, 403, 405) and state() != before:
                    failures.append(f"{method} {url} as {role} was refused ({expected}) but changed the data")
    assert not failures, "\n".join(failures)
    assert Communication.objects.get(pk=world["comm_id"]).status != Communication.PREPARED


def test_a_holder_is_refused_every_desk_post_and_the_secretariat_is_not(world, users):
    """The two rows of the table that matter most, stated on their own so a table edit cannot hide them."""
    for route, namespace, _name in staff_patterns():
        if namespace != "drafting":
            continue
        url = fill(route, world)
        holder, secretariat = Client(), Client()
        holder.force_login(users["holder"])
        secretariat.force_login(users["secretariat"])
        assert holder.post(url, {}).status_code in (403, 405), url
        assert secretariat.post(url, {}).status_code not in (403, 500), url


TORTURE = "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"


# URL parameters that name something of a case (its letters, replies, outbox rows, groups, press releases).
CASE_SCOPED = ("<int:case_id>", "<int:comm_id>", "<int:reply_id>", "<int:outbox_id>", "<int:pk>", "<int:release_id>")


def foreign_expectation(route: str, own: object) -> object:
    """A holder of none of the case's mandates: every page of the case answers 404, as if it did not exist; what a
    holder may not do at all stays refused by its permission first (403, 405); pages of no case (a session's draft
    report of public letters) answer as for the case's own holder."""
    if not any(part in route for part in CASE_SCOPED) or own in (L, 405):
        return own
    return REFUSED if own == 403 else 404  # a view may check the case before the permission: either refuses


def test_every_staff_url_for_a_holder_of_other_mandates(world, django_user_model):
    from tests.workflow.conftest import holder_of

    stranger = holder_of(django_user_model, TORTURE, "sr-torture")
    failures = []
    holder_column = ROLES.index("holder")
    for route, namespace, name in staff_patterns():
        url = fill(route, world)
        for method, expectations in zip(("GET", "POST"), RULES[(namespace, name)], strict=True):
            expected = foreign_expectation(route, expectations[holder_column])
            client = Client()
            client.force_login(stranger)
            before = state()
            response = client.get(url) if method == "GET" else client.post(url, {})
            if not matches(response, expected):
                failures.append(f"{method} {url}: {response.status_code}, expected {expected}")
            elif response.status_code in (403, 404, 405) and state() != before:
                failures.append(f"{method} {url} was refused but changed the data")
            elif method == "GET" and response.status_code == 200 and response["Content-Type"].startswith("text/"):
                page = response.content.decode()
                leaked = [word for word in ("Forced labour", "Still drafting", "Company 1 Ltd") if word in page]
                if leaked:
                    failures.append(f"GET {url} shows {leaked} of cases out of reach")
    assert not failures, "\n".join(failures)


def test_a_holder_sees_the_cases_of_their_mandates_and_the_secretariat_every_case(world, users, django_user_model):
    from spcomms.cases import access
    from tests.workflow.conftest import holder_of

    stranger = holder_of(django_user_model, TORTURE, "sr-torture")
    every = set(Case.objects.values_list("pk", flat=True))
    assert set(access.visible_cases(users["holder"]).values_list("pk", flat=True)) == every  # both carry minorities
    assert set(access.visible_cases(users["secretariat"]).values_list("pk", flat=True)) == every
    assert set(access.visible_cases(users["reviewer"]).values_list("pk", flat=True)) == every
    assert not access.visible_cases(stranger).exists() and not access.visible_cases(users["outsider"]).exists()
    assert not access.visible_replies(stranger).exists()
