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

from dxanalysis import data
from dxanalysis.data.periods import period_time
from dxanalysis.data.schemas import PILLARS
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import limits, message, panel_title, source_note, value_axis, year_axis
from dxanalysis.present.figures._catalogue import bounds_of, decimals, is_rank, timing_of
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
        for ax, indicator in zip(panels, [i for _, ids in groups for i in ids], strict=True):
            _draw_panel(ax, indicator, obs[obs["indicator"] == indicator], targets, lang, all_series)
            panel_title(ax, titles[indicator], fontsize=8.5)
        grid.align(panels)
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
) -> None:
    """One indicator's panel: each series with its latest value, and the target the dashboard shows."""
    timing = timing_of(indicator)
    figures = figures.assign(time=figures["period"].map(lambda p: period_time(p, timing))).sort_values("time")
    digits = min(decimals(figures["value"]), 1)
    values = list(figures["value"])
    for series, part in figures.groupby("series", sort=True):
        colour = series_colour(str(series), all_series)
        ax.plot(part["time"], part["value"], color=colour, marker="o", markersize=3.5, linewidth=1.4)
        last = part.iloc[-1]
        end_value = i18n.fmt_compact(last["value"], lang, digits, short_digits=1)
        ax.annotate(
            f"{end_value}\n({i18n.fmt_period(last['period'], lang, short=True)})",
            (last["time"], last["value"]),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            color=colour,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            zorder=5,
        )
    target = dashboard_target(indicator, targets, figures, timing)
    if target is not None:
        year, value = target
        ax.axhline(value, color=TARGET, linestyle="--", linewidth=1.1)
        ax.annotate(
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
