"""The whole published register as one streamed CSV or JSON document, read through the visibility gate."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse
from django.views.decorators.http import require_safe

from spcomms.cases import visibility
from spcomms.lib import clock
from spcomms.lib.references import slug_of

from .data import API_VERSION, communication_url
from .models import public_kind
from .render import csv_lines


def register_rows(request):
    """Every published communication as a plain dict, oldest id first, with its letter and public replies."""
    for item in visibility.iter_public_data(now=clock.now()):
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
            "reply_count": len(item.replies),
            "last_reply_on": item.replies[-1].received_on if item.replies else None,
            "replies": [{"received_on": r.received_on, "language": r.language, "text": r.text} for r in item.replies],
            "letter": item.letter,
        }


def _csv_lines(request):
    return csv_lines(register_rows(request))


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
