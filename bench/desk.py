"""Staff pages with many cases in clearance (issue 12): a holder's inbox computes each candidate case's text
version, so its cost grows with the cases in clearance. Prints JSON.

Usage: .venv/bin/python bench/desk.py [--cases N] [--repeat R]
Builds a throw-away SQLite database in a temporary directory with the demo's personas and N demo cases in
clearance (made through the actions, like `spcomms demo`), then times the holder's dashboard, the secretariat's
dashboard and one clearance page through Django's test client.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = tempfile.mkdtemp(prefix="spcomms-bench-desk-")
os.environ.update(SPCOMMS_DATA_DIR=DATA, SPCOMMS_DEBUG="1", DJANGO_SETTINGS_MODULE="spcomms.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from spcomms.workflow import demo  # noqa: E402


def timed(client: Client, url: str, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"p50_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    demo.personas("bench-password-1")
    secretariat = get_user_model().objects.get(username="secretariat")
    template = next(spec for spec in demo.SPECS if spec.stage == "clearance")
    start = time.perf_counter()
    cases = [
        demo.build(secretariat, dataclasses.replace(template, title=f"{template.title} {n}")) for n in range(args.cases)
    ]
    build_s = time.perf_counter() - start
    holder, staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    holder.force_login(get_user_model().objects.get(username="sr-minorities"))
    staff.force_login(secretariat)
    result = {
        "cases_in_clearance": args.cases,
        "build_s_per_case": round(build_s / args.cases, 3),
        "holder_dashboard": timed(holder, "/staff/", args.repeat),
        "secretariat_dashboard": timed(staff, "/staff/", args.repeat),
        "clearance_page": timed(staff, f"/staff/clearance/{cases[0].case.pk}/", args.repeat),
        "desk_page": timed(staff, f"/staff/cases/{cases[0].case.pk}/", args.repeat),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
