"""Bytes of a letter file → raw text and its format ("txt", "md", "pdf", "docx").

The format is decided by content first (a ``.txt`` that is really a PDF is read as a PDF) and by suffix only to tell
Markdown from plain text. Every failure is a ParseError naming the file; no other exception escapes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from spcomms.ingest.errors import ParseError

MAX_BYTES = 50 * 1024 * 1024  # a letter is a few hundred kB; anything larger is not a letter
MAX_UNPACKED = 200 * 1024 * 1024  # what a DOCX may unpack to; more is a ZIP bomb, not a letter
_TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
_BINARY_SHARE = 0.01  # control characters above this share of the text mean the file is not text
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


def extract_text(path: str | Path) -> tuple[str, str]:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ParseError(path, f"file too large ({size} bytes); a letter is at most {MAX_BYTES} bytes")
        data = path.read_bytes()
    except OSError as error:
        raise ParseError(path, f"cannot read file: {error.strerror or error}") from None
    return extract_bytes(data, str(path))


def extract_bytes(data: bytes, filename: str) -> tuple[str, str]:
    """Text and format of an uploaded file; `filename` is used for the suffix and in error messages."""
    if not data or not data.strip():
        raise ParseError(filename, "empty file")
    fmt = sniff_format(data, filename)
    try:
        if fmt == "pdf":
            from spcomms.ingest.pdf_text import pdf_text

            text = pdf_text(data, filename)
        elif fmt == "docx":
            from spcomms.ingest.docx_text import docx_text

            text = docx_text(data)
        else:
            text = decode_text(data, filename)
    except ParseError:
        raise
    except Exception as error:  # python-docx (KeyError, lxml errors…) or pdfium on a broken file: never a traceback
        raise ParseError(filename, f"not a readable {fmt.upper()}: {_describe(error)}") from None
    if not text.strip():
        raise ParseError(filename, "no text layer: OCR needed" if fmt == "pdf" else "file contains no text")
    return text, fmt


def sniff_format(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        problem = docx_problem(data)
        if problem:
            raise ParseError(filename, f"not a readable DOCX: {problem}")
        return "docx"
    if suffix == ".pdf":
        raise ParseError(filename, "not a PDF: the %PDF header is missing (corrupt or mislabelled file)")
    if suffix == ".docx":
        raise ParseError(filename, "not a DOCX: the file is not a ZIP package (corrupt or mislabelled file)")
    if suffix == ".doc" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ParseError(filename, "legacy Word .doc is not supported; save it as DOCX or PDF")
    return _TEXT_SUFFIXES.get(suffix, "txt")


def docx_problem(data: bytes) -> str | None:
    """Why a ZIP package is not a Word document that can be opened, or None when it is one.

    Every member is decompressed once (CRC check) so that damage anywhere is found here, with its cause, and not
    deep inside python-docx. Declared sizes bound what is unpacked: a small file that inflates to gigabytes is refused.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not any(member.filename == "word/document.xml" for member in members):
                return "a ZIP archive that is not a Word document (no word/document.xml)"
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_UNPACKED:
                return f"it unpacks to {unpacked:,} bytes; a letter unpacks to at most {MAX_UNPACKED:,}"
            damaged = archive.testzip()
            if damaged is not None:
                return f"damaged ZIP member {damaged} (checksum mismatch)"
    # zipfile raises far more than BadZipFile on crafted input (NotImplementedError for an unknown "version needed",
    # EOFError, zlib.error, struct.error, KeyError, RuntimeError for encryption…): any of them means unreadable.
    except Exception as error:
        return _describe(error)
    return None


def _describe(error: Exception) -> str:
    detail = str(error).strip().strip("'\"")
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def decode_text(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Older exports are Windows-1252; real binary data shows up as control characters below.
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text or _control_share(text) > _BINARY_SHARE:
        raise ParseError(filename, "binary data, not a text letter")
    return text


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)
