"""Property: whatever the bytes of a file, parse_bytes returns a Letter or raises ParseError naming the file.

Damaged copies of a real PDF and a real DOCX reach deep into pypdfium2, zipfile and python-docx, which raise their own
exceptions (NotImplementedError, EOFError, zlib.error, KeyError, lxml errors, PdfiumError…); none may escape.
"""

from __future__ import annotations

import io
import struct
import zipfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spcomms.ingest import ParseError, extract, parse_bytes
from spcomms.lib.letter import Letter
from tests.ingest.ingest_helpers import MINEBEA, render_docx, render_pdf

HEADER = "MinebeaMitsumi, Inc."
NAMES = ["x.pdf", "x.docx", "x.txt", "x.md", "x"]


@cache
def real_pdf() -> bytes:
    return render_pdf(MINEBEA.read_text(encoding="utf-8"), HEADER)


@cache
def real_docx() -> bytes:
    return render_docx(MINEBEA.read_text(encoding="utf-8"), HEADER)


def _parse(data: bytes, filename: str) -> None:
    try:
        assert isinstance(parse_bytes(data, filename), Letter)
    except ParseError as error:
        assert str(error).startswith(f"{filename}: ")


@st.composite
def damaged(draw, original: bytes) -> bytes:
    """Some bytes overwritten, and maybe a cut or a spliced-in chunk: what a bad disk or a bad upload does."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 30))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    operation = draw(st.sampled_from(["none", "truncate", "splice"]))
    if operation == "truncate":
        del data[draw(st.integers(4, len(data) - 1)) :]
    elif operation == "splice":
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


@st.composite
def docx_with_damaged_xml(draw) -> bytes:
    """A valid ZIP whose Word XML is damaged: the failures come from python-docx and lxml, not from zipfile."""
    source = zipfile.ZipFile(io.BytesIO(real_docx()))
    victim = draw(st.sampled_from([name for name in source.namelist() if name.endswith((".xml", ".rels"))]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == victim:
                content = bytearray(content)
                for _ in range(draw(st.integers(1, 5))):
                    content[draw(st.integers(0, len(content) - 1))] = draw(st.integers(32, 126))
                content = bytes(content)
            target.writestr(name, content)
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.deferred(lambda: damaged(real_pdf())), st.sampled_from(["letter.pdf", "letter.txt"]))
def test_damaged_pdf(data, filename):
    _parse(data, filename)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.deferred(lambda: damaged(real_docx())), st.sampled_from(["letter.docx", "letter.txt"]))
def test_damaged_docx(data, filename):
    _parse(data, filename)


# Offsets of the fields zipfile trusts in a local header (PK\x03\x04) and a central-directory entry (PK\x01\x02):
# versions, flags (encryption), compression method, CRC, sizes, name and extra lengths, header offset.
_FIELDS = {b"PK\x03\x04": [4, 6, 8, 14, 18, 22, 26, 28], b"PK\x01\x02": [6, 8, 10, 16, 20, 24, 28, 30, 42]}


@st.composite
def docx_with_damaged_headers(draw) -> bytes:
    """Random bytes seldom hit the few header fields that make zipfile raise its rarer exceptions: aim at them."""
    data = bytearray(real_docx())
    signature = draw(st.sampled_from(sorted(_FIELDS)))
    starts = [i for i in range(len(data)) if data.startswith(signature, i)]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(starts)) + draw(st.sampled_from(_FIELDS[signature]))
        struct.pack_into("<H", data, at, draw(st.sampled_from([0, 1, 8, 12, 14, 63, 64, 99, 150, 0xFFFF])))
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docx_with_damaged_headers())
def test_docx_with_damaged_zip_headers(data):
    _parse(data, "letter.docx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docx_with_damaged_xml())
def test_docx_with_damaged_xml(data):
    _parse(data, "letter.docx")


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=3000).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b),
    ),
    st.sampled_from(NAMES),
)
def test_arbitrary_bytes(data, filename):
    _parse(data, filename)


def _set_version_needed(data: bytes, version: int) -> bytes:
    """Every central-directory entry claims it needs ZIP `version` to extract (zipfile knows up to 6.3)."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<H", data, at + 6, version)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def _with_crc_mismatch() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(real_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
    data = bytearray(out.getvalue())
    body = data.find(b"<w:body>")  # stored, not compressed: change one byte of the document text
    data[body + 1] = ord("x")
    return bytes(data)


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda: _set_version_needed(real_docx(), 150), "NotImplementedError: zip file version 15.0"),
        (_with_crc_mismatch, "damaged ZIP member word/document.xml"),
        (lambda: real_docx()[: len(real_docx()) // 2], "BadZipFile"),
    ],
    ids=["unknown zip version", "checksum mismatch", "truncated"],
)
def test_unreadable_docx_is_named_and_explained(make, problem):
    with pytest.raises(ParseError) as error:
        parse_bytes(make(), "reply.docx")
    assert str(error.value).startswith("reply.docx: not a readable DOCX: ")
    assert problem in str(error.value)


def test_a_docx_that_unpacks_to_too_much_is_refused_before_it_is_read(monkeypatch):
    data = real_docx()
    monkeypatch.setattr(extract, "MAX_UNPACKED", len(data))  # the real limit is 200 MB; this letter unpacks to more
    with pytest.raises(ParseError, match=r"reply\.docx: not a readable DOCX: it unpacks to [\d,]+ bytes"):
        parse_bytes(data, "reply.docx")
