"""The history and trend charts of the HTML pages, for a reader to explore: hover a figure for its value, period,
status and source; click a legend entry to show or hide a series (or a model).

The static figure stays the source of truth (for tests and print): :func:`~dxanalysis.present.figures.plot_history`
and :func:`~dxanalysis.present.figures.plot_trends` describe what they drew as a :class:`Chart` and attach it to their
figure (:func:`chart_of` finds it), so the interactive chart is built from the very figures the PNG shows. A chart is
plain data: :func:`plotly_spec` turns it into Plotly's JSON (``data``, ``layout``), and :func:`chart_html` into a block
of HTML that draws it with Plotly's JavaScript when the page has loaded it, and shows the static PNG otherwise (and in
print). The JavaScript ships with the report, written once per run folder (:func:`write_javascript`); no page asks
the network for anything.

>>> import dxanalysis as dx
>>> chart = chart_of(dx.plots.plot_history("egdi_rank"))
>>> chart.kind, sorted(chart.traces[1].points[0])
('history', ['period', 'published', 'source', 'status', 'value'])
"""

from __future__ import annotations

import base64
import html
import json
import math
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from dxanalysis import data
from dxanalysis.present import i18n
from dxanalysis.present.chart_script import JAVASCRIPT, write_javascript
from dxanalysis.present.figures._catalogue import decimals
from dxanalysis.present.figures._style import PROJECTION
from dxanalysis.present.i18n import label

__all__ = [
    "JAVASCRIPT",
    "Chart",
    "Trace",
    "attach",
    "chart_html",
    "chart_of",
    "figure_points",
    "figures_trace",
    "plotly_spec",
    "projection_traces",
    "write_javascript",
    "year_labels",
]


@dataclass(frozen=True)
class Trace:
    """One thing drawn: a line, markers (with what each figure is), or a band between ``lower`` and ``y``.

    ``group`` ties traces that show and hide together (a series' line, its figures and its earlier releases; a
    model's line and its interval); ``legend`` says whether this trace is the group's legend entry.
    """

    name: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    colour: str
    mode: str = "lines"  # "lines", "markers", "lines+markers" or "band"
    dash: str = "solid"
    group: str = ""
    legend: bool = True
    visible: bool = True
    opacity: float = 1.0
    hollow: tuple[bool, ...] = ()  # per point (markers): an estimate, a provisional figure, a projection
    symbols: tuple[str, ...] = ()  # per point: Plotly's marker symbol
    points: tuple[Mapping[str, str], ...] = ()  # per point: what the hover shows (period, value, status, source...)
    lower: tuple[float, ...] = ()  # a band's lower edge


@dataclass(frozen=True)
class Chart:
    """What a static figure drew, as data: its texts, axes and traces."""

    kind: str  # "history" or "trends"
    lang: str
    title: str
    subtitle: str
    x_title: str
    y_title: str
    note: str
    x_range: tuple[float, float]
    y_range: tuple[float, float] | None
    years: tuple[int, ...]  # the year labels (at mid-year, as in the static figure)
    traces: tuple[Trace, ...]
    reversed_y: bool = False
    hint: str = field(default="")


_CHARTS: weakref.WeakKeyDictionary[Figure, Chart] = weakref.WeakKeyDictionary()


def attach(fig: Figure, chart: Chart) -> Figure:
    """Record what ``fig`` drew as ``chart`` (for :func:`chart_of`); returns the figure.

    >>> from matplotlib.figure import Figure
    >>> fig = attach(Figure(), Chart("history", "en", "t", "", "Year", "%", "", (0, 1), None, (), ()))
    >>> chart_of(fig).title
    't'
    """
    _CHARTS[fig] = chart
    return fig


def chart_of(fig: Any) -> Chart | None:
    """The interactive chart of a figure drawn by ``plot_history`` or ``plot_trends`` (``None`` for other figures).

    >>> from matplotlib.figure import Figure
    >>> chart_of(Figure()) is None
    True
    """
    try:
        return _CHARTS.get(fig)
    except TypeError:  # not weakly referenceable: not a figure of ours
        return None


