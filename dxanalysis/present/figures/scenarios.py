"""The share scenarios: the year a target is reached for each pair of growth rates (:func:`plot_scenario_heatmap`),
and the share year by year under a few scenarios (:func:`plot_scenario_lines`).

Both growth rates are nominal (a share of GDP moves with the nominal growth of both parts), and both figures say so
on their axes and in their notes. A share of GDP at or above 100% is impossible: a line stops (×) the year its path
reaches it, labelled "100% of GDP in 2034: implausible beyond", and a heat-map cell whose target is reached only there
is shown as ``≥100%``, not as a year.

What the heat map draws (the years, the colour scale, each cell's text) is computed first, by :func:`_years_reached`,
:func:`_colour_scale` and :func:`_cell_text`; :func:`plot_scenario_heatmap` then only draws it. The colour scale has
one band per year (blue up to the deadline, red after), so the colour bar's years are evenly spaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, Colormap, ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from dxanalysis.analysis.scenarios import PLAUSIBLE_BOUND, SHARE_INDICATOR, implausible_from, share_scenarios
from dxanalysis.data.periods import period_time
from dxanalysis.errors import DxError
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import limits, source_note, value_axis, year_axis
from dxanalysis.present.figures._catalogue import decimals
from dxanalysis.present.figures._layout import frame, wrap
from dxanalysis.present.figures._rules import published_sources, target_documents
from dxanalysis.present.figures._style import HISTORY, PALETTE, TARGET, figure_style
from dxanalysis.present.i18n import check_lang, fmt_number, label

__all__ = ["plot_scenario_heatmap", "plot_scenario_lines"]

_MISSING = "#e6e6e6"  # a cell never reached
_IMPLAUSIBLE = "#bdbdbd"  # a cell reached only at or past the plausibility bound


def plot_scenario_heatmap(
    grid: pd.DataFrame,
    target_value: float,
    lang: str = "en",
    *,
    target_year: int | None = None,
    start: float | None = None,
    start_year: int | None = None,
    until: int | None = None,
) -> Figure:
    """The first year the share reaches a target, for each pair of growth assumptions: a heat map.

    Rows are the growth of the part (the digital economy), columns the growth of the whole (GDP), both in percent a
    year, nominal; each cell is annotated with the year, or ``—`` / ``chưa`` when the target is not reached within
    the grid's horizon, or ``≥100%`` (hatched) when the path reaches the target only at or past 100% of GDP. With
    ``target_year``, the cells that reach it by then are bold, and the colours turn from blue to red after it.

    Parameters
    ----------
    grid
        From :func:`dxanalysis.share_scenario_grid`, which must have been given a target of ``target_value``.
    target_value
        The target share, e.g. 30.
    lang
        ``"en"`` or ``"vi"``.
    target_year
        The year the target is due (frames the cells that are on time).
    start, start_year
        The starting share and year of the grid, for the subtitle and the source note.
    until
        The last year the grid was computed for (``share_scenario_grid(until=...)``, 2050 by default), for the note
        on cells never reached.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import dxanalysis as dx
    >>> g = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.1, 0.2], whole_growth=[0.06, 0.07],
    ...                            targets={2030: 30})
    >>> fig = dx.plots.plot_scenario_heatmap(g, 30, target_year=2030, start=16.5, start_year=2023)
    >>> fig.axes[0].get_xlabel()
    'Nominal GDP growth (% a year)'
    """
    lang = check_lang(lang)
    column = f"reached_{float(target_value):g}"
    if not isinstance(grid, pd.DataFrame) or column not in grid.columns:
        have = [c.removeprefix("reached_") for c in getattr(grid, "columns", []) if str(c).startswith("reached_")]
        raise DxError(
            f"the grid has no column {column!r}: target_value={target_value!r} was not one of its targets; "
            f"accepted: {', '.join(have) or 'a grid from dx.share_scenario_grid(...)'}"
        )
    table = _years_reached(grid, column)
    years = table.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    implausible = _implausible_cells(grid, column, table)
    nrows, ncols = years.shape
    cmap, norm = _colour_scale(years, target_year)
    title = label("title_heatmap", lang, value=fmt_number(target_value, lang, decimals([target_value])))
    subtitle = _heatmap_subtitle(start, start_year, target_year, until, lang, bool(implausible.any()))
    with figure_style():
        fig, body = frame(
            max(1.0 * ncols + 3.6, 7.5), 0.5 * nrows + 3.2, title, subtitle, _scenario_notes(start, start_year, lang)
        )
        ax = body.subplots()
        mesh = ax.pcolormesh(
            np.arange(ncols + 1),
            np.arange(nrows + 1),
            np.ma.masked_invalid(years)[::-1],
            cmap=cmap,
            norm=norm,
            edgecolors="white",
            linewidth=1.5,
        )
        for i in range(nrows):
            for j in range(ncols):
                if implausible[i, j]:
                    ax.add_patch(
                        Rectangle(
                            (j, nrows - 1 - i), 1, 1, facecolor=_IMPLAUSIBLE, hatch="//", edgecolor="white", lw=1.5
                        )
                    )
                text, colour, bold = _cell_text(years[i, j], cmap, norm, target_year, lang, implausible[i, j])
                ax.text(
                    j + 0.5,
                    nrows - 1 - i + 0.5,
                    text,
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    color=colour,
                    fontweight="bold" if bold else "normal",
                )
        ax.set_xticks(np.arange(ncols) + 0.5, [_rate_label(g, table.columns, lang) for g in table.columns])
        ax.set_yticks(np.arange(nrows) + 0.5, [_rate_label(g, table.index, lang) for g in table.index[::-1]])
        ax.set_xlabel(label("whole_growth_axis", lang))
        ax.set_ylabel(label("part_growth_axis", lang))
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = body.colorbar(mesh, ax=ax, shrink=0.85, pad=0.02)
        bar.set_label(label("year_reached", lang))
        bar.set_ticks(_bar_ticks(norm))
        bar.ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: str(round(v))))
        bar.ax.minorticks_off()
        if target_year is not None:
            bar.ax.axhline(target_year + 0.5, color="black", linewidth=1.0)
    return fig


def _implausible_cells(grid: pd.DataFrame, column: str, table: pd.DataFrame) -> np.ndarray:
    """The cells never reached below the plausibility bound although the path reaches the bound by the grid's end:
    their target lies at or past 100% of GDP (a year there would show the impossible as reachable)."""
    if "implausible_from" not in grid.columns:
        return np.zeros(table.shape, dtype=bool)
    bound = grid.pivot_table(
        index="part_growth", columns="whole_growth", values="implausible_from", aggfunc="first", dropna=False
    ).reindex(index=table.index, columns=table.columns)
    return np.asarray(table.isna().to_numpy() & bound.notna().to_numpy(), dtype=bool)


def _years_reached(grid: pd.DataFrame, column: str) -> pd.DataFrame:
    """The first year the target is reached: the growth of the part down (fastest first), of the whole across."""
    table = grid.pivot_table(index="part_growth", columns="whole_growth", values=column, aggfunc="first", dropna=False)
    return table.reindex(
        index=sorted(grid["part_growth"].unique(), reverse=True), columns=sorted(grid["whole_growth"].unique())
    )


def _colour_scale(years: np.ndarray, target_year: int | None) -> tuple[Colormap, Normalize]:
    """The cells' colours, one band a year so that the colour bar's years are evenly spaced: with a deadline, blue
    bands up to it (darker the earlier) and red bands after it (darker the later); without one, by year."""
    finite = years[np.isfinite(years)]
    nothing = target_year if target_year is not None else 0  # no cell reached: a scale around the deadline
    first = int(finite.min()) if finite.size else nothing
    last = int(finite.max()) if finite.size else nothing + 1
    if target_year is not None:
        first, last = min(first, target_year), max(last, target_year + 1)
        diverging = plt.get_cmap("RdBu_r")
        n_early, n_late = target_year - first + 1, last - target_year
        early = diverging(np.linspace(0.06, 0.40, n_early) if n_early > 1 else [0.3])
        late = diverging(np.linspace(0.60, 0.94, n_late) if n_late > 1 else [0.7])
        cmap: Colormap = ListedColormap(np.vstack([early, late])).with_extremes(bad=_MISSING)
        return cmap, BoundaryNorm(np.arange(first - 0.5, last + 1.5), cmap.N)
    if last <= first:
        last = first + 1
    return plt.get_cmap("viridis_r").with_extremes(bad=_MISSING), Normalize(vmin=first - 0.5, vmax=last + 0.5)


def _bar_ticks(norm: Normalize) -> list[int]:
    """Evenly spaced years on the colour bar: every 1, 2, 5 or 10 years, at most eight ticks."""
    if isinstance(norm, BoundaryNorm):
        lo, hi = float(norm.boundaries[0]) + 0.5, float(norm.boundaries[-1]) - 0.5
    else:
        lo, hi = float(norm.vmin or 0) + 0.5, float(norm.vmax or 1) - 0.5
    step = next((s for s in (1, 2, 5, 10, 20) if (hi - lo) / s <= 7), 50)
    return [int(y) for y in np.arange(np.ceil(lo / step) * step, hi + 0.01, step)]


def _cell_text(
    value: float, cmap: Colormap, norm: Normalize, target_year: int | None, lang: str, implausible: bool = False
) -> tuple[str, str, bool]:
    """A cell's text, its colour (white on a dark cell) and whether it is bold (reached by the target year)."""
    if implausible:
        return label("implausible_cell", lang, bound=fmt_number(PLAUSIBLE_BOUND, lang, 0)), "0.15", False
    on_time = target_year is not None and np.isfinite(value) and value <= target_year
    if not np.isfinite(value):
        return label("not_reached", lang), "0.35", bool(on_time)
    r, g, b, _ = cmap(norm(np.array([value]))[0])
    return str(int(value)), "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else "black", bool(on_time)


