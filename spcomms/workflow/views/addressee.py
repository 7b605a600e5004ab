"""The addressee's pages behind the secret link: read the letter, upload replies, get a receipt.

Unknown, expired and revoked links all answer 404 with the same page; failed lookups are rate limited per IP (a
valid link is never refused for its address's failures) and
uploads per link (429), so guessing links is hopeless (256-bit tokens) and a leaked link cannot flood the register.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from spcomms.cases.lifecycle import DISPATCHED
from spcomms.cases.models import Communication, Reply
from spcomms.drafting.render.html import render_html
from spcomms.lib.letter import Letter
from spcomms.workflow import mailer, throttle
from spcomms.workflow.actions.replies import DuplicateReply, UploadThroughLink
from spcomms.workflow.auth import client_ip
from spcomms.workflow.forms import AddresseeReplyForm
from spcomms.workflow.review import publication_promise
from spcomms.workflow.tokens import find_valid

HOUR = dt.timedelta(hours=1)


def _too_many(request):
    return render(request, "workflow/addressee/limited.html", status=429)


def _token_or_refusal(request, token):
    """(ReplyToken, None) for a live link, else (None, response)."""
    found = find_valid(token)
    if found is not None and found.communication.status in DISPATCHED:
        return found, None  # a valid link always works: a ministry behind one NAT shares its address with guessers
    ip_key = f"reply-ip:{client_ip(request)}"  # failures only count, per address
    if throttle.locked_until(ip_key):
        return None, _too_many(request)
    throttle.hit(ip_key, settings.REPLY_LINK_RATE, HOUR)
    return None, render(request, "workflow/addressee/invalid.html", status=404)


def _actor(found) -> str:
    return f"addressee-token:{found.pk}"


@never_cache
def reply_page(request, token):
    found, refusal = _token_or_refusal(request, token)
    if refusal:
        return refusal
    comm: Communication = found.communication
    form = AddresseeReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        upload_key = f"reply-upload:{found.token_hash[:32]}"
        if throttle.locked_until(upload_key):
            return _too_many(request)
        throttle.hit(upload_key, settings.REPLY_LINK_RATE, HOUR)
        if form.is_valid():
            try:
                reply = UploadThroughLink(_actor(found)).execute(
                    found,
                    language=form.cleaned_data["language"],
                    file=form.cleaned_data["file"],
                    confidentiality_reason=form.cleaned_data["reason"],
                )
            except DuplicateReply as exc:
                form.add_error("file", exc.messages[0])
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                return redirect("workflow:addressee-receipt", token=token, reply_id=reply.pk)
    return render(
        request,
        "workflow/addressee/reply.html",
        {
            "comm": comm,
            "letter_html": render_html(Letter.from_dict(comm.letter)) if comm.letter else "",
            "form": form,
            "token": token,
            "replies": _through(found),
            "max_bytes": settings.REPLY_MAX_BYTES,
            "publication": publication_promise(comm),
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def receipt(request, token, reply_id):
    found, refusal = _token_or_refusal(request, token)
    if refusal:
        return refusal
    reply = get_object_or_404(_through(found), pk=reply_id)  # only what came through this very link
    return render(
        request,
        "workflow/addressee/receipt.html",
        {
            "comm": found.communication,
            "reply": reply,
            "replies": _through(found),
            "publication": publication_promise(found.communication),
        },
    )


def _through(found):
    """The replies sent through this link, oldest first: never staff-recorded ones, nor another link's."""
    return Reply.objects.filter(link_reply__token=found).order_by("created_at", "id")


@never_cache
def letter_pdf(request, token):
    found, refusal = _token_or_refusal(request, token)
    if refusal:
        return refusal
    comm = found.communication
    response = HttpResponse(mailer.letter_pdf(comm), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{mailer.pdf_filename(comm)}"'
    return response
