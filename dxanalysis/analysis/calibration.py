"""Calibration of the trend models' prediction intervals against what later happened.

Raw intervals of short-window trends are overconfident: on real indicator series, 80% intervals cover well under
half of the values published later, because the trend itself moves. ``benchmarks/calibrate_intervals.py`` runs a
rolling-origin back-test over real series (the ITU's ~200 economies and the World Bank's and Our World in Data's
series), measures for each model, horizon (1 to 7 years), window length (the number of annual figures fitted) and,
for shares, the level band of the last figure (early diffusion, middle, near saturation) how much wider the interval
must be to reach its nominal coverage, and writes the factors to ``calibration_factors.csv`` beside this module. The
models multiply their predictive standard error by that factor; ``calibrated=False`` gives the raw interval.

Figures are revised too. Where the last figure fitted is not an actual figure (an estimate, a provisional figure or
the publisher's own projection), the calibrated interval is widened, in quadrature, by the error of a revision:
:data:`REVISION_RMS` of the figure, the root mean square of the revisions of the package's own Vietnamese figures
first published so (``benchmarks/calibrate_intervals.py --real-time`` prints them).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

__all__ = [
    "ALL",
    "FACTORS_FILE",
    "LEVEL_BANDS",
    "REVISED_STATUSES",
    "REVISION_RMS",
    "WINDOW_BANDS",
    "clear_cache",
    "factor",
    "factor_grid",
    "factors",
    "level_band",
    "tested_horizons",
    "window_band",
]

FACTORS_FILE = Path(__file__).with_name("calibration_factors.csv")

#: The root mean square of the revisions of the package's Vietnamese figures first published as estimates,
#: provisional figures or projections, relative to the figure (measured 2026-12-03 on the two such figures revised so
#: far: the statistics office's 2023 digital economy share, 4.4%, and the ministry's 2024 projection, 1.6%;
#: ``benchmarks/calibrate_intervals.py --real-time`` measures it again). A small sample: read it as an order of
#: magnitude. Actual figures are not widened: the ITU / World Bank releases revise them by a median 0–1.4%, which
#: costs their intervals at most 1.1 points of coverage.
REVISION_RMS = 0.033
#: The statuses of a last figure that widen the interval by :data:`REVISION_RMS`.
REVISED_STATUSES = ("estimate", "provisional", "projection")

#: The window bands of the factor table: the number of annual figures fitted (``"7+"``: seven or more).
WINDOW_BANDS = ("3-4", "5-6", "7+")
#: The level bands: where a share's last figure sits in its range (below 20%: early diffusion; 80% and over: near
#: saturation); ``unbounded`` for an indicator without an upper bound (subscriptions per 100 people).
LEVEL_BANDS = ("early", "middle", "saturation", "unbounded")
#: The band value of the rows pooled over every window or every level band.
ALL = "all"
_EARLY, _SATURATION = 0.2, 0.8


def window_band(n: int | float | None) -> str:
    """The window band of a fit of ``n`` annual figures (``"all"`` when not known).

    >>> window_band(3), window_band(6), window_band(19), window_band(None)
    ('3-4', '5-6', '7+', 'all')
    """
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return ALL
    return "3-4" if n <= 4 else "5-6" if n <= 6 else "7+"


def level_band(value: float, lower: float | None = 0.0, upper: float | None = 100.0) -> str:
    """Where a last figure sits in the indicator's range: ``early`` (below 20% of it), ``middle``, ``saturation``
    (80% of it and over), or ``unbounded`` when the range has no finite upper bound.

    >>> level_band(12.0), level_band(55.0), level_band(91.0), level_band(40.0, 0.0, None)
    ('early', 'middle', 'saturation', 'unbounded')
    """
    low = 0.0 if lower is None or not np.isfinite(lower) else float(lower)
    if upper is None or not np.isfinite(upper) or upper <= low or not np.isfinite(value):
        return "unbounded"
    position = (float(value) - low) / (float(upper) - low)
    return "early" if position < _EARLY else "saturation" if position >= _SATURATION else "middle"


@functools.lru_cache(maxsize=1)
def factors() -> pd.DataFrame:
    """The shipped table: ``model, horizon, window, band, level, factor`` with the back-test's counts and coverages.

    ``window`` and ``band`` are ``"all"`` on the rows pooled over them; ``coverage_loeo`` is the coverage of the
    factor measured leaving each economy out (its factor computed from the other economies only).

    >>> t = factors()
    >>> sorted(set(t["horizon"])) == list(range(1, 8)), {"all", "3-4", "5-6", "7+"} <= set(t["window"])
    (True, True)
    """
    if not FACTORS_FILE.exists():
        return pd.DataFrame(columns=["model", "horizon", "window", "band", "level", "factor"])
    return pd.read_csv(FACTORS_FILE, keep_default_na=False)


def clear_cache() -> None:
    """Forget the table read (for a run that has just rewritten :data:`FACTORS_FILE`, or points it elsewhere).

    >>> clear_cache(); len(factors()) > 0
    True
    """
    for cached in (factors, _cell, _model_rows, tested_horizons):
        cached.cache_clear()


@functools.lru_cache(maxsize=1)
def tested_horizons() -> Mapping[str, float]:
    """The furthest horizon the back-test measured, by model: the models the table has factors for, and how far.

    >>> tested_horizons()["linear"]
    7.0
    """
    rows = factors()
    return MappingProxyType({str(m): float(h) for m, h in rows.groupby("model")["horizon"].max().items()})


@functools.lru_cache(maxsize=4096)
def _cell(model: str, horizon: int, window: str, band: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The levels and factors of the table's most specific cell that holds ``horizon``: the window and band asked
    for, else the window pooled over bands, else the band pooled over windows, else the model's pooled row."""
    table = _model_rows(model)
    if table is None:
        return None
    for w, b in ((window, band), (window, ALL), (ALL, band), (ALL, ALL)):
        found = table.get((horizon, w, b))
        if found is not None:
            return found
    return None


