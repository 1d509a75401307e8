"""Every indicator at a glance, grouped by the programme's pillars (:func:`plot_dashboard`).

The dashboard is laid out by :class:`~dxanalysis.present.figures._layout.DashboardGrid` from the sizes of its texts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from dxanalysis import data
from dxanalysis.data.periods import period_time
from dxanalysis.data.schemas import PILLARS
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import limits, message, panel_title, source_note, value_axis, year_axis
from dxanalysis.present.figures._catalogue import bounds_of, decimals, is_rank, timing_of
from dxanalysis.present.figures._clearance import label_box, place_clear
from dxanalysis.present.figures._layout import DashboardGrid, wrap
from dxanalysis.present.figures._rules import by_producer, dashboard_target
from dxanalysis.present.figures._style import LEGEND_SIZE, TARGET, figure_style, series_colour
from dxanalysis.present.i18n import check_lang, label

__all__ = ["plot_dashboard"]


def plot_dashboard(as_of: str | dt.date | None = None, lang: str = "en", *, geo: str = "VN", ncols: int = 4) -> Figure:
    """Small multiples of every indicator with at least two figures, grouped by the programme's pillars.

    Each panel shows the indicator's figures (one colour per series), its latest value, and its national target as
    a dashed line where one exists (the first target year after the latest figure, as the scorecard assesses).

    Parameters
    ----------
    as_of
        The figures and targets known on this date (default: the latest).
    lang
        ``"en"`` or ``"vi"``.
    geo
        ``"VN"`` or an ISO 3166-2:VN code.
    ncols
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import dxanalysis as dx
    >>> fig = dx.plots.plot_dashboard(as_of="2024-05-01")
    >>> len([ax for ax in fig.axes if ax.get_visible()]) >= 4
    True
    """
    lang = check_lang(lang)
    obs = data.load_observations(as_of=as_of)
    obs = obs[obs["geo"] == geo]
    counts = obs.groupby("indicator").size()
    catalogue = data.indicators()
    targets = data.load_targets(as_of=as_of)
    targets = targets[targets["geo"] == geo]
    groups: list[tuple[str, list[str]]] = []
    for pillar in PILLARS:
        ids = [i for i in catalogue.loc[catalogue["pillar"] == pillar, "id"] if counts.get(i, 0) >= 2]
        if ids:
            groups.append((pillar, ids))
    shown = obs[obs["indicator"].isin([i for _, ids in groups for i in ids])]
    when = label("as_of", lang, date=i18n.fmt_period(as_of, lang)) if as_of else label("latest_data", lang)
    all_series = sorted(shown["series"].unique())
    handles: list[Any] = [
        Line2D([], [], color=series_colour(s, all_series), marker="o", markersize=4, label=i18n.series_name(s, lang))
        for s in by_producer(all_series)
    ]
    handles.append(Line2D([], [], color=TARGET, linestyle="--", label=label("target", lang)))
    titles = {i: wrap(i18n.indicator_name(i, lang), 3.4, 9) for _, ids in groups for i in ids}
    with figure_style():
        grid = DashboardGrid(
            ncols,
            label("title_dashboard", lang),
            label("subtitle_dashboard", lang, when=when),
            source_note(shown["source"], lang),
            [h.get_label() for h in handles] if groups else [],
            [(i18n.pillar_name(p, lang), [titles[i] for i in ids]) for p, ids in groups],
        )
        fig = grid.figure
        if not groups:
            ax = grid.body()
            message(ax, label("no_figures", lang))
            ax.set_xlabel(label("year", lang))
            ax.set_ylabel("—")
            return fig
        panels = grid.panels()
        labels: list[tuple[Axes, Annotation, Sequence[_Place]]] = []
        for ax, indicator in zip(panels, [i for _, ids in groups for i in ids], strict=True):
            labels += _draw_panel(ax, indicator, obs[obs["indicator"] == indicator], targets, lang, all_series)
            panel_title(ax, titles[indicator], fontsize=8.5)
        grid.align(panels)
        _keep_off_lines(fig, labels)
        fig.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, grid.legend_top),
            ncols=grid.legend_columns,
            fontsize=LEGEND_SIZE,
        )
    return fig


def _draw_panel(
    ax: Axes, indicator: str, figures: pd.DataFrame, targets: pd.DataFrame, lang: str, all_series: Sequence[str]
) -> list[tuple[Axes, Annotation, Sequence[_Place]]]:
    """One indicator's panel: each series with its latest value, and the target the dashboard shows (the labels are
    returned with the places they may take, to be kept off the panel's lines once it is laid out)."""
    labels: list[tuple[Axes, Annotation, Sequence[_Place]]] = []
    timing = timing_of(indicator)
    figures = figures.assign(time=figures["period"].map(lambda p: period_time(p, timing))).sort_values("time")
    digits = min(decimals(figures["value"]), 1)
    values = list(figures["value"])
    for series, part in figures.groupby("series", sort=True):
        colour = series_colour(str(series), all_series)
        ax.plot(part["time"], part["value"], color=colour, marker="o", markersize=3.5, linewidth=1.4)
        last = part.iloc[-1]
        end = ax.annotate(
            f"{i18n.fmt_compact(last['value'], lang, digits, short_digits=1)}\n"
            f"({i18n.fmt_period(last['period'], lang, short=True)})",
            (last["time"], last["value"]),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            color=colour,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            zorder=5,
        )
        labels.append((ax, end, _END_PLACES))
    target = dashboard_target(indicator, targets, figures, timing)
    if target is not None:
        year, value = target
        ax.axhline(value, color=TARGET, linestyle="--", linewidth=1.1)
        words = ax.annotate(
            label(
                "target_line",
                lang,
                year=year,
                value=i18n.fmt_compact(value, lang, min(decimals([value]), 1), short_digits=1),
            ),
            (0.01, value),
            xycoords=("axes fraction", "data"),
            xytext=(0, 2),
            textcoords="offset points",
            fontsize=7,
            color=TARGET,
            va="bottom",
        )
        labels.append((ax, words, _TARGET_PLACES))
        values.append(value)
    lower, upper = bounds_of(indicator)
    ylo, yhi = limits(values, lower=lower, upper=upper, pad=0.12, min_share=0.1)
    ax.set_ylim(ylo, yhi + 0.1 * (yhi - ylo))
    lo, hi = float(figures["time"].min()), float(figures["time"].max())
    width = max(hi - lo, 1.0)
    year_axis(ax, math.floor(lo - 0.3), hi + max(0.35 * width, 1.0), lang, stock=False, max_labels=4)
    ax.set_xlabel(label("year", lang), fontsize=7.5)
    value_axis(ax, lang, None, rank=is_rank(indicator))
    ax.set_ylabel(wrap(i18n.unit_label(indicator, lang), 1.9, 7.5), fontsize=7.5)
    return labels


