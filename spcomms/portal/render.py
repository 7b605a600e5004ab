"""Render one page's data as HTML, JSON or CSV; refuse bad requests the same way in every format."""

from __future__ import annotations

import functools
import io
import json
import logging

from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from spcomms.lib.csvcells import SafeDictWriter

from .params import NotFoundPage

log = logging.getLogger(__name__)


def json_response(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def csv_response(rows: list[dict], columns: list[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
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


def flatten_for_csv(value) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return "" if value is None else str(value)