def _heatmap_subtitle(
    start: float | None,
    start_year: int | None,
    target_year: int | None,
    until: int | None,
    lang: str,
    implausible: bool = False,
) -> str:
    """The starting share, which cells are bold, what a cell never reached means (and one reached only at 100%)."""
    parts = []
    if start is not None and start_year is not None:
        parts.append(
            label("subtitle_heatmap", lang, start=fmt_number(start, lang, decimals([start])), start_year=start_year)
        )
    if target_year is not None:
        parts.append(label("subtitle_heatmap_bold", lang, year=target_year))
    parts.append(label("not_reached_note", lang, until=until) if until is not None else label("not_reached_any", lang))
    if implausible:
        parts.append(label("implausible_cell_note", lang, bound=fmt_number(PLAUSIBLE_BOUND, lang, 0)))
    return "; ".join(parts)


def _rate_label(rate: Any, rates: Iterable[Any], lang: str) -> str:
    """A growth rate as a tick label in percent, with the decimals the whole axis needs: 0.067 -> ``6.7``."""
    return i18n.fmt_percent(float(rate), lang, _rate_digits(float(r) for r in rates)).removesuffix("%")


def _rate_digits(rates: Iterable[float]) -> int:
    """Decimals of a percentage that show every rate exactly (0.067 -> 6.7%: 1)."""
    for digits in range(3):
        if all(abs(round(100 * float(r), digits) - 100 * float(r)) < 1e-9 for r in rates):
            return digits
    return 2


