"""A series' figures on the time axis, with what the series' attributes say of them.

Every trend model, the target assessment and the panel place figures on one axis of fractional years: a stock at the
end of its period, a flow in its middle (``timing``). :func:`series_figures` gathers what a fit records of its data:
the figures in time order, their period labels, the vintage, the sources and the indicator's range.

A fit counts each period once (:func:`independent_figures`): the same estimate quoted for 2024-H1 and for 2024, or a
stock's figure for 2024 and for 2024-12, would otherwise enter it twice. :func:`annual_pace` is the one pace a year
from two figures, and only from figures at least a year apart.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from dxanalysis.data.periods import Timing, decimal_year, parse_period, period_time
from dxanalysis.errors import DxError

__all__ = [
    "LEFT_OUT_REASONS",
    "MIN_PACE_SPAN",
    "LeftOut",
    "Pace",
    "annual_pace",
    "figure_year",
    "independent_figures",
    "period_freq",
    "series_figures",
    "series_times",
]

#: The shortest span (years) a pace a year is computed from: a change over months is not annualised.
MIN_PACE_SPAN = 1.0
#: Why a figure is left out of a fit (:class:`LeftOut`): ``same_estimate`` (a flow's sub-annual figure equal to the
#: annual figure of its year), ``other_window`` (a flow's figure for a window other than the series' natural
#: frequency), ``same_date`` (a stock's figure for a date another figure already denotes).
LEFT_OUT_REASONS = ("same_estimate", "other_window", "same_date")
#: A frequency in words (the series' natural frequency in :class:`LeftOut`).
FREQ_WORDS = {"year": "annual", "half": "half-year", "quarter": "quarterly", "month": "monthly", "day": "daily"}
#: Frequencies from the coarsest: ties in a flow's natural frequency go to the coarser one.
_COARSE_FIRST = ("year", "half", "quarter", "month", "day", "point")


class Pace(NamedTuple):
    """A pace a year between two figures: ``change`` (in the unit a year) and ``growth`` (a rate a year, 0.05 = 5%).

    >>> Pace(2.3, 0.18).change
    2.3
    """

    change: float
    growth: float


def annual_pace(first: float, first_time: float, last: float, last_time: float) -> Pace:
    """The pace a year from one figure to a later one, only over a span of at least :data:`MIN_PACE_SPAN` (a year).

    Figures months apart give NaN, not an annualised jump (three 5G coverage figures in six months are no "1,074% a
    year"). ``growth`` is NaN too where either figure is not positive.

    >>> [round(x, 4) for x in annual_pace(11.91, 2021.5, 16.5, 2023.5)]
    [2.295, 0.177]
    >>> annual_pace(26.0, 2025.5, 90.0, 2026.0)
    Pace(change=nan, growth=nan)
    """
    span = float(last_time) - float(first_time)
    if not span >= MIN_PACE_SPAN - 1e-9:
        return Pace(math.nan, math.nan)
    change = (float(last) - float(first)) / span
    growth = (float(last) / float(first)) ** (1 / span) - 1 if first > 0 and last > 0 else math.nan
    return Pace(change, growth)


class LeftOut(NamedTuple):
    """A figure a fit left out: its ``period``, the ``reason`` (:data:`LEFT_OUT_REASONS`) and the figure ``kept``
    in its place (or, for ``other_window``, the frequency kept: ``year``, ``half``, ...).

    >>> print(LeftOut("2024-H1", "same_estimate", "2024"))
    2024-H1, the same estimate as the annual 2024
    """

    period: str
    reason: str
    kept: str

    def __str__(self) -> str:
        if self.reason == "same_estimate":
            return f"{self.period}, the same estimate as {'the annual ' if self.kept.isdigit() else ''}{self.kept}"
        if self.reason == "same_date":
            return f"{self.period}, the same date as {self.kept}"
        return f"{self.period}, a different window from the series' {FREQ_WORDS.get(self.kept, self.kept)} figures"


def series_times(s: pd.Series, timing: Timing | None = None) -> tuple[np.ndarray, list[str]]:
    """The times (fractional years) and period labels of a series' index.

    The index may hold years (``2021``), period labels (``"2024-04"``, ``"2024-H1"``), dates or fractional years.
    ``timing`` (``"end"`` for a stock, ``"period"`` for a flow) places each period on the axis; it defaults to the
    series' ``attrs["timing"]`` (set by :func:`dxanalysis.series`), else ``"period"``.

    >>> import pandas as pd
    >>> times, labels = series_times(pd.Series([1.0, 2.0], index=[2023, "2024-12"]), "end")
    >>> times.tolist(), labels
    ([2024.0, 2025.0], ['2023', '2024-12'])
    """
    timing = timing or s.attrs.get("timing") or "period"
    times, labels = [], []
    for key in s.index:
        if isinstance(key, pd.Timestamp | np.datetime64):
            day = pd.Timestamp(key).date()
            times.append(decimal_year(day))
            labels.append(day.isoformat())
        elif isinstance(key, float | np.floating) and not float(key).is_integer():
            times.append(float(key))
            labels.append(f"{float(key):.2f}")
        else:
            try:
                p = parse_period(key)
            except ValueError:
                raise DxError(
                    f"the series' index value {key!r} is not a time; accepted: years (2021), period labels "
                    "('2024-04', '2024-H1'), dates, or fractional years"
                ) from None
            times.append(period_time(p.label, timing))
            labels.append(p.label)
    return np.asarray(times, dtype=float), labels


def period_freq(key: Any) -> str:
    """The frequency of a series' index value: ``year``, ``half``, ``quarter``, ``month``, ``day`` (a date too), or
    ``point`` (a fractional year, or anything that is no period).

    >>> period_freq("2024-H1"), period_freq(2021), period_freq(2024.25)
    ('half', 'year', 'point')
    """
    if isinstance(key, pd.Timestamp | np.datetime64):
        return "day"
    if isinstance(key, float | np.floating) and not float(key).is_integer():
        return "point"
    try:
        return str(parse_period(key).freq)
    except ValueError:
        return "point"


def independent_figures(s: pd.Series, timing: Timing | None = None) -> tuple[pd.Series, tuple[LeftOut, ...]]:
    """One figure per period: the figures a fit counts, and those it leaves out with the reason.

    - A **flow** (``timing="period"``: a year's share of GDP, a half-year's growth) measures a window, and windows of
      different lengths are different quantities. The fit keeps the series' natural frequency: the annual figures
      where there are at least two of them (two can show a pace), else the frequency with most figures (a tie goes
      to the coarser one). A figure of another window equal to a kept figure of the same year is the same estimate
      quoted twice (``same_estimate``: the ministry's 18.3 for 2024-H1 and for 2024); any other is ``other_window``.
    - A **stock** (``timing="end"``: a share at a date) keeps every date once: of figures denoting the same date
      (2024, 2024-Q4 and 2024-12 all mean the end of 2024) the coarsest period's is kept (``same_date``).

    Missing values are dropped; the kept series keeps the input's ``attrs``.

    >>> import pandas as pd
    >>> s = pd.Series([11.91, 14.26, 16.5, 18.3, 18.3], index=["2021", "2022", "2023", "2024-H1", "2024"])
    >>> kept, left_out = independent_figures(s, "period")
    >>> kept.index.tolist(), [str(x) for x in left_out]
    (['2021', '2022', '2023', '2024'], ['2024-H1, the same estimate as the annual 2024'])
    >>> independent_figures(pd.Series([1.0, 1.0], index=["2024", "2024-12"]), "end")[1]
    (LeftOut(period='2024-12', reason='same_date', kept='2024'),)
    """
    attrs = dict(s.attrs)
    s = pd.to_numeric(s, errors="coerce").dropna()
    s.attrs = attrs
    timing = timing or attrs.get("timing") or "period"
    if len(s) < 2:
        return s, ()
    freqs = [period_freq(k) for k in s.index]
    times, labels = series_times(s, timing)
    keep = np.ones(len(s), dtype=bool)
    left: list[LeftOut] = []
    if timing == "period":
        counts = {f: freqs.count(f) for f in _COARSE_FIRST if f in freqs}
        natural = "year" if counts.get("year", 0) >= 2 else max(counts, key=lambda f: counts[f])  # first: coarsest
        kept_by_year: dict[str, list[int]] = {}
        for i, f in enumerate(freqs):
            if f == natural:
                kept_by_year.setdefault(labels[i][:4], []).append(i)
        for i, f in enumerate(freqs):
            if f == natural:
                continue
            keep[i] = False
            same = [j for j in kept_by_year.get(labels[i][:4], []) if abs(float(s.iloc[j]) - float(s.iloc[i])) < 1e-9]
            if same:
                left.append(LeftOut(labels[i], "same_estimate", labels[same[0]]))
            else:
                left.append(LeftOut(labels[i], "other_window", natural))
    else:
        rank = [_COARSE_FIRST.index(f) for f in freqs]
        for i in sorted(range(len(s)), key=lambda i: (rank[i], i)):
            if not keep[i]:
                continue
            for j in np.flatnonzero(np.isclose(times, times[i], atol=1e-6) & keep):
                if j != i:
                    keep[j] = False
                    left.append(LeftOut(labels[j], "same_date", labels[i]))
    kept = s[keep]
    kept.attrs = attrs
    order = {lab: k for k, lab in enumerate(labels)}
    return kept, tuple(sorted(left, key=lambda x: order[x.period]))


def series_figures(s: pd.Series, timing: Timing | None = None) -> dict[str, Any]:
    """The figures of a series in time order, with what the series' attributes say of them: the data fields of a
    :class:`~dxanalysis.TrendFit` (``n, period_covered, vintage, indicator, series, unit, timing, times, values,
    labels, sources, bounds, left_out, last_status``): the independent figures only (:func:`independent_figures`),
    with those left out and why.

    >>> import dxanalysis as dx
    >>> f = series_figures(dx.series("digital_economy_share_gdp", "mic", as_of="2024-05-01"))
    >>> f["labels"], f["sources"], f["bounds"], f["vintage"]
    (['2021', '2022', '2023'], ('kontum_2024_04_24',), (0.0, 100.0), 'as of 2024-05-01')
    """
    if not isinstance(s, pd.Series):
        raise DxError(f"fit_trend needs a pandas Series of values indexed by time, not a {type(s).__name__}")
    attrs: dict[str, Any] = {str(k): v for k, v in s.attrs.items()}
    timing = timing or attrs.get("timing") or "period"
    s, left_out = independent_figures(s, timing)
    times, labels = series_times(s, timing)
    order = np.argsort(times, kind="stable")
    times, labels = times[order], [labels[i] for i in order]
    values = s.to_numpy(dtype=float)[order]
    if len(np.unique(times)) != len(times):
        raise DxError(
            "the series has two figures at the same time "
            f"({', '.join(sorted({lab for lab, t in zip(labels, times, strict=True) if (times == t).sum() > 1}))}); "
            "accepted: one figure per period (choose one series and one vintage)"
        )
    by_period = attrs.get("source") or {}
    used = [by_period.get(key) for key in s.index[order]]
    status = attrs.get("status") or {}
    return dict(
        n=len(values),
        period_covered=(labels[0], labels[-1]) if labels else None,
        vintage=_vintage(attrs),
        indicator=attrs.get("indicator"),
        series=attrs.get("series"),
        unit=attrs.get("unit"),
        timing=timing,
        times=times,
        values=values,
        labels=labels,
        sources=tuple(dict.fromkeys(str(u) for u in used if isinstance(u, str) and u)),
        bounds=(_bound(attrs.get("lower"), -math.inf), _bound(attrs.get("upper"), math.inf)),
        left_out=left_out,
        last_status=str(status.get(s.index[order][-1]) or "") if len(s) else "",
    )


def _vintage(attrs: dict[str, Any]) -> str | None:
    if attrs.get("as_of"):
        return f"as of {attrs['as_of']}"
    published = [p for p in (attrs.get("published") or {}).values() if p is not None and not pd.isna(p)]
    return f"latest (figures published up to {max(published).date()})" if published else None


def _bound(value: Any, default: float) -> float:
    """A bound from a series' attributes (missing or NaN: none)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(v) else v


def figure_year(time: float, timing: Timing | str = "period") -> int:
    """The last whole year a figure at ``time`` describes: the inverse of :func:`~dxanalysis.data.periods.year_time`
    (a stock's annual figure sits at its year's end, a flow's in its middle).

    >>> figure_year(2024.0, "end"), figure_year(2023.5), figure_year(2024.33, "end")
    (2023, 2023, 2023)
    """
    offset = 1.0 if timing == "end" else 0.5
    return math.floor(time - offset + 1e-9)
