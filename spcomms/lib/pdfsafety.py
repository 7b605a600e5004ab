"""Is an uploaded PDF a readable document without active content? Judged by opening it, never by its name.

pdfium (pypdfium2) must open it and find a page: a file that merely starts with `%PDF-` (HTML behind a PDF header,
a truncated file) is refused. Active content is refused too: document JavaScript (the /Names /JavaScript tree, which
pdfium counts), and anywhere in the file, compressed object streams included, a /JavaScript or /JS action, a
/Launch action (runs a program), additional actions (/AA: run on open, close, page view) or an /OpenAction that is an
action rather than a page to show. Names written with #xx escapes (/J#61vaScript) are decoded before the check.

Image data is not read for these names: a scanned reply's JPEG or pixel bytes hold "/JS" or "/AA" by chance (about
one 2 MB scan in five would be refused). An image is a top-level stream object whose dictionary says
/Subtype /Image and whose body is exactly its direct /Length; anything else is read. (A crafted file could still
disguise an action as image bytes to this scan; pdfium's own JavaScript count above is not fooled by that, and
docs/security.md says what the operator's viewer must do.)
"""

from __future__ import annotations

import re
import zlib

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|AA)(?![A-Za-z0-9])")
_OPEN_ACTION = re.compile(rb"/OpenAction\s*(<<|\d+\s+\d+\s+R)")
_IMAGE = re.compile(rb"/Subtype\s*/Image(?![A-Za-z0-9])")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)(?![0-9])")
_MAX_DICTIONARY = 4096  # bytes looked back from `stream` for its dictionary
_MAX_INFLATED = 64 * 1024 * 1024  # a zip bomb inside a stream stops the scan, and the file is refused

ACTIVE_LABELS = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "an action that launches a program",
    b"AA": "actions that run when it is opened or viewed",
}


def pdf_problem(data: bytes) -> str | None:
    """None for a readable PDF without active content, else why it is refused (for the uploader)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        return f"it is not a readable PDF ({error})"
    try:
        if len(document) < 1:
            return "it is not a readable PDF (no pages)"
        if pdfium_raw.FPDFDoc_GetJavaScriptActionCount(document.raw) > 0:
            return "it carries JavaScript"
    finally:
        document.close()
    return _active_content(data)


def _active_content(data: bytes) -> str | None:
    outside_images, budget, parts = bytearray(), _MAX_INFLATED, []
    position = 0
    for dictionary, start, end in _streams(data):
        if _is_image(dictionary, end - start):
            outside_images += data[position:start]
            position = end
            continue
        body = data[start:end]
        try:
            inflated = zlib.decompressobj().decompress(body, budget)
        except zlib.error:
            continue  # not Flate (an image, another filter): pdfium judged the structure above
        budget -= len(inflated)
        if budget <= 0:
            return "its compressed content is too large to check"
        parts.append(inflated)
    outside_images += data[position:]
    for part in (bytes(outside_images), *parts):
        names = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), part)
        found = _ACTIVE.search(names)
        if found:
            return f"it carries {ACTIVE_LABELS[found.group(1)]}"
        opening = _OPEN_ACTION.search(names)
        if opening and _is_action(names, opening):
            return "it runs an action when it is opened"
    return None


def _streams(data: bytes):
    """(dictionary, start, end) of the bodies between `stream` + end of line and the next `endstream`, as the regex
    `stream\\r?\\n(.*?)endstream` finds them, but with bytes.find: a lazy regex over a 2 MB scan took 50 ms. The
    dictionary is what lies between the object's `obj` and `stream` (empty when there is no `obj` close before)."""
    position = 0
    while (start := data.find(b"stream", position)) >= 0:
        body = start + len(b"stream")
        if data.startswith(b"\r\n", body):
            body += 2
        elif data.startswith(b"\n", body):
            body += 1
        else:
            position = start + 1
            continue
        end = data.find(b"endstream", body)
        if end < 0:
            return
        head = data[max(0, start - _MAX_DICTIONARY) : start]
        opened = head.rfind(b"obj")
        yield (head[opened + 3 :] if opened >= 0 else b""), body, end
        position = end + len(b"endstream")


def _is_image(dictionary: bytes, found: int) -> bool:
    """A real image stream: `<< … /Subtype /Image … /Length N >>` right before `stream`, N bytes up to `endstream`
    (an end-of-line may come between). An object stream is never taken for one."""
    names = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), dictionary).strip()
    if not (names.startswith(b"<<") and names.endswith(b">>")) or b"/ObjStm" in names:
        return False
    if not _IMAGE.search(names):
        return False
    length = _DIRECT_LENGTH.search(names)
    return bool(length) and int(length.group(1)) <= found <= int(length.group(1)) + 2


def _is_action(names: bytes, opening: re.Match) -> bool:
    """An /OpenAction dictionary (or an object it points to) with /S is an action; an array is a page to show."""
    if opening.group(1) == b"<<":
        return b"/S" in names[opening.end() : opening.end() + 200]
    number = opening.group(1).split()[0]
    target = re.search(rb"(?<![0-9])" + number + rb"\s+0\s+obj\s*<<(.{0,200})", names, re.DOTALL)
    return bool(target and b"/S" in target.group(1))
