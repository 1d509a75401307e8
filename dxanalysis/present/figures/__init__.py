"""Figures of the indicators, their trends, their targets and the share scenarios, in English or Vietnamese.

Every function returns a :class:`matplotlib.figure.Figure` and labels everything: a title, axis labels with the
unit, a legend, and a source note at the bottom naming the publishers of the plotted figures. ``lang="vi"`` writes
every text in Vietnamese (with the decimal comma). The figures are not registered with pyplot: show one in Jupyter by
leaving it as a cell's last expression, or save it with ``fig.savefig(...)`` (or ``ReportOutput.figure``).

Time axis: each figure sits at its true date (:func:`dxanalysis.data.periods.period_time`): a stock (coverage, a count)
at the end of its period, a flow (a share of GDP) at its middle. Year labels sit in the middle of each year, the
grid lines on the year boundaries, so the 2023 figure of a stock is drawn on the line between 2023 and 2024.

This module imports matplotlib and seaborn; ``import dxanalysis`` does not import it (``dx.plots`` loads it on first
use).

>>> import dxanalysis as dx
>>> fig = dx.plots.plot_history("digital_economy_share_gdp", source="mic", lang="vi")
>>> fig.get_suptitle()
'Tỷ trọng kinh tế số trong GDP: mọi lần công bố số liệu'
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack, suppress
from typing import Any, Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath

from dxanalysis import data
from dxanalysis.analysis.assessment import TargetAssessment
from dxanalysis.analysis.scenarios import share_scenarios
from dxanalysis.analysis.trends import MIN_POINTS, MODELS, TrendFit, fit_trend
from dxanalysis.data.periods import Timing, period_time, year_time
from dxanalysis.errors import DxError, UnknownSeriesError
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_number, label

__all__ = [
    "STATUS_COLOURS",
    "plot_assessment",
    "plot_dashboard",
    "plot_history",
    "plot_scenario_heatmap",
    "plot_scenario_lines",
    "plot_scorecard",
    "plot_trends",
]

#: Colours of the assessment statuses (Okabe-Ito, readable with colour-vision deficiencies).
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#009E73",
    "on track": "#56B4E9",
    "off track": "#D55E00",
    "insufficient data": "#999999",
}
#: Marker of a figure by its status: actual figures filled, the others hollow.
STATUS_MARKERS: dict[str, str] = {"actual": "o", "estimate": "o", "provisional": "s", "projection": "^"}
_SERIES_ORDER = ("mic", "gso", "itu", "un", "mps", "user")
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
_HISTORY = "#222222"
_PROJECTION = "#0072B2"
_FIXED = "#666666"
_REANCHORED = "#CC79A7"
_RC: Any = {  # a plain dict: the rcParams stubs want literal keys
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib and has every Vietnamese letter
    "font.size": 9,
    "axes.titlesize": 9.5,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,  # a hyphen-minus, as the tables write it
    "text.parse_math": False,  # "$" in a name (current US$) is a dollar sign, never a formula that fails to parse
}
_TEXT_TO_PATH = TextToPath()
_TITLE_SIZE = 13.0
_NOTE_SIZE = 7.0
_LEGEND_SIZE = 8.0
_PT = 1 / 72  # inches in a point


# ----------------------------------------------------------------------------------------------------------------------
# Shared pieces: style, frame, axes, notes


def _style() -> ExitStack:
    import seaborn as sns  # type: ignore[import-untyped]

    stack = ExitStack()
    stack.enter_context(sns.axes_style("whitegrid"))
    stack.enter_context(plt.rc_context(_RC))
    return stack


def _wrap(text: str, width_in: float, size: float) -> str:
    """Wrap text to a width in inches at a font size in points, measuring the words in DejaVu Sans."""
    limit = width_in * 72.0 * 0.9  # rendering at a low resolution (hinting) widens text by a few percent
    space = _text_width(" ", size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            width = _text_width(word, size)
            if line and used + space + width > limit:
                lines.append(line)
                line, used = word, width
            else:
                line, used = (f"{line} {word}", used + space + width) if line else (word, width)
        lines.append(line)
    return "\n".join(lines)


@functools.lru_cache(maxsize=8192)
def _text_width(text: str, size: float) -> float:
    """The width of a word in points, in the figures' font (DejaVu Sans)."""
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(
        text, FontProperties(family="DejaVu Sans", size=size), ismath=False
    )
    return float(width)


def _frame(
    width: float, height: float, title: str, subtitle: str | None, notes: Sequence[str]
) -> tuple[Figure, SubFigure]:
    """A figure with its title, subtitle and notes placed by the layout engine, and the body to draw in.

    The title is the figure's suptitle, the notes its bottom label (both kept clear of the body by constrained
    layout); the subtitle is the suptitle of a subfigure, and the body a subfigure inside it, so a legend placed
    ``"outside upper center"`` in the body sits below the subtitle.
    """
    # Made through pyplot so that the backend is loaded (in Jupyter, the inline backend registers how figures
    # display), then closed at once: pyplot keeps no reference, and Jupyter shows the figure only when it is a
    # cell's value or passed to display().
    fig = plt.figure(figsize=(width, height), layout="constrained")
    plt.close(fig)
    fig.suptitle(_wrap(title, width - 0.3, _TITLE_SIZE), x=0.01, ha="left", fontsize=_TITLE_SIZE, fontweight="bold")
    note = "\n".join(_wrap(n, width - 0.2, _NOTE_SIZE) for n in notes if n)
    if note:
        fig.supxlabel(note, x=0.01, ha="left", fontsize=_NOTE_SIZE, color="0.35", multialignment="left")
    outer = _subfigures(fig, 1)[0]
    if subtitle:
        outer.suptitle(_wrap(subtitle, width - 0.3, 9.5), x=0.01, ha="left", fontsize=9.5, color="0.25")
    body = _subfigures(outer, 1)[0]
    return fig, body


def _subfigures(parent: Figure | SubFigure, n: int, **kwargs: Any) -> list[SubFigure]:
    """``n`` subfigures stacked vertically, always as a list."""
    made = parent.subfigures(n, 1, squeeze=False, **kwargs)
    return [sf for sf in np.ravel(made) if isinstance(sf, SubFigure)]


def _panel_title(ax: Axes, text: str, **style: Any) -> None:
    """A panel's title at the top of its axes. Placed there explicitly (``y=1``), not by matplotlib's automatic
    placement, which measures every tick label of the panel before each layout pass and each drawing to keep the
    title clear of tick labels on top: our panels have none, and the measuring was a third of a dashboard's cost."""
    ax.set_title(text, y=1.0, **style)


def _source_note(source_ids: Iterable[Any], lang: str, documents: Iterable[str] = ()) -> str:
    """ "Source: publisher; publisher; …" for the figures' source ids (and the documents that set the targets)."""
    publishers = data.load_sources().set_index("id")["publisher"]
    names: list[str] = []
    for sid in source_ids:
        if sid is None or (isinstance(sid, float) and math.isnan(sid)) or str(sid) in ("", "None", "nan"):
            continue
        name = str(publishers.get(sid, sid))
        if name not in names:
            names.append(name)
    docs = sorted({d for d in documents if d and d not in ("None", "nan")})
    if not names and not docs:
        return ""
    items = "; ".join(sorted(names, key=str.casefold)) or label("none", lang)
    if docs:
        items += "; " + label("source_targets", lang, items="; ".join(docs))
    return label("source", lang, items=items)


