"""The panel path against its floor and against a per-series statsmodels loop.

A synthetic panel of 34 provinces x 50 indicators x 15 years (1,700 series, 25,500 rows), three models (linear,
growth, logistic) with 80% intervals and a 5-year horizon:

- package: ``dx.fit_panel`` from the long-format frame to the result frame;
- floor:   the bare least-squares kernel on arrays already in shape (fits, centres, standard errors, bounds);
- loop:    ``dx.fit_trend`` + ``forecast`` per series and model (statsmodels), on a sample of series, scaled up.

Run:  .venv/bin/python benchmarks/bench_panel.py [--repeats 7] [--loop-sample 120]
Goals (issue 7): package within 10x of the floor and well under 0.1 s; at least 200x faster than the loop.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd
from scipy import stats

import dxanalysis as dx
from dxanalysis.analysis.panel import ols_kernel, panel_scale

MODELS = ("linear", "growth", "logistic")
PROVINCES, INDICATORS, YEARS = 34, 50, 15


def synthetic_panel(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = PROVINCES * INDICATORS
    years = np.arange(2010, 2010 + YEARS)
    level = rng.uniform(5, 50, n)[:, None]
    slope = rng.uniform(0.5, 3, n)[:, None]
    values = np.clip(level + slope * (years - 2010) + rng.normal(0, 1.5, (n, YEARS)), 1, 99)
    geo = np.repeat([f"VN-{i:02d}" for i in range(PROVINCES)], INDICATORS)
    ind = np.tile(["internet_users"] * INDICATORS, PROVINCES)
    series = np.tile([f"s{j:02d}" for j in range(INDICATORS)], PROVINCES)
    return pd.DataFrame(
        {
            "geo": np.repeat(geo, YEARS),
            "indicator": np.repeat(ind, YEARS),
            "series": np.repeat(series, YEARS),
            "year": np.tile(years, n),
            "value": values.ravel(),
        }
    )


def floor(t: np.ndarray, y: np.ndarray, horizon: int = 5) -> None:
    ceiling = np.full(len(y), 100.0)
    q = stats.t.ppf(0.9, YEARS - 2)
    tt = t[:, -1:] + np.arange(1, horizon + 1)[None, :]
    for model in MODELS:
        scale = panel_scale(model, ceiling)
        fit = ols_kernel(t, scale.forward(y))
        centre, se = fit.predict(tt)
        (scale.inverse(centre), scale.inverse(centre - q * se), scale.inverse(centre + q * se))


def timed(fn, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--loop-sample", type=int, default=120, help="series timed in the statsmodels loop")
    args = parser.parse_args()
    panel = synthetic_panel()
    n_series = PROVINCES * INDICATORS
    t = np.tile(np.arange(2010, 2010 + YEARS) + 0.5, (n_series, 1)).astype(float)
    y = panel["value"].to_numpy().reshape(n_series, YEARS)

    dx.fit_panel(panel, models=MODELS, calibrated=False)  # warm imports and caches
    package = timed(lambda: dx.fit_panel(panel, models=MODELS, calibrated=False), args.repeats)
    bare = timed(lambda: floor(t, y), args.repeats)

    sample = panel.groupby(["geo", "series"], sort=False)
    keys = list(sample.groups)[: args.loop_sample]

    def loop() -> None:
        for key in keys:
            s = sample.get_group(key).set_index("year")["value"]
            for model in MODELS:
                dx.fit_trend(s, model, ceiling=100).forecast(horizon=5, calibrated=False)

    loop_time = timed(loop, max(1, args.repeats // 3)) * n_series / len(keys)

    print(
        f"panel: {PROVINCES} provinces x {INDICATORS} indicators x {YEARS} years = {n_series} series, "
        f"{len(panel)} rows; models {', '.join(MODELS)}; 80% intervals, 5-year horizon\n"
    )
    print(f"{'':40s} {'median s':>10s} {'÷ floor':>9s}")
    print(f"{'floor: bare kernel on arrays':40s} {bare:10.4f} {1:9.1f}")
    print(f"{'package: dx.fit_panel (frame to frame)':40s} {package:10.4f} {package / bare:9.1f}")
    print(f"{'loop: fit_trend per series (scaled)':40s} {loop_time:10.2f} {loop_time / bare:9.0f}")
    print(
        f"\npackage vs loop: {loop_time / package:.0f}x faster "
        f"(loop timed on {len(keys)} series and scaled to {n_series})"
    )


if __name__ == "__main__":
    main()
