"""Refusals of the framework (bad Host, too many fields, oversized body, wrong method, 404, 500) answer the
documented JSON error on .json/.csv addresses. Regression: too many fields gave an HTML 400 on a .json URL."""

import json

import pytest
from django.test import Client, override_settings


def error_of(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)["error"]


@pytest.mark.django_db
def test_too_many_fields(client):
    query = "&".join(f"f{n}=1" for n in range(1200))
    error = error_of(client.get(f"/communications.json?{query}"))
    assert error == {"status": 400, "message": "too many parameters or files in the request"}
    html = client.get(f"/communications?{query}")
    assert html.status_code == 400 and html["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_bad_host():
    response = Client(HTTP_HOST="evil.example").get("/communications.csv")
    assert response.status_code == 400 and "Host header" in error_of(response)["message"]


def test_oversized_body(client):
    response = client.post("/communications.json", data=b"", content_type="text/plain", CONTENT_LENGTH="10" * 8)
    assert response.status_code == 413 and error_of(response)["status"] == 413


@pytest.mark.django_db
def test_wrong_method_and_unknown_address(client):
    post = client.post("/communications.json")
    assert post.status_code == 405 and error_of(post)["status"] == 405 and "GET" in post["Allow"]
    missing = client.get("/no-such-page.json")
    assert missing.status_code == 404 and error_of(missing) == {"status": 404, "message": "not found"}


@pytest.mark.django_db
def test_a_crash_is_a_json_500(monkeypatch):
    from spcomms.portal import data

    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(data, "search_data", broken)
    with override_settings(DEBUG=False):
        response = Client(raise_request_exception=False).get("/communications.json")
    assert response.status_code == 500 and error_of(response)["status"] == 500
    assert "boom" not in response.content.decode()
