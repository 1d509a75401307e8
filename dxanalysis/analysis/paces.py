"""The arithmetic of a target: the pace a year needed and observed, the year a trend reaches the target, and the
required paths (fixed from the baseline, re-anchored on the latest figure), for :func:`dxanalysis.assess_target`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dxanalysis.analysis.targets import Target
from dxanalysis.analysis.timeseries import annual_pace, figure_year
from dxanalysis.analysis.trendfit import TrendFit
from dxanalysis.data.periods import Timing, year_time

__all__ = ["SEARCH_UNTIL", "paces", "required_paths", "year_reached"]

#: The year up to which the trend is followed to find when it reaches a target.
SEARCH_UNTIL = 2060


def paces(
    fit: TrendFit, target: Target, t_target: float, over: bool, latest: tuple[float, float] | None = None
) -> dict[str, float]:
    """How far the latest figure is from the target, and the pace needed (while the target is ahead) against the
    pace observed (both NaN over a span under a year: :func:`~dxanalysis.analysis.timeseries.annual_pace`).
    ``latest`` is the latest figure and its time (default: the fit's last; a figure the fit left out may be later).

    >>> import dxanalysis as dx
    >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]))
    >>> p = paces(fit, Target(20.0, 2025), 2025.5, over=False)
    >>> round(p["gap"], 2), round(p["required_annual_change"], 2), round(p["observed_annual_change"], 3)
    (3.5, 1.75, 2.295)
    """
    value = target.value
    latest_v, latest_t = latest if latest is not None else (float(fit.values[-1]), float(fit.times[-1]))
    # a pace a year only over a span of a year or more (timeseries.annual_pace), and none for a target that is over
    required = annual_pace(latest_v, latest_t, value, t_target) if not over else (math.nan, math.nan)
    observed = fit.observed_pace()
    return {
        "gap": (1.0 if target.comparator == "at_least" else -1.0) * (value - latest_v),
        "years_left": t_target - latest_t,
        "required_annual_change": required[0],
        "required_growth_rate": required[1],
        "observed_annual_change": observed[0],
        "observed_growth_rate": observed[1],
    }


def year_reached(fit: TrendFit, target: Target, timing: Timing) -> int | None:
    """The first year after the last figure in which the trend's central path meets the target (up to
    :data:`SEARCH_UNTIL`); ``None`` if it never does.

    >>> import dxanalysis as dx
    >>> fit = dx.fit_trend(pd.Series([50.0, 55.0, 60.0, 65.0], index=[2020, 2021, 2022, 2023]), "linear")
    >>> year_reached(fit, Target(70.0, 2030), "period")
    2024
    """
    start = fit.last_figure_year() + 1
    years = np.arange(start, SEARCH_UNTIL + 1)
    if len(years) == 0:
        return None
    pred = fit.predict([year_time(int(y), timing) for y in years], calibrated=False)["forecast"].to_numpy()
    hits = pred >= target.value if target.comparator == "at_least" else pred <= target.value
    return int(years[np.argmax(hits)]) if hits.any() else None


def required_paths(
    fit: TrendFit,
    base_i: int,
    target: Target,
    t_target: float,
    timing: Timing,
    latest: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """The fixed required path (baseline to target) and the re-anchored one (latest figure to target), per year.

    >>> import dxanalysis as dx
    >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]))
    >>> required_paths(fit, 0, Target(20.0, 2025), 2025.5, "period")["reanchored_required"].round(2).tolist()
    [nan, nan, 16.5, 18.25, 20.0]
    """
    base_v, base_t = float(fit.values[base_i]), float(fit.times[base_i])
    latest_v, latest_t = latest if latest is not None else (float(fit.values[-1]), float(fit.times[-1]))
    value = target.value
    offset = 1.0 if timing == "end" else 0.5
    first_year = figure_year(base_t, timing)
    last_year = round(t_target - offset)
    years = np.arange(first_year, last_year + 1)
    t = years + offset

    def line(v0: float, t0: float) -> np.ndarray:
        if t_target <= t0:
            return np.full(t.shape, np.nan)
        path = v0 + (value - v0) * (t - t0) / (t_target - t0)
        return np.where(t >= t0 - 1e-9, path, np.nan)

    return pd.DataFrame(
        {
            "year": years,
            "time": t,
            "fixed_required": line(base_v, base_t),
            "reanchored_required": line(latest_v, latest_t),
        }
    )
