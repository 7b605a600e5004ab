"""Render benchmark (issue 4): Typst PDF vs LibreOffice (DOCX -> PDF) vs WeasyPrint (HTML -> PDF). Prints JSON.

Usage: .venv/bin/python bench/render.py [--repeat N] [--weasyprint-python /tmp/benchvenv/bin/python]
The letter is the 7-page AL OTH 135/2021 sample; the 20-addressee case is 20 copies differing in addressee and
reference. LibreOffice (`soffice`) and WeasyPrint (a separate venv, not a project dependency) are optional: each is
reported as "unavailable" when missing.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from django.conf import settings  # noqa: E402

if not os.environ.get("DJANGO_SETTINGS_MODULE"):
    # Only the template engine is needed to render HTML.
    settings.configure(
        INSTALLED_APPS=["spcomms.drafting"],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
    )
django.setup()

from spcomms.drafting.render.docx import render_docx  # noqa: E402
from spcomms.drafting.render.html import render_html  # noqa: E402
from spcomms.drafting.render.pdf import render_pdf  # noqa: E402
from spcomms.ingest.parse import parse_file  # noqa: E402
from spcomms.lib.letter import AddresseeBlock, Letter  # noqa: E402

SAMPLE = ROOT / "samples" / "AL-OTH-135-2021_MinebeaMitsumi.txt"
ADDRESSEES = 20
WEASYPRINT_SCRIPT = """
import json, sys, time
from weasyprint import HTML
times = []
for path in sys.argv[1:]:
    start = time.perf_counter()
    HTML(filename=path).write_pdf(path + ".pdf")
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""
HTML_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 2.5cm; @bottom-center {{ content: counter(page); }} }}
body {{ font: 12pt/1.3 serif; text-align: justify; }} .mandates {{ text-align: center; }}
.annex {{ break-before: page; }} .annex h2, .annex h3 {{ text-align: center; font-size: 12pt; }}
</style></head><body>{}</body></html>"""


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def addressee_letters(letter: Letter, offset: int = 0) -> list[Letter]:
    return [
        dataclasses.replace(
            letter,
            reference=f"AL OTH {200 + n}/2021",
            number=200 + n,
            addressee=AddresseeBlock(name=f"Company {n} Ltd.", kind="non-state", salutation="Dear Sir/Madam,"),
        )
        for n in range(offset + 1, offset + ADDRESSEES + 1)
    ]


def typst_numbers(letter: Letter, letters: list[Letter], repeat: int) -> dict:
    first, pdf = timed(render_pdf, letter)
    # Typst memoises between compilations, so the same letter again is cheaper than a new one: both are reported,
    # and the targets use new letters (distinct addressee and reference), the real case.
    same = [timed(render_pdf, letter)[0] for _ in range(repeat)]
    distinct = [timed(render_pdf, each)[0] for each in addressee_letters(letter, offset=100)]
    batch, _ = timed(lambda: [render_pdf(each) for each in letters])
    return {
        "pages": len(pdfium.PdfDocument(pdf)),
        "first_call_ms": ms(first),
        "per_letter_median_ms": ms(statistics.median(distinct)),
        "per_letter_max_ms": ms(max(distinct)),
        "same_letter_again_median_ms": ms(statistics.median(same)),
        "repeat": repeat,
        "twenty_addressees_ms": ms(batch),
    }


def libreoffice_numbers(letters: list[Letter], workdir: Path, calls: int) -> dict:
    soffice = shutil.which("soffice")
    if not soffice:
        return {"status": "unavailable: soffice not found (apt-get install libreoffice-writer-nogui)"}
    docx_files = []
    for index, each in enumerate(letters):
        path = workdir / f"letter-{index:02}.docx"
        path.write_bytes(render_docx(each))
        docx_files.append(path)
    profile = f"-env:UserInstallation=file://{workdir / 'lo-profile'}"

    def convert(paths: list[Path], outdir: Path) -> float:
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - start

    convert(docx_files[:1], workdir / "lo-warmup")  # the first run creates the profile
    single = [convert([path], workdir / "lo-single") for path in docx_files[:calls]]
    batch = convert(docx_files, workdir / "lo-batch")
    return {
        "status": "ok",
        "one_file_per_call_median_ms": ms(statistics.median(single)),
        "calls": calls,
        "twenty_files_one_call_ms": ms(batch),
        "per_letter_in_batch_ms": ms(batch / len(docx_files)),
    }


def weasyprint_numbers(letters: list[Letter], workdir: Path, python: str) -> dict:
    if not Path(python).exists():
        return {"status": f"unavailable: {python} not found (pip install weasyprint into a separate venv)"}
    html_files = []
    for index, each in enumerate(letters):
        path = workdir / f"letter-{index:02}.html"
        path.write_text(HTML_PAGE.format(render_html(each)), encoding="utf-8")
        html_files.append(str(path))
    result = subprocess.run([python, "-c", WEASYPRINT_SCRIPT, *html_files], capture_output=True, text=True)
    if result.returncode:
        return {"status": "unavailable: " + result.stderr.strip().splitlines()[-1]}
    times = json.loads(result.stdout)
    return {
        "status": "ok",
        "first_letter_ms": ms(times[0]),
        "per_letter_median_ms": ms(statistics.median(times[1:])),
        "twenty_letters_ms": ms(sum(times)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--libreoffice-calls", type=int, default=3)
    parser.add_argument("--weasyprint-python", default="/tmp/benchvenv/bin/python")
    args = parser.parse_args()

    letter = parse_file(SAMPLE)
    letters = addressee_letters(letter)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        workdir = Path(tmp)
        report = {
            "letter": letter.reference,
            "typst": typst_numbers(letter, letters, args.repeat),
            "libreoffice": libreoffice_numbers(letters, workdir, args.libreoffice_calls),
            "weasyprint": weasyprint_numbers(letters, workdir, args.weasyprint_python),
        }
    typst, office = report["typst"], report["libreoffice"]
    report["targets"] = {
        "per_letter_le_50ms": typst["per_letter_median_ms"] <= 50,
        "twenty_addressees_le_1500ms": typst["twenty_addressees_ms"] <= 1500,
        "speedup_vs_libreoffice_batch": (
            round(office["per_letter_in_batch_ms"] / typst["per_letter_median_ms"], 1)
            if office.get("status") == "ok"
            else None
        ),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
