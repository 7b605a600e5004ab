"""Charts of the figures (reports.counts), drawn on the server as SVG with matplotlib: no JavaScript needed.

Each chart carries its title, a text alternative and its data as a table, so that the picture is never the only
way to read it. The web gets SVG with real text (selectable, searchable, small); the PDF gets text as paths so that
Typst needs none of matplotlib's fonts.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

import matplotlib

matplotlib.use("svg")  # no GUI toolkit, no pyplot state: figures are made and dropped per chart

from matplotlib.figure import Figure  # noqa: E402 - after choosing the backend
from matplotlib.ticker import MaxNLocator, PercentFormatter  # noqa: E402

from spcomms.lib.shares import percent as percent_of  # noqa: E402

from . import counts  # noqa: E402
from .facts import KIND_LABELS, FactTable  # noqa: E402

INK, ACCENT, GRID = "#1b2733", "#0b5cad", "#d5dbe1"
MAX_MANDATES = 15
_draw_lock = threading.Lock()  # rc_context changes matplotlib's global settings while one chart is drawn


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    alt: str
    columns: tuple[str, str]
    rows: tuple[tuple[str, float | int], ...]
    percent: bool = False
    horizontal: bool = False

    def as_data(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "alt": self.alt,
            "columns": list(self.columns),
            "rows": [list(r) for r in self.rows],
            "percent": self.percent,
            "horizontal": self.horizontal,
        }

    @classmethod
    def from_data(cls, data: dict) -> Chart:
        return cls(data["name"], data["title"], data["alt"], tuple(data["columns"]),
                   tuple(tuple(r) for r in data["rows"]), data["percent"], data["horizontal"])  # fmt: skip

    def svg(self, *, text_as_paths: bool = False) -> str:
        return draw(self, text_as_paths=text_as_paths)


def _describe(title: str, rows, percent: bool) -> str:
    if not rows or not any(v for _, v in rows):
        return f"{title}: no data."
    top = max(rows, key=lambda r: r[1])
    value = percent_of(top[1]) if percent else f"{top[1]:,}"
    bars = "1 bar" if len(rows) == 1 else f"{len(rows)} bars"
    return f"{title}. {bars}; the highest is {top[0]} with {value}. The table below gives every value."


def make(name, title, columns, rows, *, percent=False, horizontal=False) -> Chart:
    rows = tuple(rows)
    return Chart(name, title, _describe(title, rows, percent), columns, rows, percent, horizontal)


def by_month_chart(t: FactTable, sel) -> Chart:
    rows = counts.by_month(t, sel).items()
    return make("by-month", "Communications sent by month", ("month", "communications"), rows)


def by_type_chart(t: FactTable, sel) -> Chart:
    return make("by-type", "Communications by type", ("type", "communications"), counts.by_type(t, sel).items())


def per_mandate_chart(t: FactTable, sel, mandates: dict) -> Chart:
    top = counts.per_mandate(t, sel).most_common(MAX_MANDATES)
    rows = [(mandates[m].short if m in mandates else str(m), n) for m, n in top]
    title = (
        f"Communications per mandate (the {MAX_MANDATES} with most)"
        if len(rows) == MAX_MANDATES
        else ("Communications per mandate")
    )
    return make("per-mandate", title, ("mandate", "communications"), rows, horizontal=True)


def reply_rate_chart(t: FactTable, sel) -> Chart:
    rates = counts.reply_rate_by_kind(t, sel)
    # a kind without letters has no rate: say so in its label rather than draw a 0 % bar that reads as "no replies"
    rows = [(KIND_LABELS[k] if rate is not None else f"{KIND_LABELS[k]} (no letters)", rate or 0.0)
            for k, rate in rates.items()]  # fmt: skip
    return make("reply-rate", "Reply rate by addressee kind", ("addressee kind", "reply rate"), rows, percent=True)


def statistics_charts(t: FactTable, sel, mandates: dict) -> list[Chart]:
    return [by_month_chart(t, sel), by_type_chart(t, sel), per_mandate_chart(t, sel, mandates),
            reply_rate_chart(t, sel)]  # fmt: skip


def report_charts(t: FactTable, sel, mandates: dict) -> list[Chart]:
    return [by_type_chart(t, sel), per_mandate_chart(t, sel, mandates), reply_rate_chart(t, sel)]


def draw(chart: Chart, *, text_as_paths: bool = False) -> str:
    settings = {
        "svg.fonttype": "path" if text_as_paths else "none",
        "svg.hashsalt": chart.name,  # stable element ids: the same data gives the same file
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.edgecolor": INK,
        "text.color": INK,
        "xtick.color": INK,
        "ytick.color": INK,
    }
    labels = [str(r[0]) for r in chart.rows]
    values = [r[1] for r in chart.rows]
    height = max(2.6, 0.28 * len(labels) + 0.8) if chart.horizontal else 2.8
    with _draw_lock, matplotlib.rc_context(settings):
        # Margins by hand: matplotlib's automatic layouts measure every label twice and triple the drawing time.
        figure = Figure(figsize=(6.4, height))
        axes = figure.subplots()
        longest = max((len(label) for label in labels), default=4)
        left = min(0.45, 0.04 + 0.0115 * longest) if chart.horizontal else 0.09
        bottom = (0.16 + min(0.25, 0.011 * longest)) if not chart.horizontal and len(labels) > 12 else 0.12
        figure.subplots_adjust(left=left, right=0.97, top=0.88, bottom=bottom if not chart.horizontal else 0.6 / height)
        axes.set_title(chart.title, loc="left", fontsize=10, fontweight="bold")
        if chart.horizontal:
            axes.barh(labels[::-1], values[::-1], color=ACCENT)
            axes.grid(axis="x", color=GRID)
        else:
            axes.bar(labels, values, color=ACCENT, width=0.6)
            if len(labels) < 3:
                axes.set_xlim(-0.6, 2.6)  # one or two bars stay bar-shaped
            axes.grid(axis="y", color=GRID)
            if len(labels) > 12:
                axes.tick_params(axis="x", labelrotation=90, labelsize=7)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if chart.percent:
            axes.set_ylim(0, 1)
            axes.yaxis.set_major_formatter(PercentFormatter(1.0))
        else:  # counts are whole numbers
            (axes.xaxis if chart.horizontal else axes.yaxis).set_major_locator(MaxNLocator(integer=True))
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
