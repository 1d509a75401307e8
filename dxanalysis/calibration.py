"""Calibration of the trend models' prediction intervals against what later happened.

Raw intervals of short-window trends are overconfident: on real indicator series, 80% intervals cover well under
half of the values published later, because the trend itself moves. ``benchmarks/calibrate_intervals.py`` runs a
rolling-origin back-test over real series, measures per model, horizon and level how much wider the interval must be
to reach its nominal coverage, and writes the factors to ``calibration_factors.csv`` beside this module. The models
multiply their predictive standard error by that factor; ``calibrated=False`` gives the raw interval.
"""

from __future__ import annotations

import functools
import math
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

    Horizons are grouped by whole years (1, 2, 3 and more); levels between those measured are interpolated.
    """
    if horizon <= 0:
        return 1.0
    table = factors()
    rows = table[(table["model"] == model)]
    if rows.empty:
        return 1.0
    bucket = min(max(math.ceil(horizon - 1e-9), 1), int(rows["horizon"].max()))
    rows = rows[rows["horizon"] == bucket].sort_values("level")
    if rows.empty:
        return 1.0
    return float(np.interp(level, rows["level"].to_numpy(), rows["factor"].to_numpy()))
