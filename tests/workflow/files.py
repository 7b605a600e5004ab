"""Small files for upload tests: a real PDF with a text layer, an image header, and things that are not replies."""

from functools import cache

from spcomms.drafting.render.pdf import render_pdf
from tests.drafting.factories import state_letter

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@cache  # Typst stamps the PDF with the time: render once so "the same file" is the same bytes
def reply_pdf() -> bytes:
    return render_pdf(state_letter())  # any PDF with text will do; this one says "Excellency,"


EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 200
HTML_AS_PDF = b"<html><script>alert(1)</script></html>"
