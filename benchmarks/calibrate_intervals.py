"""Calibrate the trend models' prediction intervals on real indicator series, and write the factors the package ships.

A rolling-origin back-test over the ICT series of the ITU's June 2019 spreadsheets (internet users and fixed
broadband per 100 inhabitants of ~200 economies, 2000-2018) and the World Bank (WDI) and Our World in Data files in
``../shared/external-data/`` (read from there, never copied): every window of 3 to 10 consecutive annual figures is
fitted with each model, and the figures 1 to 7 years after the window are forecast. On each model's working scale
the error of each forecast, divided by its predictive standard error and by the Student-t quantile of the level,
says how much wider the interval had to be to cover it; the factor for a model, horizon, window band (3-4, 5-6, 7+
figures) and level band (shares: the last figure below 20% of the range, in the middle, 80% and over; other
indicators: unbounded) is the level's quantile of those ratios (an empirical, conformal calibration). Rows pooled
over windows and bands (``all``) are the fallback of the lookup, and a cell with fewer than ``MIN_CASES`` cases or
``MIN_ECONOMIES`` economies is not written (the lookup falls back).

The coverage after calibration is measured honestly, **leaving each economy out**: the factor applied to an
economy's forecasts is computed from the other economies only (all its indicators and sources left out together).

The real-time check (``--real-time``) fits earlier releases and scores the forecasts against later releases of the
same figures: WDI 2023 against WDI 2025/2026 (internet users), the ITU's 2019 files against later WDI/OWID figures,
and the package's own Vietnamese series with several vintages.

Run:  .venv/bin/python benchmarks/calibrate_intervals.py [--data ../shared/external-data] [--write] [--real-time]
``--write`` replaces ``dxanalysis/analysis/calibration_factors.csv``; without it the script only prints.
``--models linear,drift`` computes those models' rows only (the quick check the tests run).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from dxanalysis.analysis.calibration import ALL, FACTORS_FILE, REVISION_RMS, level_band, window_band
from dxanalysis.analysis.models import REGISTRY
from dxanalysis.analysis.panel import ols_kernel, panel_scale
from dxanalysis.data.publishers import read_itu_table, read_owid_table, read_wdi_table

REPO = Path(__file__).resolve().parent.parent
LEVELS = (0.5, 0.8, 0.9, 0.95)
HORIZONS = tuple(range(1, 8))
WINDOWS = tuple(range(3, 11))
FIRST_YEAR = 2000
MIN_CASES, MIN_ECONOMIES = 60, 8
#: the models the factor table holds: those the registry fits by closed-form least squares (the panel path's kernel)
MODELS = tuple(name for name, spec in REGISTRY.items() if spec.vectorised)
#: ICT indicators only (the package's domain), as the publishers name them: (indicator, kind)
ICT = {
    "Individuals using the Internet (% of population)": ("internet_users", "percent"),
    "Percentage of Individuals using the Internet": ("internet_users", "percent"),
    "Fixed broadband subscriptions (per 100 people)": ("fixed_broadband", "per_100_people"),
    "Fixed-broadband subscriptions per 100 inhabitants": ("fixed_broadband", "per_100_people"),
    "Mobile cellular subscriptions (per 100 people)": ("mobile", "per_100_people"),
    "Fixed telephone subscriptions (per 100 people)": ("fixed_telephone", "per_100_people"),
}


#: Our World in Data's own codes for aggregates the World Bank codes too: one economy, not two, when each economy
#: is left out in turn
ALIASES = {"OWID_WRL": "WLD"}


def publisher_tables(folder: Path) -> list:
    """Every publisher file of the folder, read by its reader (ITU spreadsheets, WDI and OWID CSVs)."""
    tables = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("wdi_") and path.suffix == ".csv":
            tables.append(read_wdi_table(path))
        elif path.name.startswith("owid_") and path.suffix == ".csv":
            tables.append(read_owid_table(path))
        elif path.name.startswith("itu_") and path.suffix == ".xls":
            tables.append(read_itu_table(path))
    return tables


def reference_series(folder: Path) -> list[dict]:
    """One series per (economy, indicator): of several files or vintages, the one with the most years since 2000
    (a tie goes to the later file name, sorted: ITU < OWID < WDI)."""
    found: dict[tuple[str, str], dict] = {}
    for table in publisher_tables(folder):
        data = table.data[table.data["indicator_name"].isin(ICT)]
        for (entity, code, name), g in data.groupby(["entity", "code", "indicator_name"]):
            indicator, kind = ICT[str(name)]
            g = g[(g.year >= FIRST_YEAR) & (g.value > 0)].sort_values("year")
            if kind == "percent":
                g = g[g.value < 100]
            if len(g) < 8:
                continue
            economy = ALIASES.get(str(code), str(code)) or str(entity)
            key = (economy, indicator)
            if key not in found or len(g) >= len(found[key]["years"]):
                found[key] = {
                    "economy": economy,
                    "entity": str(entity),
                    "indicator": indicator,
                    "kind": kind,
                    "file": Path(table.file).name,
                    "years": g.year.to_numpy(int),
                    "values": g.value.to_numpy(float),
                }
    return [found[k] for k in sorted(found)]


def dense(series: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """The series as one (series x year) array, NaN where a year is missing, and its years."""
    last = max(int(s["years"].max()) for s in series)
    years = np.arange(FIRST_YEAR, last + 1)
    out = np.full((len(series), len(years)), np.nan)
    for i, s in enumerate(series):
        out[i, s["years"] - FIRST_YEAR] = s["values"]
    return out, years


def backtest(series: list[dict], models: tuple[str, ...] = MODELS) -> pd.DataFrame:
    """Every (series, model, window, origin, horizon) case: the standardised error on the working scale."""
    values, years = dense(series)
    share = np.array([s["kind"] == "percent" for s in series])
    economies = pd.factorize(pd.Series([s["economy"] for s in series]))[0]
    horizons = np.array(HORIZONS)
    frames = []
    for model in models:
        logit = REGISTRY[model].scale == "logit"
        rows = share if logit else np.ones(len(series), dtype=bool)
        v = values[rows]
        ids = np.flatnonzero(rows)
        for w in WINDOWS:
            if w < REGISTRY[model].min_points:
                continue
            starts = np.arange(0, len(years) - w)  # the window's first year index; its last one has a year after it
            win = np.lib.stride_tricks.sliding_window_view(v, w, axis=1)[:, : len(starts)]  # series x start x w
            ahead = np.full((len(v), len(starts), len(horizons)), np.nan)
            for k, h in enumerate(horizons):
                idx = starts + w - 1 + h
                inside = idx < len(years)
                ahead[:, inside, k] = v[:, idx[inside]]
            ok = np.isfinite(win).all(axis=2) & np.isfinite(ahead).any(axis=2)
            s_idx, o_idx = np.nonzero(ok)
            if not len(s_idx):
                continue
            y = win[s_idx, o_idx]
            t = years[starts[o_idx][:, None] + np.arange(w)[None, :]].astype(float)
            target = ahead[s_idx, o_idx]
            ceilings = np.full(len(y), 100.0)
            scale = panel_scale(model, ceilings)
            fit = ols_kernel(t, scale.forward(y), drift=REGISTRY[model].method == "drift")
            centre, se = fit.predict(t[:, -1:] + horizons[None, :])
            with np.errstate(invalid="ignore", divide="ignore"):
                u = (scale.forward(target) - centre) / se
                rel = np.abs(scale.inverse(centre) - target) / y[:, -1:]
            last = y[:, -1]
            bands = np.array(
                [level_band(x) if s else "unbounded" for x, s in zip(last, share[ids[s_idx]], strict=True)]
            )
            n_cases, n_h = u.shape
            frame = pd.DataFrame(
                {
                    "series": np.repeat(ids[s_idx], n_h),
                    "economy": np.repeat(economies[ids[s_idx]], n_h),
                    "model": model,
                    "window": w,
                    "horizon": np.tile(horizons, n_cases),
                    "band": np.repeat(bands, n_h),
                    "u": u.ravel(),
                    "df": np.repeat(fit.df, n_h),
                    "rel": rel.ravel(),
                }
            )
            frames.append(frame[np.isfinite(frame["u"]) & (frame["df"] >= 1)])
    out = pd.concat(frames, ignore_index=True)
    out["wband"] = [window_band(w) for w in out["window"]]
    return out


def _loeo_factors(ratio: np.ndarray, economy: np.ndarray, level: float) -> tuple[float, dict[int, float]]:
    """The level's quantile of the ratios, and for each economy the same quantile of the other economies' ratios
    (exact: the linear-interpolated quantile of the array without that economy's cases)."""
    order = np.argsort(ratio, kind="stable")
    r, e = ratio[order], economy[order]
    k_all = float(np.quantile(r, level))
    out = {}
    for econ in np.unique(e):
        mine = np.flatnonzero(e == econ)
        rest = len(r) - len(mine)
        if rest == 0:
            out[int(econ)] = k_all
            continue
        g = level * (rest - 1)
        lo, hi = int(np.floor(g)), int(np.ceil(g))

        def nth(m: int, mine: np.ndarray = mine) -> float:
            j = m
            while True:  # the m-th element of the sorted array without `mine`
                nxt = m + int(np.searchsorted(mine, j, side="right"))
                if nxt == j:
                    return float(r[j])
                j = nxt

        a, b = nth(lo), nth(hi)
        out[int(econ)] = a + (b - a) * (g - lo)
    return k_all, out


def factors(cases: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The factor table (every cell with enough cases, and the pooled rows), and each case's leave-one-economy-out
    coverage flags as the lookup applies them (``covered_<level>``)."""
    rows = []
    flags = {level: np.full(len(cases), np.nan) for level in LEVELS}
    t_q = {level: stats.t.ppf(0.5 + level / 2, cases["df"].to_numpy()) for level in LEVELS}
    absu = np.abs(cases["u"].to_numpy())
    econ = cases["economy"].to_numpy()
    written: dict[tuple[str, int, str, str], bool] = {}
    # most specific cells first, so a case's flag comes from the cell the lookup would use
    for wkey, bkey in (("wband", "band"), ("wband", None), (None, "band"), (None, None)):
        keys = ["model", "horizon"] + [k for k in (wkey, bkey) if k]
        for key, g in cases.groupby(keys, sort=True):
            model, h = key[0], int(key[1])
            w = key[2] if wkey else ALL
            b = (key[3] if wkey else key[2]) if bkey else ALL
            idx = g.index.to_numpy()
            n_econ = len(np.unique(econ[idx]))
            pooled = w == ALL and b == ALL
            if not pooled and (len(idx) < MIN_CASES or n_econ < MIN_ECONOMIES):
                continue
            written[(model, h, w, b)] = True
            for level in LEVELS:
                ratio = absu[idx] / t_q[level][idx]
                k, k_loeo = _loeo_factors(ratio, econ[idx], level)
                covered = ratio <= np.array([k_loeo[int(x)] for x in econ[idx]])
                todo = np.isnan(flags[level][idx])
                flags[level][idx[todo]] = covered[todo]
                rows.append(
                    {
                        "model": model,
                        "horizon": h,
                        "window": w,
                        "band": b,
                        "level": level,
                        "factor": round(k, 4),
                        "cases": len(idx),
                        "economies": n_econ,
                        "coverage_raw": round(float((ratio <= 1).mean()), 4),
                        "coverage_loeo": round(float(covered.mean()), 4),
                    }
                )
    table = pd.DataFrame(rows).sort_values(["model", "horizon", "window", "band", "level"], ignore_index=True)
    applied = cases[["model", "horizon", "wband", "band", "economy"]].assign(
        **{f"covered_{level}": flags[level] for level in LEVELS}
    )
    return table, applied


def coverage_table(applied: pd.DataFrame, by: str, level: float = 0.8) -> pd.DataFrame:
    """Leave-one-economy-out coverage of the calibrated ``level`` intervals, as the lookup applies the factors, by
    model and horizon and ``by`` (``wband`` or ``band``)."""
    return applied.groupby(["model", by, "horizon"])[f"covered_{level}"].mean().unstack("horizon").round(3)


def accuracy(cases: pd.DataFrame, series: list[dict]) -> pd.DataFrame:
    kinds = np.array([s["kind"] for s in series])
    c = cases.assign(kind=kinds[cases["series"].to_numpy()])
    return c.groupby(["kind", "model", "horizon"])["rel"].median().unstack("horizon").round(4)


#: The releases of the shared files, oldest first, per indicator (dates as the files or their README give them):
#: the last of each list is the "truth" the earlier releases' forecasts are scored against.
RELEASES = {
    "internet_users": [
        ("itu_Individuals_Internet_2000-2018_Jun2019.xls", "ITU 2019-06"),
        ("wdi_IT.NET.USER.ZS.csv", "WDI 2023-05-10"),
        ("wdi_IT.NET.USER.ZS_2025-release_preamble-stripped.csv", "WDI 2025"),
        ("wdi_IT.NET.USER.ZS_excel-resaved.csv", "WDI 2026-07-13"),
    ],
    "fixed_broadband": [
        ("wdi_IT.NET.BBND.P2.csv", "WDI 2019-07-10"),
        ("itu_Fixed_broadband_2000-2018_Jun2019_revised27082019.xls", "ITU 2019-08-27"),
        ("owid_broadband-penetration-by-country.csv", "OWID 2024"),
    ],
}


def _vintage(folder: Path, name: str, indicator: str) -> dict[str, dict[int, float]]:
    """One release's figures of an indicator, by economy (ISO3, or the name where the file has no code)."""
    path = folder / name
    if not path.is_file():
        return {}
    reader = (
        read_itu_table if name.startswith("itu_") else read_owid_table if name.startswith("owid_") else read_wdi_table
    )
    data = reader(path).data
    data = data[data["indicator_name"].map(lambda n: ICT.get(n, ("",))[0] == indicator)]
    data = data[(data["year"] >= FIRST_YEAR) & (data["value"] > 0)]
    return {
        (str(code) or str(entity)): dict(zip(g["year"].astype(int), g["value"].astype(float), strict=True))
        for (entity, code), g in data.groupby(["entity", "code"])
    }


def _covered(model: str, years: np.ndarray, values: np.ndarray, target: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Whether each row's shipped-calibrated 80% interval of ``model``, fitted to its window of figures, covers its
    target (``target``: one per row and horizon, NaN where none)."""
    from dxanalysis.analysis.calibration import factor

    scale = panel_scale(model, np.full(len(values), 100.0))
    fit = ols_kernel(years, scale.forward(values), drift=REGISTRY[model].method == "drift")
    horizons = np.array(HORIZONS)
    centre, se = fit.predict(years[:, -1:] + horizons[None, :])
    bands = [level_band(v) if s else "unbounded" for v, s in zip(values[:, -1], share, strict=True)]
    k = np.array([[factor(model, h, 0.8, n=values.shape[1], band=b) for h in horizons] for b in bands])
    q = stats.t.ppf(0.9, fit.df)[:, None]
    with np.errstate(invalid="ignore"):
        return np.abs(scale.forward(target) - centre) <= q * k * se


def real_time(folder: Path, models: tuple[str, ...] = MODELS) -> pd.DataFrame:
    """Forecasts fitted on an earlier release, scored against the latest release of the same figures (``real``),
    beside the same forecasts fitted on the latest release's own figures for the same years (``same``)."""
    cases = []
    for indicator, releases in RELEASES.items():
        share = indicator == "internet_users"
        truth = _vintage(folder, releases[-1][0], indicator)
        for name, label in releases[:-1]:
            early = _vintage(folder, name, indicator)
            for economy in sorted(set(early) & set(truth)):
                e, tr = early[economy], truth[economy]
                for end in sorted(e):
                    for w in WINDOWS:
                        yrs = np.arange(end - w + 1, end + 1)
                        if not all(y in e and y in tr for y in yrs):
                            continue
                        ev, tv = np.array([e[y] for y in yrs]), np.array([tr[y] for y in yrs])
                        target = np.array([tr.get(end + h, np.nan) for h in HORIZONS])
                        if share:
                            target[target >= 100] = np.nan
                            if ev.max() >= 100 or tv.max() >= 100:
                                continue
                        if np.isfinite(target).any():
                            cases.append((indicator, label, economy, share, yrs, ev, tv, target))
    rows = []
    for model in models:
        for w in WINDOWS:
            mine = [c for c in cases if len(c[4]) == w and (c[3] or REGISTRY[model].scale != "logit")]
            if not mine:
                continue
            years = np.array([c[4] for c in mine], dtype=float)
            target = np.array([c[7] for c in mine])
            share = np.array([c[3] for c in mine])
            real = _covered(model, years, np.array([c[5] for c in mine]), target, share)
            same = _covered(model, years, np.array([c[6] for c in mine]), target, share)
            for i, c in enumerate(mine):
                for j, h in enumerate(HORIZONS):
                    if np.isfinite(target[i, j]):
                        rows.append(
                            {
                                "indicator": c[0],
                                "release": c[1],
                                "economy": c[2],
                                "model": model,
                                "window": window_band(w),
                                "horizon": h,
                                "real": bool(real[i, j]),
                                "same": bool(same[i, j]),
                                "revision": abs(c[5][-1] - c[6][-1]) / c[6][-1],
                            }
                        )
    return pd.DataFrame(rows)


def vietnam_revisions() -> pd.DataFrame:
    """The package's own revised Vietnamese figures (``vintage="all"``): each revision of a figure, relative to the
    figure first published."""
    import dxanalysis as dx

    obs = dx.load_observations(vintage="all")
    obs = obs[obs["geo"] == "VN"].sort_values("published")  # the peers' figures are other countries'
    rows = []
    for (indicator, series, period), g in obs.groupby(["indicator", "series", "period"]):
        if len(g) > 1 and g["value"].nunique() > 1:
            first, last = float(g["value"].iloc[0]), float(g["value"].iloc[-1])
            first_status = str(g["status"].iloc[0])
            rows.append(
                {
                    "indicator": indicator,
                    "series": series,
                    "period": period,
                    "first": first,
                    "latest": last,
                    "releases": len(g),
                    "first_status": first_status,
                    "revision": round(abs(last - first) / abs(first), 4) if first else np.nan,
                }
            )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "external-data")
    parser.add_argument("--write", action="store_true", help=f"write {FACTORS_FILE.relative_to(REPO)}")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated models (default: all)")
    parser.add_argument("--real-time", action="store_true", help="score earlier releases against later ones")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"{args.data} not found: the calibration needs the publishers' files (CI has ../shared)", file=sys.stderr)
        return 2
    models = tuple(m for m in args.models.split(",") if m)
    series = reference_series(args.data)
    cases = backtest(series, models)
    table, applied = factors(cases)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 500)
    print(
        f"{len(series)} reference series of {len({s['economy'] for s in series})} economies "
        f"({sum(s['kind'] == 'percent' for s in series)} shares, the rest per 100 people); {len(cases)} forecast "
        f"cases (windows of {min(WINDOWS)}-{max(WINDOWS)} figures, horizons {min(HORIZONS)}-{max(HORIZONS)})"
    )
    print(
        "\nLeave-one-economy-out coverage of the calibrated 80% intervals, as applied, by window band (columns: years)"
    )
    print(coverage_table(applied, "wband").to_string())
    print("\n... and by level band")
    print(coverage_table(applied, "band").to_string())
    pooled = table[(table["window"] == ALL) & (table["band"] == ALL) & (table["level"] == 0.8)]
    print("\nPooled factors at 80% (raw and calibrated coverage, leave-one-economy-out)")
    print(pooled.drop(columns=["window", "band", "level"]).to_string(index=False))
    print("\nMedian absolute error of the point forecast, relative to the last figure, by kind of indicator")
    print(accuracy(cases, series).to_string())
    if args.real_time:
        rt = real_time(args.data, models)
        print(
            "\nReal time: 80% calibrated intervals fitted on an earlier release, covering the latest release's figures"
        )
        print("(real: fitted on the earlier release; same: fitted on the latest release's figures for the same years)")
        summary = rt.groupby(["indicator", "release"]).agg(
            cases=("real", "size"),
            economies=("economy", "nunique"),
            real=("real", "mean"),
            same=("real", lambda s: rt.loc[s.index, "same"].mean()),
            median_revision=("revision", "median"),
        )
        print(summary.round(3).to_string())
        print(rt.groupby(["model"])[["real", "same"]].mean().round(3).to_string())
        print(rt.groupby(["horizon"])[["real", "same"]].mean().round(3).T.to_string())
        print("\nThe package's own revised Vietnamese figures (first published -> latest)")
        revised = vietnam_revisions()
        print(revised.to_string(index=False))
        rms = float(np.sqrt((revised.loc[revised["first_status"] != "actual", "revision"] ** 2).mean()))
        print(f"root mean square of the revisions of figures first published as not actual: {rms:.3f}")
        print(f"(shipped as dxanalysis.analysis.calibration.REVISION_RMS = {REVISION_RMS})")
    if args.write:
        table.to_csv(FACTORS_FILE, index=False)
        print(f"\nwrote {FACTORS_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
