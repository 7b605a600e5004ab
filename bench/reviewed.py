"""Reviewed replies (issue 11 item 5): the cost of an upload through a link, of the review (with the search-index
refresh it causes), and of the pages that show pending reviews. Prints JSON.

Usage: .venv/bin/python bench/reviewed.py [--letters N] [--repeat R]
Builds a throw-away SQLite database with the demo's personas and N published demo cases (made through the actions,
like `spcomms demo`), uploads the sample reply of tests/reports/replies as a DOCX through a reply link of each
company letter (`UploadThroughLink`, timed), times the secretariat's dashboard and a letter page with N replies
pending, the addressee's reply page and receipt, then accepts every reply (`ReviewReply`, timed) and checks that
the public search finds each one exactly once afterwards (and none before).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = tempfile.mkdtemp(prefix="spcomms-bench-reviewed-")
os.environ.update(SPCOMMS_DATA_DIR=DATA, SPCOMMS_DEBUG="1", DJANGO_SETTINGS_MODULE="spcomms.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from spcomms.registry.models import Addressee  # noqa: E402
from spcomms.workflow import demo  # noqa: E402
from spcomms.workflow.actions.replies import IssueReplyLink, UploadThroughLink  # noqa: E402
from spcomms.workflow.actions.review import ACCEPT, ReviewReply  # noqa: E402
from spcomms.workflow.models import ReplyToken  # noqa: E402
from spcomms.workflow.tokens import hash_token  # noqa: E402
from spcomms.workflow.uploads import check_file  # noqa: E402

SAMPLE = ROOT / "tests" / "reports" / "replies" / "reply-AL-OTH-78-2021.txt"


def docx_of(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def summary(times_ms: list[float]) -> dict:
    ordered = sorted(times_ms)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def timed_get(client: Client, url: str, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return summary(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    demo.personas("bench-password-1")
    secretariat = get_user_model().objects.get(username="secretariat")
    template = next(spec for spec in demo.SPECS if spec.stage == "published")
    start = time.perf_counter()
    made = [
        demo.build(secretariat, dataclasses.replace(template, title=f"{template.title} {n}"))
        for n in range(args.letters)
    ]
    demo.publish_due()
    build_s = time.perf_counter() - start
    text = SAMPLE.read_text()
    uploads, upload_ms, links = [], [], []
    for n, case in enumerate(m.case for m in made):
        comm = case.communications.get(addressee__kind=Addressee.COMPANY)
        assert comm.published_at, "the demo's published stage publishes the letter"
        raw = IssueReplyLink("bench").execute(comm)
        token = ReplyToken.objects.select_related("communication").get(token_hash=hash_token(raw))
        checked = check_file(f"reply-{n}.docx", docx_of(f"{text}\n\nBench marker zqxbench{n}."))
        begin = time.perf_counter()
        reply = UploadThroughLink(f"addressee-token:{token.pk}").execute(token, language="en", file=checked)
        upload_ms.append((time.perf_counter() - begin) * 1000)
        uploads.append(reply)
        links.append(raw)
    public = Client(HTTP_HOST="127.0.0.1")
    hidden_before = sum(public.get(f"/communications.json?q=zqxbench{n}").json()["total"] for n in range(len(uploads)))
    staff, addressee = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    staff.force_login(secretariat)
    first = uploads[0]
    pages = {
        "secretariat_dashboard": timed_get(staff, "/staff/", args.repeat),
        "letter_page": timed_get(staff, f"/staff/letters/{first.communication_id}/", args.repeat),
        "addressee_reply_page": timed_get(addressee, f"/reply/{links[0]}/", args.repeat),
        "addressee_receipt": timed_get(addressee, f"/reply/{links[0]}/receipt/{first.pk}/", args.repeat),
    }
    review_ms = []
    for reply in uploads:
        begin = time.perf_counter()
        ReviewReply(secretariat).execute(reply, ACCEPT)
        review_ms.append((time.perf_counter() - begin) * 1000)
    found_after = [public.get(f"/communications.json?q=zqxbench{n}").json()["total"] for n in range(len(uploads))]
    result = {
        "machine": "2-core Xeon, 24 GB, SQLite",
        "published_letters": args.letters,
        "build_s": round(build_s, 1),
        "upload_through_link": summary(upload_ms),
        "pending_reviews_shown": len(uploads),
        "pages_with_reviews_pending": pages,
        "review_accept_with_index_refresh": summary(review_ms),
        "search_hits_before_review": hidden_before,
        "search_hits_after_review_each_exactly_one": all(n == 1 for n in found_after),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
