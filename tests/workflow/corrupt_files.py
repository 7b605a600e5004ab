"""A Word reply damaged the way crafted uploads are: a ZIP that zipfile opens but refuses to read."""

import io
import struct

import docx


def docx_needing_zip_version_15() -> bytes:
    """Every central-directory entry claims it needs ZIP 15.0 to extract: zipfile raises NotImplementedError."""
    document = docx.Document()
    document.add_paragraph("Excellency, the Government rejects the allegations.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = bytearray(buffer.getvalue())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<H", data, at + 6, 150)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)