def plot_scenario_lines(
    start: float,
    start_year: int,
    scenarios: Mapping[str, tuple[float, float]],
    until: int,
    targets: Mapping[int, float],
    lang: str = "en",
    *,
    history: pd.Series | None = None,
) -> Figure:
    """The share year by year under a few growth scenarios (nominal growth of both parts), against the targets.

    A path that reaches 100% of GDP (impossible) stops there, with a × and "100% of GDP in <year>: implausible
    beyond".

    Parameters
    ----------
    start, start_year
        The share at the start (16.5% of GDP in 2023, the ministry's estimate) and its year.
    scenarios
        Scenario name -> (growth of the part, growth of the whole), as fractions a year: ``{"8th session": (0.20,
        0.0667)}``. Names are printed as given (pass them in the figure's language).
    until
        The last year.
    targets
        Target year -> target share, e.g. ``{2025: 20, 2030: 30}``.
    lang
        ``"en"`` or ``"vi"``.
    history
        Published figures to draw as well (e.g. ``dx.series("digital_economy_share_gdp", source="mic",
        freq="year")``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import dxanalysis as dx
    >>> fig = dx.plots.plot_scenario_lines(16.5, 2023, {"8th session": (0.20, 0.20 / 3)}, 2030, {2025: 20, 2030: 30})
    >>> fig.axes[0].get_ylabel()
    'Share of GDP, both in current prices (%)'
    """
    lang = check_lang(lang)
    if not scenarios:
        raise DxError(
            "scenarios is empty; accepted: a mapping of name to (part growth, whole growth), e.g. {'a': (0.2, 0.067)}"
        )
    history_sources = (history.attrs.get("source") or {}).values() if history is not None else ()
    subtitle = label("subtitle_heatmap", lang, start=fmt_number(start, lang, decimals([start])), start_year=start_year)
    paths = {
        name: share_scenarios(start=start, start_year=start_year, part_growth=gp, whole_growth=gw, until=until)
        for name, (gp, gw) in scenarios.items()
    }
    bounded = any(implausible_from(path) is not None for path in paths.values())
    notes = _scenario_notes(start, start_year, lang, sources=history_sources, targets=targets, bounded=bounded)
    with figure_style():
        fig, body = frame(10.0, 5.8, label("title_scenarios", lang), subtitle, notes)
        ax = body.subplots()
        values: list[float] = [start, *targets.values()]
        handles: list[Any] = []
        for i, (name, (gp, gw)) in enumerate(scenarios.items()):
            colour = PALETTE[i % len(PALETTE)]
            _draw_scenario(ax, paths[name], colour, lang)
            growth = label(
                "scenario_growth", lang, part=i18n.fmt_percent(gp, lang, 1), whole=i18n.fmt_percent(gw, lang, 1)
            )
            text = f"{name}\n({growth})"
            bound_year = implausible_from(paths[name])
            if bound_year is not None:
                bound = float(paths[name].attrs.get("bound", PLAUSIBLE_BOUND))
                mark = label(
                    "scenario_bound_mark", lang, bound=fmt_number(bound, lang, decimals([bound])), year=bound_year
                )
                text += f"\n× {mark}"
            handles.append(Line2D([], [], color=colour, linewidth=2.0, label=wrap(text, 2.9, 8)))
            values += _shown(paths[name])["share"].tolist()
        if history is not None and len(history):
            values += _draw_history(ax, history)
            handles.append(Line2D([], [], color=HISTORY, marker="o", label=label("published_share", lang)))
        handles.append(_draw_target_marks(ax, targets, lang))
        ylo, yhi = limits(values, lower=0, upper=100, pad=0.08)
        ylo = max(ylo, 0)
        ax.set_ylim(ylo, yhi)
        if bounded:
            ax.axhline(PLAUSIBLE_BOUND, color="0.45", linestyle="--", linewidth=0.9, zorder=1)
        _draw_target_lines(ax, targets, ylo, yhi, lang)
        lo_year = min(
            [start_year] + ([int(str(k)[:4]) for k in history.index] if history is not None and len(history) else [])
        )
        year_axis(ax, lo_year - 0.2, until + 1.6, lang)
        value_axis(ax, lang, label("share_axis", lang))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, labelspacing=0.9)
    return fig


