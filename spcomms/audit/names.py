"""Every audit action name the register writes, and what an entry of that name records.

`record()` refuses a name that is not here, so the table is the complete list of what the audit log can say.
Object-level names of the admin's generic save and delete (`<model>.created|changed|deleted`) are built from
the model's name and accepted for every model (see `is_known`).
"""

from __future__ import annotations

AUDIT_NAMES: dict[str, str] = {
    # registry and accounts
    "addressee.created": "an addressee added to the registry (before: none; after: its fields)",
    "mandateholder.created": "a mandate holder added to the registry, e.g. a signatory of an ingested letter",
    "user.created": "a staff account created (after: username, role groups, flags)",
    "user.password_reset": "a staff account's password replaced (after: username, role groups, flags)",
    "user.role_added": "a staff account joined a role group (after: role)",
    "holderaccount.created": "a login linked to a mandate holder (after: user and holder ids)",
    # cases and their outline
    "case.created": "a case created (after: its fields, mandates, signatories, addressees)",
    "case.changed": "a case's title, type, mandates or signatories changed (before/after: the outline)",
    "case.addressee_added": "an addressee put into one of the case's groups (after: addressee, group)",
    "case.letter_adopted": "an ingested letter's text, questions and group recorded in its case (after)",
    "case.addressee_removed": "an addressee taken off a case before any letter was made (before: addressee)",
    "addresseegroup.created": "an addressee group created (after: its fields)",
    "addresseegroup.changed": "an addressee group's name, questions or phrasing changed (before/after)",
    "groupmembership.changed": "an addressee moved to another group or given a historic reference",
    "draft.created": "a case's empty draft created (after: its fields)",
    "draft.changed": "the letter text of a case changed (before/after: the draft with its clauses)",
    # clearance
    "case.submitted_for_clearance": "a case's letters submitted to its mandates (before/after: status, hash)",
    "case.mandate_approved": "one mandate approved the current text (after: mandate, holder, text hash)",
    "case.approved": "every mandate approved: the case may be sent (before/after: status)",
    "case.follow_up_approved": "every mandate approved a sent case's follow-up letters (after: text hash)",
    "case.clearance_reset": "the text changed: approvals of the old version stop counting (before/after)",
    "case.closed": "a case closed (before/after: status)",
    # letters
    "communication.registered": "a letter registered with an allocated or historic reference (after)",
    "communication.generated": "an addressee's letter composed from the draft (before/after: the letter row)",
    "communication.ingested": "an existing letter stored from a file (after: the letter row)",
    "communication.replaced": "an ingested letter replaced by another file of it (before/after)",
    "communication.sent": "a letter left: e-mail handed over or dispatch recorded by hand (before/after)",
    "case.sending": "an approved case's letters started leaving (after: status, queued, manual dispatch needed)",
    "case.sent": "every letter of a case has left (before/after: status, letters left)",
    "case.follow_up_sent": "a sent case's follow-up letters left (after: references)",
    "communication.reply_overdue": "the reply due date passed without a reply (before/after: status)",
    "communication.published": "a letter became public (after: published_at)",
    "communication.publication_held": "staff held a letter's publication (after: reason)",
    "communication.publication_released": "staff released a held publication (before/after: on_hold)",
    # outbox
    "outbox.queued": "an e-mail queued for the worker (after: kind, recipient, Message-ID)",
    "outbox.sent": "the mail server accepted an e-mail (after: kind, Message-ID)",
    "outbox.retry_scheduled": "an e-mail hand-over failed and will be retried (after: error, next attempt)",
    "outbox.failed": "an e-mail was given up after its last attempt (after: error)",
    "outbox.uncertain": "an e-mail's hand-over may or may not have happened: never resent automatically",
    "outbox.requeued": "staff resent an e-mail with the same Message-ID (before/after)",
    "outbox.confirmed_sent": "staff confirmed that an uncertain e-mail arrived (after: Message-ID)",
    # replies
    "reply.recorded": "a reply recorded by staff or through the addressee's link (after: the reply row)",
    "reply_link.issued": "a reply link issued for a letter (after: token id, expiry)",
    # intake (public submissions and the source vault); entries name sources by their opaque id only
    "intakedraft.saved": "a step, or the whole one-page form, saved in the visitor's draft (after: step(s), files)",
    "intakedraft.purged": "an unfinished form removed after its retention period (before: step reached)",
    "submission.received": "a public submission received (after: source id, state, number of files)",
    "submission.answered": "the submitter wrote back with the receipt code (after: message id, number of files)",
    "submission.message_sent": "the secretariat wrote to the submitter (after: message id)",
    "submission.state_changed": "a submission moved in triage (before/after: state; after: reason)",
    "submission.merged": "a submission joined the one it repeats (after: the other's source id)",
    "submission.converted": "a submission became a draft case (after: case id)",
    "submission.purged": "a submission deleted after its retention period (before: state)",
    "submission.resealed": "a submission's sealed parts re-encrypted under the current vault key (after: key id)",
    "source.opened": "a source's identity was opened by staff (after: the reason they gave)",
    "attachment.opened": "staff downloaded a file sent with a submission (after: source id)",
    "submission.imported": "a row of the old plain-text table cases_source sealed into the vault (after: case, row id)",
    # reports (spcomms.reports): Council reports, session overrides, press releases
    "report.published": "a session's communications report published, frozen with its files (after: session)",
    "session.overridden": "staff changed a session's symbol, windows or report date (before/after: values)",
    "pressrelease.drafted": "a press release drafted from a case (after: headline, case)",
    "pressrelease.edited": "a press release's text changed; approvals of the old text stop counting",
    "pressrelease.submitted": "a press release submitted to the case's mandates (after: text hash)",
    "pressrelease.mandate_approved": "one mandate approved a press release's text (after: mandate, holder, hash)",
    "pressrelease.approved": "every mandate of the case approved the press release (before/after: status)",
    "pressrelease.published": "a press release published on /news/ (after: slug, published_at, embargo)",
    "case.press_flag_dismissed": "staff decided a case announcing a press release will not have one (after: reason)",
    # workflow: two-factor login (workflow.actions.twofactor)
    "two_factor.enrolment_started": "a staff member began enrolling an authenticator (after: device id)",
    "two_factor.enrolled": "a staff member's authenticator confirmed; new recovery codes issued (after: count)",
    "two_factor.verified": "a login's second factor checked with the authenticator (after: device)",
    "two_factor.recovery_code_used": "a login's second factor checked with a recovery code (after: codes left)",
    # assessment (reading replies against the letter's questions; internal)
    "assessment.requested": "a reply queued for reading by the worker (after: reply, status)",
    "assessment.completed": "the worker read a reply (after: language, labels, rubric scores, model version)",
    "assessment.failed": "reading a reply failed (after: error, whether it will be retried)",
    "assessment.label_confirmed": "staff confirmed the machine's label of a question (before/after: value)",
    "assessment.label_corrected": "staff changed a question's label (before/after: value, machine's value, note)",
    "assessment.score_confirmed": "staff confirmed the machine's score of a rubric indicator (before/after)",
    "assessment.score_corrected": "staff changed a rubric score (before/after: value, machine's value, note)",
    # workflow: reviewed replies (workflow.actions.replies UploadThroughLink, workflow.actions.review ReviewReply)
    "reply.uploaded_through_link": "an addressee sent a reply through a link; it waits for review (after: token)",
    "reply.accepted_for_publication": "the secretariat accepted a link reply for publication (after: note, request)",
    "reply.kept_confidential": "the secretariat kept a link reply confidential (after: the sender's reason, note)",
}

GENERIC_VERBS = ("created", "changed", "deleted")  # the admin's save and delete of any model


def is_known(name: str) -> bool:
    return name in AUDIT_NAMES or name.rpartition(".")[2] in GENERIC_VERBS
