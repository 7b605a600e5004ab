"""The letter of a public page as a `Letter`, and its downloads: the one place pointing at the drafting renderers."""

from __future__ import annotations

import functools
import json

from django.utils import translation

from spcomms.lib.letter import Letter

FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def as_letter(snapshot: dict | None) -> Letter | None:
    """The public letter snapshot as a `Letter`, or None when the snapshot is absent or not a complete letter."""
    if not snapshot:
        return None
    try:
        return Letter.from_dict(snapshot)
    except (KeyError, TypeError, ValueError):
        return None


def render_html(letter: Letter) -> str:
    from spcomms.drafting.render.html import render_html as render

    return render(letter)


def letter_html(snapshot: dict | None) -> str:
    """The public letter as HTML ("" without a complete letter), memoised on exactly what is rendered: the snapshot's
    content and the language. The gate still decides on every request whether the page is shown at all."""
    if not snapshot:
        return ""
    return _letter_html(json.dumps(snapshot, sort_keys=True, default=str), translation.get_language())


@functools.lru_cache(maxsize=256)
def _letter_html(snapshot_json: str, language: str) -> str:
    letter = as_letter(json.loads(snapshot_json))
    return render_html(letter) if letter else ""


def render_file(letter: Letter, fmt: str) -> bytes:
    if fmt == "pdf":
        from spcomms.drafting.render.pdf import render_pdf

        return render_pdf(letter)
    if fmt == "docx":
        from spcomms.drafting.render.docx import render_docx

        return render_docx(letter)
    raise ValueError(f"unknown letter format {fmt!r}")