def figure_points(rows: pd.DataFrame, lang: str, digits: int, unit: str) -> tuple[dict[str, str], ...]:
    """What the hover shows for each published figure: its period, value with unit, status, source (title,
    publisher and id) and publication date, from rows with ``period``, ``value``, ``status``, ``source`` and
    ``published``.

    >>> rows = pd.DataFrame({"period": ["2024"], "value": [18.3], "status": ["estimate"], "source": ["x"],
    ...                      "published": [pd.Timestamp("2025-01-02")]})
    >>> figure_points(rows, "vi", 1, "%")[0]["value"]
    '18,3 %'
    """
    sources = data.load_sources().set_index("id")
    points = []
    for row in rows.to_dict("records"):
        sid = str(row.get("source") or "")
        if sid in sources.index:
            title, publisher = str(sources.at[sid, "title"]), str(sources.at[sid, "publisher"])
            source = f"{title} — {publisher} [{sid}]" if title and title != "nan" else f"{publisher} [{sid}]"
        else:
            source = sid or "—"
        published = row.get("published")
        status = str(row.get("status") or "")
        points.append(
            {
                "period": str(row["period"]),
                "value": f"{i18n.fmt_number(float(row['value']), lang, digits)} {unit}".strip(),
                "status": label(f"figure_{status}", lang) if f"figure_{status}" in _FIGURE_STATUSES else status,
                "source": source,
                "published": _date(published, lang),
            }
        )
    return tuple(points)


_FIGURE_STATUSES = {"figure_actual", "figure_estimate", "figure_provisional", "figure_projection"}


def figures_trace(name: str, rows: pd.DataFrame, times: Any, colour: str, lang: str, unit: str) -> Trace:
    """The published figures as a line with markers (hollow for all but actual figures), each with its hover.

    >>> rows = pd.DataFrame({"period": ["2023", "2024"], "value": [1.0, 2.0], "status": ["actual", "estimate"],
    ...                      "source": ["x", "y"], "published": [None, None]})
    >>> figures_trace("Published figures", rows, [2023.5, 2024.5], "#222222", "en", "%").hollow
    (False, True)
    """
    status = rows["status"].fillna("").astype(str)
    return Trace(
        name,
        tuple(float(t) for t in times),
        tuple(float(v) for v in rows["value"]),
        colour,
        mode="lines+markers",
        hollow=tuple(bool(s not in ("actual", "")) for s in status),
        points=figure_points(rows, lang, decimals(rows["value"]), unit),
    )


def projection_traces(
    name: str,
    periods: Sequence[str],
    projection: Any,
    digits: int,
    unit: str,
    lang: str,
    visible: bool,
    colour: str = PROJECTION,
) -> list[Trace]:
    """A model's projection as a dashed line (its hover: the year, the value and the interval) over its interval
    band; ``projection`` has ``time``, ``centre``, ``lower`` and ``upper`` arrays from the last figure on.

    >>> from types import SimpleNamespace as P
    >>> p = P(time=[2024.5, 2025.5], centre=[1.0, 2.0], lower=[1.0, 1.5], upper=[1.0, 2.5])
    >>> [t.mode for t in projection_traces("Linear", ["2024", "2025"], p, 1, "%", "en", True)]
    ['band', 'lines']
    """
    x = tuple(float(t) for t in projection.time)
    lower, upper = (tuple(float(v) for v in projection.lower), tuple(float(v) for v in projection.upper))
    points = tuple(
        {
            "period": period,
            "value": f"{i18n.fmt_number(float(c), lang, digits)} {unit}".strip(),
            "interval": (
                f"{i18n.fmt_number(lo, lang, digits)} – {i18n.fmt_number(hi, lang, digits)}"
                if i > 0 and math.isfinite(lo) and math.isfinite(hi)
                else "—"
            ),
            "model": name,
        }
        for i, (period, c, lo, hi) in enumerate(zip(periods, projection.centre, lower, upper, strict=True))
    )
    traces = []
    finite = [i for i, v in enumerate(lower) if math.isfinite(v) and math.isfinite(upper[i])]
    if len(finite) > 1:
        traces.append(
            Trace(
                name,
                tuple(x[i] for i in finite),
                tuple(upper[i] for i in finite),
                colour,
                mode="band",
                group=name,
                legend=False,
                visible=visible,
                lower=tuple(lower[i] for i in finite),
            )
        )
    centre = tuple(float(v) for v in projection.centre)
    traces.append(Trace(name, x, centre, colour, dash="dash", group=name, visible=visible, points=points))
    return traces


