"""Public views: thin wrappers that pick a format for one data function (portal.data)."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from spcomms.cases import visibility
from spcomms.cases.models import Reply
from spcomms.lib.references import slug_of

from . import data, letter_files
from .render import csv_response, json_response, public_errors


@require_safe
@public_errors
def home(request, fmt=None):
    page = data.home_data(request)
    if fmt == "json":
        return json_response(page)
    return render(request, "portal/home.html", {"page": page})


@require_safe
@public_errors
def search(request, fmt=None):
    page = data.search_data(request)
    if fmt == "json":
        return json_response(page)
    if fmt == "csv":
        return csv_response(page["results"], "communications.csv")
    return render(request, "portal/search.html", {"page": page})


@require_safe
@public_errors
def communication(request, slug, fmt=None):
    page = data.communication_data(request, slug)
    if slug != page["slug"]:  # e.g. lower case: one address per letter
        return HttpResponsePermanentRedirect(data.communication_url(page["slug"], fmt or ""))
    if fmt == "json":
        return json_response(page)
    letter_html = letter_files.letter_html(page["letter"])
    return render(request, "portal/communication.html", {"page": page, "letter_html": letter_html})


@require_safe
@public_errors
def letter_file(request, slug, fmt):
    reference, public = data.public_by_slug(slug)
    letter = letter_files.as_letter(public.letter)
    if letter is None:
        raise Http404(f"{public.reference} has no letter on file to download")
    response = HttpResponse(letter_files.render_file(letter, fmt), content_type=letter_files.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slug_of(public.reference)}.{fmt}"'
    return response


@require_safe
@public_errors
def reply_file(request, slug, reply_id):
    reference, _ = data.public_by_slug(slug)
    try:
        file = visibility.public_reply_file(reference, int(reply_id))
    except (Reply.DoesNotExist, ValueError):
        raise Http404("no such public reply file") from None
    response = HttpResponse(file.content, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    return response


@require_safe
def api(request):
    return render(request, "portal/api.html", {"links": data.home_links(request)})
