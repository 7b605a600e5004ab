"""Benchmark of the public portal: search+facet latency and page throughput at 100k communications.

    .venv/bin/python bench/portal.py [--n 100000] [--engines sqlite,postgres] [--seconds 10] [--no-datasette]

For each engine: build a synthetic published register (`--phase build`, in a child process so that DATABASE_URL
picks the engine), index it with `portal.index.reindex_all`, serve it with gunicorn (2 workers, as a small
production box would) and measure on 127.0.0.1: unloaded p50/p95 of search+facet queries (one client), then
requests/s and p50/p95 under load with `wrk` (8 connections) for search, list and communication pages. In the same
run, the same rows served by Datasette (default settings, FTS5) get the same queries. gunicorn and Datasette live in
a throw-away venv (/tmp/dsvenv), not in the project's dependencies. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

# The project tree to serve (default: this checkout).
ROOT = Path(os.environ.get("PORTAL_BENCH_ROOT", Path(__file__).resolve().parent.parent))
WORK = Path("/tmp/portal-bench")
BENCH_VENV = Path("/tmp/dsvenv")
PORTS = {"sqlite": 8101, "postgres": 8102, "datasette": 8103}
CONNECTIONS = 8
SEED = 20210312

# --- synthetic register -------------------------------------------------------------------------------------------

DOMAIN_WORDS = """rights information human alleged government allegations detention concern state persons law
international security measures victims authorities arrest freedom case received children women workers report
company police torture labour forced expression assembly journalist defenders court trial prison family violence
health access protection safety land indigenous migrants refugees minority religious communities education
water housing food environment climate mining supply chain factory transfer surveillance internet shutdown
disappearance execution death penalty sentence military conflict attack civilians displacement eviction
discrimination gender disability peaceful protest lawyer charges terrorism counter legislation bill amendment
investigation impunity reprisal intimidation harassment threats killing custody interrogation confession
incommunicado solitary medical treatment hunger strike release bail appeal hearing judge prosecutor sanctions
trafficking slavery exploitation wages contract recruitment debt bondage uyghur rohingya tigray xinjiang
pesticide toxic waste dam pipeline logging plantation palm cobalt garment textile smartphone battery""".split()


def _vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "is", "ur", "be", "don", "qua", "zhi", "ny", "eph"]
    words, seen = list(DOMAIN_WORDS), set(DOMAIN_WORDS)
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class TextMaker:
    """Sentences over a Zipf vocabulary (rank 1 in most letters, rank 30,000 in a handful), letter-like lengths."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = _vocabulary(rng)
        weights = [1 / (rank + 8) ** 1.05 for rank in range(len(self.words))]
        cumulative, total = [], 0.0
        for w in weights:
            total += w
            cumulative.append(total)
        self.sentences = []
        for _ in range(6000):
            chosen = rng.choices(self.words, cum_weights=cumulative, k=rng.randint(12, 30))
            self.sentences.append(" ".join(chosen).capitalize() + ".")

    def paragraphs(self, median_chars: int, sigma: float = 0.6) -> str:
        target = int(self.rng.lognormvariate(math.log(median_chars), sigma))
        out, length = [], 0
        while length < target:
            paragraph = " ".join(self.rng.choices(self.sentences, k=self.rng.randint(3, 7)))
            out.append(paragraph)
            length += len(paragraph)
        return "\n\n".join(out)


BOILERPLATE = {
    "capacity": "We have the honour to address you in our capacities as Special Rapporteurs, pursuant to Human "
    "Rights Council resolutions. " * 3,
    "procedure": "We are independent human rights experts appointed and mandated by the United Nations Human Rights "
    "Council to report and advise on human rights issues from a thematic or country-specific perspective. " * 2,
    "publication": "This communication and any response received will be made public via the communications "
    "reporting website within 60 days. They will also subsequently be made available in the usual report.",
    "closing": "Please accept the assurances of our highest consideration.",
    "annex_title": "Reference to international human rights law",
    "annex": "In connection with the above alleged facts and concerns, we would like to refer to the relevant "
    "international norms and standards. " * 12,
}


