"""Calibration of the trend models' prediction intervals against what later happened.

Raw intervals of short-window trends are overconfident: on real indicator series, 80% intervals cover well under
half of the values published later, because the trend itself moves. ``benchmarks/calibrate_intervals.py`` runs a
rolling-origin back-test over real series, measures per model, horizon and level how much wider the interval must be
to reach its nominal coverage, and writes the factors to ``calibration_factors.csv`` beside this module. The models
multiply their predictive standard error by that factor; ``calibrated=False`` gives the raw interval.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["FACTORS_FILE", "factor", "factors"]

FACTORS_FILE = Path(__file__).with_name("calibration_factors.csv")


@functools.lru_cache(maxsize=1)
def factors() -> pd.DataFrame:
    """The shipped table: ``model, horizon, level, factor`` (and the back-test's counts and coverages)."""
    if not FACTORS_FILE.exists():
        return pd.DataFrame(columns=["model", "horizon", "level", "factor"])
    return pd.read_csv(FACTORS_FILE)


def factor(model: str, horizon: float, level: float) -> float:
    """The widening factor for ``model`` at ``horizon`` years ahead and interval ``level`` (1.0 where none applies).

    The back-test measured factors 1, 2 and 3 years ahead; between those horizons and levels the factor is
    interpolated (so intervals widen smoothly, also for series that end in the middle of a year), below one year the
    one-year factor applies, beyond three years the three-year one.

    >>> round(factor("linear", 1.5, 0.8), 2) == round((factor("linear", 1, 0.8) + factor("linear", 2, 0.8)) / 2, 2)
    True
    """
    if horizon <= 0:
        return 1.0
    table = _model_table(model)
    if table is None:
        return 1.0
    horizons, levels = table
    return float(np.interp(horizon, horizons, [np.interp(level, lv, fv) for lv, fv in levels]))


@functools.lru_cache(maxsize=64)
def _model_table(model: str) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]] | None:
    """One model's factors as arrays: its horizons, and for each horizon its levels and factors (sorted by level)."""
    rows = factors()
    rows = rows[rows["model"] == model]
    if rows.empty:
        return None
    horizons = sorted(int(h) for h in rows["horizon"].unique())
    levels = []
    for h in horizons:
        at = rows[rows["horizon"] == h].sort_values("level")
        levels.append((at["level"].to_numpy(dtype=float), at["factor"].to_numpy(dtype=float)))
    return np.array(horizons, dtype=float), levels
