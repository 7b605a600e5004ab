"""Nothing confidential leaves: canaries planted in every non-public field are found on no public URL or format.

The crawl follows every link from the front page (HTML hrefs and JSON URLs) and adds the addresses a visitor
could guess: unpublished references, filters on hidden addressees, feeds, exports and downloads.
"""

import datetime as dt
import io
import json
import re
import zipfile
from urllib.parse import urljoin, urlsplit

import pypdfium2
import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from spcomms.cases.models import Communication, Reply
from tests import factories
from tests.intake.canaries import CANARY as INTAKE_CANARY
from tests.intake.canaries import plant as plant_intake
from tests.intake.helpers import case_source

from .conftest import letter_snapshot

CANARY = "CANARY-5e1d"


def canary(where: str) -> str:
    return f"{CANARY}-{where}"


@pytest.fixture
def planted(register, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reg, past = register, timezone.now() - dt.timedelta(days=2)
    # The case's own source, in the vault as every source is (sealed, linked to the case by its opaque id).
    case_source(reg.labour_case, canary("source"), canary("contact"), narrative=canary("source-account"))
    reg.labour_case.staff_notes = canary("case-notes")
    reg.labour_case.save()
    reg.company.email = "canary-5e1d@example.org"
    reg.company.save()
    for comm in (reg.to_company, reg.to_china, reg.to_brazil):
        comm.staff_notes, comm.confidential_annex = canary("comm-notes"), canary("annex")
        comm.hold_reason = canary("old-hold-reason")
        if hasattr(comm, "dispatch_note"):
            comm.dispatch_note = canary("dispatch")
        comm.letter = comm.letter | {"internal_comment": canary("letter-extra-key")}
        comm.save()
    reg.unpublished.letter = letter_snapshot("AL OTH 136/2021", "Quiet Holdings Ltd", False, canary("unpublished"))
    reg.unpublished.save()
    Reply.objects.create(communication=reg.unpublished, received_on=dt.date(2021, 4, 1), text=canary("early-reply"))
    Reply.objects.create(
        communication=reg.to_company, received_on=dt.date(2021, 4, 2), text="public", staff_notes=canary("reply-notes")
    )
    secret = Reply(
        communication=reg.to_company, received_on=dt.date(2021, 4, 3), text=canary("confidential"), confidential=True
    )
    secret.file.save("confidential.pdf", ContentFile(canary("confidential-file").encode()), save=True)
    hidden = factories.company("Canary-5e1d Held Trading")
    held = factories.communication(
        reg.torture_case,
        hidden,
        "UA OTH 9/2022",
        published_at=past,
        on_hold=True,
        hold_reason=canary("hold-reason"),
        letter=letter_snapshot("UA OTH 9/2022", "Held", False, canary("held-letter")),
    )
    Reply.objects.create(communication=held, received_on=dt.date(2022, 7, 1), text=canary("held-reply"))
    future_company = factories.company("Canary-5e1d Future Holdings")
    future = factories.communication(
        reg.torture_case,
        future_company,
        "UA OTH 10/2022",
        published_at=timezone.now() + dt.timedelta(days=30),
        letter=letter_snapshot("UA OTH 10/2022", "Future", False, canary("future-letter")),
    )
    # A public submission with a canary in every intake field and file, a question and an answer (own client:
    # the crawler must not hold the submitter's session).
    plant_intake(Client(), "test:canary")
    return {"held": held, "future": future, "secret_reply": secret, "hidden": hidden, "future_company": future_company}


def _text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if body.startswith(b"%PDF"):
        document = pypdfium2.PdfDocument(body)
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert "text" in kind or "json" in kind or "xml" in kind or "octet" in kind, kind
    return body.decode("utf-8", "replace")


def _links(text: str, base: str) -> set[str]:
    found = set(re.findall(r'href="([^"#]+)"', text)) | set(re.findall(r'"(https?://testserver[^"]*)"', text))
    urls = set()
    for link in found:
        link = link.replace("&amp;", "&")
        absolute = urljoin("http://testserver" + base, link)
        parts = urlsplit(absolute)
        if parts.netloc == "testserver" and not parts.path.startswith(("/admin", "/static")):
            urls.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return urls


def guessed_urls(planted) -> set[str]:
    """Addresses a visitor could guess, beside those the crawl finds by following links."""
    held, secret, hidden = planted["held"], planted["secret_reply"], planted["hidden"]
    guesses = {
        "/",
        "/submit/",
        "/submit/step/1/",
        "/submit/status/",
        "/index.json",
        "/communications.json",
        "/communications.csv",
        "/communications.json?q=canary",
        "/communications.json?q=5e1d",
        f"/communications.json?addressee={hidden.pk}",
        f"/communications?addressee={planted['future_company'].pk}",
        "/feeds/communications.atom",
        f"/feeds/communications.atom?addressee={hidden.pk}",
        "/feeds/communications.atom?kind=company",
        "/export/communications.csv",
        "/export/communications.json",
        "/communications/AL-OTH-136-2021",
        "/communications/AL-OTH-136-2021.json",
        "/communications/AL-OTH-136-2021/letter.pdf",
        "/communications/UA-OTH-9-2022.json",
        "/communications/UA-OTH-9-2022/letter.docx",
        "/communications/UA-OTH-10-2022",
        f"/communications/AL-OTH-135-2021/replies/{secret.pk}",
        f"/communications/UA-OTH-9-2022/replies/{Reply.objects.filter(communication=held).first().pk}",
    }
    for comm in Communication.objects.all():
        slug = comm.reference.replace(" ", "-").replace("/", "-")
        guesses |= {f"/communications/{slug}{suffix}" for suffix in ("", ".json", "/letter.pdf", "/letter.docx")}
    return guesses


def crawl(client, guesses: set[str], marks: tuple[str, ...]) -> tuple[dict[str, int], dict[str, set[str]]]:
    """(status of every URL visited, {mark: URLs whose body contains it}), breadth first from `guesses`."""
    queue, seen, statuses = sorted(guesses), set(), {}
    found: dict[str, set[str]] = {mark: set() for mark in marks}
    while queue and len(seen) < 400:
        url = queue.pop(0)  # breadth first: every kind of page before deeper facet combinations
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        statuses[url] = response.status_code
        allowed = (200, 301, 302, 400, 404) if url.startswith("/submit/") else (200, 301, 400, 404)  # later steps
        assert response.status_code in allowed, (url, response.status_code)
        text = _text_of(response) if response.status_code == 200 else response.content.decode("utf-8", "replace")
        for mark in marks:
            if mark.lower() in text.lower():
                found[mark].add(url)
        queue += sorted(_links(text, url.split("?")[0]) - seen)
    return statuses, found


def test_no_canary_on_any_public_url_format_feed_or_export(client, planted, register):
    hidden = planted["hidden"]
    statuses, found = crawl(client, guessed_urls(planted), (CANARY, INTAKE_CANARY))
    assert found == {CANARY: set(), INTAKE_CANARY: set()}, found
    crawled = {u for u, s in statuses.items() if s == 200}
    # The crawl really went everywhere: pages, formats, facets, pagination-free lists, feeds, exports, downloads.
    assert {"/communications/AL-OTH-135-2021", "/communications/AL-OTH-135-2021.json", "/api"} <= crawled
    assert {"/submit/", "/submit/status/"} <= crawled
    assert any(u.startswith("/communications?") and "mandate=" in u for u in crawled)
    assert any(u.endswith("/letter.pdf") for u in crawled) and any(u.endswith("/letter.docx") for u in crawled)
    assert statuses["/communications/UA-OTH-9-2022.json"] == 404
    assert statuses[f"/communications.json?addressee={hidden.pk}"] == 400
    assert len(crawled) > 40, len(crawled)
    json.dumps(statuses)  # keep the map printable when debugging a failure


LINK_CANARY = "LINKCANARY-3b7c"


def test_a_reply_sent_through_a_link_is_public_nowhere_until_accepted(client, planted, register, django_user_model):
    """Two replies uploaded through a link of a published letter, a canary in each (text and file): on no URL while
    under review; the one kept confidential on no URL after; the accepted one on the letter's page, search, export."""
    from django.contrib.auth.models import Group

    from spcomms.workflow.actions.replies import IssueReplyLink, UploadThroughLink
    from spcomms.workflow.actions.review import ACCEPT, KEEP_CONFIDENTIAL, ReviewReply
    from spcomms.workflow.models import ReplyToken
    from spcomms.workflow.tokens import hash_token
    from spcomms.workflow.uploads import check_file
    from tests.workflow.files import sample_reply_docx

    kept, accepted = f"{LINK_CANARY}-kept", f"{LINK_CANARY}-accepted"
    letter = register.to_company
    token = ReplyToken.objects.get(token_hash=hash_token(IssueReplyLink("test").execute(letter)))
    uploads = {
        mark: UploadThroughLink(f"addressee-token:{token.pk}").execute(
            token, language="en", file=check_file(f"{mark}.docx", sample_reply_docx(mark)), confidentiality_reason=why
        )
        for mark, why in ((kept, f"{LINK_CANARY}-reason"), (accepted, ""))
    }
    # Searches for the canary's words, which do not spell the canary themselves (a results page repeats the query).
    searches = {"/communications.json?q=3b7c", "/communications?q=linkcanary", "/communications.csv?q=3b7c"}
    guesses = guessed_urls(planted) | searches
    guesses |= {f"/communications/AL-OTH-135-2021/replies/{reply.pk}" for reply in uploads.values()}
    marks = (CANARY, LINK_CANARY)

    _, found = crawl(client, guesses, marks)
    assert found == {CANARY: set(), LINK_CANARY: set()}, found  # under review: nowhere
    assert client.get("/communications.json?q=3b7c").json()["total"] == 0

    secretariat = django_user_model.objects.create_user("sec-canary", password="a-long-test-password")
    secretariat.groups.add(Group.objects.get(name="secretariat"))
    ReviewReply(secretariat).execute(uploads[kept], KEEP_CONFIDENTIAL)
    _, found = crawl(client, guesses, marks)
    assert found == {CANARY: set(), LINK_CANARY: set()}, found  # kept confidential: still nowhere
    assert client.get("/communications.json?q=3b7c").json()["total"] == 0

    ReviewReply(secretariat).execute(uploads[accepted], ACCEPT)
    _, found = crawl(client, guesses, (CANARY, kept, accepted))
    assert found[CANARY] == set() and found[kept] == set(), found
    assert {
        "/communications/AL-OTH-135-2021",
        "/communications/AL-OTH-135-2021.json",
        f"/communications/AL-OTH-135-2021/replies/{uploads[accepted].pk}",
        "/export/communications.json",
    } <= found[accepted], sorted(found[accepted])
    assert client.get("/communications.json?q=3b7c").json()["total"] == 1  # the search index has it, once
