"""Calibrate the trend models' prediction intervals on real indicator series, and write the factors the package ships.

A rolling-origin back-test over the ICT series of the World Bank (WDI) and Our World in Data files in
``../shared/external-data/`` (read from there, never copied): every window of 4 to 8 consecutive annual figures is
fitted with each model, and the figures 1, 2 and 3 years after the window are forecast. On each model's working scale
the error of each forecast, divided by its predictive standard error and by the Student-t quantile of the level, says
how much wider the interval had to be to cover it; the factor for a model, horizon and level is the level's quantile
of those ratios (an empirical, conformal calibration).

The coverage after calibration is measured honestly, leaving each series out: the factors applied to a series'
forecasts are computed from the other series only.

Run:  .venv/bin/python benchmarks/calibrate_intervals.py [--data ../shared/external-data] [--write]
``--write`` replaces ``dxanalysis/analysis/calibration_factors.csv``; without it the script only prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from dxanalysis.analysis.calibration import FACTORS_FILE
from dxanalysis.analysis.models import REGISTRY
from dxanalysis.analysis.panel import PanelFit, ols_kernel, panel_scale
from dxanalysis.data.publishers import read_owid_table, read_wdi_table

REPO = Path(__file__).resolve().parent.parent
LEVELS = (0.5, 0.8, 0.9, 0.95)
HORIZONS = (1, 2, 3)
WINDOWS = range(4, 9)
#: the models the factor table holds: those the registry fits by closed-form least squares (the panel path's kernel);
#: drift_log / drift_logit are the random walk with drift on the log or logit scale
MODELS = tuple(name for name, spec in REGISTRY.items() if spec.vectorised)
# ICT indicators only (the package's domain); names as the publishers print them
ICT = {
    "Individuals using the Internet (% of population)": "percent",
    "Fixed broadband subscriptions (per 100 people)": "per_100_people",
    "Mobile cellular subscriptions (per 100 people)": "per_100_people",
    "Fixed telephone subscriptions (per 100 people)": "per_100_people",
}


def reference_series(folder: Path) -> list[dict]:
    """One series per (entity, indicator): of several files or vintages, the one with the most years."""
    found: dict[tuple[str, str], dict] = {}
    for path in sorted(folder.glob("*.csv")):
        if path.name.startswith("wdi_"):
            table = read_wdi_table(path)
        elif path.name.startswith("owid_"):
            table = read_owid_table(path)
        else:
            continue
        for (entity, name), g in table.data.groupby(["entity", "indicator_name"]):
            if name not in ICT:
                continue
            g = g[(g.year >= 2000) & (g.value > 0)].sort_values("year")
            if ICT[name] == "percent":
                g = g[g.value < 100]
            if len(g) < 8:
                continue
            key = (str(entity).replace("Viet Nam", "Vietnam"), name)
            if key not in found or len(g) > len(found[key]["years"]):
                found[key] = {
                    "entity": key[0],
                    "indicator": name,
                    "kind": ICT[name],
                    "file": path.name,
                    "years": g.year.to_numpy(float),
                    "values": g.value.to_numpy(float),
                }
    return list(found.values())


def backtest(series: list[dict]) -> pd.DataFrame:
    """Every (series, model, window, origin, horizon) case: the standardised error on the working scale."""
    rows = []
    for sid, s in enumerate(series):
        years, values = s["years"], s["values"]
        n = len(years)
        ceiling = np.array([100.0]) if s["kind"] == "percent" else np.array([np.nan])
        for model in MODELS:
            if REGISTRY[model].scale == "logit" and s["kind"] != "percent":
                continue
            for w in WINDOWS:
                origins = [o for o in range(w - 1, n - 1)]
                if not origins:
                    continue
                t = np.array([years[o - w + 1 : o + 1] for o in origins])
                y = np.array([values[o - w + 1 : o + 1] for o in origins])
                z = panel_scale(model, np.repeat(ceiling, len(origins))).forward(y)
                fit = ols_kernel(t, z, drift=REGISTRY[model].method == "drift")
                scale = panel_scale(model, ceiling)  # one case at a time below
                for j in HORIZONS:
                    for k, o in enumerate(origins):
                        if o + j >= n:
                            continue
                        h = years[o + j] - years[o]
                        if h not in HORIZONS:
                            continue
                        target = scale.forward(np.array([[values[o + j]]]))[0, 0]
                        sub = _row(fit, k)
                        centre, se = sub.predict(np.array([years[o + j]]))
                        rows.append(
                            {
                                "series": sid,
                                "model": model,
                                "window": w,
                                "horizon": int(h),
                                "u": (target - centre[0, 0]) / se[0, 0],
                                "df": fit.df[k],
                                "error": float(scale.inverse(centre)[0, 0]) - values[o + j],
                                "last": values[o],
                            }
                        )
    out = pd.DataFrame(rows)
    return out[np.isfinite(out["u"]) & (out["df"] >= 1)]


def _row(fit, k):
    return PanelFit(
        **{f: (getattr(fit, f)[k : k + 1] if f != "drift" else fit.drift) for f in PanelFit.__dataclass_fields__}
    )


def factors(cases: pd.DataFrame) -> pd.DataFrame:
    """Factor per (model, horizon, level), with raw and leave-one-series-out calibrated coverage."""
    rows = []
    for (model, h), g in cases.groupby(["model", "horizon"]):
        for level in LEVELS:
            ratio = np.abs(g["u"].to_numpy()) / stats.t.ppf(0.5 + level / 2, g["df"].to_numpy())
            k = float(np.quantile(ratio, level))
            covered_cv = []
            for sid in g["series"].unique():
                mine = g["series"].to_numpy() == sid
                k_other = float(np.quantile(ratio[~mine], level)) if (~mine).any() else k
                covered_cv.append(ratio[mine] <= k_other)
            rows.append(
                {
                    "model": model,
                    "horizon": int(h),
                    "level": level,
                    "factor": round(max(k, 1.0), 4),
                    "cases": len(g),
                    "series": g["series"].nunique(),
                    "coverage_raw": round(float((ratio <= 1).mean()), 4),
                    "coverage_calibrated": round(float(np.concatenate(covered_cv).mean()), 4),
                }
            )
    return pd.DataFrame(rows)


def accuracy(cases: pd.DataFrame, series: list[dict]) -> pd.DataFrame:
    kinds = {i: s["kind"] for i, s in enumerate(series)}
    c = cases.assign(kind=cases["series"].map(kinds), rel=np.abs(cases["error"]) / cases["last"])
    return c.groupby(["kind", "model", "horizon"])["rel"].median().unstack("horizon").round(4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "external-data")
    parser.add_argument("--write", action="store_true", help=f"write {FACTORS_FILE.relative_to(REPO)}")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"{args.data} not found: the calibration needs the publishers' files (CI has ../shared)", file=sys.stderr)
        return 2
    series = reference_series(args.data)
    cases = backtest(series)
    table = factors(cases)
    pd.set_option("display.width", 160)
    print(
        f"{len(series)} reference series ({sum(s['kind'] == 'percent' for s in series)} shares, the rest per 100 "
        f"people); {len(cases)} forecast cases (windows of {min(WINDOWS)}-{max(WINDOWS)} years, horizons 1-3)\n"
    )
    for s in series:
        print(f"  {s['entity']:32s} {s['indicator']:52s} {int(s['years'][0])}-{int(s['years'][-1])} ({s['file']})")
    print("\nCoverage of the intervals before and after calibration (after: leave-one-series-out)")
    print(table.to_string(index=False))
    print("\nMedian absolute error of the point forecast, relative to the last figure, by kind of indicator")
    print(accuracy(cases, series).to_string())
    if args.write:
        table.to_csv(FACTORS_FILE, index=False)
        print(f"\nwrote {FACTORS_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