class _ValueFormatter(ticker.Formatter):
    """Tick labels in the language's number format, with as few decimals as the ticks need; millions shortened."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.digits = 0
        self.compact = False

    def set_locs(self, locs: Any) -> None:
        super().set_locs(locs)
        values = [float(v) for v in locs if np.isfinite(v)]
        self.compact = bool(values) and max(abs(v) for v in values) >= 1e6
        self.digits = 0
        for digits in range(4):
            if all(abs(round(v, digits) - v) < 1e-9 * max(1.0, abs(v)) for v in values):
                self.digits = digits
                break
        else:
            self.digits = 3

    def __call__(self, x: float, pos: int | None = None) -> str:
        if self.compact:
            return "0" if x == 0 else i18n.fmt_compact(x, self.lang, 1)
        return fmt_number(x, self.lang, self.digits)


def _value_axis(ax: Axes, lang: str, ylabel: str | None, *, rank: bool = False) -> None:
    ax.yaxis.set_major_formatter(_ValueFormatter(lang))
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if rank and not ax.yaxis_inverted():
        ax.invert_yaxis()  # a rank: 1 is best, so better is up


def _year_axis(ax: Axes, lo: float, hi: float, lang: str, *, stock: bool = False, max_labels: int = 10) -> None:
    """Years on the x axis: grid lines on the year boundaries, each year's label in its middle."""
    ax.set_xlim(lo, hi)
    first, last = math.floor(lo), math.ceil(hi)
    span = max(last - first, 1)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= max_labels), 100)
    years = [y for y in range(first, last + 1) if y % step == 0 and lo <= y + 0.5 <= hi]
    ax.xaxis.set_major_locator(ticker.FixedLocator([y + 0.5 for y in years]))
    ax.xaxis.set_major_formatter(ticker.FixedFormatter([str(y) for y in years]))
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    ax.tick_params(axis="x", which="major", length=0)
    ax.grid(False, axis="x")
    # the year boundaries as one collection in the grid's style: the same lines as tick grid lines, without a tick
    # object each (ticks are laid out again at every pass of the layout and every drawing)
    boundaries = [y for y in range(first, last + 1) if y % step == 0 and lo <= y <= hi]
    axisbelow = ax.get_axisbelow()
    grid = LineCollection(
        [[(y, 0.0), (y, 1.0)] for y in boundaries],
        transform=ax.get_xaxis_transform(),
        colors=plt.rcParams["grid.color"],
        linewidths=plt.rcParams["grid.linewidth"],
        linestyles=plt.rcParams["grid.linestyle"],
        alpha=plt.rcParams["grid.alpha"],
        zorder=0.5 if axisbelow is True else 1.5 if axisbelow == "line" else 2.5,
        gid="year-grid",
    )
    grid.set_in_layout(False)
    ax.add_collection(grid, autolim=False)
    ax.set_xlabel(label("year_stock" if stock else "year", lang))


def _meta(indicator: str | None) -> dict[str, Any]:
    """The catalogue row of an indicator (empty for an unknown one)."""
    if not indicator:
        return {}
    cat = data.indicators().set_index("id")
    return dict(cat.loc[indicator]) if indicator in cat.index else {}


def _name(indicator: str | None, lang: str, fallback: str = "") -> str:
    if indicator and _meta(indicator):
        return i18n.indicator_name(indicator, lang)
    return fallback or (indicator or "")


def _unit(indicator: str | None, lang: str, fallback: str | None = None) -> str:
    if indicator and _meta(indicator):
        return i18n.unit_label(indicator, lang)
    return fallback or ""


def _timing(indicator: str | None, fallback: str = "period") -> Timing:
    value = _meta(indicator).get("timing", fallback)
    return "end" if value == "end" else "period"


def _finite(x: Any) -> bool:
    try:
        return bool(np.isfinite(float(x)))
    except (TypeError, ValueError):
        return False


def _bounds(indicator: str | None) -> tuple[float, float]:
    meta = _meta(indicator)
    lo = float(meta.get("lower", math.nan)) if _finite(meta.get("lower")) else -math.inf
    hi = float(meta.get("upper", math.nan)) if _finite(meta.get("upper")) else math.inf
    return lo, hi


def _limits(
    values: Iterable[float],
    *,
    lower: float = -math.inf,
    upper: float = math.inf,
    pad: float = 0.08,
    min_share: float = 0.0,
) -> tuple[float, float]:
    """y limits around the values with a margin, never more than a margin past the indicator's bounds.

    The range spans at least ``min_share`` of the largest value (so a change of 0.2 points on 48% is not drawn as a
    cliff), and at least 20% of it when every value is the same.
    """
    v = np.array([x for x in values if _finite(x)], dtype=float)
    if v.size == 0:
        return (0.0, 1.0)
    v = np.clip(v, lower, upper)  # an interval past the bound says nothing the bound does not
    lo, hi = float(v.min()), float(v.max())
    top = max(abs(lo), abs(hi))
    floor = max(min_share * top, (0.2 * top if hi == lo else 0.0), 1e-9 if hi > lo else 1.0)
    if hi - lo < floor:
        mid = (lo + hi) / 2
        lo, hi = mid - floor / 2, mid + floor / 2
    span = hi - lo
    lo, hi = lo - pad * span, hi + pad * span
    if math.isfinite(lower):
        lo = max(lo, lower - 0.02 * span)
    if math.isfinite(upper):
        hi = min(hi, upper + 0.02 * span)
    return lo, hi


def _series_colour(series: str, known: Sequence[str]) -> str:
    order = [s for s in _SERIES_ORDER if s in known] + sorted(s for s in known if s not in _SERIES_ORDER)
    return _PALETTE[order.index(series) % len(_PALETTE)] if series in order else _PALETTE[0]


def _status_handles(statuses: Iterable[str], lang: str) -> list[Line2D]:
    handles = []
    for status in ("actual", "estimate", "provisional", "projection"):
        if status in set(statuses):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=STATUS_MARKERS[status],
                    markersize=6,
                    markeredgecolor="0.3",
                    markerfacecolor="0.3" if status == "actual" else "white",
                    label=label(f"figure_{status}", lang),
                )
            )
    return handles


def _message(ax: Axes, text: str, *, width_in: float = 3.5, where: tuple[float, float] | None = None) -> None:
    """A note in a box inside the axes: in the middle, or with its lower right corner at ``where`` (axes fraction)."""
    x, y = where if where is not None else (0.5, 0.5)
    ax.text(
        x,
        y,
        _wrap(text, width_in, 9),
        transform=ax.transAxes,
        ha="center" if where is None else "right",
        va="center" if where is None else "bottom",
        fontsize=9,
        color="0.25",
        bbox={"boxstyle": "round,pad=0.5", "facecolor": "#f3f3f3", "edgecolor": "0.8"},
    )


def _insufficient(n: int, k: int, lang: str) -> str:
    figures = ("figure" if n == 1 else "figures") if lang == "en" else "số liệu"
    return label("insufficient_fit", lang, n=n, figures=figures, k=k)


def _last_year(period: str, timing: Timing) -> int:
    """The last whole year a figure describes (as the assessment counts it)."""
    return math.floor(period_time(period, timing) - (1.0 if timing == "end" else 0.5) + 1e-9)


