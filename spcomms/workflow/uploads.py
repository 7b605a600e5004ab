"""Checking a reply file: size, and type decided by its content (never by its name or the browser's word)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from spcomms.ingest.extract import docx_problem
from spcomms.lib.pdfsafety import pdf_problem
from spcomms.lib.text import clean_text

ACCEPTED = "PDF, DOCX or an image (PNG, JPEG, TIFF)"
_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "png": ".png", "jpeg": ".jpg", "tiff": ".tif"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    kind: str
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"PK\x03\x04") and docx_problem(data) is None:
        return "docx"
    return None


def read_limited(uploaded, limit: int | None = None) -> bytes:
    """Read an uploaded file, refusing it as soon as it passes the limit (no need to hold a huge file)."""
    limit = limit or settings.REPLY_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(_too_large(uploaded.size, limit))
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"The file is too large ({size:,} bytes); the limit is {limit:,} bytes."


def check_file(name: str, data: bytes, limit: int | None = None) -> CheckedFile:
    limit = limit or settings.REPLY_MAX_BYTES
    if not data:
        raise ValidationError("The file is empty.")
    if len(data) > limit:
        raise ValidationError(_too_large(len(data), limit))
    kind = sniff(data)
    label = Path(name).name or "The file"
    if kind is None and data.startswith(b"PK\x03\x04"):  # a ZIP package: say what is wrong with it
        raise ValidationError(f"{label} is not a readable DOCX: {docx_problem(data)}. Accepted: {ACCEPTED}.")
    if kind is None:
        raise ValidationError(f"{label} is not a {ACCEPTED} (judged by its content).")
    if kind == "pdf" and (problem := pdf_problem(data)):
        raise ValidationError(f"{label} is refused: {problem}. Accepted: {ACCEPTED}.")
    stem = "".join(ch for ch in Path(name).stem if ch.isalnum() or ch in "-_ .")[:80].strip() or "reply"
    return CheckedFile(stem + _SUFFIX[kind], data, kind, CONTENT_TYPES[kind], hashlib.sha256(data).hexdigest())


def extract_text(checked: CheckedFile) -> str:
    """The reply's text for search, when the file has a text layer; images and scans give ''."""
    if checked.kind not in ("pdf", "docx"):
        return ""
    from spcomms.ingest.errors import ParseError
    from spcomms.ingest.extract import extract_bytes

    try:
        text, _ = extract_bytes(checked.data, checked.name)
    except ParseError:
        return ""
    return clean_text(text).strip()
