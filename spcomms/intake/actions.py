"""Every change of state of intake: the public form's steps and submission, answers, triage, conversion, retention
and the vault's re-sealing (see spcomms.audit.actions).

Audit entries name submissions by their opaque source id and never carry anything sealed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from spcomms.audit.actions import Action
from spcomms.cases.models import Case
from spcomms.drafting.actions import AddAddressees, CaseFields, DraftText, SaveCase, SaveDraft, SaveGroup
from spcomms.drafting.models import AddresseeGroup
from spcomms.intake import files, keys, records
from spcomms.intake.models import Attachment, IntakeDraft, Message, SourceLink, Submission
from spcomms.lib import clock, receipts
from spcomms.lib import vault as vaultlib
from spcomms.registry.models import Addressee, Mandate
from spcomms.workflow.uploads import CheckedFile

PUBLIC = "public:intake-form"


def receipt_actor(submission: Submission) -> str:
    return f"receipt:{submission.source_id}"


def _attach(data: CheckedFile, *, draft=None, submission=None, message=None) -> Attachment:
    attachment = Attachment(
        draft=draft, submission=submission, message=message, kind=data.kind, size=data.size, created_at=clock.now()
    )
    attachment.sealed_name = keys.seal_json(data.name, attachment.context("name"))
    attachment.save()
    files.write_sealed_on_commit(attachment.uid, data.data, attachment.context("data"))
    return attachment


def check_file_limits(existing: list[Attachment], new: list[CheckedFile]) -> None:
    if len(existing) + len(new) > settings.INTAKE_MAX_FILES:
        raise ValidationError(f"At most {settings.INTAKE_MAX_FILES} files can be sent with one submission.")
    total = sum(a.size for a in existing) + sum(f.size for f in new)
    if total > settings.INTAKE_MAX_TOTAL_BYTES:
        raise ValidationError(
            f"The files come to {total:,} bytes; one submission takes at most {settings.INTAKE_MAX_TOTAL_BYTES:,}."
        )


class SaveDraftStep(Action):
    """Save what was typed in one step (valid or not), add accepted files, drop files the visitor removed."""

    records = ("intakedraft.saved",)

    def perform(self, draft: IntakeDraft | None, step: int, values: dict, new_files=(), remove=()) -> IntakeDraft:
        return _save_steps(self, draft, {step: values}, new_files, remove, {"step": step})


class SaveWholeForm(Action):
    """The one-page form: every step saved at once (valid or not), with its files, as the steps would have."""

    records = ("intakedraft.saved",)

    def perform(self, draft: IntakeDraft | None, steps: dict[int, dict], new_files=(), remove=()) -> IntakeDraft:
        return _save_steps(self, draft, steps, new_files, remove, {"steps": sorted(steps)})


def _save_steps(action: Action, draft, steps: dict[int, dict], new_files, remove, saved: dict) -> IntakeDraft:
    now = clock.now()
    if draft is None:
        draft = IntakeDraft(created_at=now, updated_at=now)
        data = {}
    else:
        draft = IntakeDraft.objects.select_for_update().get(pk=draft.pk)
        data = keys.open_json(draft.sealed, draft.context())
    data |= {str(step): values for step, values in steps.items()}
    draft.sealed = keys.seal_json(data, draft.context())
    draft.step_reached = max(draft.step_reached, *steps)
    draft.updated_at = now
    draft.save()
    for attachment in draft.files.filter(uid__in=list(remove)) if remove else ():
        files.remove_on_commit(attachment.uid)
        attachment.delete()
    if new_files:
        check_file_limits(list(draft.files.all()), list(new_files))
    for checked in new_files:
        _attach(checked, draft=draft)
    action.audit("intakedraft.saved", draft, after=saved | {"files_added": len(new_files)})
    return draft


def draft_values(draft: IntakeDraft) -> dict:
    return keys.open_json(draft.sealed, draft.context())


def draft_files(draft: IntakeDraft) -> list[tuple[Attachment, str]]:
    return [(a, keys.open_json(a.sealed_name, a.context("name"))) for a in draft.files.all()]


class SubmitDraft(Action):
    """The finished form becomes a submission: sealed parts, the draft's files moved over, a receipt code made.

    Returns (submission, code); the code is shown once and only its Argon2id hash is kept. `receipt` is
    (code, hash) from `receipts.issue()`, made by the caller before the transaction (see there).
    """

    records = ("submission.received",)

    def perform(self, draft: IntakeDraft, cleaned: dict, receipt: tuple[str, str] | None = None):
        code, digest = receipt or receipts.issue()
        draft = IntakeDraft.objects.select_for_update().get(pk=draft.pk)
        now = clock.now()
        submission = Submission(
            receipt_hash=digest,
            language=cleaned["language"],
            submitter_kind=cleaned["submitter_kind"],
            victims_kind=cleaned["victims_kind"],
            perpetrator_kind=cleaned["perpetrator_kind"],
            country=cleaned.get("country") or "",
            consent_contact=bool(cleaned.get("consent_contact")),
            consent_names_to_state=bool(cleaned.get("consent_names_to_state")),
            created_at=now,
            state_changed_at=now,
        )
        identity = {k: cleaned.get(k) or "" for k in records.IDENTITY_FIELDS}
        account = {k: cleaned.get(k) or "" for k in records.ACCOUNT_FIELDS}
        submission.identity = keys.seal_json(identity, submission.context("identity"))
        submission.account = keys.seal_json(account, submission.context("account"))
        submission.save()
        submission.mandates_chosen.set(Mandate.objects.filter(pk__in=cleaned.get("mandates") or []))
        moved = draft.files.update(draft=None, submission=submission)
        self.audit(
            "submission.received",
            submission,
            after={"source_id": submission.source_id, "state": submission.state, "files": moved},
        )
        draft.delete()
        return submission, code


class AnswerThroughReceipt(Action):
    """The submitter writes back (with files) from the follow-up page."""

    records = ("submission.answered",)

    def perform(self, submission: Submission, body: str, new_files=()) -> Message:
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state not in Submission.OPEN:
            raise ValidationError("This submission is closed; it takes no more answers.")
        check_file_limits(list(submission.files.all()), list(new_files))
        message = Message(submission=submission, direction=Message.FROM_SUBMITTER, created_at=clock.now())
        message.sealed_body = keys.seal_json(body, message.context())
        message.save()
        for checked in new_files:
            _attach(checked, submission=submission, message=message)
        self.audit("submission.answered", submission, after={"message": message.pk, "files": len(new_files)})
        return message


class WriteToSubmitter(Action):
    """A message from the secretariat, read by the submitter with the receipt code: information is requested."""

    permission = "intake.triage_submission"
    records = ("submission.message_sent", "submission.state_changed")

    def perform(self, submission: Submission, body: str) -> Message:
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state not in Submission.OPEN:
            raise ValidationError(f"The submission is {submission.get_state_display().lower()}: it takes no messages.")
        author = None if isinstance(self.actor, str) else self.actor
        message = Message(submission=submission, direction=Message.TO_SUBMITTER, author=author, created_at=clock.now())
        message.sealed_body = keys.seal_json(body, message.context())
        message.save()
        self.audit("submission.message_sent", submission, after={"message": message.pk})
        if submission.state != Submission.INFO_REQUESTED:
            _move(self, submission, Submission.INFO_REQUESTED, "a question was sent to the submitter")
        return message


TRANSITIONS = {
    Submission.NEW: {Submission.INFO_REQUESTED, Submission.ADMISSIBLE, Submission.NOT_TAKEN_UP},
    Submission.INFO_REQUESTED: {Submission.ADMISSIBLE, Submission.NOT_TAKEN_UP, Submission.NEW},
    Submission.ADMISSIBLE: {Submission.INFO_REQUESTED, Submission.NOT_TAKEN_UP},
    Submission.NOT_TAKEN_UP: {Submission.NEW},  # reopened
    Submission.MERGED: set(),
    Submission.CONVERTED: set(),
}


def _move(action: Action, submission: Submission, target: str, reason: str) -> None:
    before = submission.state
    submission.state, submission.state_changed_at = target, clock.now()
    submission.save(update_fields=["state", "state_changed_at"])
    action.audit(
        "submission.state_changed", submission, before={"state": before}, after={"state": target, "reason": reason}
    )


class MoveSubmission(Action):
    """Triage: new → information requested → admissible / not taken up (and reopening)."""

    permission = "intake.triage_submission"
    records = ("submission.state_changed",)

    def perform(self, submission: Submission, target: str, reason: str = "") -> Submission:
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if target not in TRANSITIONS[submission.state]:
            labels = dict(Submission.STATES)
            raise ValidationError(
                f"A submission that is {labels[submission.state].lower()} cannot become "
                f"{labels.get(target, target).lower()}."
            )
        if target == Submission.NOT_TAKEN_UP and not reason.strip():
            raise ValidationError("Say why the submission is not taken up.")
        _move(self, submission, target, reason.strip())
        return submission


class MergeSubmission(Action):
    """A duplicate joins the submission it repeats; its messages and files stay with it."""

    permission = "intake.triage_submission"
    records = ("submission.merged", "submission.state_changed")

    def perform(self, submission: Submission, into_source_id: str) -> Submission:
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        target = Submission.objects.filter(source_id=into_source_id.strip().upper()).first()
        if target is None:
            raise ValidationError(f"No submission has the source id {into_source_id!r}.")
        if target.pk == submission.pk:
            raise ValidationError("A submission cannot be merged into itself.")
        if submission.state not in Submission.OPEN:
            raise ValidationError(f"The submission is {submission.get_state_display().lower()}: it cannot be merged.")
        if target.state == Submission.MERGED:
            raise ValidationError(f"{target.source_id} was itself merged; merge into the submission it joined.")
        submission.merged_into = target
        submission.save(update_fields=["merged_into"])
        self.audit("submission.merged", submission, after={"into": target.source_id})
        _move(self, submission, Submission.MERGED, f"duplicate of {target.source_id}")
        return submission


class OpenSource(Action):
    """Reveal who the source is, to someone allowed to, for a stated reason that goes into the audit log."""

    permission = "intake.read_source"
    records = ("source.opened",)

    def perform(self, submission: Submission, reason: str) -> dict:
        if len(reason.strip()) < 5:
            raise ValidationError("Say why you open this source (a few words): it is recorded.")
        self.audit("source.opened", submission, after={"reason": reason.strip()[:1000]})
        return records.identity_of(submission)


class OpenAttachment(Action):
    permission = "intake.triage_submission"
    records = ("attachment.opened",)

    def perform(self, attachment: Attachment) -> tuple[str, bytes]:
        self.audit("attachment.opened", attachment, after={"submission": str(attachment.submission)})
        name = keys.open_json(attachment.sealed_name, attachment.context("name"))
        return name, files.read_sealed(attachment.uid, attachment.context("data"))


# --- conversion into a case ---------------------------------------------------------------------------------------


def scrub(text: str, identity: dict, consent_names: bool) -> str:
    """The account with the source's identity replaced always, and the victims' names unless they consented."""
    replacements = []
    for key, placeholder in (("name", "[source]"), ("organisation", "[source organisation]")):
        if (identity.get(key) or "").strip():
            replacements.append((identity[key].strip(), placeholder))
    for key in ("email", "phone"):
        if (identity.get(key) or "").strip():
            replacements.append((identity[key].strip(), "[contact withheld]"))
    for line in (identity.get("address") or "").splitlines():
        if len(line.strip()) > 3:
            replacements.append((line.strip(), "[contact withheld]"))
    if not consent_names:
        for number, name in enumerate(records.victim_names(identity), start=1):
            replacements.append((name, f"[victim {number}]"))
            name_only = re.split(r"[,(]", name)[0].strip()  # "Ana Pérez, 34" → "Ana Pérez"
            if name_only and name_only != name:
                replacements.append((name_only, f"[victim {number}]"))
    for original, placeholder in sorted(replacements, key=lambda pair: -len(pair[0])):  # longest first
        text = re.sub(re.escape(original), placeholder, text, flags=re.IGNORECASE)
        for part in original.split():  # surnames and first names on their own, too
            if len(part) >= 4 and not part.startswith("["):
                text = re.sub(rf"\b{re.escape(part)}\b", placeholder, text, flags=re.IGNORECASE)
    return text


def facts_from(account: dict, identity: dict, consent_names: bool) -> str:
    parts = []
    when, place = (account.get("when") or "").strip(), (account.get("place") or "").strip()
    if when or place:
        parts.append(", ".join(p for p in (when, place) if p) + ":")
    parts.append((account.get("narrative") or "").strip())
    if (account.get("perpetrators") or "").strip():
        parts.append("Alleged perpetrators: " + account["perpetrators"].strip())
    if (account.get("domestic_steps") or "").strip():
        parts.append("Steps taken in the country: " + account["domestic_steps"].strip())
    return scrub("\n\n".join(p for p in parts if p), identity, consent_names)


@dataclass
class Conversion:
    title: str
    type: str
    mandates: list[Mandate]
    addressees: list[Addressee]


class ConvertToCase(Action):
    """A draft case from the submission: facts prefilled (identity scrubbed), mandates, addressees, the source
    linked by its opaque id. Needs triage and the right to create cases."""

    permission = "intake.triage_submission"
    records = ("submission.converted", "submission.state_changed")

    def check(self):
        super().check()
        if not self.skip_permission_checks and not isinstance(self.actor, str):
            if not self.actor.has_perm("cases.add_case"):
                raise PermissionDenied("you do not have permission to create a case")

    def perform(self, submission: Submission, conversion: Conversion) -> Case:
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state not in Submission.OPEN:
            raise ValidationError(
                f"The submission is {submission.get_state_display().lower()}: it cannot be converted."
            )
        if not conversion.mandates:
            raise ValidationError("Choose at least one mandate for the case.")
        nested = {"skip_permission_checks": True}  # ours was checked: triage and cases.add_case
        case = SaveCase(self.actor, **nested).execute(
            CaseFields(title=conversion.title, type=conversion.type, mandates=[(m, "") for m in conversion.mandates])
        )
        identity, account = records.identity_of(submission), records.account_of(submission)
        text = DraftText(
            letter_date=None,
            introduction="",
            facts=facts_from(account, identity, submission.consent_names_to_state),
            concerns="",
            after_questions="",
            footnotes=[],
            clauses=[],
            annex_text="",
            press_release=False,
            publication_days=settings.PUBLICATION_DELAY_DAYS,
        )
        SaveDraft(self.actor, **nested).execute(case, text, expected_version=case.version)
        if conversion.addressees:
            group = SaveGroup(self.actor, **nested).execute(AddresseeGroup(case=case, name="Addressees"))
            AddAddressees(self.actor, **nested).execute(case, list(conversion.addressees), group)
        SourceLink.objects.create(
            case=case, source_id=submission.source_id, submission=submission, created_at=clock.now()
        )
        submission.case = case
        submission.save(update_fields=["case"])
        self.audit("submission.converted", submission, after={"case": case.pk})
        _move(self, submission, Submission.CONVERTED, f"converted to case {case.pk}")
        return Case.objects.get(pk=case.pk)  # fresh: the instance SaveCase returned caches the empty draft


# --- retention, rotation -------------------------------------------------------------------------------------------


@dataclass
class PurgeReport:
    submissions: list[tuple[str, str, int]]  # (source id, state, age in days)
    drafts: int
    files: int


def due_for_purge(now: dt.datetime) -> tuple[list[Submission], list[IntakeDraft]]:
    days = settings.INTAKE_RETENTION_DAYS
    due = []
    for state, _label in Submission.STATES:
        cutoff = now - dt.timedelta(days=days[state])
        due += list(Submission.objects.filter(state=state, state_changed_at__lt=cutoff))
    drafts = list(IntakeDraft.objects.filter(updated_at__lt=now - dt.timedelta(days=days["draft"])))
    return due, drafts


class PurgeIntake(Action):
    """Delete submissions (with messages and files) and unfinished drafts past their retention period."""

    records = ("submission.purged", "intakedraft.purged")

    def perform(self, dry_run: bool = False) -> PurgeReport:
        now = clock.now()
        due, drafts = due_for_purge(now)
        report = PurgeReport([(s.source_id, s.state, (now - s.state_changed_at).days) for s in due], len(drafts), 0)
        attachments = Attachment.objects.filter(submission__in=due) | Attachment.objects.filter(draft__in=drafts)
        report.files = attachments.count()
        if dry_run:
            return report
        for attachment in attachments:
            files.remove_on_commit(attachment.uid)
        for submission in due:
            self.audit("submission.purged", submission, before={"state": submission.state})
            Attachment.objects.filter(submission=submission).delete()
            SourceLink.objects.filter(submission=submission).update(submission=None)
            submission.delete()
        for draft in drafts:
            self.audit("intakedraft.purged", draft, before={"step_reached": draft.step_reached})
            draft.delete()
        return report


class ResealVault(Action):
    """Re-seal every sealed value and file under the current key, so older keys can be retired."""

    records = ("submission.resealed",)

    def perform(self) -> dict:
        ring = keys.keyring()
        counts = {"submissions": 0, "drafts": 0, "messages": 0, "attachments": 0}
        for submission in Submission.objects.select_for_update():
            submission.identity = ring.reseal(bytes(submission.identity), submission.context("identity"))
            submission.account = ring.reseal(bytes(submission.account), submission.context("account"))
            submission.save(update_fields=["identity", "account"])
            self.audit("submission.resealed", submission, after={"key": ring.current})
            counts["submissions"] += 1
        for draft in IntakeDraft.objects.select_for_update():
            draft.sealed = ring.reseal(bytes(draft.sealed), draft.context())
            draft.save(update_fields=["sealed"])
            counts["drafts"] += 1
        for message in Message.objects.select_for_update():
            message.sealed_body = ring.reseal(bytes(message.sealed_body), message.context())
            message.save(update_fields=["sealed_body"])
            counts["messages"] += 1
        resealed_files = []
        for attachment in Attachment.objects.select_for_update():
            attachment.sealed_name = ring.reseal(bytes(attachment.sealed_name), attachment.context("name"))
            attachment.save(update_fields=["sealed_name"])
            path = files.final_path(attachment.uid)
            if path.exists():
                resealed_files.append((attachment.uid, ring.reseal(path.read_bytes(), attachment.context("data"))))
            counts["attachments"] += 1
        # Files change only once the rows did: a failed run leaves every file openable by the old key.
        transaction.on_commit(lambda: [files.replace_sealed(uid, blob) for uid, blob in resealed_files])
        return counts


def keys_in_use() -> set[str]:
    used = set()
    for model, fields in (
        (Submission, ("identity", "account")),
        (IntakeDraft, ("sealed",)),
        (Message, ("sealed_body",)),
        (Attachment, ("sealed_name",)),
    ):
        for row in model.objects.values_list(*fields):
            used.update(vaultlib.key_id_of(bytes(blob)) for blob in row)
    for attachment in Attachment.objects.all():
        path = files.final_path(attachment.uid)
        if path.exists():
            used.add(vaultlib.key_id_of(path.read_bytes()))
    return used


LEGACY_TABLE = "cases_source"  # the plain-text sources of old installs, dropped by the cases migration 0005
_LEGACY_COLUMNS = ("id", "case_id", "name", "contact", "consent", "reliability", "notes", "created_at")


def legacy_table_exists() -> bool:
    return LEGACY_TABLE in connection.introspection.table_names()


class ImportLegacySources(Action):
    """Move the rows of the old plain-text table `cases_source` into the vault: each becomes a sealed, converted
    submission linked to its case by source id, and the plain row is deleted. Nobody holds a receipt code for
    these. The model is gone from the code, so the table is read with SQL while it still exists (an install
    upgraded from an old dump: the migration that drops it refuses until this has run)."""

    records = ("submission.imported",)

    def perform(self, dry_run: bool = False) -> list[tuple[int, str]]:
        if not legacy_table_exists():
            return []
        moved = []
        for row in _legacy_rows():
            if dry_run:
                moved.append((row["case_id"], ""))
                continue
            submission = _seal_legacy(row)
            self.audit("submission.imported", submission, after={"case": row["case_id"], "source_row": row["id"]})
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(LEGACY_TABLE)} WHERE id = %s", [row["id"]])
            moved.append((row["case_id"], submission.source_id))
        return moved


def _legacy_rows() -> list[dict]:
    columns = ", ".join(connection.ops.quote_name(c) for c in _LEGACY_COLUMNS)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {connection.ops.quote_name(LEGACY_TABLE)} ORDER BY id{lock}")
        return [dict(zip(_LEGACY_COLUMNS, values, strict=True)) for values in cursor.fetchall()]


def _seal_legacy(row: dict) -> Submission:
    now = clock.now()
    case = Case.objects.get(pk=row["case_id"])
    submission = Submission(
        receipt_hash=receipts.code_hash(receipts.new_code()),  # a code nobody was given
        state=Submission.CONVERTED,
        submitter_kind="legacy",
        victims_kind="",
        perpetrator_kind="",
        consent_names_to_state=bool(row["consent"]),
        case=case,
        created_at=_aware(row["created_at"]) or now,
        state_changed_at=now,
    )
    identity = {k: "" for k in records.IDENTITY_FIELDS} | {"name": row["name"], "address": row["contact"] or ""}
    account = {k: "" for k in records.ACCOUNT_FIELDS} | {
        "narrative": row["notes"] or "",
        "confidential_parts": f"reliability: {row['reliability']}",
    }
    submission.identity = keys.seal_json(identity, submission.context("identity"))
    submission.account = keys.seal_json(account, submission.context("account"))
    submission.save()
    SourceLink.objects.create(case=case, source_id=submission.source_id, submission=submission, created_at=now)
    return submission


def _aware(value) -> dt.datetime | None:
    """A timestamp read with SQL: SQLite gives text or a naive datetime in UTC, PostgreSQL an aware one."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
