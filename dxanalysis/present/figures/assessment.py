"""An indicator against its target: the history, the projection and the required paths (:func:`plot_assessment`).

What the figure draws (the required paths, the projection with its interval, the values the y range must hold) is
computed first, by :func:`_required_paths` and :func:`_projection`; :func:`plot_assessment` then only draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from dxanalysis.analysis.assessment import TargetAssessment
from dxanalysis.data.periods import Timing, period_time, year_time
from dxanalysis.errors import DxError
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import limits, source_note, value_axis, year_axis
from dxanalysis.present.figures._catalogue import bounds_of, decimals, display_name, display_unit, is_rank
from dxanalysis.present.figures._layout import frame, wrap
from dxanalysis.present.figures._style import (
    FIXED,
    HISTORY,
    PROJECTION,
    REANCHORED,
    STATUS_COLOURS,
    figure_style,
)
from dxanalysis.present.i18n import check_lang, fmt_number, label
from dxanalysis.present.sentences import verdict_detail
from dxanalysis.present.verdict_tables import judgement_text

__all__ = ["plot_assessment"]


@dataclass(frozen=True)
class _Path:
    """A required path to the target, from its anchor figure (the baseline, or the latest figure)."""

    key: str  # its label
    colour: str
    style: Literal["--", ":"]
    time: np.ndarray
    value: np.ndarray

    @property
    def width(self) -> float:
        return 1.4 if self.style == "--" else 2.0


@dataclass(frozen=True)
class _Projection:
    """The default model's projection to the target year, from the last figure; its interval (clipped to the
    indicator's range) only where the model has one (not for a two-point change)."""

    time: np.ndarray
    centre: np.ndarray
    lower: np.ndarray | None
    upper: np.ndarray | None


