"""Render one page's data as HTML, JSON or CSV; refuse bad requests the same way in every format."""

from __future__ import annotations

import csv
import functools
import io
import logging

from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from .params import NotFoundPage

log = logging.getLogger(__name__)


def json_response(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


# One row per communication, the same in the search CSV and the bulk export (docs/api.md).
CSV_COLUMNS = [
    "reference", "date", "type", "addressee", "addressee_kind", "mandates", "reply_received", "replies",
    "last_reply_on", "published_at", "summary", "url",
]  # fmt: skip


def csv_row(row: dict) -> list:
    """A public communication row (a search hit or an export row: both carry these keys) as CSV cells."""
    return [
        row["reference"], row["date"] or "", row["type"], row["addressee"]["name"], row["addressee"]["kind"],
        "; ".join(row["mandates"]), "yes" if row["reply_count"] else "no", row["reply_count"],
        row["last_reply_on"] or "", row["published_at"].isoformat(), row["summary"], row["url"],
    ]  # fmt: skip


def csv_lines(rows):
    """The header, then one line per row: streamed by the export, joined by the search page."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(CSV_COLUMNS)
    for row in rows:
        yield line(csv_row(row))


def csv_response(rows: list[dict], filename: str) -> HttpResponse:
    response = HttpResponse("".join(csv_lines(rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(request, status: int, message: str, fmt: str = "html"):
    if fmt in ("json", "csv"):
        return json_response({"error": {"status": status, "message": message}}, status=status)
    title = {400: "This request cannot be answered", 404: "Not found"}.get(status, "Error")
    return render(request, "portal/error.html", {"status": status, "title": title, "message": message}, status=status)


def public_errors(view):
    """400 for bad input, 404 for what does not exist, in the format asked for; never a traceback."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        fmt = kwargs.get("fmt") or "html"
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return error_response(request, 400, str(exc), fmt)
        except (Http404, NotFoundPage) as exc:
            return error_response(request, 404, str(exc) or "not found", fmt)

    return wrapped
