"""Text of a PDF per page, whitespace collapsed, for assertions on rendered letters."""

import pypdfium2 as pdfium


def pdf_pages_text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()
