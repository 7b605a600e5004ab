"""Reply files are judged by their content: a PDF must open in pdfium and carry no JavaScript or launch action."""

import zlib

import pytest
from django.core.exceptions import ValidationError

from spcomms.workflow.uploads import check_file
from tests.workflow import files

JS_OPEN = "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check_file("reply.pdf", data)
    return " ".join(caught.value.messages)


def test_real_and_plain_pdfs_are_accepted():
    assert check_file("reply.pdf", files.reply_pdf()).kind == "pdf"
    assert check_file("plain.pdf", files.hand_made_pdf()).kind == "pdf"
    page_view = files.hand_made_pdf("/OpenAction [3 0 R /Fit]")  # opening at a page is no action
    assert check_file("fit.pdf", page_view).kind == "pdf"


def test_pdf_header_followed_by_html_is_refused_as_unreadable():
    assert "reply.pdf is refused: it is not a readable PDF" in refusal(files.PDF_HEADER_THEN_HTML)


@pytest.mark.parametrize(
    "catalog, objects, reason",
    [
        (JS_OPEN, (), "JavaScript"),
        ("/OpenAction 4 0 R", ("<< /S /Launch /F (cmd.exe) >>",), "launches a program"),
        ("/AA << /WC 4 0 R >>", ("<< /S /Named /N /Print >>",), "run when it is opened"),
        ("/Names << /JavaScript 4 0 R >>", ("<< /Names [(x) 5 0 R] >>", "<< /S /JavaScript /JS (1) >>"), "JavaScript"),
        ("/OpenAction << /S /J#61vaScript /J#53 (1) >>", (), "JavaScript"),
        ("/OpenAction 4 0 R", ("<< /S /GoToR /F (other.pdf) /D [0 /Fit] >>",), "runs an action"),
    ],
)
def test_active_content_is_refused_with_the_reason(catalog, objects, reason):
    message = refusal(files.hand_made_pdf(catalog, objects))
    assert reason in message and "reply.pdf is refused" in message


def test_javascript_hidden_in_a_compressed_object_stream_is_refused():
    hidden = zlib.compress(b"5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj")
    stream = f"<< /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode /Length {len(hidden)} >>\nstream\n"
    data = files.hand_made_pdf("", ("<< >>",)).replace(
        b"4 0 obj\n<< >>\nendobj", b"4 0 obj\n" + stream.encode() + hidden + b"\nendstream\nendobj"
    )
    assert "JavaScript" in refusal(data)


def test_javascript_in_a_compressed_stream_after_a_large_image_is_refused():
    """Every stream is inflated and read, whatever comes before it (a scan's bytes, CRLF line ends)."""
    image = bytes(range(256)).replace(b"/", b"0") * 4096  # 1 MB that is not Flate
    hidden = zlib.compress(b"6 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj")
    data = files.hand_made_pdf("", ("<< >>", "<< >>")).replace(
        b"4 0 obj\n<< >>\nendobj",
        f"4 0 obj\n<< /Length {len(image)} >>\r\nstream\r\n".encode() + image + b"\r\nendstream\nendobj",
    )
    data = data.replace(
        b"5 0 obj\n<< >>\nendobj",
        f"5 0 obj\n<< /Filter /FlateDecode /Length {len(hidden)} >>\nstream\n".encode()
        + hidden
        + b"\nendstream\nendobj",
    )
    assert "JavaScript" in refusal(data)


def _with_image(body: bytes, dictionary: str) -> bytes:
    """A one-page PDF with an image object 4 0 of `body` (a scan's bytes), its dictionary as given."""
    data = files.hand_made_pdf("", ("<< >>",))
    return data.replace(
        b"4 0 obj\n<< >>\nendobj",
        f"4 0 obj\n{dictionary.format(length=len(body))}\nstream\n".encode() + body + b"\nendstream\nendobj",
    )


# A scan's bytes hold any byte sequence; these hold the names of active content by chance.
SCAN_BYTES = bytes(range(256)) * 512 + b"\xff\xd8/JS \x00/AA\x01/Launch " + bytes(range(255, -1, -1)) * 512


def test_a_scanned_image_whose_bytes_spell_active_names_is_accepted():
    jpeg = _with_image(SCAN_BYTES, "<< /Type /XObject /Subtype /Image /Width 10 /Height 10 /BitsPerComponent 8 "
                                   "/ColorSpace /DeviceGray /Filter /DCTDecode /Length {length} >>")  # fmt: skip
    assert check_file("scan.pdf", jpeg).kind == "pdf"
    pixels = zlib.compress(SCAN_BYTES)  # a Flate image: its pixels are not read for names either
    flate = _with_image(pixels, "<< /Subtype /Im#61ge /Filter /FlateDecode /DecodeParms << /Columns 10 >> "
                                "/Length {length} >>")  # fmt: skip
    assert check_file("scan.pdf", flate).kind == "pdf"


@pytest.mark.parametrize(
    "dictionary",
    [
        "<< /Length {length} >>",  # not an image: read
        "<< /Subtype /Image /Length 7 >>",  # its length is not the body's: not taken for an image
        "<< /Subtype /Image /Length 9 0 R >>",  # an indirect length cannot be checked here
        "<< /Type /ObjStm /Subtype /Image /Length {length} >>",  # an object stream is always read
    ],
)
def test_active_names_in_anything_else_than_a_real_image_are_refused(dictionary):
    assert "reply.pdf is refused" in refusal(_with_image(SCAN_BYTES, dictionary))
