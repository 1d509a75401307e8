"""The shipped calibration table: what it covers, the coverage it achieves, its lookup, and that the back-test
reproduces it (on ../shared's publisher files)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import dxanalysis as dx
from dxanalysis.analysis import calibration
from dxanalysis.analysis.calibration import ALL, LEVEL_BANDS, WINDOW_BANDS, factor, factors, level_band, window_band
from dxanalysis.analysis.models import REGISTRY

REPO = Path(__file__).resolve().parent.parent
CALIBRATED = sorted(name for name, spec in REGISTRY.items() if spec.calibrated)


def test_every_calibrated_model_has_horizons_1_to_7_in_every_window_band():
    t = factors()
    assert set(CALIBRATED) <= set(t["model"]), "calibrated=True accepts only models the table measures"
    for model in CALIBRATED:
        rows = t[t["model"] == model]
        for window in (*WINDOW_BANDS, ALL):
            cell = rows[(rows["window"] == window) & (rows["band"] == ALL)]
            assert sorted(set(cell["horizon"])) == list(range(1, 8)), (model, window)
            assert set(cell["level"]) == {0.5, 0.8, 0.9, 0.95}
    # the level bands: shares (the logit models) are measured early, in the middle and near saturation
    for model in ("drift_logit", "logistic"):
        bands = set(t.loc[(t["model"] == model) & (t["window"] == ALL), "band"])
        assert {"early", "middle", "saturation"} <= bands


def test_shipped_coverage_of_80pc_intervals_is_70_to_90pc_leaving_each_economy_out():
    t = factors()
    at80 = t[t["level"] == 0.8]
    assert len(at80) > 0
    bad = at80[(at80["coverage_loeo"] < 0.70) | (at80["coverage_loeo"] > 0.90)]
    assert bad.empty, bad.to_string()
    # the raw intervals are the problem the factors solve: pooled, they under-cover beyond one year
    pooled = at80[(at80["window"] == ALL) & (at80["band"] == ALL) & (at80["horizon"] >= 3)]
    assert (pooled["coverage_raw"] < 0.75).all() and (pooled["factor"] > 1).all()
    script = _script()  # a cell is written only with enough cases and economies (else the lookup falls back)
    cells = t[(t["window"] != ALL) | (t["band"] != ALL)]
    assert (cells["economies"] >= script.MIN_ECONOMIES).all() and (cells["cases"] >= script.MIN_CASES).all()


def test_window_and_level_bands():
    assert [window_band(n) for n in (3, 4, 5, 6, 7, 30)] == ["3-4", "3-4", "5-6", "5-6", "7+", "7+"]
    assert level_band(19.9) == "early" and level_band(20.0) == "middle" and level_band(80.0) == "saturation"
    assert level_band(5.0, 0.0, 10.0) == "middle" and level_band(5.0, 0.0, float("inf")) == "unbounded"
    assert set(LEVEL_BANDS) >= set(factors()["band"]) - {ALL}


def test_factor_reads_the_cell_of_the_fit_and_interpolates():
    t = factors()
    row = t[(t["model"] == "drift") & (t["horizon"] == 3) & (t["window"] == "3-4") & (t["band"] == "early")]
    at80 = float(row.loc[row["level"] == 0.8, "factor"].iloc[0])
    at90 = float(row.loc[row["level"] == 0.9, "factor"].iloc[0])
    assert factor("drift", 3, 0.8, n=4, band="early") == pytest.approx(at80)
    assert factor("drift", 3, 0.85, n=3, band="early") == pytest.approx((at80 + at90) / 2)
    pooled = t[(t["model"] == "drift") & (t["window"] == ALL) & (t["band"] == ALL) & (t["level"] == 0.8)]
    by_h = pooled.set_index("horizon")["factor"]
    assert factor("drift", 3, 0.8) == pytest.approx(by_h[3])  # the old signature: the pooled factor
    assert factor("drift", 2.25, 0.8) == pytest.approx(0.75 * by_h[2] + 0.25 * by_h[3])
    assert factor("drift", 12, 0.8) == pytest.approx(by_h[7])  # beyond the tested horizon: the last one
    assert factor("drift", 0, 0.8) == 1.0 and factor("no_such_model", 2, 0.8) == 1.0


def test_a_missing_cell_falls_back_to_the_pooled_rows(tmp_path, monkeypatch):
    rows = [
        ("linear", h, w, b, 0.8, f)
        for h in (1, 2)
        for w, b, f in (("3-4", "early", 5.0), ("3-4", ALL, 3.0), (ALL, "saturation", 2.0), (ALL, ALL, 1.5))
    ]
    table = pd.DataFrame(rows, columns=["model", "horizon", "window", "band", "level", "factor"])
    path = tmp_path / "factors.csv"
    table.to_csv(path, index=False)
    monkeypatch.setattr(calibration, "FACTORS_FILE", path)
    calibration.clear_cache()
    try:
        assert factor("linear", 1, 0.8, n=4, band="early") == 5.0  # its own cell
        assert factor("linear", 1, 0.8, n=4, band="middle") == 3.0  # the window pooled over bands
        assert factor("linear", 1, 0.8, n=9, band="saturation") == 2.0  # the band pooled over windows
        assert factor("linear", 1, 0.8, n=9, band="middle") == 1.5  # the model's pooled row
    finally:
        monkeypatch.undo()
        calibration.clear_cache()


def test_the_trend_code_asks_for_its_window_and_level_band():
    s = pd.Series([2.0, 3.1, 4.5, 6.2], index=[2019, 2020, 2021, 2022])  # a share early in its diffusion
    fit = dx.fit_trend(s, model="drift")
    assert fit.ok
    k = fit.calibration_factor(np.array([fit.last_time + 2]), 0.8)[0]
    band = level_band(6.2, *fit.bounds)
    assert k == pytest.approx(factor("drift", 2, 0.8, n=4, band=band))
    long = pd.Series(np.linspace(30, 60, 12), index=range(2011, 2023))
    fit_long = dx.fit_trend(long, model="drift")
    assert fit_long.calibration_factor(np.array([fit_long.last_time + 2]), 0.8)[0] == pytest.approx(
        factor("drift", 2, 0.8, n=12, band=level_band(60.0, *fit_long.bounds))
    )
    share = dx.fit_trend(dx.series("internet_users", source="itu"), model="drift_logit")
    band = level_band(float(share.values[-1]), *share.bounds)
    assert band in ("middle", "saturation")  # a share: its bounds give it a level band
    assert share.calibration_factor(np.array([share.last_time + 3]), 0.8)[0] == pytest.approx(
        factor("drift_logit", 3, 0.8, n=len(share.values), band=band)
    )


def _script():
    path = REPO / "benchmarks" / "calibrate_intervals.py"
    spec = importlib.util.spec_from_file_location("calibrate_intervals", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["calibrate_intervals"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_the_back_test_reproduces_the_shipped_factors(shared):
    """Two models' rows recomputed from ../shared's files (each model's rows depend on its own forecasts only)."""
    script = _script()
    series = script.reference_series(shared / "external-data")
    assert len({s["economy"] for s in series}) >= 200, "the ITU spreadsheets' economies are in the back-test"
    models = ("drift_logit", "linear")
    table, applied = script.factors(script.backtest(series, models))
    shipped = factors()
    shipped = shipped[shipped["model"].isin(models)].reset_index(drop=True)
    assert len(table) == len(shipped)
    keys = ["model", "horizon", "window", "band", "level"]
    merged = table.merge(shipped, on=keys, suffixes=("", "_shipped"), validate="one_to_one")
    assert len(merged) == len(shipped)
    np.testing.assert_allclose(merged["factor"], merged["factor_shipped"], atol=1e-4)
    assert (merged["cases"] == merged["cases_shipped"]).all()
    np.testing.assert_allclose(merged["coverage_loeo"], merged["coverage_loeo_shipped"], atol=1e-4)
    # the coverage as the lookup applies it, by horizon and window band: 70-90% everywhere
    by_window = script.coverage_table(applied, "wband")
    assert ((by_window >= 0.70) & (by_window <= 0.90)).all().all(), by_window.to_string()


@pytest.mark.shared
def test_real_time_forecasts_from_earlier_releases_cover_the_later_figures(shared):
    """Fitted on the ITU's 2019 and the World Bank's 2019/2023/2025 releases, scored against the latest release."""
    script = _script()
    rt = script.real_time(shared / "external-data", ("drift_logit", "drift"))
    assert {"internet_users", "fixed_broadband"} <= set(rt["indicator"])
    assert {"ITU 2019-06", "ITU 2019-08-27", "WDI 2023-05-10"} <= set(rt["release"])
    assert set(rt["horizon"]) == set(range(1, 8))
    by_model = rt.groupby("model")[["real", "same"]].mean()
    assert ((by_model >= 0.65) & (by_model <= 0.95)).all().all(), by_model  # few economies: a looser band
    assert (by_model["same"] - by_model["real"]).abs().max() < 0.05  # revisions cost little coverage
    revisions = script.vietnam_revisions()
    assert (revisions["revision"] > 0).all() and "digital_economy_share_gdp" in set(revisions["indicator"])


def test_an_estimated_last_figure_widens_the_calibrated_interval_by_the_measured_revision_error():
    # Issue 13: real-time honesty. The revision error is the package's own measure (figures first published as
    # estimates, provisional or projections, then revised), and it widens only a fit whose last figure may be revised.
    from dxanalysis.analysis.calibration import REVISED_STATUSES, REVISION_RMS

    obs = dx.load_observations(vintage="all").sort_values("published")
    revisions = []
    for _, g in obs.groupby(["indicator", "geo", "series", "period"]):
        if g["value"].nunique() > 1 and g["status"].iloc[0] in REVISED_STATUSES:
            first, last = float(g["value"].iloc[0]), float(g["value"].iloc[-1])
            revisions.append(abs(last - first) / abs(first))
    assert revisions and round(float(np.sqrt(np.mean(np.square(revisions)))), 3) == REVISION_RMS

    s = pd.Series([11.91, 14.26, 16.5, 18.3], index=[2021, 2022, 2023, 2024])
    s.attrs.update(upper=100.0, lower=0.0)
    actual = dx.fit_trend(s.copy(), model="drift_logit")
    s.attrs["status"] = {2021: "actual", 2022: "actual", 2023: "actual", 2024: "estimate"}
    estimate = dx.fit_trend(s, model="drift_logit")
    assert actual.revision_se == 0 and estimate.revision_se > 0
    a, e = actual.forecast(until=2030), estimate.forecast(until=2030)
    width_a, width_e = (a["upper"] - a["lower"]).to_numpy(), (e["upper"] - e["lower"]).to_numpy()
    assert (width_e > width_a).all()
    assert width_e[0] / width_a[0] > width_e[-1] / width_a[-1]  # the widening fades as the forecast error grows
    raw_a, raw_e = actual.forecast(until=2030, calibrated=False), estimate.forecast(until=2030, calibrated=False)
    assert np.allclose(raw_a["upper"], raw_e["upper"])  # the raw interval is the model's own
    p_a = actual.probability_at_least(25.0, 2026.5)
    p_e = estimate.probability_at_least(25.0, 2026.5)
    assert abs(p_e - 0.5) < abs(p_a - 0.5)  # more uncertainty: nearer a coin-flip
