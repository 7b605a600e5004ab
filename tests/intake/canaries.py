"""One canary per field a submitter (or the secretariat, writing to them) can fill, planted through the real pages."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from spcomms.intake.actions import WriteToSubmitter
from spcomms.intake.models import Submission
from spcomms.lib import receipts

from .helpers import PDF, STATUS, form_values, post_step, submit

CANARY = "canary-7c3f"
FIELDS = (
    "name",
    "organisation",
    "phone",
    "address",
    "victims_names",
    "victims_description",
    "perpetrators",
    "when",
    "place",
    "narrative",
    "domestic_steps",
    "confidential_parts",
)


def canary(field: str) -> str:
    return f"{CANARY}-{field}"


def plant(client, staff) -> dict[str, str]:
    """A submission with a canary in every field and file, a question and an answer; an unfinished form too."""
    steps = form_values(email=f"{CANARY}-email@example.org")
    for values in steps.values():
        for field in FIELDS:
            if field in values:
                values[field] = canary(field) + (
                    " was seen by witnesses in the street." if field == "narrative" else ""
                )
    code, _ = submit(client, steps, files=[(canary("filename") + ".pdf", PDF + canary("file-content").encode())])
    submission = Submission.objects.get(receipt_hash=receipts.code_hash(code))  # the case's source may be there too
    WriteToSubmitter(staff).execute(submission, canary("staff-question"))
    client.post(STATUS, {"code": code})
    client.post(
        STATUS,
        {
            "body": canary("answer"),
            "files": [SimpleUploadedFile(canary("answer-file") + ".pdf", PDF + canary("answer-bytes").encode())],
        },
    )
    half_way = Client()  # a second visitor, half-way through the form
    post_step(half_way, 1, form_values(name=canary("unfinished-form"))[1])
    return {"code": code, "source_id": submission.source_id}
