"""Public pages: published reports, statistics with charts, and press releases; each one data function rendered
as HTML, JSON or CSV (spcomms.portal.render)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from spcomms.portal.render import csv_response, json_response, public_errors

from . import news
from . import statistics as stats
from .models import PublishedReport
from .render.formats import CONTENT_TYPES, charts_for_web
from .render.present import printable
from .render.tables import TABLES, render_csv


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _links(request, report: PublishedReport) -> dict:
    n = report.session
    links = {
        f.upper(): _absolute(request, reverse("reports:report-file", args=[n, f])) for f in ("pdf", "docx", "json")
    }
    for table in TABLES:
        links[f"{table} (CSV)"] = _absolute(request, reverse("reports:report-csv", args=[n, table]))
    return links


def reports_data(request) -> dict:
    rows = PublishedReport.objects.defer("pdf", "docx")
    return {
        "reports": [
            {"session": r.session, "symbol": r.symbol, "published_at": r.published_at,
             "session_name": f"{r.data['session_name']} ({r.data['session_month']})", "windows": r.data["windows"],
             "communications": r.data["figures"]["communications"],
             "replies": r.data["figures"]["replies_received"],
             "url": _absolute(request, reverse("reports:report", args=[r.session])), "files": _links(request, r)}
            for r in rows
        ],
        "statistics": _absolute(request, reverse("reports:statistics")),
    }  # fmt: skip


def _published(number) -> PublishedReport:
    report = PublishedReport.objects.filter(session=int(number)).first()
    if report is None:
        raise Http404(f"the report to session {number} is not published")
    return report


@require_safe
@public_errors
def report_list(request, fmt=None):
    page = reports_data(request)
    if fmt == "json":
        return json_response(page)
    return render(request, "reports/list.html", {"page": page})


_published_charts: dict = {}  # (session, published_at) → the charts' SVG: a published report never changes


def _charts_of(report: PublishedReport) -> list[dict]:
    key = (report.session, report.published_at)
    if key not in _published_charts:
        _published_charts.clear()  # keep only the last one asked for: a few hundred kB at most
        _published_charts[key] = charts_for_web(report.data)
    return _published_charts[key]


@require_safe
@public_errors
def report_page(request, number):
    report = _published(number)
    context = {"report": report.data, "p": printable(report.data), "charts": _charts_of(report),
               "links": _links(request, report)}  # fmt: skip
    return render(request, "reports/report.html", context)


@require_safe
@public_errors
def report_file(request, number, fmt):
    report = _published(number)
    if fmt == "json":
        return json_response(report.data)
    response = HttpResponse(bytes(getattr(report, fmt)), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report.symbol.replace("/", "_")}.{fmt}"'
    return response


@require_safe
@public_errors
def report_csv(request, number, table):
    if table not in TABLES:
        raise Http404(f"no table {table!r} (tables: {', '.join(TABLES)})")
    report = _published(number)
    response = HttpResponse(render_csv(report.data, table), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'inline; filename="{report.symbol.replace("/", "_")}-{table}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@public_errors
def statistics(request, fmt=None):
    if fmt is None:  # the page is the same for every visitor: rendered once per state of the register and filters
        return HttpResponse(stats.cached_page(request, _render_statistics))
    page = stats.statistics_data(request)
    if fmt == "json":
        return json_response(page)
    return csv_response(stats.csv_rows(page), "statistics.csv", ["table", "key", "value"])


def _render_statistics(request) -> bytes:
    return render(request, "reports/statistics.html", {"page": stats.statistics_data(request)}).content


@require_safe
@public_errors
def chart(request, name):
    try:
        svg = stats.chart_svg(stats.parse_filters(request.GET), name)
    except KeyError:
        raise Http404(f"no chart {name!r}") from None
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def release_data(request, release) -> dict:
    content = release.published_content
    return content | {
        "slug": release.slug,
        "url": _absolute(request, reverse("reports:release", args=[release.slug])),
        "published_at": release.published_at,
        "communications": [
            row | {"url": _absolute(request, row["url"])} for row in news.public_letters_of(release.case_id)
        ],
    }


def news_data(request) -> dict:
    return {
        "releases": [release_data(request, r) for r in news.public_releases().order_by("-published_at")[:100]],
        "feed": _absolute(request, reverse("reports:news-feed")),
    }


@require_safe
@public_errors
def news_list(request, fmt=None):
    page = news_data(request)
    if fmt == "json":
        return json_response(page)
    return render(request, "reports/news.html", {"page": page})


@require_safe
@public_errors
def release_page(request, slug, fmt=None):
    release = news.public_releases().filter(slug=slug).first()
    if release is None:
        raise Http404("no such press release")
    page = release_data(request, release)
    if fmt == "json":
        return json_response(page)
    return render(request, "reports/release.html", {"page": page})