def build(n: int) -> dict:
    """Create n published communications with cases, mandates, addressees and replies, then index them."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from spcomms.cases.models import Case, CaseMandate, Communication, Reply
    from spcomms.portal import index
    from spcomms.registry.models import Addressee, Mandate

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate_s"] = round(time.perf_counter() - started, 1)

    rng = random.Random(SEED)
    text = TextMaker(rng)
    mandates = list(Mandate.objects.order_by("pk"))
    states = list(Addressee.objects.filter(kind=Addressee.STATE).order_by("pk"))
    started = time.perf_counter()
    with transaction.atomic():
        Addressee.objects.bulk_create(
            [Addressee(kind=Addressee.COMPANY, name=f"Company {i} {rng.choice(text.words[300:])}".title(), code="OTH")
             for i in range(1500)]
            + [Addressee(kind=rng.choice([Addressee.IGO, Addressee.OTHER]), name=f"Organisation {i}", code="OTH")
               for i in range(300)]
        )  # fmt: skip
    others = list(Addressee.objects.exclude(kind=Addressee.STATE).order_by("pk"))
    state_weights = [1 / (i + 3) for i in range(len(states))]  # a few States receive most letters
    other_weights = [1 / (i + 10) for i in range(len(others))]
    mandate_weights = [1 / (i + 2) for i in range(len(mandates))]
    counters: dict[tuple[str, int], int] = {}
    years = list(range(2011, 2025))
    year_weights = [1 + (y - 2011) * 0.15 for y in years]

    made = 0
    while made < n:
        cases, plans = [], []
        while made < n and len(cases) < 1000:
            letters = min(n - made, 1 + min(int(rng.expovariate(1 / 0.7)), 12))
            joint = rng.random() < 0.7
            kind = rng.choices(["AL", "UA", "OL"], [55, 35, 10])[0]
            case = Case(title=f"Situation {made}", type=kind, status=Case.SENT, summary=text.paragraphs(260, 0.3))
            chosen_mandates = list(
                dict.fromkeys(rng.choices(mandates, mandate_weights, k=1 + (rng.randint(1, 5) if joint else 0)))
            )
            cases.append(case)
            plans.append((chosen_mandates, letters, rng.choices(years, year_weights)[0]))
            made += letters
        with transaction.atomic():
            Case.objects.bulk_create(cases)
            links, comms = [], []
            for case, (chosen_mandates, letters, year) in zip(cases, plans, strict=True):
                links += [CaseMandate(case=case, mandate=m, position=i) for i, m in enumerate(chosen_mandates, 1)]
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
                facts = text.paragraphs(1800)
                for _ in range(letters):
                    roll = rng.random()
                    addressee = (
                        rng.choices(states, state_weights)[0] if roll < 0.82 else rng.choices(others, other_weights)[0]
                    )
                    counters[(addressee.code, year)] = number = counters.get((addressee.code, year), 0) + 1
                    comms.append(_communication(case, addressee, number, year, day, facts, chosen_mandates, text, rng))
            CaseMandate.objects.bulk_create(links, ignore_conflicts=True)
            Communication.objects.bulk_create(comms, batch_size=500)
            replies = []
            for comm in comms:
                for extra in range(2):
                    if rng.random() < (0.62 if extra == 0 else 0.15):
                        replies.append(
                            Reply(
                                communication=comm,
                                received_on=comm.date + dt.timedelta(days=rng.randint(20, 200) * (extra + 1)),
                                language=rng.choice(["en", "en", "en", "fr", "es", "ru", "zh", "ar"]),
                                text=text.paragraphs(2200),
                            )
                        )
                    else:
                        break
            Reply.objects.bulk_create(replies, batch_size=500)
        print(f"  generated {made}", file=sys.stderr, end="\r")
    timings["generate_s"] = round(time.perf_counter() - started, 1)

    started = time.perf_counter()
    indexed = index.reindex_all(progress=lambda k: print(f"  indexed {k}", file=sys.stderr, end="\r"))
    timings["reindex_all_s"] = round(time.perf_counter() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT SUM(LENGTH(body) + LENGTH(replies_text) + LENGTH(head)) FROM portal_searchdocument")
        indexed_chars = cursor.fetchone()[0]
    return timings | {"communications": n, "indexed": indexed, "indexed_text_mb": round(indexed_chars / 1e6)}


def _communication(case, addressee, number, year, day, facts, mandates, text, rng):
    from django.utils import timezone

    from spcomms.cases.models import Communication

    reference = f"{case.type} {addressee.code} {number}/{year}"
    letter = {
        "reference": reference,
        "type": case.type,
        "code": addressee.code,
        "number": number,
        "year": year,
        "date": day.isoformat(),
        "addressee": {"name": addressee.name, "kind": "state" if addressee.code != "OTH" else "non-state",
                      "person": "", "salutation": "Excellency," if addressee.code != "OTH" else "Dear Sir/Madam,"},
        "mandates": [m.title for m in mandates],
        "resolutions": [],
        "questions": [rng.choice(text.sentences) for _ in range(rng.randint(3, 8))],
        "signatories": [{"name": f"Holder {m.pk}", "title": m.title} for m in mandates],
        "footnotes": [],
        "also_sent_to": {"states": [], "others": ""},
        "publication_days": 60,
        "sections": BOILERPLATE | {"facts": facts, "concerns": text.paragraphs(700, 0.4)},
    }  # fmt: skip
    published = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=60), dt.time(9)))
    return Communication(
        case=case,
        addressee=addressee,
        ref_type=case.type,
        ref_code=addressee.code,
        ref_number=number,
        ref_year=year,
        date=day,
        status=Communication.SENT,
        letter=letter,
        publish_on=published.date(),
        published_at=published,
    )


# --- serving and measuring ----------------------------------------------------------------------------------------


def _server_env(database_url: str) -> dict:
    site = ROOT / ".venv" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    return os.environ | {
        "DATABASE_URL": database_url,
        "SPCOMMS_SECRET_KEY": "bench-only",
        "SPCOMMS_DATA_DIR": str(WORK),
        "SPCOMMS_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SPCOMMS_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "spcomms.settings",
        "PYTHONPATH": f"{ROOT}:{site}",
    }


def _wait_until_up(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not come up")


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def unloaded_latency(port: int, paths: list[str], budget_s: float) -> dict:
    """One client, one request at a time: what a single visitor waits for."""
    connection = HTTPConnection("127.0.0.1", port, timeout=120)
    times, statuses, deadline = [], {}, time.monotonic() + budget_s
    for path in paths:
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        statuses[response.status] = statuses.get(response.status, 0) + 1
    times.sort()
    return {
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
        "max_ms": round(times[-1], 1),
        "statuses": statuses,
    }


WRK_SCRIPT = """
local urls = {}
for line in io.lines(os.getenv("WRK_URLS")) do urls[#urls + 1] = line end
local counter = 0
function setup(thread) thread:set("offset", counter * 7919); counter = counter + 1 end
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", urls[((i + (offset or 0)) % #urls) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.stderr:write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "non_2xx": %d, "socket_errors": %d}\\n',
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def under_load(port: int, paths: list[str], seconds: int) -> dict:
    urls = WORK / f"urls-{port}.txt"
    urls.write_text("\n".join(paths) + "\n")
    script = WORK / "cycle.lua"
    script.write_text(WRK_SCRIPT)
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        env=os.environ | {"WRK_URLS": str(urls)}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stderr.strip().splitlines()[-1])