def _check_indicator(indicator: str) -> None:
    i18n.indicator_name(indicator)  # raises UnknownIndicatorError with close matches


# ----------------------------------------------------------------------------------------------------------------------
# History


def _scatter_by_status(ax: Any, frame: pd.DataFrame, colour: Any, *, faded: bool) -> None:
    """Figures as markers by status (filled for actual figures, hollow otherwise); faded for earlier releases."""
    for status, group in frame.groupby("status"):
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
    _check_indicator(indicator)
    timing = _timing(indicator)
    obs = data.load_observations(as_of=as_of, vintage="all")
    rows = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    if source is not None:
        available = sorted(rows["series"].unique())
        if source not in available:
            raise UnknownSeriesError(
                f"{indicator} has no series {source!r} for geo {geo!r}; accepted: {', '.join(available) or 'none'}"
            )
        rows = rows[rows["series"] == source]
    rows = rows.assign(
        time=rows["period"].map(lambda p: period_time(p, timing)),
        latest=~rows.duplicated(["series", "period"], keep="last"),
    )
    name = i18n.indicator_name(indicator, lang)
    unit = i18n.unit_label(indicator, lang)
    subtitle = label("subtitle_history", lang, geo=i18n.geo_name(geo, lang))
    if as_of is not None:
        subtitle += "; " + label("as_of", lang, date=str(as_of))
    notes = [_source_note(rows["source"], lang)]
    with _style():
        fig, body = _frame(9.5, 5.6, label("title_history", lang, name=name), subtitle, notes)
        ax = body.subplots()
        series_list = sorted(rows["series"].unique(), key=lambda s: (*_SERIES_ORDER, s).index(s))
        handles: list[Any] = []
        for series in series_list:
            colour = _series_colour(series, series_list)
            part = rows[rows["series"] == series]
            latest = part[part["latest"]].sort_values("time")
            earlier = part[~part["latest"]]
            ax.plot(latest["time"], latest["value"], color=colour, linewidth=1.8, zorder=2)
            _scatter_by_status(ax, latest, colour, faded=False)
            _scatter_by_status(ax, earlier, colour, faded=True)
            last = latest.iloc[-1]
            ax.annotate(
                f"{i18n.fmt_compact(last['value'], lang, _digits(part['value']), short_digits=1)} ({last['period']})",
                (last["time"], last["value"]),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=colour,
            )
            handles.append(
                Line2D([], [], color=colour, linewidth=1.8, marker="o", label=i18n.series_name(series, lang))
            )
        handles += _status_handles(rows["status"], lang)
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
            _message(ax, label("no_figures", lang))
            lo, hi = 2020.0, 2026.0
        else:
            lo = math.floor(float(rows["time"].min()) - 0.3)
            hi = float(rows["time"].max()) + max(1.2, 0.12 * (float(rows["time"].max()) - lo))
            ax.set_ylim(*_limits(rows["value"], lower=_bounds(indicator)[0], upper=_bounds(indicator)[1], pad=0.12))
        _year_axis(ax, lo, hi, lang, stock=timing == "end")
        _value_axis(ax, lang, unit, rank=_meta(indicator).get("unit") == "rank")
        if handles:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    return fig


def _digits(values: Iterable[float]) -> int:
    """Decimals to show for these values: as many as the figures carry, at most 2 (none for large counts)."""
    v = [float(x) for x in values if _finite(x)]
    if not v:
        return 1
    if max(abs(x) for x in v) >= 1000:
        return 0
    for d in range(3):
        if all(abs(round(x, d) - x) < 1e-9 for x in v):
            return d
    return 2


# ----------------------------------------------------------------------------------------------------------------------
# Trends


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
        With one panel per model; with fewer than two figures, one panel with the history and an "insufficient
        data" note.

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
    if not 0 < level < 1:
        raise DxError(f"level={level!r} is not a probability; accepted: a number strictly between 0 and 1, e.g. 0.8")
    if models is not None:
        unknown = [m for m in models if m not in MODELS]
        if unknown:
            raise DxError(f"unknown model(s) {', '.join(map(repr, unknown))}; accepted: {', '.join(MODELS)}")
    attrs = series.attrs
    indicator = attrs.get("indicator") or (str(series.name) if series.name is not None else None)
    timing: Timing = "end" if attrs.get("timing", _timing(indicator)) == "end" else "period"
    fits: list[TrendFit] = []
    for model in models if models is not None else MODELS:
        try:
            fit = fit_trend(series, model)
        except DxError:
            continue
        if models is not None or fit.status == "ok":
            fits.append(fit)
    fallback = not fits
    if fallback:  # nothing supported: the two-point change if there is one, else the history alone
        with suppress(DxError):
            fits.append(fit_trend(series, "linear"))
    if not fits:
        raise DxError("the series has no figures to plot")
    first = fits[0]
    name = _name(indicator, lang, fallback=str(series.name or ""))
    unit = _unit(indicator, lang, attrs.get("unit"))
    level_text = i18n.fmt_percent(level, lang, 0)
    info = (
        i18n.geo_name(str(attrs.get("geo") or "VN"), lang) + ": " + label("no_figures", lang).lower()
        if first.n == 0
        else label(
            "subtitle_trends" if first.n != 1 else "subtitle_trends_one",
            lang,
            series=i18n.series_name(str(attrs.get("series") or ""), lang) or "—",
            geo=i18n.geo_name(str(attrs.get("geo") or "VN"), lang),
            n=first.n,
            first=first.labels[0] if first.labels else "—",
            last=first.labels[-1] if first.labels else "—",
        )
    )
    sources = (attrs.get("source") or {}).values()
    n = len(fits)
    ncols = min(n, 3)
    nrows = math.ceil(n / ncols)
    last_year = first.last_figure_year() if first.n else 0
    until_year = max(until if until is not None else last_year + horizon, last_year + 1)
    lower, upper = _bounds(indicator)
    with _style():
        fig, body = _frame(
            max(4.2 * ncols + 0.6, 8.0),
            3.3 * nrows + 2.0,
            label("title_trends", lang, name=name, level=level_text),
            info,
            [_source_note(sources, lang)],
        )
        axes = np.atleast_1d(body.subplots(nrows, ncols, sharey=True, squeeze=False)).ravel()
        values: list[float] = list(first.values)
        t_lo = float(first.times.min()) if first.n else float(until_year - 5)
        t_hi = year_time(until_year, timing) + 0.4
        drew_interval = drew_line = False
        held: list[tuple[Axes, TrendFit, pd.DataFrame]] = []  # marked once the axes are set (a rank's is inverted)
        for ax, fit in zip(axes, fits, strict=False):
            ax.plot(fit.times, fit.values, color=_HISTORY, marker="o", markersize=4, linewidth=1.4, zorder=3)
            if fallback and fit.status == "insufficient_data":
                _panel_title(ax, i18n.status_name("insufficient data", lang).capitalize())
            else:
                _panel_title(ax, i18n.model_name(fit.model, lang))
            if fit.status == "insufficient_data":
                text = _insufficient(fit.n, MIN_POINTS.get(fit.model, 3), lang) if fit.n else label("no_figures", lang)
                _message(ax, text, width_in=3.0)
                continue
            fc = fit.forecast(until=until_year, level=level)
            t = np.concatenate([[fit.last_time], fc["time"].to_numpy()])
            centre = np.concatenate([[fit.values[-1]], fc["forecast"].to_numpy()])
            lo_band = np.concatenate([[fit.values[-1]], fc["lower"].to_numpy()])
            hi_band = np.concatenate([[fit.values[-1]], fc["upper"].to_numpy()])
            if np.isfinite(lo_band[1:]).any():
                ax.fill_between(t, lo_band, hi_band, color=_PROJECTION, alpha=0.18, linewidth=0, zorder=1)
                values += [float(x) for x in lo_band] + [float(x) for x in hi_band]
                drew_interval = True
            ax.plot(t, centre, color=_PROJECTION, linestyle="--", linewidth=1.6, zorder=2)
            held.append((ax, fit, fc))
            drew_line = True
            values += [float(x) for x in centre]
            if fit.status == "two_points":
                _message(ax, label("two_points_note", lang), width_in=2.6, where=(0.97, 0.04))
        for ax in axes[n:]:
            ax.set_visible(False)
        cap_hi = upper if math.isfinite(upper) else _soft_cap(first.values)
        ylim = _limits(
            [v for v in values if v <= cap_hi * 1.0000001 or not math.isfinite(cap_hi)], lower=lower, upper=upper
        )
        for i, ax in enumerate(axes[:n]):
            ax.set_ylim(*ylim)
            _year_axis(ax, math.floor(t_lo - 0.3), t_hi, lang, stock=timing == "end", max_labels=6)
            if i % ncols != 0:
                ax.set_ylabel("")
            _value_axis(ax, lang, unit if i % ncols == 0 else None, rank=attrs.get("unit") == "rank")
            if i < n - ncols:
                ax.set_xlabel("")
        for ax, fit, fc in held:
            _mark_bound(ax, fit, fc, lang)
        handles: list[Any] = [Line2D([], [], color=_HISTORY, marker="o", markersize=4, label=label("history", lang))]
        if drew_line:
            handles.append(Line2D([], [], color=_PROJECTION, linestyle="--", label=label("projection", lang)))
        if drew_interval:
            handles.append(Patch(facecolor=_PROJECTION, alpha=0.18, label=label("interval", lang, level=level_text)))
        body.legend(handles=handles, loc="outside upper center", ncols=3)
    return fig


