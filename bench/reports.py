"""Benchmark of the reports: a 250-communication session report to PDF, and /statistics/ at 100k communications.

    .venv/bin/python bench/reports.py [--n 100000] [--seconds 10] [--reuse] [--skip-statistics]

1. Report: a fresh SQLite register with 250 published communications in the 48th session's window (States and
   companies, 70 % joint, replies to 60 %), then `build_report(48)` and `render_pdf` timed (first call in the
   process, then five more; the PDF's page count).
2. Statistics: the 100k register of bench/portal.py (built with its `--phase build`, or reused), served by gunicorn
   (2 gthread workers, as bench/portal.py does), measured on 127.0.0.1: the first request of a worker (it reads the
   published facts), unloaded p50/p95 over a mix of filters (one client), then requests/s and p50/p95 under `wrk`
   (8 connections) for the page, its JSON and its charts. Needs `wrk` and /tmp/dsvenv with gunicorn (the script says
   how to get them). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import portal as portal_bench  # noqa: E402 - the 100k register builder and the measuring helpers

WORK = Path("/tmp/reports-bench")
PORT = 8111


def _setup_django(database: Path) -> None:
    os.environ.update(
        DATABASE_URL=f"sqlite:///{database}",
        SPCOMMS_SECRET_KEY="bench-only",
        SPCOMMS_DATA_DIR=str(WORK),
        SPCOMMS_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="spcomms.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def report_phase(count: int = 250) -> dict:
    database = WORK / "report-250.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    _setup_django(database)
    from django.core.management import call_command
    from django.utils import timezone

    from spcomms.cases.models import Case, CaseMandate, Communication, Reply
    from spcomms.registry.models import Addressee, Mandate

    call_command("migrate", verbosity=0)
    rng = random.Random(48)
    mandates = list(Mandate.objects.order_by("pk"))
    # single-mandate letters of WGAD and WGEID go to their own reports: keep all 250 in the Council's
    singles = [
        m for m in mandates if not m.title.startswith(("Working Group on Arbitrary", "Working Group on Enforced"))
    ]
    states = list(Addressee.objects.filter(kind=Addressee.STATE).order_by("pk"))
    Addressee.objects.bulk_create(
        [Addressee(kind=Addressee.COMPANY, name=f"Company {i} Holdings", code="OTH") for i in range(60)]
    )
    companies = list(Addressee.objects.filter(kind=Addressee.COMPANY))
    counters: dict[str, int] = {}
    comms, links = [], []
    cases = Case.objects.bulk_create(
        [Case(title=f"Situation {i}", type=rng.choice(["AL", "AL", "UA", "OL"]), status=Case.SENT,
              summary="Alleged " + " ".join(rng.choice(portal_bench.DOMAIN_WORDS) for _ in range(40)) + ".")
         for i in range(count // 2)]
    )  # fmt: skip
    for case in cases:
        chosen = rng.sample(singles, 1) if rng.random() < 0.3 else rng.sample(mandates, rng.randint(2, 6))
        links += [CaseMandate(case=case, mandate=m, position=i) for i, m in enumerate(chosen, 1)]
    CaseMandate.objects.bulk_create(links)
    for i in range(count):
        case = cases[i % len(cases)]
        addressee = rng.choice(states) if rng.random() < 0.8 else rng.choice(companies)
        counters[addressee.code] = number = counters.get(addressee.code, 0) + 1
        day = dt.date(2021, 3, 1) + dt.timedelta(days=rng.randint(0, 91))
        comms.append(
            Communication(case=case, addressee=addressee, ref_type=case.type, ref_code=addressee.code,
                          ref_number=number, ref_year=2021, date=day, status=Communication.SENT,
                          published_at=timezone.now() - dt.timedelta(days=1))
        )  # fmt: skip
    Communication.objects.bulk_create(comms)
    Reply.objects.bulk_create(
        [Reply(communication=c, received_on=c.date + dt.timedelta(days=rng.randint(10, 120)), text="A reply.")
         for c in Communication.objects.all() if rng.random() < 0.6]
    )  # fmt: skip

    import pypdfium2

    from spcomms.reports import facts
    from spcomms.reports.render.pdf import render_pdf
    from spcomms.reports.report import build_report

    runs = []
    for _ in range(6):
        facts.forget()
        started = time.perf_counter()
        report = build_report(48)
        built = time.perf_counter()
        pdf = render_pdf(report)
        runs.append({"build_s": round(built - started, 3), "pdf_s": round(time.perf_counter() - built, 3)})
    totals = [r["build_s"] + r["pdf_s"] for r in runs]
    return {
        "communications": report["figures"]["communications"],
        "replies_in_window": report["figures"]["replies_received"],
        "pdf_pages": len(pypdfium2.PdfDocument(pdf)),
        "pdf_bytes": len(pdf),
        "first_run": runs[0],
        "later_runs_median_total_s": round(statistics.median(totals[1:]), 3),
        "first_total_s": round(totals[0], 3),
        "target_le_5s": max(totals) <= 5,
    }


def statistics_paths(rng: random.Random, mandate_ids: list[int], states: list[str]) -> list[str]:
    """What visitors ask for: the whole register, a year, a mandate, a State, a kind, and some combinations."""
    paths = []
    for _ in range(300):
        roll = rng.random()
        if roll < 0.15:
            query = ""
        elif roll < 0.40:
            query = f"year={rng.randint(2011, 2024)}"
        elif roll < 0.60:
            query = f"mandate={rng.choice(mandate_ids[:30])}"
        elif roll < 0.80:
            query = f"state={rng.choice(states[:60])}"
        elif roll < 0.90:
            query = f"kind={rng.choice(['state', 'company', 'other'])}"
        else:
            query = f"year={rng.randint(2015, 2024)}&kind={rng.choice(['state', 'company'])}"
        paths.append("/statistics/" + (f"?{query}" if query else ""))
    return paths


def statistics_phase(args) -> dict:
    for tool in ("gunicorn",):
        if not (portal_bench.BENCH_VENV / "bin" / tool).exists():
            sys.exit(f"missing {portal_bench.BENCH_VENV}/bin/{tool}: python3 -m venv {portal_bench.BENCH_VENV} && "
                     f"{portal_bench.BENCH_VENV}/bin/python -m pip install gunicorn")  # fmt: skip
    database = WORK / f"stats-{args.n}.sqlite3"
    url = f"sqlite:///{database}"
    build = {"reused": True}
    if not (args.reuse and database.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "portal.py"), "--phase", "build", "--n", str(args.n),
             "--database", url],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        build = json.loads(out.stdout.strip().splitlines()[-1])
    import sqlite3

    db = sqlite3.connect(database)
    mandate_ids = [
        r[0] for r in db.execute("SELECT mandate_id FROM cases_casemandate GROUP BY 1 ORDER BY COUNT(*) DESC")
    ]
    by_letters = "SELECT ref_code FROM cases_communication WHERE ref_code != 'OTH' GROUP BY 1 ORDER BY COUNT(*) DESC"
    states = [r[0] for r in db.execute(by_letters)]
    db.close()
    paths = statistics_paths(random.Random(2021), mandate_ids, states)
    portal_bench.WORK.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [str(portal_bench.BENCH_VENV / "bin" / "gunicorn"), "-w", "2", "-k", "gthread", "--threads", "4", "-b",
         f"127.0.0.1:{PORT}", "--log-level", "warning", "spcomms.wsgi:application"],
        env=portal_bench._server_env(url) | {"SPCOMMS_DATA_DIR": str(WORK)}, cwd=ROOT,
    )  # fmt: skip
    try:
        started = time.perf_counter()
        portal_bench._wait_until_up(PORT, "/statistics.json", 120)
        first = {"first_request_s": round(time.perf_counter() - started, 2)}
        first["second_worker_first"] = portal_bench.unloaded_latency(PORT, ["/statistics.json?year=2020"] * 4, 60)
        unloaded = portal_bench.unloaded_latency(PORT, paths, 180)
        repeat = portal_bench.unloaded_latency(PORT, paths, 180)  # the same mix again: what a warm process serves
        return {
            "build": build,
            "startup": first,
            "page_unloaded_first_pass": unloaded,
            "page_unloaded_second_pass": repeat,
            "page_load": portal_bench.under_load(PORT, paths, args.seconds),
            "json_load": portal_bench.under_load(PORT, [p.replace("/statistics/", "/statistics.json") for p in paths],
                                                 args.seconds),
            "chart_svg_load": portal_bench.under_load(
                PORT, [p.replace("/statistics/", f"/statistics/charts/{c}.svg")
                       for p in paths for c in ("by-month", "by-type", "per-mandate", "reply-rate")][:600],
                args.seconds),
        }  # fmt: skip
    finally:
        portal_bench._stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="keep the 100k register of an earlier run")
    parser.add_argument("--skip-statistics", action="store_true")
    parser.add_argument("--phase", default="all", help=argparse.SUPPRESS)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.phase == "report":
        print(json.dumps(report_phase()))
        return
    out = subprocess.run([sys.executable, __file__, "--phase", "report"], capture_output=True, text=True, check=True)
    result = {"cores": os.cpu_count(), "report_250_to_pdf": json.loads(out.stdout.strip().splitlines()[-1])}
    if not args.skip_statistics:
        result["statistics"] = stats = statistics_phase(args)
        p95 = stats["page_unloaded_second_pass"]["p95_ms"]
        result["targets"] = {
            "report_pdf_le_5s": result["report_250_to_pdf"]["target_le_5s"],
            "statistics_p95_ms_warm": p95,
            "statistics_p95_le_150ms_warm": p95 <= 150,
            "statistics_p95_ms_first_pass": stats["page_unloaded_first_pass"]["p95_ms"],
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
