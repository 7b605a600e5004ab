"""Ingest benchmark: ≥1,000 letters generated from the samples, parsed as text and as PDF; prints JSON.

Run: .venv/bin/python bench/ingest.py [--letters 1000] [--pdf-letters 200]
PDFs are rendered once with Typst before timing. "extraction_share" is the share of PDF parse time spent inside
pypdfium2's own page loading and text calls (get_page, get_textpage, get_text_range, get_charbox), measured by
wrapping them; "pdf_parse_to_raw_extraction_ratio" compares full parsing with a bare loop that loads every page and
calls get_text_range.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ingest")]

import pypdfium2 as pdfium  # noqa: E402
from ingest_helpers import MINEBEA, render_pdf  # noqa: E402

from spcomms.ingest import parse_bytes, parse_text  # noqa: E402

COMPANIES = ["Acme Textiles Ltd.", "Nordic Batteries AB", "Pacific Solar Inc.", "Atlas Garments S.A.",
             "Kyoto Components Co., Ltd.", "Andes Mining plc"]  # fmt: skip
PEOPLE = ["Mr. Ken Sato", "Ms. Ana Ruiz", "Mr. Lars Berg", "Ms. Amina Diallo", "Mr. Wei Zhang"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def generate(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    base = MINEBEA.read_text(encoding="utf-8")
    head, rest = base.split("1. Please provide any additional", 1)
    tail = rest[rest.index("\nThis communication") :]
    letters = []
    for i in range(n):
        company, person = rng.choice(COMPANIES), rng.choice(PEOPLE)
        count = rng.randint(3, 15)
        questions = "\n".join(f"{k}. Please provide information on matter {k} concerning your company." for k in
                              range(1, count + 1))  # fmt: skip
        text = head + questions + "\n" + tail
        text = text.replace("AL OTH 135/2021", f"AL OTH {i + 1}/{rng.randint(2015, 2024)}")
        text = text.replace("12 March 2021", f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2024)}")
        text = text.replace("Mr. Yoshihisa Kainuma", person)
        header = "MinebeaMitsumi, Inc."
        text = text.replace(header, company if rng.random() < 0.7 else "")
        letters.append((text, company))
    return letters


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--pdf-letters", type=int, default=1000)
    args = parser.parse_args()
    letters = generate(max(args.letters, args.pdf_letters))

    start = time.perf_counter()
    for text, _ in letters[: args.letters]:
        parse_text(text)
    text_seconds = time.perf_counter() - start

    pdfs = [render_pdf(text, company) for text, company in letters[: args.pdf_letters]]
    # Raw extraction: what pypdfium2 alone needs to give the text of every page.
    start = time.perf_counter()
    for data in pdfs:
        document = pdfium.PdfDocument(data)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    raw_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for data in pdfs:
        parse_bytes(data, "bench.pdf")
    pdf_seconds = time.perf_counter() - start

    # A second, instrumented pass for the share of time inside pypdfium2 (wrappers would skew the timings above).
    spent = [0.0]
    for owner, name in ((pdfium.PdfDocument, "get_page"), (pdfium.PdfPage, "get_textpage"),
                        (pdfium.PdfTextPage, "get_text_range"), (pdfium.PdfTextPage, "get_charbox")):  # fmt: skip
        original = getattr(owner, name)

        def timed(self, *a, _original=original, **k):
            t = time.perf_counter()
            try:
                return _original(self, *a, **k)
            finally:
                spent[0] += time.perf_counter() - t

        setattr(owner, name, timed)

    start = time.perf_counter()
    for data in pdfs:
        parse_bytes(data, "bench.pdf")
    instrumented_seconds = time.perf_counter() - start
    print(json.dumps({
        "text_letters": args.letters,
        "text_letters_per_second": round(args.letters / text_seconds, 1),
        "pdf_letters": len(pdfs),
        "pdf_letters_per_second": round(len(pdfs) / pdf_seconds, 1),
        "pdf_raw_extraction_letters_per_second": round(len(pdfs) / raw_seconds, 1),
        "pdf_parse_to_raw_extraction_ratio": round(pdf_seconds / raw_seconds, 2),
        "pdf_share_in_pdfium_extraction": round(spent[0] / instrumented_seconds, 3),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
