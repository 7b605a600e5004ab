"""Benchmark of the public submission form: submissions per second with a 2 MB attachment, 8 concurrent clients.

    .venv/bin/python bench/intake.py [--seconds 30] [--clients 8] [--server gunicorn|runserver] [--database URL]
                                     [--form steps|one-page]

Starts a real server on 127.0.0.1 (gunicorn, 2 gthread workers × 4 threads, from the throw-away venv /tmp/dsvenv
that bench/portal.py uses; or Django's threaded development server with --server runserver) on a fresh SQLite
database (or --database postgres://…). Each client, in a loop, does what a visitor's browser does: GET the first
step (session and CSRF cookies), POST each of the five steps (the fourth with a 2 MB PDF) and follow the redirect
to the next step's page (10 requests in all), and read the receipt code on the last page; with --form one-page,
GET /submit/all/ and POST every field with the PDF (2 requests). A submission's latency
is that whole path; the final POST (sealing, receipt hash, the file moved into place) is reported apart.
Afterwards every receipt code received is looked up by its hash in the database: "lost" counts codes shown but
not stored, and failed paths. The cost of encryption per submission (sealing the identity, the account and the
2 MB file with AES-256-GCM, and the receipt's Argon2id hash) is measured in-process.
Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/intake-bench")
BENCH_VENV = Path("/tmp/dsvenv")
PORT = 8131
FILE_BYTES = 2 * 1024 * 1024
NARRATIVE = (
    (ROOT / "samples" / "AL-OTH-78-2021_CRRC.txt").read_text().split("According to the information received:")[1][:3000]
)

STEPS = [
    {"submitter_kind": "family", "name": "Bench Person", "email": "bench@example.org", "language": "en"},
    {"victims_kind": "individual", "victims_names": "Bench Victim", "victims_description": "a worker"},
    {
        "country": "CHN",
        "perpetrator_kind": "both",
        "perpetrators": "authorities",
        "when": "2021",
        "place": "Xinjiang",
        "narrative": NARRATIVE,
    },
    {"confidential_parts": "all"},
    {"truthful": "on"},
]


def pdf_of(size: int) -> bytes:
    """A readable one-page PDF of about `size` bytes: an uncompressed image of random pixels (incompressible, as
    scans are), so that the upload's content checks (pdfium, active content) pass as for a real scan."""
    width = 1024
    height = max(1, (size - 600) // (width * 3))
    # No "/" in the pixels: random bytes spell "/JS" or "/AA" often enough that lib/pdfsafety's scan of the raw
    # file refuses about one 2 MB file in five (it reads names inside image data too).
    pixels = os.urandom(width * height * 3).replace(b"/", b"0")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</XObject<</Im0 4 0 R>>>>/Contents 5 0 R>>",
        f"<</Type/XObject/Subtype/Image/Width {width}/Height {height}/ColorSpace/DeviceRGB/BitsPerComponent 8"
        f"/Length {len(pixels)}>>\nstream\n".encode()
        + pixels
        + b"\nendstream",
        b"<</Length 29>>\nstream\nq 612 0 0 792 0 0 cm /Im0 Do Q\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def multipart(fields: dict, files: list[tuple[str, bytes]], boundary: str) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for filename, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{filename}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


class Visitor:
    """One browser: keep-alive connection, its own cookies."""

    def __init__(self, bodies: list[tuple[bytes, str]]):
        self.bodies = bodies
        self.connection = HTTPConnection("127.0.0.1", PORT, timeout=120)
        self.cookies: dict[str, str] = {}

    def _request(self, method, path, body=None, content_type=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            headers |= {"Content-Type": content_type, "X-CSRFToken": self.cookies.get("csrftoken", "")}
            headers["Referer"] = f"http://127.0.0.1:{PORT}/submit/"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def submit(self) -> tuple[str | None, float, float]:
        """(receipt code or None, whole path in ms, final POST in ms)."""
        return self._one_page() if len(self.bodies) == 1 else self._steps()

    def _one_page(self) -> tuple[str | None, float, float]:
        self.cookies = {}
        started = time.perf_counter()
        if self._request("GET", "/submit/all/")[0] != 200:
            return None, 0.0, 0.0
        body, content_type = self.bodies[0]
        posted = time.perf_counter()
        status, data = self._request("POST", "/submit/all/", body, content_type)
        found = re.search(rb'id="receipt-code">([\d ]+)<', data) if status == 200 else None
        now = time.perf_counter()
        return (
            (found.group(1).decode().replace(" ", "") if found else None),
            (now - started) * 1000,
            (now - posted) * 1000,
        )

    def _steps(self) -> tuple[str | None, float, float]:
        self.cookies = {}
        started = time.perf_counter()
        status, _ = self._request("GET", "/submit/")
        if status != 200:
            return None, 0.0, 0.0
        final_ms = 0.0
        for number, (body, content_type) in enumerate(self.bodies, start=1):
            step_started = time.perf_counter()
            status, data = self._request("POST", f"/submit/step/{number}/", body, content_type)
            final_ms = (time.perf_counter() - step_started) * 1000
            if number < len(self.bodies):
                if status != 302 or self._request("GET", f"/submit/step/{number + 1}/")[0] != 200:
                    return None, 0.0, 0.0  # a browser follows the redirect to the next step
        found = re.search(rb'id="receipt-code">([\d ]+)<', data)
        total_ms = (time.perf_counter() - started) * 1000
        return (found.group(1).decode().replace(" ", "") if found else None), total_ms, final_ms


def _bodies(form: str) -> list[tuple[bytes, str]]:
    boundary = uuid.uuid4().hex
    kind = f"multipart/form-data; boundary={boundary}"
    attachment = [("evidence.pdf", pdf_of(FILE_BYTES))]
    if form == "one-page":
        everything = {k: v for values in STEPS for k, v in values.items()}
        return [(multipart(everything | {"go": "next"}, attachment, boundary), kind)]
    return [
        (multipart(values | {"go": "next"}, attachment if number == 4 else [], boundary), kind)
        for number, values in enumerate(STEPS, start=1)
    ]


def load(clients: int, seconds: float, form: str) -> dict:
    results, failures, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def run():
        visitor = Visitor(_bodies(form))
        while time.monotonic() < deadline:
            try:
                code, total, final = visitor.submit()
            except OSError:
                code, total, final = None, 0.0, 0.0
                visitor.connection.close()
            with lock:
                if code:
                    results.append((code, total, final))
                else:
                    failures[0] += 1

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"results": results, "failures": failures[0], "elapsed": elapsed}


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (gunicorn's workers), from /proc."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pending += [int(c) for c in children]
    return total


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1) if ordered else 0.0


def _server_env(database_url: str) -> dict:
    site = ROOT / ".venv" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    return os.environ | {
        "DATABASE_URL": database_url,
        "SPCOMMS_SECRET_KEY": "bench-only",
        "SPCOMMS_SITE_URL": f"http://127.0.0.1:{PORT}",
        "SPCOMMS_MAIL_FROM": "bench@localhost",
        "SPCOMMS_VAULT_KEY_FILE": str(WORK / "vault.key"),
        "SPCOMMS_VAULT_KEY_GENERATE": "1",
        "SPCOMMS_DATA_DIR": str(WORK),
        "SPCOMMS_SECURE_COOKIES": "0",
        "SPCOMMS_SSL_REDIRECT": "0",  # plain http on 127.0.0.1 (else every request is a redirect to https)
        "SPCOMMS_INTAKE_SUBMIT_RATE": "1000000",
        "SPCOMMS_INTAKE_POST_RATE": "1000000",
        "SPCOMMS_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "spcomms.settings",
        "PYTHONPATH": f"{ROOT}:{site}",
    }


def _manage(env: dict, *args: str) -> str:
    command = [str(ROOT / ".venv" / "bin" / "spcomms"), *args]
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def _wait_until_up(seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = HTTPConnection("127.0.0.1", PORT, timeout=5)
            connection.request("GET", "/submit/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not come up")


def _start(kind: str, env: dict, workers: int = 2, threads: int = 4) -> subprocess.Popen:
    if kind == "gunicorn":
        command = [str(BENCH_VENV / "bin" / "gunicorn"), "-w", str(workers), "-k", "gthread", "--threads", str(threads),
                   "-b", f"127.0.0.1:{PORT}", "--log-level", "warning", "spcomms.wsgi:application"]  # fmt: skip
    else:
        command = [str(ROOT / ".venv" / "bin" / "spcomms"), "runserver", "--noreload", f"127.0.0.1:{PORT}"]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


EMPTY_SCHEMA = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
"""

CHECK_STORED = """
import json, os
from spcomms.intake.models import Submission
from spcomms.lib import receipts
codes = json.load(open(os.environ["INTAKE_BENCH_CODES"]))
stored = set(Submission.objects.values_list("receipt_hash", flat=True))
missing = [c for c in codes if not stored & set(receipts.code_hashes(c))]
print(json.dumps({"stored": Submission.objects.count(), "missing": len(missing),
                  "files": sum(s.files.count() for s in Submission.objects.all())}))
"""

ENCRYPTION_COST = """
import json, os, time
from spcomms.intake import keys
from spcomms.lib import receipts
identity = {"name": "Bench Person", "email": "bench@example.org", "victims_names": "Bench Victim"}
account = {"narrative": "x" * 3000, "perpetrators": "authorities"}
data = os.urandom(2 * 1024 * 1024)
keys.keyring()
def best(fn, n=20):
    times = []
    for _ in range(n):
        t = time.perf_counter(); fn(); times.append((time.perf_counter() - t) * 1000)
    return round(sorted(times)[n // 2], 2)
seal = best(lambda: (keys.seal_json(identity, "a"), keys.seal_json(account, "b"), keys.seal_bytes(data, "c")))
blob = keys.seal_bytes(data, "c")
opening = best(lambda: keys.open_bytes(blob, "c"))
argon = best(lambda: receipts.code_hash(receipts.new_code()), 10)
print(json.dumps({"seal_identity_account_and_2mb_file_ms": seal, "open_2mb_file_ms": opening,
                  "receipt_argon2id_ms": argon}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--database", default="", help="postgres://… (default: a fresh SQLite file)")
    parser.add_argument(
        "--form", choices=["steps", "one-page"], default="steps", help="the five steps, or /submit/all/ (2 requests)"
    )
    args = parser.parse_args()
    if args.server == "gunicorn" and not (BENCH_VENV / "bin" / "gunicorn").exists():
        sys.exit(f"gunicorn not found: python3 -m venv {BENCH_VENV} && {BENCH_VENV}/bin/python -m pip install gunicorn"
                 " (or --server runserver)")  # fmt: skip
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = _server_env(args.database or f"sqlite:///{WORK / 'intake.sqlite3'}")
    if args.database:  # a fresh database: `flush` would also empty the registry the data migrations loaded
        _manage(env, "shell", "-c", EMPTY_SCHEMA)
    _manage(env, "migrate", "--no-input")
    server = _start(args.server, env, args.workers, args.threads)
    try:
        _wait_until_up()
        load(args.workers, 3, args.form)  # warm every worker
        cpu_before = _cpu_seconds(server.pid)
        run = load(args.clients, args.seconds, args.form)
        server_cpu = _cpu_seconds(server.pid) - cpu_before
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    codes = [code for code, _, _ in run["results"]]
    (WORK / "codes.json").write_text(json.dumps(codes))
    script = WORK / "check.py"
    script.write_text(CHECK_STORED)
    checked = _manage(
        env | {"INTAKE_BENCH_CODES": str(WORK / "codes.json")}, "shell", "-c", f"exec(open('{script}').read())"
    )
    stored = json.loads(checked.strip().splitlines()[-1])
    cost = json.loads(_manage(env, "shell", "-c", ENCRYPTION_COST).strip().splitlines()[-1])
    totals = [t for _, t, _ in run["results"]]
    finals = [f for _, _, f in run["results"]]
    print(
        json.dumps(
            {
                "server": args.server,
                "gunicorn_workers_threads": [args.workers, args.threads],
                "form": args.form,
                "requests_per_submission": 2 if args.form == "one-page" else 10,
                "database": "postgresql" if args.database else "sqlite",
                "clients": args.clients,
                "seconds": round(run["elapsed"], 1),
                "attachment_bytes": FILE_BYTES,
                "submissions": len(codes),
                "submissions_per_s": round(len(codes) / run["elapsed"], 1),
                "path_p50_ms": round(statistics.median(totals), 1) if totals else 0,
                "path_p95_ms": _percentile(totals, 0.95),
                "final_post_p50_ms": round(statistics.median(finals), 1) if finals else 0,
                "final_post_p95_ms": _percentile(finals, 0.95),
                "server_cpu_ms_per_submission": round(server_cpu * 1000 / max(len(codes), 1), 1),
                # What two idle cores would sustain at that CPU cost (the machine is shared while measured).
                "submissions_per_s_two_idle_cores": round(2 / (server_cpu / max(len(codes), 1)), 1)
                if server_cpu
                else 0,
                "load_average_during_run": round(os.getloadavg()[0], 1),
                "failed_paths": run["failures"],
                "lost": run["failures"] + stored["missing"],
                "stored_after_run": stored,
                "encryption_cost": cost,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
