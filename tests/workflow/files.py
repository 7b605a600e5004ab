"""Small files for upload tests: a real PDF with a text layer, an image header, and things that are not replies."""

import io
from functools import cache
from pathlib import Path

from spcomms.drafting.render.pdf import render_pdf
from tests.drafting.factories import state_letter

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@cache  # Typst stamps the PDF with the time: render once so "the same file" is the same bytes
def reply_pdf() -> bytes:
    return render_pdf(state_letter())  # any PDF with text will do; this one says "Excellency,"


EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 200
HTML_AS_PDF = b"<html><script>alert(1)</script></html>"


def hand_made_pdf(catalog_extra: str = "", extra_objects: tuple[str, ...] = ()) -> bytes:
    """A minimal valid one-page PDF (correct xref) whose catalog carries `catalog_extra`, e.g. an /OpenAction."""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra_objects,
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PDF_HEADER_THEN_HTML = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"


SAMPLE_REPLY = Path(__file__).resolve().parent.parent / "reports" / "replies" / "reply-AL-OTH-78-2021.txt"


def sample_reply_docx(marker: str = "") -> bytes:
    """The sample company reply to AL OTH 78/2021 (tests/reports/replies) as the DOCX an addressee would upload, with
    `marker` as its last paragraph (a canary string, or a word to find again in search)."""
    import docx

    document = docx.Document()
    for paragraph in [*SAMPLE_REPLY.read_text().split("\n\n"), marker]:
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