def _mark_bound(ax: Axes, fit: TrendFit, forecast: pd.DataFrame, lang: str) -> None:
    """Where a model's projection reaches the end of the indicator's range (a share at 100%, a rank at 1) and is held
    there, a hollow marker and the year it gets there, so a flat stretch of the line says why it is flat."""
    beyond = forecast[forecast["at_bound"].astype(bool)]
    if beyond.empty:
        return
    first = beyond.iloc[0]
    value = float(first["forecast"])
    up = (value >= fit.bounds[1]) != ax.yaxis_inverted()  # the bound at the top of the panel (a rank's 1 is)
    ax.plot(
        [first["time"]],
        [value],
        marker="o",
        markersize=5,
        markerfacecolor="white",
        color=_PROJECTION,
        zorder=4,
        clip_on=False,
    )
    ax.annotate(
        label("reaches_bound", lang, value=fmt_number(value, lang, 0), year=int(first["year"])),
        (first["time"], value),
        xytext=(-5, -4 if up else 4),
        textcoords="offset points",
        ha="right",
        va="top" if up else "bottom",
        fontsize=7.5,
        color=_PROJECTION,
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        zorder=5,
    )


def _soft_cap(values: np.ndarray) -> float:
    """An upper limit for unbounded indicators, so an exploding interval does not flatten the figures."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return math.inf
    top, span = float(v.max()), float(v.max() - v.min())
    return top + max(2.0 * span, 0.5 * abs(top), 1.0)


# ----------------------------------------------------------------------------------------------------------------------
# Assessment against a target


def _target_text(value: float, comparator: str, year: int, lang: str, digits: int = 1) -> str:
    comp = label("at_least" if comparator == "at_least" else "at_most", lang)
    return label("target_text", lang, comparator=comp, value=fmt_number(value, lang, digits), year=year)


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
    >>> a = dx.assess_target("digital_economy_share_gdp", target_year=2030)
    >>> dx.plots.plot_assessment(a, lang="vi").get_suptitle()
    'Tỷ trọng kinh tế số trong GDP: đúng tiến độ'
    """
    lang = check_lang(lang)
    if not isinstance(assessment, TargetAssessment):
        raise DxError(
            f"plot_assessment needs a TargetAssessment (dx.assess_target(...)), not a {type(assessment).__name__}"
        )
    a = assessment
    fit = a.fit
    indicator = a.indicator
    timing: Timing = "end" if fit.timing == "end" else "period"
    name = _name(indicator, lang, fallback=indicator or "")
    unit = _unit(indicator, lang, fit.unit)
    t_target = year_time(a.target_year, timing)
    level_text = i18n.fmt_percent(a.level, lang, 0)
    target_text = _target_text(a.target_value, a.comparator, a.target_year, lang, _digits([a.target_value]))
    projecting = a.years_left > 0 and fit.status in ("ok", "two_points") and fit.n > 0
    with_interval = projecting and fit.status == "ok"
    subtitle = label("subtitle_assessment_target", lang, target=target_text, document=a.document or "—")
    if a.years_left <= 0:
        subtitle += " " + label("target_passed", lang) + "."
    elif not with_interval:
        subtitle += " " + _insufficient(fit.n, MIN_POINTS.get(a.model, 3), lang) + "."
    if with_interval:
        model = i18n.model_name(a.model, lang)
        subtitle += " " + label(
            "subtitle_assessment_projection",
            lang,
            model=model[0].lower() + model[1:] if lang == "en" else model.lower(),
            level=level_text,
            prob=i18n.fmt_percent(a.probability_met, lang, 0),
        )
    notes = [_source_note(_assessment_sources(a), lang, [a.document] if a.document else [])]
    status = i18n.status_name(a.status, lang)
    with _style():
        fig, body = _frame(10.0, 6.0, label("title_assessment", lang, name=name, status=status), subtitle, notes)
        ax = body.subplots()
        values: list[float] = [*fit.values, a.target_value]
        handles: list[Any] = []
        ax.plot(fit.times, fit.values, color=_HISTORY, marker="o", markersize=5, linewidth=1.6, zorder=4)
        handles.append(Line2D([], [], color=_HISTORY, marker="o", markersize=5, label=label("history", lang)))
        paths: list[tuple[str, tuple[str, float], str, Literal["--", ":"], str]] = [
            ("fixed_required", (a.baseline_period, a.baseline_value), _FIXED, "--", "fixed_path"),
            ("reanchored_required", (a.latest_period, a.latest_value), _REANCHORED, ":", "reanchored_path"),
        ]
        for column, start, colour, style, key in paths:
            t_path, v_path = _required_path(a.paths, column, start, timing)
            if len(t_path) >= 2:
                ax.plot(
                    t_path, v_path, color=colour, linestyle=style, linewidth=1.4 if style == "--" else 2.0, zorder=2
                )
                handles.append(
                    Line2D(
                        [],
                        [],
                        color=colour,
                        linestyle=style,
                        linewidth=1.4 if style == "--" else 2.0,
                        label=label(key, lang),
                    )
                )
        if projecting:
            years = np.arange(fit.last_figure_year() + 1, a.target_year + 1)
            t = np.concatenate([[fit.last_time], [year_time(int(y), timing) for y in years]])
            pred = fit.predict(t, level=a.level)
            lower, upper = _bounds(indicator)
            centre = pred["forecast"].to_numpy(dtype=float, copy=True)
            if with_interval:
                lo_band = np.clip(pred["lower"].to_numpy(dtype=float), lower, upper)
                hi_band = np.clip(pred["upper"].to_numpy(), lower, upper)
                lo_band[0] = hi_band[0] = fit.values[-1]
                ax.fill_between(t, lo_band, hi_band, color=_PROJECTION, alpha=0.18, linewidth=0, zorder=1)
                values += [float(x) for x in np.concatenate([lo_band, hi_band]) if np.isfinite(x)]
                projection = f"{label('projection', lang)}: {i18n.model_name(fit.model, lang)}"
                handles.append(Line2D([], [], color=_PROJECTION, linestyle="--", label=projection))
                handles.append(
                    Patch(facecolor=_PROJECTION, alpha=0.18, label=label("interval", lang, level=level_text))
                )
            else:
                handles.append(Line2D([], [], color=_PROJECTION, linestyle="--", label=label("two_point_line", lang)))
            centre[0] = fit.values[-1]
            ax.plot(t, centre, color=_PROJECTION, linestyle="--", linewidth=1.8, zorder=3)
            values += [float(x) for x in centre if np.isfinite(x)]
        colour = STATUS_COLOURS.get(a.status, "#333333")
        ax.scatter(
            [t_target], [a.target_value], marker="*", s=280, color=colour, edgecolor="black", linewidth=0.8, zorder=6
        )
        document = f" — {a.document}" if a.document else ""
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="*",
                markersize=13,
                color=colour,
                markeredgecolor="black",
                label=_wrap(f"{label('target', lang)}: {target_text}{document} ({status})", 3.6, 8),
            )
        )
        ax.annotate(
            f"{i18n.fmt_compact(a.target_value, lang, _digits([a.target_value]), short_digits=1)} ({a.target_year})",
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
        lo_t = float(fit.times.min())
        lower, upper = _bounds(indicator)
        ylo, yhi = _limits(values, lower=lower, upper=upper, pad=0.1)
        ax.set_ylim(ylo, yhi + 0.08 * (yhi - ylo))  # room for the target's label
        _year_axis(ax, math.floor(lo_t - 0.3), t_target + 0.8, lang, stock=timing == "end")
        _value_axis(ax, lang, unit, rank=_meta(indicator).get("unit") == "rank")
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, labelspacing=0.8)
    return fig


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