@functools.lru_cache(maxsize=64)
def _model_rows(model: str) -> dict[tuple[int, str, str], tuple[np.ndarray, np.ndarray]] | None:
    rows = factors()
    rows = rows[rows["model"] == model]
    if rows.empty:
        return None
    out = {}
    for key, g in rows.groupby(["horizon", "window", "band"]):
        h, w, b = (str(k) for k in key)
        g = g.sort_values("level")
        out[(int(h), w, b)] = (g["level"].to_numpy(dtype=float), g["factor"].to_numpy(dtype=float))
    return out


def _at(model: str, horizon: int, level: float, window: str, band: str) -> float | None:
    cell = _cell(model, horizon, window, band)
    return None if cell is None else float(np.interp(level, *cell))


def factor(model: str, horizon: float, level: float, n: int | None = None, band: str | None = None) -> float:
    """The widening factor for ``model`` at ``horizon`` years ahead and interval ``level`` (1.0 where none applies),
    for a fit of ``n`` annual figures whose last figure is in level ``band`` (:func:`level_band`).

    The factor is the table's for the window band of ``n`` and the level band; where the back-test had too few cases
    for that cell, the pooled one (:func:`factors` says which rows exist). Between the measured horizons (1 to 7
    years) and levels it is interpolated, so intervals widen smoothly, also for series that end in the middle of a
    year; below one year the one-year factor applies, beyond the last measured horizon the last one (where
    projections carry no probability anyway: ``TrendFit.tested_horizon``). Without ``n`` and ``band`` the factor is
    the one pooled over every window and level.

    >>> round(factor("linear", 1.5, 0.8), 2) == round((factor("linear", 1, 0.8) + factor("linear", 2, 0.8)) / 2, 2)
    True
    >>> factor("drift_logit", 3, 0.8, n=4, band="early") != factor("drift_logit", 3, 0.8, n=12, band="saturation")
    True
    """
    if horizon <= 0:
        return 1.0
    rows = _model_rows(model)
    if rows is None:
        return 1.0
    measured = sorted({h for h, _, _ in rows})
    h = min(max(float(horizon), measured[0]), measured[-1])
    window, where = window_band(n), band or ALL
    below, above = math.floor(h), math.ceil(h)
    low = _at(model, below, level, window, where)
    high = _at(model, above, level, window, where)
    if low is None or high is None:
        return 1.0
    return low + (high - low) * (h - below) if above != below else low


def factor_grid(
    model: str,
    horizons: Sequence[float] | np.ndarray,
    level: float,
    n: Sequence[float] | np.ndarray,
    bands: Sequence[str] | np.ndarray,
) -> np.ndarray:
    """:func:`factor` for many fits at once: one row per fit (its ``n`` figures and level band), one column per
    horizon.

    >>> factor_grid("linear", [1, 2], 0.8, [4, 4], ["early", "middle"]).shape
    (2, 2)
    """
    n_arr, band_arr = np.asarray(n, dtype=float), np.asarray(bands, dtype=object)
    out = np.ones((len(n_arr), len(horizons)))
    keys = [(window_band(None if math.isnan(k) else int(k)), str(b)) for k, b in zip(n_arr, band_arr, strict=True)]
    for key in set(keys):
        rows = np.array([k == key for k in keys])
        w = 3 if key[0] == "3-4" else 5 if key[0] == "5-6" else 7 if key[0] == "7+" else None
        out[rows] = [factor(model, h, level, n=w, band=key[1]) for h in horizons]
    return out
