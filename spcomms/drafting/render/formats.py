"""One letter in any of the five output formats, for downloads and the `render` command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

from spcomms.lib.letter import Letter

from .docx import render_docx
from .html import render_html
from .markdown import render_markdown
from .pdf import render_pdf
from .text import render_text


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    filename: str


LETTER_CSS = Path(__file__).resolve().parent.parent / "static" / "drafting" / "letter.css"


def standalone_html(letter: Letter) -> str:
    """A complete HTML document (the preview's fragment with its stylesheet inlined), for saving to a file."""
    context = {"letter": letter, "fragment": render_html(letter), "stylesheet": LETTER_CSS.read_text()}
    return render_to_string("drafting/standalone.html", context)


FORMATS = {
    "pdf": ("application/pdf", render_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx),
    "html": ("text/html; charset=utf-8", standalone_html),
    "md": ("text/markdown; charset=utf-8", render_markdown),
    "txt": ("text/plain; charset=utf-8", render_text),
}


def render_as(letter: Letter, fmt: str) -> Rendered:
    content_type, renderer = FORMATS[fmt]
    content = renderer(letter)
    data = content.encode("utf-8") if isinstance(content, str) else content
    stem = letter.reference.replace(" ", "-").replace("/", "-")
    return Rendered(data, content_type, f"{stem}.{fmt}")