def _assessment_sources(a: TargetAssessment) -> list[str]:
    """The sources of the figures an assessment used (every release with the same period and value)."""
    if not a.indicator:
        return []
    obs = data.load_observations(vintage="all")
    rows = obs[(obs["indicator"] == a.indicator) & (obs["geo"] == a.geo)]
    if a.series:
        rows = rows[rows["series"] == a.series]
    used = set(zip(a.fit.labels, np.round(a.fit.values, 9), strict=True))
    keep = [(p, round(float(v), 9)) in used for p, v in zip(rows["period"], rows["value"], strict=True)]
    return [str(s) for s in rows.loc[keep, "source"]]


# ----------------------------------------------------------------------------------------------------------------------
# Dashboard


def _dashboard_target(
    indicator: str, targets: pd.DataFrame, figures: pd.DataFrame, timing: Timing
) -> tuple[int, float] | None:
    """The target a dashboard panel shows: the first target year after the latest figure (of the target's series),
    else the last one; of several documents for that year, the most demanding."""
    rows = targets[targets["indicator"] == indicator]
    if rows.empty or figures.empty:
        return None
    series = next((s for s in rows["series"] if s), "")
    own = figures[figures["series"] == series] if series and (figures["series"] == series).any() else figures
    last = max(_last_year(p, timing) for p in own["period"])
    later = rows[rows["year"] > last]
    year = int(later["year"].min()) if not later.empty else int(rows["year"].max())
    chosen = rows[rows["year"] == year]
    at_least = chosen.iloc[0]["comparator"] == "at_least"
    return year, float(chosen["value"].max() if at_least else chosen["value"].min())


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
    from dxanalysis.data.schemas import PILLARS

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
    when = label("as_of", lang, date=str(as_of)) if as_of is not None else label("latest_data", lang)
    all_series = sorted(obs.loc[obs["indicator"].isin([i for _, ids in groups for i in ids]), "series"].unique())
    notes = [_source_note(obs.loc[obs["indicator"].isin([i for _, ids in groups for i in ids]), "source"], lang)]
    handles: list[Any] = [
        Line2D([], [], color=_series_colour(s, all_series), marker="o", markersize=4, label=i18n.series_name(s, lang))
        for s in sorted(all_series, key=lambda s: (*_SERIES_ORDER, s).index(s))
    ]
    handles.append(Line2D([], [], color="#B22222", linestyle="--", label=label("target", lang)))
    titles = {i: _wrap(i18n.indicator_name(i, lang), 3.4, 9) for _, ids in groups for i in ids}
    with _style():
        grid = _DashboardGrid(
            ncols,
            label("title_dashboard", lang),
            label("subtitle_dashboard", lang, when=when),
            notes[0],
            [h.get_label() for h in handles] if groups else [],
            [(i18n.pillar_name(p, lang), [titles[i] for i in ids]) for p, ids in groups],
        )
        fig = grid.figure
        if not groups:
            ax = grid.body()
            _message(ax, label("no_figures", lang))
            ax.set_xlabel(label("year", lang))
            ax.set_ylabel("—")
            return fig
        panels = grid.panels()
        for ax, indicator in zip(panels, [i for _, ids in groups for i in ids], strict=True):
            _dashboard_panel(ax, indicator, obs[obs["indicator"] == indicator], targets, lang, all_series)
            _panel_title(ax, titles[indicator], fontsize=8.5)
        grid.align(panels)
        fig.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, grid.legend_top),
            ncols=grid.legend_columns,
            fontsize=_LEGEND_SIZE,
        )
    return fig


