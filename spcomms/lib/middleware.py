"""HTTP middleware with no model behind it: the request-size limit and the security headers of every response."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse


class RequestSizeLimitMiddleware:
    """413 for a body larger than REQUEST_MAX_BYTES, judged by Content-Length before anything reads or parses it.

    Django's DATA_UPLOAD_MAX_* limits apply while parsing; this stops a 200 MB POST before a byte is read. A body
    without Content-Length is read by Django only up to Content-Length (none), and the proxy caps it too
    (README, production notes).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            return HttpResponse("Content-Length is not a number.", status=400, content_type="text/plain")
        if length > settings.REQUEST_MAX_BYTES:
            message = (
                f"The request is too large ({length:,} bytes); the limit is {settings.REQUEST_MAX_BYTES:,} bytes "
                f"(files up to {settings.REPLY_MAX_BYTES:,} bytes)."
            )
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every response; Cache-Control: no-store on staff pages, reply links, downloads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if request.path.startswith(settings.NO_STORE_PREFIXES):
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response