def query_mix(rng: random.Random, text: TextMaker, count: int = 300) -> list[dict]:
    """Realistic searches: mostly topical words and pairs, some rare names, some broad words, some with a filter."""
    words = text.words
    mix = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.30:
            q, filters = [rng.choice(words[25:200])], {}
        elif roll < 0.55:
            q, filters = [rng.choice(words[5:60]), rng.choice(words[60:400])], {}
        elif roll < 0.75:
            q, filters = [rng.choice(words[2000:30000])], {}
        elif roll < 0.90:
            q = [rng.choice(words[25:200])]
            filters = rng.choice([{"kind": "state"}, {"kind": "company"}, {"type": "JUA"}, {"year": "2019"}])
        else:
            q, filters = [rng.choice(words[:8])], {}
        mix.append({"q": " ".join(q), "filters": filters})
    return mix


def portal_search_path(item: dict) -> str:
    return "/communications.json?" + urllib.parse.urlencode({"q": item["q"], **item["filters"]})


DATASETTE_FACETS = "&".join(f"_facet={f}" for f in ("kind", "type", "year", "replied", "addressee"))


def datasette_search_path(item: dict) -> str:
    params = {"_search": item["q"], **item["filters"]}
    return (
        "/register/communications.json?" + urllib.parse.urlencode(params) + f"&{DATASETTE_FACETS}&_facet_array=mandates"
    )


