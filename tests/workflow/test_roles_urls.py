"""Every URL under /staff/ (all apps) × every role: the server refuses what a role may not do.

Workflow URLs have an exact table; other apps' staff URLs (the drafting desk) are held to the general rules:
anonymous visitors are sent to a login page, accounts without a role get nothing, a read-only reviewer can't POST.
"""

import datetime as dt
import re

import pytest
from django.urls import URLResolver, get_resolver

from spcomms.audit.models import AuditEvent
from spcomms.cases.models import Case, Communication
from spcomms.drafting.models import AddresseeGroup
from spcomms.workflow.actions.replies import RecordReply
from spcomms.workflow.models import Outbox
from spcomms.workflow.uploads import check_file
from tests.workflow import builders, files
from tests.workflow.procedure import sent_by_hand

LOGIN_PAGES = ("/staff/login/", "/admin/login/")
SKIP = {"staff/login/", "staff/logout/"}
ROLES = ("anonymous", "outsider", "reviewer", "holder", "secretariat")

# name: (GET statuses per role, POST statuses per role) in ROLES order; "login" means a redirect to a login page.
L = "login"
READ = ((L, 403, 200, 200, 200), (405,) * 5)
POST_ONLY_SECRETARIAT = ((405,) * 5, (L, 403, 403, 403, 302))
WORKFLOW = {
    "dashboard": READ,
    "case": READ,
    "letter": READ,
    "letter-pdf": READ,
    "reply-file": READ,
    "submit": POST_ONLY_SECRETARIAT,
    "send": POST_ONLY_SECRETARIAT,
    "close": POST_ONLY_SECRETARIAT,
    "dispatch": POST_ONLY_SECRETARIAT,
    "reply-link": POST_ONLY_SECRETARIAT,
    "hold": POST_ONLY_SECRETARIAT,
    "release": POST_ONLY_SECRETARIAT,
    "outbox-requeue": POST_ONLY_SECRETARIAT,
    "outbox-confirm": POST_ONLY_SECRETARIAT,
    "approve": ((405,) * 5, (L, 403, 403, 302, 403)),
    "record-reply": ((L, 403, 403, 403, 200), (L, 403, 403, 403, 200)),
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
def world(case, holder_minorities, holder_slavery, fake_clock):
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
    group = AddresseeGroup.objects.filter(case=case).first()
    return {
        "case_id": case.pk,
        "pk": case.pk,
        "comm_id": comm.pk,
        "comm_pk": comm.pk,
        "mandate_id": builders.mandate(builders.MINORITIES).pk,
        "reply_id": reply.pk,
        "outbox_id": outbox.pk,
        "group_pk": group.pk,
        "member_pk": case.caseaddressee_set.first().pk,
        "fmt": "pdf",
    }


def fill(route: str, world: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(world.get(m.group(1), 1)), route)


@pytest.fixture
def clients(client_factory, reviewer, outsider, holder_minorities, secretariat):
    users = {"outsider": outsider, "reviewer": reviewer, "holder": holder_minorities, "secretariat": secretariat}
    made = {"anonymous": client_factory()}
    for role, user in users.items():
        made[role] = client_factory()
        made[role].force_login(user)
    return made


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def matches(response, expected) -> bool:
    if expected == L:
        return response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES)
    return response.status_code == expected


def test_there_are_staff_urls_of_several_apps():
    namespaces = {ns for _, ns, _ in staff_patterns()}
    assert "workflow" in namespaces
    assert len(staff_patterns()) >= len(WORKFLOW)


def test_workflow_urls_by_role(world, clients):
    failures = []
    for route, namespace, name in staff_patterns():
        if namespace != "workflow" or route in SKIP:
            continue
        url = fill(route, world)
        gets, posts = WORKFLOW[name]
        for role, expected in zip(ROLES, gets, strict=True):
            response = clients[role].get(url)
            if not matches(response, expected):
                failures.append(f"GET {url} as {role}: {response.status_code}, expected {expected}")
        for role, expected in zip(ROLES, posts, strict=True):
            response = clients[role].post(url, {})
            if not matches(response, expected):
                failures.append(f"POST {url} as {role}: {response.status_code}, expected {expected}")
    assert not failures, "\n".join(failures)
    assert Communication.objects.get(pk=world["comm_id"]).status != Communication.PREPARED


def test_other_staff_urls_follow_the_general_rules(world, clients):
    failures = []
    for route, namespace, _name in staff_patterns():
        if namespace == "workflow":
            continue
        url = fill(route, world)
        anonymous = clients["anonymous"].get(url)
        if anonymous.status_code == 200:
            failures.append(f"GET {url} answered 200 to an anonymous visitor")
        for role in ("anonymous", "outsider"):
            response = clients[role].post(url, {})
            if response.status_code < 300 or (
                response.status_code == 302 and not response["Location"].startswith(LOGIN_PAGES)
            ):
                failures.append(f"POST {url} as {role}: {response.status_code}")
        if clients["outsider"].get(url).status_code == 200:
            failures.append(f"GET {url} answered 200 to an account without a role")
        # A read-only reviewer is refused every POST (403, or 405 on read-only pages), and nothing changes.
        events, version = AuditEvent.objects.count(), Case.objects.get(pk=world["case_id"]).version
        response = clients["reviewer"].post(url, {})
        changed = AuditEvent.objects.count() != events or Case.objects.get(pk=world["case_id"]).version != version
        if changed or response.status_code not in (403, 405):
            failures.append(f"POST {url} as read-only reviewer: {response.status_code}, changed={changed}")
    assert not failures, "\n".join(failures)
