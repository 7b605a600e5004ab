"""Load benchmark: concurrent public readers plus staff writes against gunicorn on 127.0.0.1; prints JSON.

    .venv/bin/python bench/load.py [--engines sqlite,postgres] [--seconds 60] [--readers 8] [--writers 2]

For each engine: a fresh register (migrate, ingest the sample letters in samples/, one secretariat account), served
by gunicorn (2 gthread workers × 4 threads, production settings: SPCOMMS_DEBUG=0) on 127.0.0.1. For `--seconds`:
`--readers` threads read the public site in a mix of search (HTML, JSON, CSV), communication pages (HTML, JSON),
the Atom feed, the bulk export (CSV, JSON) and the home page; `--writers` staff threads log in and record replies
(text, through the staff form) and hold and release publications (each writer its own letter, so holds do not
collide; every hold is released before the run ends). Then it checks that every reply a writer was told was saved
(302) is in the database exactly once, and that the public counts (search total, export, feed) agree with the
database read through the visibility gate. Errors: any 5xx, any unexpected status, any connection failure.

Two-factor login is switched off for the bench account (SPCOMMS_TWO_FACTOR_REQUIRED=0): the writers measure the
workload, not the login. PostgreSQL: a private cluster (scripts/pg-cluster) on SPCOMMS_PG_PORT (default 5447) and a
fresh database `load_bench` in it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
WORK = Path("/tmp/load-bench")


def free_port() -> int:
    """A port nobody listens on now: a fixed one may be another bench's server, which would answer for ours."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORTS = {"sqlite": free_port(), "postgres": free_port()}
WORDS = ["forced", "labour", "workers", "company", "Uyghur", "transfer", "factories", "allegations", "rights"]
READS = [  # (weight, kind)
    (25, "search"), (10, "search.json"), (5, "search.csv"), (20, "page"), (10, "page.json"), (10, "feed"),
    (5, "export.csv"), (5, "export.json"), (10, "home"),
]  # fmt: skip


HOLDABLE = ("page", "page.json")  # 404 is the right answer while a writer holds that letter's publication


# --- the server ---------------------------------------------------------------------------------------------------


