"""The trend models side by side: the history with each model's forecast and interval (:func:`plot_trends`).

What each panel draws (the fits, their projections and intervals, the shared y range) is computed first, by
:func:`_fits`, :func:`_projection` and :func:`_shared_ylim`; :func:`plot_trends` then only draws it.

The guardrails of issue 13 show: a history too short for a trend gets no line, only its figures and a message; an
interval that covers (nearly) the whole admissible range is hatched and named in the legend; a dotted line marks
where the horizon the calibration tested ends ("beyond the tested horizon"); and the labels placed on a panel ("reaches
100 in 2027") are moved off every line of the panel, checked against the lines' drawn paths.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation

from dxanalysis.analysis.models import CAVEATS, FIT_STATUSES, check_level
from dxanalysis.analysis.trends import MIN_POINTS, MODELS, TrendFit, default_model, fit_trend
from dxanalysis.data.periods import Timing, year_time
from dxanalysis.errors import DxError
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import (
    insufficient_text,
    limits,
    message,
    panel_title,
    soft_cap,
    source_note,
    value_axis,
    year_axis,
)
from dxanalysis.present.figures._catalogue import bounds_of, decimals, display_name, display_unit, timing_of
from dxanalysis.present.figures._clearance import place_clear
from dxanalysis.present.figures._layout import frame
from dxanalysis.present.figures._style import HISTORY, PALETTE, PROJECTION, figure_style
from dxanalysis.present.figures.interactive import (
    Chart,
    Trace,
    attach,
    figures_trace,
    projection_traces,
    year_labels,
)
from dxanalysis.present.i18n import check_lang, fmt_number, label
from dxanalysis.present.tables import figures_words

__all__ = ["plot_trends"]


@dataclass(frozen=True)
class _Projection:
    """What a panel draws past the last figure: the centre line and the interval, both from the last figure on."""

    forecast: pd.DataFrame  # the model's forecast, year by year (its ``at_bound`` marks where the range ends it)
    time: np.ndarray
    centre: np.ndarray
    lower: np.ndarray
    upper: np.ndarray

    @property
    def has_interval(self) -> bool:
        return bool(np.isfinite(self.lower[1:]).any())

    @property
    def uninformative(self) -> np.ndarray:
        """Where the interval covers (nearly) the whole admissible range (the last figure's point is not)."""
        flags = (self.forecast["caveat"] == CAVEATS.uninformative).to_numpy(dtype=bool)
        return np.concatenate([[False], flags])


def plot_trends(
    series: pd.Series,
    models: Sequence[str] | None = None,
    horizon: int = 5,
    level: float = 0.8,
    lang: str = "en",
    *,
    until: int | None = None,
) -> Figure:
    """The history with each trend model's forecast and interval: small multiples, one panel per model, shared y.

    Parameters
    ----------
    series
        The figures, as :func:`dxanalysis.series` returns them (its ``attrs`` name the indicator and the unit).
    models
        The models to show (``dx.MODELS``); ``None`` shows every model the series supports. A model the series
        cannot support is shown as a panel saying why.
    horizon
        Years to forecast after the last figure's year (ignored when ``until`` is given).
    level
        The probability of the (calibrated) prediction intervals.
    lang
        ``"en"`` or ``"vi"``.
    until
        The last year to forecast, instead of ``horizon``.

    Returns
    -------
    matplotlib.figure.Figure
        With one panel per model; with fewer than two figures, or too short a history for a trend (under three
        independent figures or two years: 5G coverage's three figures in six months), one panel with the history
        and a note saying so, and no line.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> s = dx.series("digital_economy_share_gdp", source="mic", freq="year")
    >>> fig = dx.plots.plot_trends(s, models=["linear", "drift_logit"], until=2030)
    >>> [ax.get_title() for ax in fig.axes]
    ['Linear trend', 'Random walk with drift (logit scale)']
    """
    lang = check_lang(lang)
    if not isinstance(series, pd.Series):
        raise DxError(f"plot_trends needs a pandas Series (dx.series(...)), not a {type(series).__name__}")
    level = check_level(level)
    attrs = series.attrs
    indicator = attrs.get("indicator") or (str(series.name) if series.name is not None else None)
    timing: Timing = "end" if attrs.get("timing", timing_of(indicator)) == "end" else "period"
    fits, fallback = _fits(series, models)
    first = fits[0]
    last_year = first.last_figure_year() if first.n else 0
    until_year = max(until if until is not None else last_year + horizon, last_year + 1)
    projections = [_projection(fit, until_year, level) for fit in fits]
    ylim = _shared_ylim(first, projections, *bounds_of(indicator))
    t_lo = float(first.times.min()) if first.n else float(until_year - 5)
    years = (math.floor(t_lo - 0.3), year_time(until_year, timing) + 0.4)
    level_text = i18n.fmt_percent(level, lang, 0)
    name = display_name(indicator, lang, fallback=str(series.name or ""))
    unit = display_unit(indicator, lang, attrs.get("unit"))
    n = len(fits)
    ncols = min(n, 3)
    nrows = math.ceil(n / ncols)
    with figure_style():
        fig, body = frame(
            max(4.2 * ncols + 0.6, 8.0),
            3.3 * nrows + 2.0,
            label("title_trends", lang, name=name, level=level_text),
            _subtitle(first, attrs, lang),
            [source_note((attrs.get("source") or {}).values(), lang)],
        )
        axes = np.atleast_1d(body.subplots(nrows, ncols, sharey=True, squeeze=False)).ravel()
        placed: list[tuple[Axes, Annotation]] = []
        for ax, fit, projection in zip(axes, fits, projections, strict=False):
            placed += _draw_panel(ax, fit, projection, lang, fallback=fallback)
        for ax in axes[n:]:
            ax.set_visible(False)
        stock, rank = timing == "end", attrs.get("unit") == "rank"
        _set_axes(list(axes[:n]), ncols, ylim, years, unit, lang, stock=stock, rank=rank)
        for ax, fit, projection in zip(axes, fits, projections, strict=False):
            if projection is not None:  # marked once the axes are set (a rank's is inverted)
                placed += _mark_tested_horizon(ax, fit, years, lang)
                placed += _mark_bound(ax, fit, projection.forecast, lang)
        body.legend(handles=_legend_handles(projections, level_text, lang), loc="outside upper center", ncols=3)
        if placed:
            _keep_off_lines(fig, placed, lang)
    subtitle = _subtitle(first, attrs, lang)
    chart = Chart(
        "trends",
        lang,
        fig.get_suptitle().replace("\n", " "),
        subtitle,
        axes[n - 1].get_xlabel() or axes[0].get_xlabel(),
        unit,
        fig.get_supxlabel().replace("\n", " "),
        years,
        ylim,
        year_labels(*years),
        tuple(_chart_traces(series, fits, projections, lang, unit)),
        reversed_y=axes[0].yaxis_inverted(),
        hint=label("interactive_hint", lang),
    )
    return attach(fig, chart)


def _chart_traces(
    series: pd.Series, fits: Sequence[TrendFit], projections: Sequence[_Projection | None], lang: str, unit: str
) -> list[Trace]:
    """The interactive chart's traces: the published figures (what each is, where it comes from), then each model's
    projection and interval, the first model shown and the others a click away in the legend."""
    first, attrs = fits[0], series.attrs
    rows = pd.DataFrame(
        {
            "period": list(first.labels),
            "value": list(first.values),
            **{k: [(attrs.get(k) or {}).get(p) for p in first.labels] for k in ("status", "source", "published")},
        }
    )
    digits = decimals(first.values) if first.n else 1
    traces = [figures_trace(label("history", lang), rows, first.times, HISTORY, lang, unit)]
    drawn = [f.model for f, p in zip(fits, projections, strict=True) if p is not None]
    default = default_model(attrs.get("unit"), attrs.get("lower"), attrs.get("upper"))
    for fit, p in zip(fits, projections, strict=True):
        if p is not None:  # the default model shown (or the first drawn), the others a click away
            periods = [str(first.labels[-1])] + [str(int(y)) for y in p.forecast["year"]]
            shown = fit.model == (default if default in drawn else drawn[0])
            colour = PALETTE[len({t.group for t in traces}) - 1]  # a colour per model
            name = i18n.model_name(fit.model, lang)
            traces += projection_traces(name, periods, p, digits, unit, lang, shown, colour)
    return traces


def _fits(series: pd.Series, models: Sequence[str] | None) -> tuple[list[TrendFit], bool]:
    """The fits to show, and whether they are the fallback: with ``models=None`` only the models the series supports;
    with none supported, the two-point change if there is one, else the history alone."""
    if models is not None:
        unknown = [m for m in models if m not in MODELS]
        if unknown:
            raise DxError(f"unknown model(s) {', '.join(map(repr, unknown))}; accepted: {', '.join(MODELS)}")
    fits: list[TrendFit] = []
    for model in models if models is not None else MODELS:
        try:
            fit = fit_trend(series, model)
        except DxError:
            continue
        if models is not None or fit.status == "ok":
            fits.append(fit)
    fallback = not fits
    if fallback:
        with suppress(DxError):
            fits.append(fit_trend(series, "linear"))  # its figures, and why there is no trend
    if not fits:
        raise DxError("the series has no figures to plot")
    return fits, fallback


def _projection(fit: TrendFit, until_year: int, level: float) -> _Projection | None:
    """A fit's forecast to ``until_year`` joined to its last figure (``None`` when the fit projects nothing: too few
    figures, or too short a history)."""
    if fit.status in (FIT_STATUSES.insufficient_data, FIT_STATUSES.too_short):
        return None
    # a model the calibration never measured (ETS) is drawn with its raw interval, and its panel says so
    fc = fit.forecast(until=until_year, level=level, calibrated=fit.calibrated_model)
    start = [fit.values[-1]]
    return _Projection(
        forecast=fc,
        time=np.concatenate([[fit.last_time], fc["time"].to_numpy()]),
        centre=np.concatenate([start, fc["forecast"].to_numpy()]),
        lower=np.concatenate([start, fc["lower"].to_numpy()]),
        upper=np.concatenate([start, fc["upper"].to_numpy()]),
    )


def _shared_ylim(
    first: TrendFit, projections: Sequence[_Projection | None], lower: float, upper: float
) -> tuple[float, float]:
    """The y range all panels share: the figures, the lines and the intervals, clipped to the indicator's range (or,
    for an unbounded indicator, to a soft cap so that an exploding interval does not flatten the figures)."""
    values: list[float] = list(first.values)
    for p in projections:
        if p is None:
            continue
        if p.has_interval:
            values += [float(x) for x in p.lower] + [float(x) for x in p.upper]
        values += [float(x) for x in p.centre]
    cap_hi = upper if math.isfinite(upper) else soft_cap(first.values)
    return limits([v for v in values if v <= cap_hi * 1.0000001 or not math.isfinite(cap_hi)], lower=lower, upper=upper)


def _subtitle(first: TrendFit, attrs: Mapping[Any, Any], lang: str) -> str:
    """The series, the place and the figures' span (or that there are none)."""
    geo = i18n.geo_name(str(attrs.get("geo") or "VN"), lang)
    if first.n == 0:
        return geo + ": " + label("no_figures", lang).lower()
    return label(
        "subtitle_trends" if first.n != 1 else "subtitle_trends_one",
        lang,
        series=i18n.series_name(str(attrs.get("series") or ""), lang, first.labels[-1] if first.labels else None)
        or "—",
        geo=geo,
        n=first.n,
        first=i18n.fmt_period(first.labels[0], lang) if first.labels else "—",
        last=i18n.fmt_period(first.labels[-1], lang) if first.labels else "—",
    )


def _draw_panel(
    ax: Axes, fit: TrendFit, projection: _Projection | None, lang: str, *, fallback: bool
) -> list[tuple[Axes, Annotation]]:
    """One model's panel: the history, then the projection and its interval, or a note saying why there is none;
    a logit model's plausible ceiling, where it is below the unit's bound, as a line with its value (the labels to
    keep off the lines are returned)."""
    ax.plot(fit.times, fit.values, color=HISTORY, marker="o", markersize=4, linewidth=1.4, zorder=3)
    if fallback and fit.status == FIT_STATUSES.insufficient_data:
        panel_title(ax, i18n.status_name("insufficient data", lang).capitalize())
    elif fallback and fit.status == FIT_STATUSES.too_short:
        panel_title(ax, i18n.status_name(fit.status, lang).capitalize())
    else:
        panel_title(ax, i18n.model_name(fit.model, lang))
    if projection is None:
        if fit.status == FIT_STATUSES.too_short:
            text = label(
                "too_short_fit",
                lang,
                n=fit.n,
                figures=figures_words(pd.Series(fit.values, index=fit.labels), lang),
                years=fmt_number(fit.span, lang, 1),
            )
        elif fit.n:
            text = insufficient_text(fit.n, MIN_POINTS.get(fit.model, 3), lang)
        else:
            text = label("no_figures", lang)
        message(ax, text, width_in=3.0)
        return []
    if projection.has_interval:
        ax.fill_between(
            projection.time, projection.lower, projection.upper, color=PROJECTION, alpha=0.18, linewidth=0, zorder=1
        )
        bad = projection.uninformative
        if bad.any():  # hatched where the interval says nothing: it covers (nearly) the whole range
            bad = bad | np.concatenate([bad[1:], [False]])  # from the year before, so one flagged year shows too
            ax.fill_between(
                projection.time,
                projection.lower,
                projection.upper,
                where=bad,
                facecolor="none",
                edgecolor=PROJECTION,
                hatch="////",
                linewidth=0,
                alpha=0.45,
                zorder=1,
            )
    ax.plot(projection.time, projection.centre, color=PROJECTION, linestyle="--", linewidth=1.6, zorder=2)
    if fit.status == "two_points":
        message(ax, label("two_points_note", lang), width_in=2.6, where=(0.97, 0.04))
    if not fit.calibrated_model:
        message(ax, label("caveat_uncalibrated", lang).capitalize(), width_in=2.6, where=(0.97, 0.04))
    ceiling = fit.params.get("ceiling", math.nan)
    if fit.working_scale.name != "logit" or not math.isfinite(ceiling) or ceiling >= fit.bounds[1]:
        return []
    ax.axhline(ceiling, color="0.45", linestyle="-.", linewidth=0.9, zorder=2)
    note = ax.annotate(
        label("ceiling_line", lang, value=fmt_number(ceiling, lang, 0)),
        (0.02, ceiling),
        xycoords=("axes fraction", "data"),
        xytext=(5, 4),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=7,
        color="0.35",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        zorder=5,
    )
    note.set_gid("ceiling")
    return [(ax, note)]


def _set_axes(
    axes: Sequence[Axes],
    ncols: int,
    ylim: tuple[float, float],
    years: tuple[float, float],
    unit: str,
    lang: str,
    *,
    stock: bool,
    rank: bool,
) -> None:
    """The panels' shared y range and their year axes; the unit on the first column only, the year on the last row."""
    n = len(axes)
    for i, ax in enumerate(axes):
        ax.set_ylim(*ylim)
        year_axis(ax, *years, lang, stock=stock, max_labels=6)
        if i % ncols != 0:
            ax.set_ylabel("")
        value_axis(ax, lang, unit if i % ncols == 0 else None, rank=rank)
        if i < n - ncols:
            ax.set_xlabel("")


def _legend_handles(projections: Sequence[_Projection | None], level_text: str, lang: str) -> list[Any]:
    """The history, and the projection and its interval where a panel draws them."""
    handles: list[Any] = [Line2D([], [], color=HISTORY, marker="o", markersize=4, label=label("history", lang))]
    if any(p is not None for p in projections):
        handles.append(Line2D([], [], color=PROJECTION, linestyle="--", label=label("projection", lang)))
    if any(p is not None and p.has_interval for p in projections):
        handles.append(Patch(facecolor=PROJECTION, alpha=0.18, label=label("interval", lang, level=level_text)))
    if any(p is not None and p.has_interval and p.uninformative.any() for p in projections):
        handles.append(
            Patch(
                facecolor="none",
                edgecolor=PROJECTION,
                hatch="////",
                alpha=0.45,
                label=label("uninformative_band", lang),
            )
        )
    return handles


def _mark_tested_horizon(
    ax: Axes, fit: TrendFit, years: tuple[float, float], lang: str
) -> list[tuple[Axes, Annotation]]:
    """A dotted line where the horizon the calibration tested ends (read from the shipped factors), and its words,
    when the panel's years reach past it: a projection beyond it carries no probability."""
    end = fit.last_time + fit.tested_horizon
    if not fit.calibrated_model or not (years[0] < end < years[1]):
        return []
    ax.axvline(end, color="0.45", linestyle=":", linewidth=1.0, zorder=2)
    note = ax.annotate(
        label("caveat_beyond_tested_horizon", lang),
        (end, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(3, -3),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=7,
        color="0.35",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        zorder=5,
    )
    note.set_gid("tested_horizon")
    return [(ax, note)]


def _mark_bound(ax: Axes, fit: TrendFit, forecast: pd.DataFrame, lang: str) -> list[tuple[Axes, Annotation]]:
    """Where a model's projection reaches the end of the indicator's range (a share at 100%, a rank at 1) and is held
    there, a hollow marker and the year it gets there, so a flat stretch of the line says why it is flat."""
    beyond = forecast[forecast["at_bound"].astype(bool)]
    if beyond.empty:
        return []
    first = beyond.iloc[0]
    value = float(first["forecast"])
    up = (value >= fit.bounds[1]) != ax.yaxis_inverted()  # the bound at the top of the panel (a rank's 1 is)
    ax.plot(
        [first["time"]],
        [value],
        marker="o",
        markersize=5,
        markerfacecolor="white",
        color=PROJECTION,
        zorder=4,
        clip_on=False,
    )
    note = ax.annotate(
        label("reaches_bound", lang, value=fmt_number(value, lang, 0), year=int(first["year"])),
        (first["time"], value),
        xytext=(-5, -4 if up else 4),
        textcoords="offset points",
        ha="right",
        va="top" if up else "bottom",
        fontsize=7.5,
        color=PROJECTION,
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        zorder=5,
    )
    note.set_gid("reaches_bound")
    return [(ax, note)]


#: Where a label may sit around its point (offsets in points, alignments), nearest first: beside the point, then
#: further out, so that a label finds a place off the lines even beside a steep projection.
_PLACES = sorted(
    (
        ((dx, dy), "right" if dx < 0 else "left", "top" if dy < 0 else "bottom")
        for dx in (-5, 5, -25, 25, -50, 50)
        for dy in (-4, 4, -16, 16, -30, 30, -45, 45)
    ),
    key=lambda place: abs(place[0][0]) + abs(place[0][1]),
)


def _keep_off_lines(fig: Figure, placed: Sequence[tuple[Axes, Annotation]], lang: str) -> None:
    """Move each label to the first place around its point where it hides no line or marker of its panel and stays
    inside the panel (review B14: "reaches 100 in 2027" sat on the projection line), as
    :func:`~dxanalysis.present.figures._clearance.place_clear` measures it (lines by their drawn paths, the label by its
    white box)."""
    for _, note in placed:
        note.set_in_layout(False)  # the panels' layout does not move with the labels, so one measuring holds
    engine = fig.get_layout_engine()
    if engine is not None:  # lay the panels out once and keep that layout: the labels' pixels are then final
        engine.execute(fig)
        fig.set_layout_engine("none")
    get_renderer = getattr(fig.canvas, "get_renderer", None)  # measured once (an Agg canvas has one), not per text
    renderer = get_renderer() if callable(get_renderer) else None
    for ax, note in placed:
        words = note.get_text()
        if note.get_gid() == "tested_horizon":  # on its dotted line: at the panel's top or bottom, either side
            x = note.xy[0]
            places = [(p, h, v, (x, 1.0 if v == "top" else 0.0)) for p, h, v in _VERTICAL]
        else:
            places = [(p, h, v, note.xy) for p, h, v in _PLACES]
        place_clear(ax, note, places, functools.partial(_put, words=words, lang=lang), renderer)


def _put(note: Any, place: tuple[Any, Any, Any, Any], words: str, lang: str) -> None:
    offset, ha, va, xy = place
    note.set_position(offset)
    note.xy = xy
    note.set_horizontalalignment(ha)
    note.set_verticalalignment(va)
    if note.get_gid() == "tested_horizon":  # left of its line, the words point past it
        note.set_text(words if ha == "left" else label("beyond_tested_left", lang))


#: The places of the tested horizon's words beside its dotted line.
_VERTICAL = [
    ((3, -3), "left", "top"),
    ((3, 3), "left", "bottom"),
    ((-3, -3), "right", "top"),
    ((-3, 3), "right", "bottom"),
]