def build_datasette_db(source: Path, target: Path) -> None:
    """The same published rows as one flat table with FTS5, the way one would publish the register with Datasette."""
    target.unlink(missing_ok=True)
    db = sqlite3.connect(target)
    db.execute(f"ATTACH DATABASE '{source}' AS src")
    db.executescript(
        """
        CREATE TABLE communications (id INTEGER PRIMARY KEY, reference TEXT, date TEXT, sort_date TEXT, type TEXT,
            kind TEXT, addressee TEXT, year INTEGER, replied TEXT, mandates TEXT, summary TEXT, body TEXT,
            replies_text TEXT);
        INSERT INTO communications SELECT communication_id, reference, date, sort_date, public_type, addressee_kind,
            addressee_name, year, CASE WHEN reply_count > 0 THEN 'yes' ELSE 'no' END, mandate_titles, summary, body,
            replies_text FROM src.portal_searchdocument;
        CREATE VIRTUAL TABLE communications_fts USING fts5(summary, body, replies_text,
            content='communications', content_rowid='id');
        INSERT INTO communications_fts(communications_fts) VALUES ('rebuild');
        """
    )
    db.commit()
    db.execute("DETACH DATABASE src")
    db.close()


def measure_portal(engine: str, database_url: str, mix, slugs, seconds: int) -> dict:
    port = PORTS[engine]
    server = subprocess.Popen(
        [str(BENCH_VENV / "bin" / "gunicorn"), "-w", "2", "-k", "gthread", "--threads", "4", "-b",
         f"127.0.0.1:{port}", "--log-level", "warning", "spcomms.wsgi:application"],
        env=_server_env(database_url), cwd=ROOT,
    )  # fmt: skip
    try:
        _wait_until_up(port, "/communications.json")
        searches = [portal_search_path(item) for item in mix]
        unloaded_latency(port, searches[:20], 60)  # warm caches of both workers
        rng = random.Random(SEED)
        return {
            "search_facets_unloaded": unloaded_latency(port, searches, 120),
            "search_facets_load": under_load(port, searches, seconds),
            "list_page_load": under_load(
                port,
                [f"/communications?page={rng.randint(1, min(200, max(1, len(slugs) // 20)))}" for _ in range(300)],
                seconds,
            ),
            "communication_page_load": under_load(port, [f"/communications/{s}" for s in slugs], seconds),
        }
    finally:
        _stop(server)