def server_env(engine: str, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPCOMMS_")}
    env |= {
        "DATABASE_URL": database_url,
        "SPCOMMS_DATA_DIR": str(WORK / engine),
        "SPCOMMS_SECRET_KEY": secrets.token_urlsafe(50),
        "SPCOMMS_DEBUG": "0",
        "SPCOMMS_ALLOWED_HOSTS": "127.0.0.1",
        "SPCOMMS_SECURE_COOKIES": "0",  # plain http on 127.0.0.1: no TLS proxy in front
        "SPCOMMS_SSL_REDIRECT": "0",
        "SPCOMMS_BEHIND_TLS_PROXY": "0",
        "SPCOMMS_TWO_FACTOR_REQUIRED": "0",
        "SPCOMMS_LOG_LEVEL": "WARNING",
        "SPCOMMS_SITE_URL": f"http://127.0.0.1:{PORTS[engine]}",
        "SPCOMMS_MAIL_FROM": "communications@bench.invalid",
    }
    return env


def postgres_url() -> str:
    env = os.environ | {"SPCOMMS_PG_PORT": os.environ.get("SPCOMMS_PG_PORT", "5447")}
    env.setdefault("SPCOMMS_PG_DIR", "/tmp/pg-load-bench")
    base = subprocess.run(["bash", "scripts/pg-cluster", "start"], cwd=ROOT, env=env, capture_output=True, text=True)
    if base.returncode != 0:
        sys.exit(f"load bench: PostgreSQL cluster did not start: {base.stderr.strip()}")
    url = base.stdout.strip()
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS load_bench")
        conn.execute("CREATE DATABASE load_bench")
    return url.rsplit("/", 1)[0] + "/load_bench"


def spcomms(env: dict, *args: str) -> str:
    result = subprocess.run([str(VENV_BIN / "spcomms"), *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"load bench: spcomms {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def build_register(engine: str, env: dict) -> tuple[str, str]:
    if engine == "sqlite":
        shutil.rmtree(WORK / engine, ignore_errors=True)
    (WORK / engine).mkdir(parents=True, exist_ok=True)
    spcomms(env, "migrate", "--no-input", "-v", "0")
    spcomms(env, "ingest", str(ROOT / "samples"))
    login = spcomms(env, "createstaff", "bench", "--role", "secretariat")
    password = re.search(r"password (\S+)", login).group(1)
    return "bench", password


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    command = [str(VENV_BIN / "gunicorn"), "spcomms.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2"]
    command += ["-k", "gthread", "--threads", "4", "--timeout", "120", "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    for _ in range(200):
        if server.poll() is not None:
            sys.exit(f"load bench: gunicorn exited ({server.returncode})")
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    sys.exit("load bench: gunicorn did not answer")


# --- clients ------------------------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection with a cookie jar; records (kind, seconds, status) of every request."""

    def __init__(self, port: int, log: list, lock: threading.Lock):
        self.port, self.log, self.lock = port, log, lock
        self.cookies: dict[str, str] = {}
        self.connection = HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, kind: str, method: str, path: str, form: dict | None = None) -> tuple[int, bytes, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
            status, response_headers = response.status, response.getheaders()
        except OSError as exc:
            self.connection.close()
            self.connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
            status, content, response_headers = 0, str(exc).encode(), []
        elapsed = time.perf_counter() - started
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        with self.lock:
            self.log.append((kind, elapsed, status))
        return status, content, dict(response_headers)

    def csrf(self, path: str) -> str:
        status, content, _ = self.request("staff.page", "GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or not found:
            raise RuntimeError(f"no CSRF token on {path} ({status})")
        return found.group(1).decode()


def public_path(kind: str, slugs: list[str], rng: random.Random) -> str:
    word = rng.choice(WORDS)
    return {
        "search": f"/communications?q={word}",
        "search.json": f"/communications.json?q={word}",
        "search.csv": f"/communications.csv?q={word}",
        "page": f"/communications/{rng.choice(slugs)}",
        "page.json": f"/communications/{rng.choice(slugs)}.json",
        "feed": "/feeds/communications.atom",
        "export.csv": "/export/communications.csv",
        "export.json": "/export/communications.json",
        "home": "/",
    }[kind]


def reader(port, slugs, until, log, lock, seed):
    rng, client = random.Random(seed), Client(port, log, lock)
    kinds, weights = [k for _, k in READS], [w for w, _ in READS]
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        client.request(kind, "GET", public_path(kind, slugs, rng))


def writer(port, account, comm_ids, own_comm, until, log, lock, saved, seed):
    rng, client = random.Random(seed), Client(port, log, lock)
    token = client.csrf("/staff/login/")
    status, _, _ = client.request(
        "staff.login",
        "POST",
        "/staff/login/",
        {"username": account[0], "password": account[1], "csrfmiddlewaretoken": token},
    )
    if status != 302:
        raise RuntimeError(f"bench login refused ({status})")
    today = dt.datetime.now(ZoneInfo("Europe/Zurich")).date().isoformat()
    held = False
    while time.monotonic() < until or held:
        if held or rng.random() < 0.25:
            action = "release" if held else "hold"
            token = client.csrf(f"/staff/letters/{own_comm}/")
            form = {"csrfmiddlewaretoken": token} | ({} if held else {"reason": "Load bench: checking the holder."})
            status, _, _ = client.request(f"staff.{action}", "POST", f"/staff/letters/{own_comm}/{action}/", form)
            held = (not held) if status == 302 else held
            continue
        comm = rng.choice(comm_ids)
        marker = f"bench reply {seed}-{secrets.token_hex(6)}"
        token = client.csrf(f"/staff/letters/{comm}/replies/new/")
        form = {
            "csrfmiddlewaretoken": token,
            "received_on": today,
            "language": "en",
            "channel": "email",
            "text": marker,
        }
        status, _, headers = client.request("staff.reply", "POST", f"/staff/letters/{comm}/replies/new/", form)
        if status == 302:
            with lock:
                saved.append(marker)


# --- after the run ------------------------------------------------------------------------------------------------

CHECK = r"""
import json, sys
from spcomms.cases import visibility
from spcomms.cases.models import Communication, Reply
markers = json.load(sys.stdin)
texts = list(Reply.objects.filter(text__startswith="bench reply ").values_list("text", flat=True))
published = visibility.published_communications()
public_replies = sum(len(visibility.public_replies(c)) for c in published)
print(json.dumps({
    "replies_in_database": len(texts), "replies_missing": len(set(markers) - set(texts)),
    "replies_twice": len(texts) - len(set(texts)), "published": published.count(),
    "public_replies": public_replies, "on_hold": Communication.objects.filter(on_hold=True).count(),
}))
"""


def verify(env: dict, port: int, saved: list[str]) -> dict:
    result = subprocess.run(
        [str(VENV_BIN / "spcomms"), "shell", "-c", CHECK], env=env, input=json.dumps(saved), capture_output=True,
        text=True, cwd=ROOT,
    )  # fmt: skip
    database = json.loads(result.stdout.strip().splitlines()[-1])
    client = Client(port, [], threading.Lock())
    search = json.loads(client.request("check", "GET", "/communications.json")[1])
    export = json.loads(client.request("check", "GET", "/export/communications.json")[1])["communications"]
    feed = client.request("check", "GET", "/feeds/communications.atom")[1].count(b"<entry>")
    portal = {
        "search_total": search["total"],
        "export_rows": len(export),
        "export_replies": sum(len(c["replies"]) for c in export),
        "feed_entries": feed,
    }
    agree = (
        portal["search_total"] == portal["export_rows"] == database["published"]
        and portal["feed_entries"] == min(database["published"], 50)
        and portal["export_replies"] == database["public_replies"]
    )
    return {
        "replies_confirmed_by_302": len(saved),
        **database,
        **portal,
        "every_reply_on_file": database["replies_missing"] == 0 and database["replies_twice"] == 0
        and database["replies_in_database"] == len(saved),
        "public_counts_agree": agree,
    }  # fmt: skip


def summarise(log: list, seconds: float) -> dict:
    def stats(rows):
        times = sorted(t for _, t, _ in rows)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))] if times else 0
        errors = sum(1 for kind, _, s in rows if s not in (200, 302) and not (s == 404 and kind in HOLDABLE))
        return {
            "requests": len(rows),
            "req_per_s": round(len(rows) / seconds, 1),
            "p50_ms": round(statistics.median(times) * 1000, 1) if times else 0,
            "p95_ms": round(p95 * 1000, 1),
            "errors": errors,
        }

    kinds = sorted({k for k, _, _ in log})
    public = [row for row in log if not row[0].startswith("staff.")]
    staff = [row for row in log if row[0].startswith("staff.")]
    statuses: dict[str, int] = {}
    for _, _, status in log:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "all": stats(log),
        "public": stats(public),
        "staff": stats(staff),
        "by_kind": {k: stats([r for r in log if r[0] == k]) for k in kinds},
        "statuses": statuses,
    }


def run_engine(engine: str, args) -> dict:
    database_url = f"sqlite:///{WORK / engine / 'spcomms.sqlite3'}" if engine == "sqlite" else postgres_url()
    env = server_env(engine, database_url)
    account = build_register(engine, env)
    server = start_gunicorn(env, PORTS[engine])
    try:
        port = PORTS[engine]
        probe = Client(port, [], threading.Lock())
        listing = json.loads(probe.request("setup", "GET", "/communications.json")[1])
        slugs = [hit["slug"] for hit in listing["results"]]
        comm_ids = json.loads(spcomms(env, "shell", "-c", CHECK_IDS).strip().splitlines()[-1])
        log, lock, saved = [], threading.Lock(), []
        started = time.monotonic()
        until = started + args.seconds
        threads = [
            threading.Thread(target=reader, args=(port, slugs, until, log, lock, n)) for n in range(args.readers)
        ] + [
            threading.Thread(
                target=writer,
                args=(port, account, comm_ids, comm_ids[n % len(comm_ids)], until, log, lock, saved, 1000 + n),
            )
            for n in range(args.writers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        return {
            "engine": engine,
            "seconds": round(elapsed, 1),
            "letters": len(comm_ids),
            **summarise(log, elapsed),
            "after": verify(env, port, saved),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


CHECK_IDS = "import json; from spcomms.cases.models import Communication as C; print(json.dumps(sorted(C.objects.values_list('id', flat=True))))"  # noqa: E501


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--writers", type=int, default=2)
    args = parser.parse_args()
    results = [run_engine(engine.strip(), args) for engine in args.engines.split(",") if engine.strip()]
    config = {"seconds": args.seconds, "readers": args.readers, "writers": args.writers, "gunicorn": "2 gthread × 4"}
    print(json.dumps({"config": config, "results": results}, indent=2))


if __name__ == "__main__":
    main()