def _date(value: Any, lang: str) -> str:
    """A publication date as the reader writes it: 2024-01-31, or 31/01/2024 in Vietnamese."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "—"
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    return day.strftime("%d/%m/%Y") if lang == "vi" else str(day.date())


def _hover(lang: str) -> str:
    """The hover template of a published figure (Plotly's ``%{customdata[i]}``: period, value, status, source,
    published)."""
    return (
        "<b>%{customdata[1]}</b> (%{customdata[0]})<br>"
        + label("hover_status", lang)
        + ": %{customdata[2]}<br>"
        + label("hover_source", lang)
        + ": %{customdata[3]}<br>"
        + label("hover_published", lang)
        + ": %{customdata[4]}<extra>%{fullData.name}</extra>"
    )


def plotly_spec(chart: Chart) -> dict[str, Any]:
    """Plotly's ``data`` and ``layout`` for a chart (plain JSON-ready data; no Plotly needed to build it).

    >>> import dxanalysis as dx
    >>> spec = plotly_spec(chart_of(dx.plots.plot_history("egdi_rank")))
    >>> bottom, top = spec["layout"]["yaxis"]["range"]  # a rank: the first place at the top
    >>> bottom > top
    True
    """
    traces: list[dict[str, Any]] = []
    hover = _hover(chart.lang)
    for t in chart.traces:
        common: dict[str, Any] = {
            "name": t.name,
            "legendgroup": t.group or t.name,
            "showlegend": t.legend,
            "x": [round(v, 4) for v in t.x],
            "opacity": t.opacity,
        }
        if not t.visible:
            common["visible"] = "legendonly"
        if t.mode == "band":
            traces.append(
                {
                    **common,
                    "type": "scatter",
                    "mode": "lines",
                    "y": list(t.lower),
                    "line": {"width": 0},
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
            traces.append(
                {
                    **common,
                    "type": "scatter",
                    "mode": "lines",
                    "y": list(t.y),
                    "line": {"width": 0},
                    "fill": "tonexty",
                    "fillcolor": _rgba(t.colour, 0.18),
                    "hoverinfo": "skip",
                }
            )
            continue
        trace: dict[str, Any] = {**common, "type": "scatter", "mode": t.mode, "y": list(t.y)}
        if "lines" in t.mode:
            trace["line"] = {"color": t.colour, "width": 2, "dash": t.dash}
        if "markers" in t.mode:
            symbols = list(t.symbols) or ["circle"] * len(t.x)
            if t.hollow:
                symbols = [s + "-open" if h else s for s, h in zip(symbols, t.hollow, strict=True)]
            trace["marker"] = {"color": t.colour, "size": 8, "symbol": symbols, "line": {"width": 1.5}}
        if t.points:
            trace["customdata"] = [list(p.values()) for p in t.points]  # in the order the templates read
            trace["hovertemplate"] = hover if "source" in t.points[0] else _projection_hover(chart.lang)
        else:
            trace["hoverinfo"] = "skip"
        traces.append(trace)
    layout: dict[str, Any] = {
        "title": {"text": html.escape(chart.title), "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        "xaxis": {
            "title": {"text": html.escape(chart.x_title)},
            "range": [float(v) for v in chart.x_range],
            "tickmode": "array",
            "tickvals": [y + 0.5 for y in chart.years],
            "ticktext": [str(y) for y in chart.years],
            "showgrid": False,
            "zeroline": False,
        },
        "yaxis": {"title": {"text": html.escape(chart.y_title)}, "zeroline": False},
        "legend": {"orientation": "h", "y": -0.22, "x": 0, "xanchor": "left"},
        "hovermode": "closest",
        "margin": {"l": 70, "r": 20, "t": 70, "b": 40},
        "height": 520,
        "separators": ",." if chart.lang == "vi" else ".,",
        "plot_bgcolor": "white",
        "shapes": [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": y,
                "x1": y,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#dddddd", "width": 1},
                "layer": "below",
            }
            for y in range(math.floor(chart.x_range[0]), math.ceil(chart.x_range[1]) + 1)
            if chart.x_range[0] <= y <= chart.x_range[1]
        ],
    }
    if chart.y_range is not None:
        layout["yaxis"]["range"] = [float(v) for v in (chart.y_range[::-1] if chart.reversed_y else chart.y_range)]
    elif chart.reversed_y:
        layout["yaxis"]["autorange"] = "reversed"
    layout["yaxis"]["gridcolor"] = "#eeeeee"
    return {"data": traces, "layout": layout}


def _projection_hover(lang: str) -> str:
    """The hover template of a projected year (``customdata``: year, value, interval, model)."""
    return (
        "<b>%{customdata[1]}</b> (%{customdata[0]})<br>"
        + label("hover_interval", lang)
        + ": %{customdata[2]}<extra>%{customdata[3]}</extra>"
    )


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def chart_html(chart: Chart, png: Path, *, element_id: str, alt: str, width: int, script: str | None = None) -> str:
    """The HTML block of one chart: the static PNG (inline, so the page can be sent alone; shown without JavaScript
    and in print) and the interactive chart drawn over it once Plotly's JavaScript is loaded.

    ``script`` is the address of Plotly's JavaScript to load first (once per page: the first chart's block carries
    it), e.g. ``"../assets/plotly.min.js"``; a page that cannot load it keeps the PNG.

    >>> import dxanalysis as dx, tempfile
    >>> fig = dx.plots.plot_history("egdi_rank")
    >>> png = Path(tempfile.mkdtemp()) / "h.png"; fig.savefig(png, dpi=20)
    >>> block = chart_html(chart_of(fig), png, element_id="h", alt="EGDI", width=900)
    >>> "<script src=" in block, 'alt="EGDI"' in block
    (False, True)
    """
    spec = plotly_spec(chart)
    config = {
        "displaylogo": False,
        "responsive": True,
        "locale": chart.lang,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }
    payload = json.dumps({"data": spec["data"], "layout": spec["layout"], "config": config}, ensure_ascii=False)
    payload = payload.replace("</", "<\\/")  # nothing in the data can close the script element
    image = base64.b64encode(png.read_bytes()).decode("ascii")
    eid, described = html.escape(element_id, quote=True), html.escape(alt, quote=True)
    hint = f'<p class="dx-chart-hint">{html.escape(chart.hint)}</p>' if chart.hint else ""
    loader = f'<script src="{html.escape(script, quote=True)}"></script>\n' if script else ""
    return (
        f"{loader}"
        f'<div class="dx-chart" style="max-width:{int(width)}px">\n'
        f'<img class="dx-static" id="{eid}-png" src="data:image/png;base64,{image}" alt="{described}"'
        f' width="{int(width)}">\n'
        f'<div class="dx-plot" id="{eid}" role="img" aria-label="{described}"'
        ' style="display:none;width:100%"></div>\n'
        f"{hint}"
        f'<script type="application/json" id="{eid}-data">{payload}</script>\n'
        "<script>(function(){"
        f'var el=document.getElementById("{eid}"),img=document.getElementById("{eid}-png");'
        "if(!window.Plotly||!el)return;"
        f'var s=JSON.parse(document.getElementById("{eid}-data").textContent);'
        'el.style.display="block";img.classList.add("dx-print-only");'
        "Plotly.newPlot(el,s.data,s.layout,s.config);"
        "})();</script>\n"
        "<style>.dx-print-only{display:none}.dx-chart-hint{font-size:85%;color:#555}"
        "@media print{.dx-plot{display:none!important}.dx-print-only{display:block!important}"
        ".dx-chart-hint{display:none}}</style>\n"
        "</div>"
    )


def year_labels(lo: float, hi: float, max_labels: int = 10) -> tuple[int, ...]:
    """The years labelled on an axis from ``lo`` to ``hi`` (as the static figures' year axis labels them).

    >>> year_labels(2019.7, 2031.4, max_labels=6)
    (2020, 2025, 2030)
    """
    first, last = math.floor(lo), math.ceil(hi)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if max(last - first, 1) / s <= max_labels), 100)
    return tuple(y for y in range(first, last + 1) if y % step == 0 and lo <= y + 0.5 <= hi)
