"""The documented JSON error (docs/api.md) for every refusal on a data address (.json, .csv), the framework's too.

Django refuses some requests before any view runs: a Host not in ALLOWED_HOSTS, too many fields, a body over
DATA_UPLOAD_MAX_MEMORY_SIZE, a method a view does not allow. The handlers below (handler400/403/404/500 in
spcomms.urls) and `JsonErrorMiddleware` (outermost, so it sees the responses of every other middleware too) make
those answer {"error": {"status": …, "message": …}} on data addresses; HTML pages keep the HTML error pages.
"""

from __future__ import annotations

from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.views import defaults

from .render import json_response

DATA_SUFFIXES = (".json", ".csv")
MESSAGES = {
    400: "the request cannot be answered",
    403: "this request is not allowed",
    404: "not found",
    405: "this method is not allowed here",
    413: "the request body is too large",
    500: "the server failed to answer; the error is logged",
}


def is_data_address(request) -> bool:
    return request.path.endswith(DATA_SUFFIXES)


def json_error(status: int, message: str | None = None):
    return json_response({"error": {"status": status, "message": message or MESSAGES.get(status, "error")}}, status)


def _refusal(exception) -> tuple[int, str]:
    if isinstance(exception, DisallowedHost):
        return 400, "the Host header names a site this server does not answer for"
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return 400, "too many parameters or files in the request"
    if isinstance(exception, RequestDataTooBig):
        return 413, MESSAGES[413]
    return 400, MESSAGES[400]


def bad_request(request, exception=None):
    status, message = _refusal(exception)
    if is_data_address(request):
        return json_error(status, message)
    response = defaults.bad_request(request, exception)
    response.status_code = status
    return response


def permission_denied(request, exception=None):
    if is_data_address(request):
        return json_error(403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if is_data_address(request):
        return json_error(404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_data_address(request):
        return json_error(500)
    return defaults.server_error(request)


class JsonErrorMiddleware:
    """Any other error response on a data address (405 of require_safe, 413 of the size limit) becomes JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or not is_data_address(request):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        converted = json_error(response.status_code)
        if response.has_header("Allow"):
            converted["Allow"] = response["Allow"]
        return converted