class _DashboardGrid:
    """The dashboard's layout, solved from the sizes of its texts instead of by constrained layout.

    A dashboard has a dozen or more panels; constrained layout would measure every panel's decorations twice before
    the figure is drawn, and that was half the cost of the figure. Here every height comes from the number of lines
    of the (already wrapped) texts at their font sizes, and the room left of the panels from the widest tick label
    actually shown; ``tests/test_plots.py`` checks that no text overlaps another or a panel, in both languages.
    """

    MARGIN = 0.15  # inches around everything
    CELL_GAP = 0.3  # inches between a panel and the next one's decorations
    AXES_HEIGHT = 1.95
    BELOW = (3.5 + 8 * 1.2 + 4 + 7.5 * 1.2 + 4) * _PT  # tick pad, tick labels, label pad, the "Year" label, a gap

    def __init__(
        self,
        ncols: int,
        title: str,
        subtitle: str,
        note: str,
        legend_labels: Sequence[str],
        groups: Sequence[tuple[str, Sequence[str]]],
    ) -> None:
        self.ncols = ncols
        width = 4.0 * ncols
        inner = width - 2 * self.MARGIN
        title = _wrap(title, inner, _TITLE_SIZE)
        subtitle = _wrap(subtitle, inner, 9.5)
        note = _wrap(note, inner, _NOTE_SIZE)
        self.legend_columns = _legend_columns(legend_labels, inner, _LEGEND_SIZE) if legend_labels else 1
        legend_rows = math.ceil(len(legend_labels) / self.legend_columns) if legend_labels else 0
        # (top, text) of each heading, and (top, bottom, column) of each panel, in inches from the top
        y = self.MARGIN
        self._texts: list[tuple[float, str, dict[str, Any]]] = [
            (y, title, {"fontsize": _TITLE_SIZE, "fontweight": "bold"})
        ]
        y += _text_height(title, _TITLE_SIZE) + 0.08
        self._texts.append((y, subtitle, {"fontsize": 9.5, "color": "0.25"}))
        y += _text_height(subtitle, 9.5) + 0.1
        self._legend_top = y
        y += _legend_height(legend_rows, _LEGEND_SIZE) + 0.1
        self._cells: list[tuple[float, float, int]] = []
        for heading, panel_titles in groups:
            heading = _wrap(heading, inner, 11)
            y += 0.12
            self._texts.append((y, heading, {"fontsize": 11, "fontweight": "bold", "color": "0.15"}))
            y += _text_height(heading, 11) + 0.08
            for first in range(0, len(panel_titles), ncols):
                row = panel_titles[first : first + ncols]
                y += max(_text_height(t, 8.5) for t in row) + (6 + 3) * _PT  # the title, its pad, a gap
                self._cells += [(y, y + self.AXES_HEIGHT, col) for col in range(len(row))]
                y += self.AXES_HEIGHT + self.BELOW
        if not groups:
            self._cells.append((y + 0.2, y + 0.2 + 3.0, 0))
            y += 3.2 + self.BELOW
        self._note_top = y + 0.1
        height = self._note_top + _text_height(note, _NOTE_SIZE) + self.MARGIN
        self.size = (width, height)
        self.figure = plt.figure(figsize=self.size)  # through pyplot, for Jupyter's backend (as in _frame)
        plt.close(self.figure)
        # matplotlib's mark of a figure laid out already: saved as placed, never cropped by a tight bounding box
        self.figure.set_layout_engine(PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=True))
        fig = self.figure
        fig.suptitle(title, x=self.MARGIN / width, y=1 - self.MARGIN / height, ha="left", va="top", **self._texts[0][2])
        for top, text, style in self._texts[1:]:
            fig.text(self.MARGIN / width, 1 - top / height, text, ha="left", va="top", **style)
        if note:
            fig.supxlabel(
                note,
                x=self.MARGIN / width,
                y=self.MARGIN / height,
                ha="left",
                va="bottom",
                fontsize=_NOTE_SIZE,
                color="0.35",
                multialignment="left",
            )

    @property
    def legend_top(self) -> float:
        """Where the legend's top goes, as a fraction of the figure's height."""
        return 1 - self._legend_top / self.size[1]

    def _rect(self, top: float, bottom: float, col: int, left: float, ncols: int) -> tuple[float, float, float, float]:
        width, height = self.size
        cell = (width - 2 * self.MARGIN) / ncols
        x0 = self.MARGIN + col * cell + left
        return (x0 / width, 1 - bottom / height, (cell - left - self.CELL_GAP) / width, (bottom - top) / height)

    def body(self) -> Axes:
        """One axes over the whole body (for a message when there is nothing to show)."""
        top, bottom, _ = self._cells[0]
        return self.figure.add_axes(self._rect(top, bottom, 0, 0.8, 1))

    def panels(self) -> list[Axes]:
        """The panels' axes, row by row (placed with room for the usual decorations until :meth:`align`)."""
        return [self.figure.add_axes(self._rect(t, b, c, 0.75, self.ncols)) for t, b, c in self._cells]

    def align(self, panels: Sequence[Axes]) -> None:
        """Give every panel the same room on its left: enough for the widest tick labels and axis label drawn."""
        room = 0.0
        for ax in panels:
            lo, hi = sorted(ax.get_ylim())
            locs = [v for v in ax.yaxis.get_major_locator()() if lo - 1e-9 <= v <= hi + 1e-9]
            formatter = ax.yaxis.get_major_formatter()
            formatter.set_locs(locs)
            ticks = max((_text_width(formatter(v), 8) for v in locs), default=0.0) * _PT
            ylabel = ax.get_ylabel()
            lines = ylabel.count("\n") + 1 if ylabel else 0
            room = max(room, ticks + (3.5 + 4 + lines * 7.5 * 1.2 + 2) * _PT)
        for ax, (top, bottom, col) in zip(panels, self._cells, strict=True):
            ax.set_position(self._rect(top, bottom, col, room, self.ncols))


def _text_height(text: str, size: float) -> float:
    """The height in inches of (wrapped) text at a font size: its lines at matplotlib's line spacing of 1.2."""
    return (text.count("\n") + 1) * size * 1.2 * _PT if text else 0.0


def _legend_columns(labels: Sequence[str], width_in: float, size: float) -> int:
    """How many legend entries fit side by side in a width (entries are aligned in columns, as matplotlib does)."""
    widths = [(_text_width(t, size) + (2.0 + 0.8 + 2.0) * size) * _PT for t in labels]  # handle, pad, spacing
    for n in range(len(labels), 1, -1):
        columns = [max(widths[i::n]) for i in range(n)]
        if sum(columns) <= width_in:
            return n
    return 1


def _legend_height(rows: int, size: float) -> float:
    """The height in inches of a legend of ``rows`` rows (text lines, the space between them, the border pad)."""
    return (rows * size * 1.2 + max(rows - 1, 0) * 0.5 * size + 2 * 0.4 * size) * _PT if rows else 0.0


def _dashboard_panel(
    ax: Axes, indicator: str, figures: pd.DataFrame, targets: pd.DataFrame, lang: str, all_series: Sequence[str]
) -> None:
    timing = _timing(indicator)
    figures = figures.assign(time=figures["period"].map(lambda p: period_time(p, timing))).sort_values("time")
    digits = min(_digits(figures["value"]), 1)
    values = list(figures["value"])
    for series, part in figures.groupby("series", sort=True):
        colour = _series_colour(str(series), all_series)
        ax.plot(part["time"], part["value"], color=colour, marker="o", markersize=3.5, linewidth=1.4)
        last = part.iloc[-1]
        ax.annotate(
            f"{i18n.fmt_compact(last['value'], lang, digits, short_digits=1)}\n({last['period']})",
            (last["time"], last["value"]),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            color=colour,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            zorder=5,
        )
    target = _dashboard_target(indicator, targets, figures, timing)
    if target is not None:
        year, value = target
        ax.axhline(value, color="#B22222", linestyle="--", linewidth=1.1)
        ax.annotate(
            label(
                "target_line",
                lang,
                year=year,
                value=i18n.fmt_compact(value, lang, min(_digits([value]), 1), short_digits=1),
            ),
            (0.01, value),
            xycoords=("axes fraction", "data"),
            xytext=(0, 2),
            textcoords="offset points",
            fontsize=7,
            color="#B22222",
            va="bottom",
        )
        values.append(value)
    lower, upper = _bounds(indicator)
    ylo, yhi = _limits(values, lower=lower, upper=upper, pad=0.12, min_share=0.1)
    ax.set_ylim(ylo, yhi + 0.1 * (yhi - ylo))
    lo, hi = float(figures["time"].min()), float(figures["time"].max())
    width = max(hi - lo, 1.0)
    _year_axis(ax, math.floor(lo - 0.3), hi + max(0.35 * width, 1.0), lang, stock=False, max_labels=4)
    ax.set_xlabel(label("year", lang), fontsize=7.5)
    _value_axis(ax, lang, None, rank=_meta(indicator).get("unit") == "rank")
    ax.set_ylabel(_wrap(i18n.unit_label(indicator, lang), 1.9, 7.5), fontsize=7.5)


