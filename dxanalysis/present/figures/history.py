"""The history of an indicator's figures: every release, and how it was revised (:func:`plot_history`)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from dxanalysis import data
from dxanalysis.analysis.timeseries import independent_figures
from dxanalysis.data.periods import Timing, period_time
from dxanalysis.errors import UnknownSeriesError
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import limits, message, source_note, value_axis, year_axis
from dxanalysis.present.figures._catalogue import bounds_of, check_indicator, decimals, is_rank, timing_of
from dxanalysis.present.figures._layout import frame
from dxanalysis.present.figures._rules import by_producer
from dxanalysis.present.figures._style import STATUS_MARKERS, figure_style, series_colour, status_handles
from dxanalysis.present.figures.interactive import Chart, Trace, attach, figure_points, year_labels
from dxanalysis.present.i18n import check_lang, label

__all__ = ["plot_history"]


def plot_history(
    indicator: str,
    source: str | None = None,
    geo: str = "VN",
    as_of: str | dt.date | None = None,
    lang: str = "en",
) -> Figure:
    """Every published release of an indicator's figures: what was published, when, and how it was revised.

    The latest release of each figure is drawn as a line with markers, earlier releases of the same figure as faint
    markers; actual figures have filled markers, estimates, provisional figures and the publishers' projections
    hollow ones. With ``source=None`` every series of the indicator is drawn, each in its colour (competing measures
    side by side, never blended).

    Parameters
    ----------
    indicator
        A catalogue id, e.g. ``"digital_economy_share_gdp"``.
    source
        One series (``"mic"``, ``"gso"``, ...), or ``None`` for all of them.
    geo
        ``"VN"`` or an ISO 3166-2:VN code.
    as_of
        Only the releases published on or before this date.
    lang
        ``"en"`` or ``"vi"``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import dxanalysis as dx
    >>> fig = dx.plots.plot_history("digital_economy_share_gdp")
    >>> fig.axes[0].get_ylabel()
    '% of GDP'
    """
    lang = check_lang(lang)
    check_indicator(indicator)
    timing = timing_of(indicator)
    rows = _releases(indicator, source, geo, as_of, timing)
    name = i18n.indicator_name(indicator, lang)
    unit = i18n.unit_label(indicator, lang)
    subtitle = label("subtitle_history", lang, geo=i18n.geo_name(geo, lang))
    if as_of:
        subtitle += "; " + label("as_of", lang, date=i18n.fmt_period(as_of, lang))
    notes = [source_note(rows["source"], lang)]
    with figure_style():
        fig, body = frame(9.5, 5.6, label("title_history", lang, name=name), subtitle, notes)
        ax = body.subplots()
        series_list = by_producer(rows["series"].unique())
        handles: list[Any] = []
        traces: list[Trace] = []
        for series in series_list:
            colour = series_colour(series, series_list)
            part = rows[rows["series"] == series]
            joined = _draw_series(ax, part, colour, lang, timing)
            traces += _traces(part, joined, i18n.series_name(series, lang), colour, lang, unit)
            handles.append(
                Line2D([], [], color=colour, linewidth=1.8, marker="o", label=i18n.series_name(series, lang))
            )
        handles += status_handles(rows["status"], lang)
        if (~rows["latest"]).any():
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=5,
                    color="0.3",
                    alpha=0.35,
                    label=label("earlier_release", lang),
                )
            )
        if rows.empty:
            message(ax, label("no_figures", lang))
            lo, hi = 2020.0, 2026.0
        else:
            lo = math.floor(float(rows["time"].min()) - 0.3)
            hi = float(rows["time"].max()) + max(1.2, 0.12 * (float(rows["time"].max()) - lo))
            ax.set_ylim(*limits(rows["value"], lower=bounds_of(indicator)[0], upper=bounds_of(indicator)[1], pad=0.12))
        year_axis(ax, lo, hi, lang, stock=timing == "end")
        value_axis(ax, lang, unit, rank=is_rank(indicator))
        if handles:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    ylo, yhi = sorted(ax.get_ylim())
    chart = Chart(
        "history",
        lang,
        fig.get_suptitle().replace("\n", " "),
        subtitle,
        ax.get_xlabel(),
        ax.get_ylabel().replace("\n", " "),
        notes[0],
        (lo, hi),
        (ylo, yhi),
        year_labels(lo, hi),
        tuple(traces),
        reversed_y=ax.yaxis_inverted(),
        hint=label("interactive_hint", lang),
    )
    return attach(fig, chart)


def _traces(part: pd.DataFrame, joined: pd.DataFrame, name: str, colour: str, lang: str, unit: str) -> list[Trace]:
    """The interactive chart's traces of one series: the line, its latest figures and its earlier releases (shown
    and hidden together), each figure with what the hover says about it."""
    digits = decimals(part["value"])
    traces = [Trace(name, tuple(joined["time"]), tuple(joined["value"]), colour, group=name)]
    for rows, faded in ((part[part["latest"]].sort_values("time"), False), (part[~part["latest"]], True)):
        if rows.empty:
            continue
        traces.append(
            Trace(
                label("earlier_release", lang) if faded else name,
                tuple(rows["time"]),
                tuple(rows["value"]),
                colour,
                mode="markers",
                group=name,
                legend=False,
                opacity=0.4 if faded else 1.0,
                hollow=tuple(rows["status"] != "actual"),
                symbols=tuple(_SYMBOLS.get(STATUS_MARKERS.get(str(s), "o"), "circle") for s in rows["status"]),
                points=figure_points(rows, lang, digits, unit),
            )
        )
    return traces


#: Plotly's names of the static figures' markers.
_SYMBOLS = {"o": "circle", "s": "square", "^": "triangle-up"}


def _releases(
    indicator: str, source: str | None, geo: str, as_of: str | dt.date | None, timing: Timing
) -> pd.DataFrame:
    """Every release of the indicator's figures (of one series, or all), with its time and whether it is the latest
    release of its figure."""
    obs = data.load_observations(as_of=as_of, vintage="all")
    rows = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    if source is not None:
        available = sorted(rows["series"].unique())
        if source not in available:
            raise UnknownSeriesError(
                f"{indicator} has no series {source!r} for geo {geo!r}; accepted: {', '.join(available) or 'none'}"
            )
        rows = rows[rows["series"] == source]
    return rows.assign(
        time=rows["period"].map(lambda p: period_time(p, timing)),
        latest=~rows.duplicated(["series", "period"], keep="last"),
    )


def _draw_series(ax: Axes, part: pd.DataFrame, colour: str, lang: str, timing: Timing) -> pd.DataFrame:
    """One series: its latest releases as a line with markers and a label at the end, the earlier ones faded; the
    line joins the figures of one period each (:func:`~dxanalysis.analysis.timeseries.independent_figures`), which
    are returned."""
    latest = part[part["latest"]].sort_values("time")
    earlier = part[~part["latest"]]
    # the line joins one figure per period (the figures a trend counts): the same estimate quoted for 2024-H1 and for
    # 2024 is not drawn as a flat stretch; the figures left out keep their markers
    kept, _ = independent_figures(pd.Series(latest["value"].to_numpy(), index=latest["period"].to_numpy()), timing)
    joined = latest[latest["period"].isin(set(kept.index))]
    ax.plot(joined["time"], joined["value"], color=colour, linewidth=1.8, zorder=2)
    _scatter_by_status(ax, latest, colour, faded=False)
    _scatter_by_status(ax, earlier, colour, faded=True)
    last = latest.iloc[-1]
    value = i18n.fmt_compact(last["value"], lang, decimals(part["value"]), short_digits=1)
    ax.annotate(
        f"{value} ({i18n.fmt_period(last['period'], lang, short=True)})",
        (last["time"], last["value"]),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
        color=colour,
    )
    return joined


def _scatter_by_status(ax: Axes, figures: pd.DataFrame, colour: str, *, faded: bool) -> None:
    """Figures as markers by status (filled for actual figures, hollow otherwise); faded for earlier releases."""
    for status, group in figures.groupby("status"):
        ax.scatter(
            group["time"],
            group["value"],
            marker=STATUS_MARKERS.get(str(status), "o"),
            s=30 if faded else 42,
            facecolor=colour if status == "actual" else ("none" if faded else "white"),
            edgecolor=colour,
            alpha=0.35 if faded else 1.0,
            linewidth=1.0 if faded else 1.5,
            zorder=1 if faded else 3,
        )