def plot_assessment(assessment: TargetAssessment, lang: str = "en") -> Figure:
    """An indicator against its target: the history, the projection to the target year, and the required paths.

    Shows the figures, the default model's projection with its interval up to the target year, the target (a
    marker labelled with its value, year and document), the fixed required path (from the baseline, the last figure
    known when the target was adopted) and the re-anchored one (from the latest figure), with the status in the
    title. With too few figures for a trend, the figure says so instead of drawing a projection.

    Parameters
    ----------
    assessment
        From :func:`dxanalysis.assess_target`.
    lang
        ``"en"`` or ``"vi"``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", target_year=2025, judged_on="2026-12-03")
    >>> dx.plots.plot_assessment(a, lang="vi").get_suptitle()
    'Tỷ trọng kinh tế số trong GDP (Bộ KH&CN): không đạt'
    """
    lang = check_lang(lang)
    if not isinstance(assessment, TargetAssessment):
        raise DxError(
            f"plot_assessment needs a TargetAssessment (dx.assess_target(...)), not a {type(assessment).__name__}"
        )
    a = assessment
    fit = a.fit
    timing: Timing = "end" if fit.timing == "end" else "period"
    lower, upper = bounds_of(a.indicator)
    projection = _projection(a, timing, lower, upper)
    t_target = year_time(a.target_year, timing)
    level_text = i18n.fmt_percent(a.level, lang, 0)
    target_text = _target_text(a.target_value, a.comparator, a.target_year, lang, decimals([a.target_value]))
    document_name = i18n.document_name(a.document, lang)
    notes = [source_note(a.sources, lang, [document_name] if document_name else [])]
    status = i18n.status_name(a.status, lang)
    name = display_name(a.indicator, lang, fallback=a.indicator or "")
    if a.series:
        name += f" ({i18n.series_name(a.series, lang, a.latest_period)})"
    figures = (
        a.figures if len(a.figures) else pd.DataFrame({"time": fit.times, "value": fit.values, "period": fit.labels})
    )
    times, published = figures["time"].to_numpy(dtype=float), figures["value"].to_numpy(dtype=float)
    with figure_style():
        title = label("title_assessment", lang, name=name, status=status)
        fig, body = frame(10.0, 6.0, title, _subtitle(a, target_text, lang), notes)
        ax = body.subplots()
        values: list[float] = [*published, a.target_value]
        ax.plot(times, published, color=HISTORY, marker="o", markersize=5, linewidth=1.6, zorder=4)
        handles: list[Any] = [Line2D([], [], color=HISTORY, marker="o", markersize=5, label=label("history", lang))]
        handles += _draw_verdict_figures(ax, a, figures, lang)
        for path in _required_paths(a, timing):
            ax.plot(path.time, path.value, color=path.colour, linestyle=path.style, linewidth=path.width, zorder=2)
            handles.append(
                Line2D(
                    [], [], color=path.colour, linestyle=path.style, linewidth=path.width, label=label(path.key, lang)
                )
            )
        if projection is not None and projection.lower is not None and projection.upper is not None:
            ax.fill_between(
                projection.time, projection.lower, projection.upper, color=PROJECTION, alpha=0.18, linewidth=0, zorder=1
            )
            values += [float(x) for x in np.concatenate([projection.lower, projection.upper]) if np.isfinite(x)]
            key = "nowcast_line" if a.nowcast else "projection_line"
            projected = label(key, lang, model=i18n.model_name(fit.model, lang))
            handles.append(Line2D([], [], color=PROJECTION, linestyle="--", label=projected))
            handles.append(Patch(facecolor=PROJECTION, alpha=0.18, label=label("interval", lang, level=level_text)))
        if projection is not None:
            ax.plot(projection.time, projection.centre, color=PROJECTION, linestyle="--", linewidth=1.8, zorder=3)
            values += [float(x) for x in projection.centre if np.isfinite(x)]
        document = f" — {document_name}" if document_name else ""
        handles.append(_draw_target(ax, a, t_target, f"{target_text}{document} ({status})", lang))
        ylo, yhi = limits(values, lower=lower, upper=upper, pad=0.1)
        ax.set_ylim(ylo, yhi + 0.08 * (yhi - ylo))  # room for the target's label
        last = max(t_target, float(np.nanmax(times)) if len(times) else t_target)
        year_axis(ax, math.floor(float(np.nanmin(times)) - 0.3), last + 0.8, lang, stock=timing == "end")
        value_axis(ax, lang, display_unit(a.indicator, lang, fit.unit), rank=is_rank(a.indicator))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, labelspacing=0.8)
    return fig


def _draw_verdict_figures(ax: Axes, a: TargetAssessment, figures: pd.DataFrame, lang: str) -> list[Line2D]:
    """Rings, in the verdict's colour, round the figure a past target is judged by and the later figure that first
    met it; returns their legend entries."""
    colour = STATUS_COLOURS.get(a.status, "#333333")
    marked = []
    if a.basis is not None:
        marked.append((a.basis.period, label("basis_marker", lang, year=a.target_year)))
    if a.met_late is not None:
        marked.append((a.met_late[0], label("met_late_marker", lang, period=i18n.fmt_period(a.met_late[0], lang))))
    handles = []
    for i, (period, text) in enumerate(marked):
        hit = figures[figures["period"] == period]
        if hit.empty:
            continue
        edge = colour if i == 0 else STATUS_COLOURS["met"]
        ring = Line2D(
            hit["time"].to_numpy(dtype=float),
            hit["value"].to_numpy(dtype=float),
            linestyle="none",
            marker="o",
            markersize=13,
            markerfacecolor="none",
            markeredgecolor=edge,
            markeredgewidth=2.2,
            zorder=5,
            label=text,
        )
        ax.add_line(ring)
        handles.append(ring)
    return handles


def _target_text(value: float, comparator: str, year: int, lang: str, digits: int = 1) -> str:
    """ "at least 30 by 2030" in the language."""
    comp = label("at_least" if comparator == "at_least" else "at_most", lang)
    return label("target_text", lang, comparator=comp, value=fmt_number(value, lang, digits), year=year)


