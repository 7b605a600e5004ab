"""Turning what the form collected into the sealed parts of a submission, and reading them back."""

from __future__ import annotations

from spcomms.intake import keys
from spcomms.intake.models import Message, Submission

IDENTITY_FIELDS = ("name", "organisation", "email", "phone", "address", "victims_names")
ACCOUNT_FIELDS = (
    "victims_description",
    "perpetrators",
    "when",
    "place",
    "narrative",
    "domestic_steps",
    "confidential_parts",
)


def identity_of(submission: Submission) -> dict:
    return keys.open_json(submission.identity, submission.context("identity"))


def account_of(submission: Submission) -> dict:
    return keys.open_json(submission.account, submission.context("account"))


def body_of(message: Message) -> str:
    return keys.open_json(message.sealed_body, message.context())


def account_text(account: dict) -> str:
    """The words triage compares: what happened, by whom, where."""
    return "\n".join(str(account.get(k) or "") for k in ("narrative", "perpetrators", "place", "victims_description"))


def victim_names(identity: dict) -> list[str]:
    return [line.strip() for line in (identity.get("victims_names") or "").splitlines() if line.strip()]