def _shown(path: pd.DataFrame) -> pd.DataFrame:
    """The years of a path that are drawn: up to the first year it reaches the plausibility bound."""
    bound_year = implausible_from(path)
    return path if bound_year is None else path[path["year"] <= bound_year]


def _draw_scenario(ax: Axes, path: pd.DataFrame, colour: str, lang: str) -> None:
    """One scenario's share, year by year, with its last value at the end of the line; a path that reaches the
    plausibility bound stops there with a × (its legend entry says the year)."""
    shown = _shown(path)
    ax.plot(shown["year"].to_numpy() + 0.5, shown["share"], color=colour, linewidth=2.0, marker="o", markersize=3)
    end = shown.iloc[-1]
    if implausible_from(path) is not None:
        ax.plot([end["year"] + 0.5], [end["share"]], marker="x", markersize=9, markeredgewidth=2.2, color=colour)
        return
    ax.annotate(
        fmt_number(end["share"], lang, 1),
        (end["year"] + 0.5, end["share"]),
        xytext=(5, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
        color=colour,
    )


def _draw_history(ax: Axes, history: pd.Series) -> list[float]:
    """The published figures, at their periods' middles; returns their values."""
    times = np.array([period_time(str(k), "period") for k in history.index])
    ax.plot(
        times,
        history.to_numpy(dtype=float),
        color=HISTORY,
        marker="o",
        linestyle="-",
        linewidth=1.2,
        markersize=5,
        zorder=5,
    )
    return [float(v) for v in history]


def _draw_target_marks(ax: Axes, targets: Mapping[int, float], lang: str) -> Line2D:
    """Each target as a star at its year and value; returns their legend entry."""
    for year, value in sorted(targets.items()):
        ax.scatter([year + 0.5], [value], marker="*", s=240, color=TARGET, edgecolor="black", linewidth=0.7, zorder=6)
    return Line2D(
        [],
        [],
        linestyle="none",
        marker="*",
        markersize=13,
        color=TARGET,
        markeredgecolor="black",
        label=label("target", lang),
    )


def _draw_target_lines(ax: Axes, targets: Mapping[int, float], ylo: float, yhi: float, lang: str) -> None:
    """Each target's label at the foot of a line down from it (once the y range is set); the label of a target
    less than eight years after the previous one sits a step higher, so that the two do not run into each other."""
    previous: tuple[int, int] | None = None  # (year, step) of the label before
    for year, value in sorted(targets.items()):
        step = 1 - previous[1] if previous is not None and year - previous[0] < 8 else 0
        previous = (year, step)
        ax.vlines(year + 0.5, ylo, value, colors=TARGET, linestyles=":", linewidth=1.0, zorder=1)
        ax.text(
            year + 0.5,
            ylo + (0.015 + 0.06 * step) * (yhi - ylo),
            label("target_line", lang, year=year, value=fmt_number(value, lang, decimals([value])) + "%"),
            ha="center",
            va="bottom",
            fontsize=8,
            color=TARGET,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
            zorder=7,
        )


def _scenario_notes(
    start: float | None,
    start_year: int | None,
    lang: str,
    *,
    sources: Iterable[Any] = (),
    targets: Mapping[int, float] | None = None,
    bounded: bool = False,
) -> list[str]:
    """The scenarios' formula (nominal rates) and starting figure, where a path stops when one does, then one source
    line: the publishers of the starting figure when it is a published figure (and of any figures drawn), and the
    documents that set targets of the same value."""
    first = label("scenario_note", lang)
    if bounded:
        first += "; " + label("scenario_bound_note", lang, bound=fmt_number(PLAUSIBLE_BOUND, lang, 0))
    ids = [str(s) for s in sources]
    if start is not None and start_year is not None:
        first += "; " + label("scenario_start", lang, value=fmt_number(start, lang, decimals([start])), year=start_year)
        ids += published_sources(SHARE_INDICATOR, start_year, start)
    documents = target_documents(SHARE_INDICATOR, targets) if targets else []
    notes = [first + "."]
    if ids or documents:
        notes.append(source_note(ids, lang, documents))
    return notes