def _subtitle(a: TargetAssessment, target_text: str, lang: str) -> str:
    """The target and its document, then what the verdict rests on (:func:`verdict_detail`: the figure for the
    target year, the nowcast, the projection and its probability, or why there is none) and the date of judgement."""
    subtitle = label(
        "subtitle_assessment_target", lang, target=target_text, document=i18n.document_name(a.document, lang) or "—"
    )
    detail = verdict_detail(a, lang)
    when = judgement_text(a.judged_on, lang)
    return (
        subtitle + " " + label("subtitle_assessment_verdict", lang, detail=detail[:1].upper() + detail[1:], when=when)
    )


def _projection(a: TargetAssessment, timing: Timing, lower: float, upper: float) -> _Projection | None:
    """The projection (or, for a past year with no figure, the nowcast) to the target year; ``None`` for a past year
    judged by its figure, or where no honest projection exists."""
    fit = a.fit
    drawn = not a.period_over or a.nowcast  # a past year judged by its figure has nothing to project
    if not (drawn and a.years_left > 0 and fit.status == "ok" and math.isfinite(a.projected)):
        return None
    years = np.arange(fit.last_figure_year() + 1, a.target_year + 1)
    t = np.concatenate([[fit.last_time], [year_time(int(y), timing) for y in years]])
    pred = fit.predict(t, level=a.level)
    centre = pred["forecast"].to_numpy(dtype=float, copy=True)
    centre[0] = fit.values[-1]
    if fit.status != "ok":
        return _Projection(t, centre, None, None)
    lo_band = np.clip(pred["lower"].to_numpy(dtype=float), lower, upper)
    hi_band = np.clip(pred["upper"].to_numpy(), lower, upper)
    lo_band[0] = hi_band[0] = fit.values[-1]
    return _Projection(t, centre, lo_band, hi_band)


def _required_paths(a: TargetAssessment, timing: Timing) -> list[_Path]:
    """The fixed required path (from the baseline) and the re-anchored one (from the latest figure), where they have
    two points or more."""
    paths: list[_Path] = []
    anchors: list[tuple[str, tuple[str, float], str, Literal["--", ":"], str]] = [
        ("fixed_required", (a.baseline_period, a.baseline_value), FIXED, "--", "fixed_path"),
        ("reanchored_required", (a.latest_period, a.latest_value), REANCHORED, ":", "reanchored_path"),
    ]
    for column, start, colour, style, key in anchors:
        t, v = _required_path(a.paths, column, start, timing)
        if len(t) >= 2:
            paths.append(_Path(key, colour, style, t, v))
    return paths


def _required_path(
    paths: pd.DataFrame, column: str, start: tuple[str, float], timing: Timing
) -> tuple[np.ndarray, np.ndarray]:
    """A required path as times and values, starting from its anchor figure (the baseline or the latest figure)."""
    keep = paths[column].notna()
    t = paths.loc[keep, "time"].to_numpy(dtype=float)
    v = paths.loc[keep, column].to_numpy(dtype=float)
    if len(t) == 0:
        return t, v
    t0 = period_time(start[0], timing)
    if t0 < t[0] - 1e-9:
        t, v = np.concatenate([[t0], t]), np.concatenate([[float(start[1])], v])
    return t, v


def _draw_target(ax: Axes, a: TargetAssessment, t_target: float, text: str, lang: str) -> Line2D:
    """The target as a star in its status's colour, labelled with its value and year; returns its legend entry."""
    colour = STATUS_COLOURS.get(a.status, "#333333")
    ax.scatter(
        [t_target], [a.target_value], marker="*", s=280, color=colour, edgecolor="black", linewidth=0.8, zorder=6
    )
    ax.annotate(
        f"{i18n.fmt_compact(a.target_value, lang, decimals([a.target_value]), short_digits=1)} ({a.target_year})",
        (t_target, a.target_value),
        xytext=(0, 11),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=8.5,
        fontweight="bold",
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        zorder=7,
    )
    return Line2D(
        [],
        [],
        linestyle="none",
        marker="*",
        markersize=13,
        color=colour,
        markeredgecolor="black",
        label=wrap(f"{label('target', lang)}: {text}", 3.6, 8),
    )
