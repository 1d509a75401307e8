"""A series' figures on the time axis, with what the series' attributes say of them.

Every trend model, the target assessment and the panel place figures on one axis of fractional years: a stock at the
end of its period, a flow in its middle (``timing``). :func:`series_figures` gathers what a fit records of its data:
the figures in time order, their period labels, the vintage, the sources and the indicator's range.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis.data.periods import Timing, decimal_year, parse_period, period_time
from dxanalysis.errors import DxError

__all__ = ["figure_year", "series_figures", "series_times"]


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


def series_figures(s: pd.Series, timing: Timing | None = None) -> dict[str, Any]:
    """The figures of a series in time order, with what the series' attributes say of them: the data fields of a
    :class:`~dxanalysis.TrendFit` (``n, period_covered, vintage, indicator, series, unit, timing, times, values,
    labels, sources, bounds``).

    >>> import dxanalysis as dx
    >>> f = series_figures(dx.series("digital_economy_share_gdp", "mic", as_of="2024-05-01"))
    >>> f["labels"], f["sources"], f["bounds"], f["vintage"]
    (['2021', '2022', '2023'], ('kontum_2024_04_24',), (0.0, 100.0), 'as of 2024-05-01')
    """
    if not isinstance(s, pd.Series):
        raise DxError(f"fit_trend needs a pandas Series of values indexed by time, not a {type(s).__name__}")
    attrs: dict[str, Any] = {str(k): v for k, v in s.attrs.items()}
    s = pd.to_numeric(s, errors="coerce").dropna()
    timing = timing or attrs.get("timing") or "period"
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