#: A place of a label: its offset from its point in points, its alignments, and its point's x (``None``: as drawn;
#: a target's words sit at a fraction of the panel's width).
_Place = tuple[tuple[float, float], str, str, float | None]

#: The places of a series' end label, nearest first: right of its last figure, then above or below it, then left.
_END_PLACES: Sequence[_Place] = [
    ((dx, dy), "left" if dx > 0 else "right" if dx < 0 else "center", va, None)
    for dy, va in ((0, "center"), (5, "bottom"), (-5, "top"), (12, "bottom"), (-12, "top"))
    for dx in (4, -4)
] + [((0, dy), "center", va, None) for dy, va in ((6, "bottom"), (-6, "top"), (14, "bottom"), (-14, "top"))]

#: The places of a target line's words: above or below the line, at its left end, then at its right end.
_TARGET_PLACES: Sequence[_Place] = [
    ((0, dy), ha, va, x) for x, ha in ((0.01, "left"), (0.99, "right")) for dy, va in ((2, "bottom"), (-2, "top"))
]


def _put(note: Any, place: _Place) -> None:
    offset, ha, va, x = place
    note.set_position(offset)
    note.set_horizontalalignment(ha)
    note.set_verticalalignment(va)
    if x is not None and isinstance(note, Annotation):
        note.xy = (x, note.xy[1])


def _keep_off_lines(fig: Figure, labels: Sequence[tuple[Axes, Annotation, Sequence[_Place]]]) -> None:
    """Move each label to its first place that hides no line or marker of its panel (review B14: the EGDI end label
    was struck through by the target line), measured once the grid has placed the panels."""
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    renderer = get_renderer() if callable(get_renderer) else None
    placed: dict[Axes, list[Any]] = {}  # each panel's labels placed so far: two series may end at one value
    for ax, note, places in labels:
        place_clear(ax, note, places, _put, renderer, avoid=placed.setdefault(ax, []))
        placed[ax].append(label_box(note, renderer))
