"""The whole published register as one streamed CSV or JSON document, read through the visibility gate."""

from __future__ import annotations

import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from spcomms.cases import visibility
from spcomms.lib.csvcells import safe_writer

from .data import API_VERSION, communication_url
from .search import public_kind, slug_of

CSV_COLUMNS = [
    "reference", "date", "type", "addressee", "addressee_kind", "mandates", "reply_received", "replies",
    "last_reply_on", "published_at", "summary", "url",
]  # fmt: skip


def register_rows(request):
    """Every published communication as a plain dict, oldest id first, with its letter and public replies."""
    for item in visibility.iter_public_data(now=timezone.now()):
        slug = slug_of(item.reference)
        yield {
            "reference": item.reference,
            "slug": slug,
            "url": request.build_absolute_uri(communication_url(slug)),
            "date": item.date,
            "year": item.year,
            "type": item.public_type,
            "published_at": item.published_at,
            "addressee": {"name": item.addressee_name, "kind": public_kind(item.addressee_kind)},
            "mandates": list(item.mandates),
            "summary": item.summary,
            "reply_received": bool(item.replies),
            "replies": [{"received_on": r.received_on, "language": r.language, "text": r.text} for r in item.replies],
            "letter": item.letter,
        }


def _csv_lines(request):
    buffer = io.StringIO()
    writer = safe_writer(buffer)

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(CSV_COLUMNS)
    for row in register_rows(request):
        replies = row["replies"]
        yield line(
            [
                row["reference"], row["date"] or "", row["type"], row["addressee"]["name"], row["addressee"]["kind"],
                "; ".join(row["mandates"]), "yes" if replies else "no", len(replies),
                replies[-1]["received_on"] if replies else "", row["published_at"].isoformat(), row["summary"],
                row["url"],
            ]
        )  # fmt: skip


def _json_chunks(request):
    yield f'{{"api_version": {API_VERSION}, "communications": [\n'
    first = True
    for row in register_rows(request):
        yield ("" if first else ",\n") + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        first = False
    yield "\n]}\n"


@require_safe
def export(request, fmt):
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(request), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = StreamingHttpResponse(_json_chunks(request), content_type="application/json")
    else:
        raise Http404("unknown format")
    response["Content-Disposition"] = f'attachment; filename="communications-register.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