def measure_datasette(db_path: Path, mix, ids, seconds: int) -> dict:
    port = PORTS["datasette"]
    server = subprocess.Popen(
        [str(BENCH_VENV / "bin" / "datasette"), "serve", str(db_path), "-p", str(port), "-h", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_until_up(port, "/register/communications.json?_size=1")
        searches = [datasette_search_path(item) for item in mix]
        sample = [searches[i] for i in range(0, len(searches), 5)]  # it is slow: a fifth of the mix, time-boxed
        unloaded = unloaded_latency(port, sample, 90)
        facets_missing = _datasette_missing_facets(port, sample[:10])
        return {
            "search_facets_unloaded": unloaded | {"facets_missing_of_6_in_first_10": facets_missing},
            "search_facets_load": under_load(port, searches, seconds),
            "list_page_load": under_load(
                port, [f"/register/communications?_sort_desc=sort_date&{DATASETTE_FACETS}"] * 10, seconds
            ),
            "communication_page_load": under_load(port, [f"/register/communications/{i}" for i in ids], seconds),
        }
    finally:
        _stop(server)


def _datasette_missing_facets(port: int, paths: list[str]) -> list[int]:
    missing = []
    for path in paths:
        connection = HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path)
        data = json.loads(connection.getresponse().read())
        shown = data.get("facet_results", {}).get("results", data.get("facet_results", {}))
        missing.append(6 - len(shown))
    return missing


def run_phase_build(args) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update({k: v for k, v in _server_env(args.database).items() if k != "PYTHONPATH"})
    print(json.dumps(build(args.n)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=10, help="duration of each wrk run")
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep databases built by an earlier run")
    parser.add_argument("--phase", default="all", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "build":
        return run_phase_build(args)

    for tool in ("gunicorn", "datasette"):
        if not (BENCH_VENV / "bin" / tool).exists():
            sys.exit(f"missing {BENCH_VENV}/bin/{tool}: python3 -m venv {BENCH_VENV} && "
                     f"{BENCH_VENV}/bin/python -m pip install datasette gunicorn")  # fmt: skip
    if not shutil.which("wrk"):
        sys.exit("missing wrk: apt-get install -y --no-install-recommends wrk")
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(SEED + 1)
    mix = query_mix(rng, TextMaker(random.Random(SEED)))  # same vocabulary as the generator
    report = {"n": args.n, "cores": os.cpu_count(), "connections": CONNECTIONS, "seconds_per_load_run": args.seconds}
    sqlite_path = WORK / f"portal-{args.n}.sqlite3"
    for engine in args.engines.split(","):
        if engine == "sqlite":
            url = f"sqlite:///{sqlite_path}"
            if not args.reuse:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        else:
            url = _fresh_postgres(args)
        build_info = {"reused": True}
        if not (args.reuse and (engine != "sqlite" or sqlite_path.exists())):
            out = subprocess.run(
                [sys.executable, __file__, "--phase", "build", "--n", str(args.n), "--database", url],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )  # fmt: skip
            build_info = json.loads(out.stdout.strip().splitlines()[-1])
        slugs, ids = _sample_pages(sqlite_path) if engine == "sqlite" else (None, None)
        report[engine] = {
            "build": build_info,
            **measure_portal(engine, url, mix, slugs or report["_slugs"], args.seconds),
        }
        if slugs:
            report["_slugs"], report["_ids"] = slugs, ids
    if not args.no_datasette and sqlite_path.exists():
        ds_path = WORK / "register.db"
        if not (args.reuse and ds_path.exists()):
            build_datasette_db(sqlite_path, ds_path)
        report["datasette"] = measure_datasette(
            ds_path, mix, report.get("_ids") or _sample_pages(sqlite_path)[1], args.seconds
        )
    report.pop("_slugs", None)
    report.pop("_ids", None)
    report["targets"] = _targets(report)
    report["total_s"] = round(time.perf_counter() - started)
    print(json.dumps(report, indent=2))


def _sample_pages(sqlite_path: Path):
    db = sqlite3.connect(sqlite_path)
    rows = db.execute("SELECT slug, communication_id FROM portal_searchdocument ORDER BY random() LIMIT 500").fetchall()
    db.close()
    return [r[0] for r in rows], [r[1] for r in rows]


def _fresh_postgres(args) -> str:
    base = subprocess.run(["bash", str(ROOT / "scripts" / "pg-cluster"), "start"], capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip
    url = base.rsplit("/", 1)[0] + "/portal_bench"
    if not args.reuse:
        import psycopg

        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS portal_bench")
            connection.execute("CREATE DATABASE portal_bench")
    return url


def _targets(report: dict) -> dict:
    out = {}
    datasette = report.get("datasette", {})
    for engine in ("sqlite", "postgres"):
        if engine not in report:
            continue
        mine = report[engine]
        row = {"search_facet_p95_ms": mine["search_facets_unloaded"]["p95_ms"],
               "search_facet_p95_le_100ms": mine["search_facets_unloaded"]["p95_ms"] <= 100}  # fmt: skip
        if datasette:
            search_ratio = mine["search_facets_load"]["rps"] / max(datasette["search_facets_load"]["rps"], 0.01)
            page_ratio = mine["communication_page_load"]["rps"] / max(datasette["communication_page_load"]["rps"], 0.01)
            row |= {
                "search_throughput_vs_datasette": round(search_ratio, 1),
                "search_throughput_ge_5x": search_ratio >= 5,
                "page_throughput_vs_datasette": round(page_ratio, 2),
                "page_throughput_ge_1x": page_ratio >= 1,
            }
        out[engine] = row
    return out


if __name__ == "__main__":
    main()