# ----------------------------------------------------------------------------------------------------------------------
# Scorecard


def plot_scorecard(card: pd.DataFrame, lang: str = "en", *, cap: float = 1.2) -> Figure:
    """Every indicator with a target on one progress scale, coloured by status, grouped by pillar.

    Each bar is the latest figure as a share of the target (for an "at most" target such as a rank, target ÷
    latest), capped at ``cap`` (120%): 100% is the target. Beside each bar: the latest figure, its period, and the
    target and its year. Indicators without figures are listed with no bar.

    Parameters
    ----------
    card
        From :func:`dxanalysis.scorecard`.
    lang
        ``"en"`` or ``"vi"``.
    cap
        The progress shown at most (1.2 is 120% of the target).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import dxanalysis as dx
    >>> fig = dx.plots.plot_scorecard(dx.scorecard())
    >>> fig.axes[0].get_xlabel()
    'Latest figure as a share of the target (%)'
    """
    from dxanalysis.data.schemas import PILLARS

    lang = check_lang(lang)
    needed = {"pillar", "indicator", "latest", "target", "target_year", "comparator", "status"}
    if not isinstance(card, pd.DataFrame) or not needed <= set(card.columns):
        raise DxError(f"plot_scorecard needs the frame of dx.scorecard(), with columns {', '.join(sorted(needed))}")
    frame = card.copy()
    frame["progress"] = [_progress(r["latest"], r["target"], r["comparator"]) for _, r in frame.iterrows()]
    order = list(PILLARS)
    frame["_pillar_order"] = frame["pillar"].map(lambda p: order.index(p) if p in order else len(order))
    frame = frame.sort_values(["_pillar_order", "progress"], ascending=[True, False], na_position="last")
    items: list[tuple[str, Any]] = []
    for _order, group in frame.groupby("_pillar_order", sort=True):
        items.append(("pillar", str(group.iloc[0]["pillar"])))
        items += [("row", row) for _, row in group.iterrows()]
    sources = frame["document"].dropna().astype(str).tolist() if "document" in frame.columns else []
    note = _source_note(_scorecard_sources(frame), lang, sources)
    height = 0.36 * len(items) + 2.6
    with _style():
        fig, body = _frame(
            11.0,
            height,
            label("title_scorecard", lang),
            label("subtitle_scorecard", lang, cap=i18n.fmt_percent(cap, lang, 0)),
            [note],
        )
        ax = body.subplots()
        y = np.arange(len(items))[::-1]
        ticks, tick_labels, bold = [], [], []
        right = 100 * cap + 4
        for yi, (kind, item) in zip(y, items, strict=True):
            ticks.append(yi)
            if kind == "pillar":
                tick_labels.append(i18n.pillar_name(item, lang))
                bold.append(True)
                continue
            bold.append(False)
            tick_labels.append(_wrap(i18n.indicator_name(item["indicator"], lang), 3.4, 8))
            colour = STATUS_COLOURS.get(str(item["status"]), "#999999")
            digits = _digits([item["latest"]])
            target = fmt_number(item["target"], lang, _digits([item["target"]]))
            if _finite(item["progress"]):
                width = 100 * min(float(item["progress"]), cap)
                ax.barh(yi, width, color=colour, height=0.62, zorder=2)
                text = label(
                    "scorecard_row",
                    lang,
                    latest=fmt_number(item["latest"], lang, digits),
                    period=item.get("latest_period", ""),
                    target=target,
                    year=item["target_year"],
                )
            else:
                text = label("scorecard_row_empty", lang, target=target, year=item["target_year"])
            ax.text(right, yi, text, va="center", ha="left", fontsize=8, color="0.2")
        ax.axvline(100, color="0.2", linewidth=1.0, zorder=3)
        ax.set_yticks(ticks, tick_labels)
        for tick, is_bold in zip(ax.get_yticklabels(), bold, strict=True):
            if is_bold:
                tick.set_fontweight("bold")
                tick.set_fontsize(9)
        ax.set_ylim(-0.7, len(items) - 0.3)
        ax.set_xlim(0, right + 75)
        ax.set_xticks([t for t in range(0, int(100 * cap) + 1, 20)])
        ax.xaxis.set_major_formatter(_ValueFormatter(lang))
        ax.grid(False, axis="y")
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(label("progress_axis", lang))
        ax.set_ylabel(label("col_name", lang))
        handles = [Patch(facecolor=c, label=i18n.status_name(s, lang).capitalize()) for s, c in STATUS_COLOURS.items()]
        body.legend(handles=handles, loc="outside upper center", ncols=4)
    return fig


def _progress(latest: Any, target: Any, comparator: Any) -> float:
    if not (_finite(latest) and _finite(target)) or float(target) == 0 or float(latest) == 0:
        return math.nan
    ratio = float(latest) / float(target)
    return ratio if comparator == "at_least" else 1.0 / ratio


def _scorecard_sources(frame: pd.DataFrame) -> list[str]:
    obs = data.load_observations()
    out: list[str] = []
    for _, row in frame.iterrows():
        if not _finite(row.get("latest")) or not isinstance(row.get("series"), str):
            continue
        hit = obs[
            (obs["indicator"] == row["indicator"])
            & (obs["series"] == row["series"])
            & (obs["period"] == row.get("latest_period"))
        ]
        out += [str(s) for s in hit["source"]]
    return out


# ----------------------------------------------------------------------------------------------------------------------
# Scenarios


