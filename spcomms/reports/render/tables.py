"""The report's tables as CSV, and the whole report as JSON: the open-data renderings of `build_report`."""

from __future__ import annotations

import io
import json

from django.core.serializers.json import DjangoJSONEncoder

from spcomms.lib.csvcells import safe_writer

from ..report import COMMUNICATION_COLUMNS, MANDATE_COLUMNS, REPLY_COLUMNS

TABLES = {
    "communications": COMMUNICATION_COLUMNS,
    "replies": REPLY_COLUMNS,
    "mandates": MANDATE_COLUMNS,
    "figures": ["figure", "value"],
}


def table_rows(report: dict, table: str) -> list[dict]:
    if table == "figures":
        flat = []
        for name, value in report["figures"].items():
            if isinstance(value, dict):
                flat += [{"figure": f"{name}.{k}", "value": v} for k, v in value.items()]
            else:
                flat.append({"figure": name, "value": "" if value is None else value})
        return flat
    return [{k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in report[table]]


def render_csv(report: dict, table: str = "communications") -> bytes:
    buffer = io.StringIO()
    writer = safe_writer(buffer)  # cells that spreadsheets would run as formulas get a leading '
    columns = TABLES[table]
    writer.writerow(columns)
    writer.writerows([row.get(c, "") for c in columns] for row in table_rows(report, table))
    return buffer.getvalue().encode()


def render_json(report: dict) -> bytes:
    return json.dumps(report, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
