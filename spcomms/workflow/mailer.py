"""Composing the e-mails of the procedure and handing them to the SMTP server named in the settings."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

from spcomms.cases.models import Communication
from spcomms.drafting.render.pdf import render_pdf
from spcomms.lib.letter import Letter
from spcomms.workflow.models import Outbox


def smtp_connection() -> EmailBackend:
    # Always SMTP, whatever EMAIL_BACKEND says: the outbox's guarantees are about a real mail server.
    return EmailBackend(
        host=settings.EMAIL_HOST,
        port=settings.EMAIL_PORT,
        username=settings.EMAIL_HOST_USER or None,
        password=settings.EMAIL_HOST_PASSWORD or None,
        use_tls=settings.EMAIL_USE_TLS,
        use_ssl=settings.EMAIL_USE_SSL,
        timeout=settings.EMAIL_TIMEOUT,
        fail_silently=False,
    )


def pdf_filename(comm: Communication) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", comm.reference).strip("-") + ".pdf"


def letter_pdf(comm: Communication) -> bytes:
    return render_pdf(Letter.from_dict(comm.letter))


def attachment(row: Outbox) -> tuple[str, bytes, str]:
    """The letter as PDF, rendered before the hand-over (it takes the longest)."""
    comm = row.communication
    return pdf_filename(comm), letter_pdf(comm), "application/pdf"


def compose(row: Outbox, link: str, pdf: tuple[str, bytes, str] | None = None) -> EmailMessage:
    comm = row.communication
    if row.kind == Outbox.LETTER:
        subject = f"Communication {comm.reference} from the Special Procedures of the Human Rights Council"
        body = (
            f"Please find attached communication {comm.reference}.\n\n"
            f"You can read it and send your reply online through this link, which is meant for you only:\n{link}\n\n"
            "Replies can also be sent by e-mail or through the usual diplomatic channels.\n"
        )
    else:
        due = f" The reply was requested by {comm.reply_due:%d %B %Y}." if comm.reply_due else ""
        subject = f"Reminder: communication {comm.reference}"
        body = (
            f"This is a reminder of communication {comm.reference}.{due}\n\n"
            f"You can read the letter again and reply online through this link:\n{link}\n"
        )
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_address],
        headers={"Message-ID": row.message_id},  # the outbox's idempotency key travels with the message
    )
    message.attach(*(pdf or attachment(row)))
    return message


def send(message: EmailMessage) -> None:
    with smtp_connection() as connection:
        connection.send_messages([message])