def _scenario_notes(
    start: float | None,
    start_year: int | None,
    lang: str,
    *,
    sources: Iterable[Any] = (),
    targets: Mapping[int, float] | None = None,
) -> list[str]:
    """The scenarios' formula and starting figure, then one source line: the publishers of the starting figure when
    it is a published figure (and of any figures drawn), and the documents that set targets of the same value."""
    first = label("scenario_note", lang)
    ids = [str(s) for s in sources]
    if start is not None and start_year is not None:
        first += "; " + label("scenario_start", lang, value=fmt_number(start, lang, _digits([start])), year=start_year)
        obs = data.load_observations(vintage="all")
        hit = obs[
            (obs["indicator"] == "digital_economy_share_gdp")
            & (obs["period"] == str(start_year))
            & (np.isclose(obs["value"], float(start)))
        ]
        ids += [str(s) for s in hit["source"]]
    documents: list[str] = []
    if targets:
        docs = data.load_targets()
        docs = docs[(docs["indicator"] == "digital_economy_share_gdp") & docs["year"].isin(list(targets))]
        documents = [
            str(r["document"])
            for _, r in docs.iterrows()
            if np.isclose(float(targets.get(int(r["year"]), math.nan)), float(r["value"]))
        ]
    notes = [first + "."]
    if ids or documents:
        notes.append(_source_note(ids, lang, documents))
    return notes


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
    year; each cell is annotated with the year, or ``—`` / ``chưa`` when the target is not reached within the grid's
    horizon. With ``target_year``, the cells that reach it by then are framed and bold.

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
    'GDP growth (% a year)'
    """
    lang = check_lang(lang)
    column = f"reached_{float(target_value):g}"
    if not isinstance(grid, pd.DataFrame) or column not in grid.columns:
        have = [c.removeprefix("reached_") for c in getattr(grid, "columns", []) if str(c).startswith("reached_")]
        raise DxError(
            f"the grid has no column {column!r}: target_value={target_value!r} was not one of its targets; "
            f"accepted: {', '.join(have) or 'a grid from dx.share_scenario_grid(...)'}"
        )
    table = grid.pivot_table(index="part_growth", columns="whole_growth", values=column, aggfunc="first", dropna=False)
    table = table.reindex(
        index=sorted(grid["part_growth"].unique(), reverse=True), columns=sorted(grid["whole_growth"].unique())
    )
    years = table.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    nrows, ncols = years.shape
    subtitle_parts = []
    if start is not None and start_year is not None:
        subtitle_parts.append(
            label("subtitle_heatmap", lang, start=fmt_number(start, lang, _digits([start])), start_year=start_year)
        )
    if target_year is not None:
        subtitle_parts.append(label("subtitle_heatmap_bold", lang, year=target_year))
    finite = years[np.isfinite(years)]
    if until is not None:
        subtitle_parts.append(label("not_reached_note", lang, until=until))
    else:
        subtitle_parts.append(label("not_reached_any", lang))
    subtitle = "; ".join(subtitle_parts)
    title = label("title_heatmap", lang, value=fmt_number(target_value, lang, _digits([target_value])))
    with _style():
        fig, body = _frame(
            max(1.0 * ncols + 3.6, 7.5),
            0.5 * nrows + 3.2,
            title,
            subtitle,
            _scenario_notes(start, start_year, lang),
        )
        ax = body.subplots()
        masked = np.ma.masked_invalid(years)
        vmin = float(finite.min()) if finite.size else 0.0
        vmax = float(finite.max()) if finite.size else 1.0
        norm: Normalize
        if target_year is not None:  # diverging at the deadline: blue on time, red late
            cmap = plt.get_cmap("RdBu_r").with_extremes(bad="#e6e6e6")
            centre = target_year + 0.5
            norm = TwoSlopeNorm(vcenter=centre, vmin=min(vmin, centre - 1), vmax=max(vmax, centre + 1))
        else:
            cmap = plt.get_cmap("viridis_r").with_extremes(bad="#e6e6e6")
            norm = Normalize(vmin=vmin, vmax=vmax if vmax > vmin else vmin + 1)
        mesh = ax.pcolormesh(
            np.arange(ncols + 1),
            np.arange(nrows + 1),
            masked[::-1],
            cmap=cmap,
            norm=norm,
            edgecolors="white",
            linewidth=1.5,
        )
        for i in range(nrows):
            for j in range(ncols):
                value = years[i, j]
                on_time = target_year is not None and np.isfinite(value) and value <= target_year
                if np.isfinite(value):
                    r, g, b, _ = cmap(float(norm(value)))
                    colour = "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else "black"
                    text = str(int(value))
                else:
                    colour, text = "0.35", label("not_reached", lang)
                ax.text(
                    j + 0.5,
                    nrows - 1 - i + 0.5,
                    text,
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    color=colour,
                    fontweight="bold" if on_time else "normal",
                )
        ax.set_xticks(
            np.arange(ncols) + 0.5,
            [_rate_label(g, table.columns, lang) for g in table.columns],
        )
        ax.set_yticks(
            np.arange(nrows) + 0.5,
            [_rate_label(g, table.index, lang) for g in table.index[::-1]],
        )
        ax.set_xlabel(label("whole_growth_axis", lang))
        ax.set_ylabel(label("part_growth_axis", lang))
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = body.colorbar(mesh, ax=ax, shrink=0.85, pad=0.02)
        bar.set_label(label("year_reached", lang))
        bar.ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        bar.ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: str(round(v))))
    return fig


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
    """The share year by year under a few growth scenarios, against the targets.

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
    'Share of GDP (%)'
    """
    lang = check_lang(lang)
    if not scenarios:
        raise DxError(
            "scenarios is empty; accepted: a mapping of name to (part growth, whole growth), e.g. {'a': (0.2, 0.067)}"
        )
    history_sources = (history.attrs.get("source") or {}).values() if history is not None else ()
    notes = _scenario_notes(start, start_year, lang, sources=history_sources, targets=targets)
    subtitle = label("subtitle_heatmap", lang, start=fmt_number(start, lang, _digits([start])), start_year=start_year)
    with _style():
        fig, body = _frame(10.0, 5.8, label("title_scenarios", lang), subtitle, notes)
        ax = body.subplots()
        values: list[float] = [start, *targets.values()]
        handles: list[Any] = []
        for i, (name, (gp, gw)) in enumerate(scenarios.items()):
            path = share_scenarios(start=start, start_year=start_year, part_growth=gp, whole_growth=gw, until=until)
            colour = _PALETTE[i % len(_PALETTE)]
            t = path["year"].to_numpy() + 0.5
            ax.plot(t, path["share"], color=colour, linewidth=2.0, marker="o", markersize=3)
            growth = label(
                "scenario_growth", lang, part=i18n.fmt_percent(gp, lang, 1), whole=i18n.fmt_percent(gw, lang, 1)
            )
            handles.append(Line2D([], [], color=colour, linewidth=2.0, label=_wrap(f"{name}\n({growth})", 2.9, 8)))
            values += path["share"].tolist()
            end = path.iloc[-1]
            ax.annotate(
                fmt_number(end["share"], lang, 1),
                (end["year"] + 0.5, end["share"]),
                xytext=(5, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=colour,
            )
        if history is not None and len(history):
            times = np.array([period_time(str(k), "period") for k in history.index])
            ax.plot(
                times,
                history.to_numpy(dtype=float),
                color=_HISTORY,
                marker="o",
                linestyle="-",
                linewidth=1.2,
                markersize=5,
                zorder=5,
            )
            handles.append(Line2D([], [], color=_HISTORY, marker="o", label=label("published_share", lang)))
            values += [float(v) for v in history]
        for year, value in sorted(targets.items()):
            ax.scatter(
                [year + 0.5], [value], marker="*", s=240, color="#B22222", edgecolor="black", linewidth=0.7, zorder=6
            )
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="*",
                markersize=13,
                color="#B22222",
                markeredgecolor="black",
                label=label("target", lang),
            )
        )
        lo_year = min(
            [start_year] + ([int(str(k)[:4]) for k in history.index] if history is not None and len(history) else [])
        )
        ylo, yhi = _limits(values, lower=0, upper=100, pad=0.08)
        ylo = max(ylo, 0)
        ax.set_ylim(ylo, yhi)
        for year, value in sorted(targets.items()):  # each target's label at the foot of a line down from it
            ax.vlines(year + 0.5, ylo, value, colors="#B22222", linestyles=":", linewidth=1.0, zorder=1)
            ax.text(
                year + 0.5,
                ylo + 0.015 * (yhi - ylo),
                label("target_line", lang, year=year, value=fmt_number(value, lang, _digits([value])) + "%"),
                ha="center",
                va="bottom",
                fontsize=8,
                color="#B22222",
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
                zorder=7,
            )
        _year_axis(ax, lo_year - 0.2, until + 1.6, lang)
        _value_axis(ax, lang, label("share_axis", lang))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, labelspacing=0.9)
    return fig
