"""Words and small HTML pieces shared by every format: labels of facet values, highlighted snippets, slugs."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .fulltext import MARK_END, MARK_START
from .models import PUBLIC_KINDS

TYPE_LABELS = {
    "AL": "Allegation letter",
    "UA": "Urgent appeal",
    "OL": "Other letter",
    "JAL": "Joint allegation letter",
    "JUA": "Joint urgent appeal",
    "JOL": "Joint other letter",
}
FACET_TITLES = {
    "kind": "Addressee kind",
    "type": "Type",
    "mandate": "Mandate",
    "addressee": "Addressee",
    "year": "Year of reference",
    "replied": "Reply",
}
REPLIED_LABELS = {"yes": "Reply received", "no": "No reply yet"}
CHANNEL_LABELS = {
    "email": "E-mail",
    "post": "Post",
    "online": "Online",
    "note_verbale": "Note verbale",
    "other": "Other",
}
KIND_LABELS = PUBLIC_KINDS


def highlight(snippet: str) -> SafeString:
    """Escape the snippet, then turn the engine's markers into <mark>: text is never spliced into markup unescaped."""
    escaped = escape(snippet.replace(MARK_START + MARK_END, ""))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308 - escaped above
