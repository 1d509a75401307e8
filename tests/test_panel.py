"""The panel path equals the per-series statsmodels fits, on random panels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dxanalysis as dx


def random_panel(seed: int, n_series: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_series):
        n = int(rng.integers(3, 12))
        start = int(rng.integers(2000, 2012))
        years = np.sort(rng.choice(np.arange(start, start + 16), size=n, replace=False))
        level = rng.uniform(5, 60)
        slope = rng.uniform(-1, 4)
        values = np.clip(level + slope * (years - start) + rng.normal(0, 2, n), 0.5, 99)
        rows += [
            {"geo": f"VN-{i:02d}", "indicator": "internet_users", "series": "test", "year": int(y), "value": float(v)}
            for y, v in zip(years, values, strict=True)
        ]
    return pd.DataFrame(rows)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_panel_equals_per_series_statsmodels_fits(seed):
    panel = random_panel(seed, n_series=6)
    models = ["linear", "growth", "logistic", "drift", "drift_log", "drift_logit"]
    out = dx.fit_panel(panel, models=models, horizon=3, level=0.8, calibrated=False)
    for (geo, model), got in out.groupby(["geo", "model"]):
        s = panel[panel.geo == geo].set_index("year")["value"]
        s.attrs.update(lower=0.0, upper=100.0)  # internet_users' range in the catalogue: both hold forecasts in it
        fit = dx.fit_trend(s, model, ceiling=100, timing="period")  # internet_users is a flow in the catalogue
        expected = fit.forecast(horizon=3, level=0.8, calibrated=False)
        assert got["at_bound"].tolist() == expected["at_bound"].tolist()
        np.testing.assert_allclose(got["forecast"], expected["forecast"], rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(got["lower"], expected["lower"], rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(got["upper"], expected["upper"], rtol=1e-8, atol=1e-8)
        assert got["slope"].iloc[0] == pytest.approx(fit.params["slope"], rel=1e-8, abs=1e-10)


def test_panel_on_the_curated_data_and_what_it_refuses():
    out = dx.fit_panel(dx.load_observations(), models=["linear", "logistic"], horizon=2)
    de = out[(out.indicator == "digital_economy_share_gdp") & (out.series == "gso") & (out.model == "logistic")]
    assert len(de) == 2 and de["forecast"].notna().all() and (de["upper"] < 100).all()
    short = out[out.n < 3]
    assert short["forecast"].isna().all()  # fewer than three figures: no line is made up
    with pytest.raises(dx.DxError, match="accepted: linear, growth, logistic, drift, drift_log, drift_logit"):
        dx.fit_panel(dx.load_observations(), models=["ets"])
    with pytest.raises(dx.DxError, match="missing"):
        dx.fit_panel(pd.DataFrame({"value": [1.0]}))
    with pytest.raises(dx.DxError, match="one vintage"):
        dx.fit_panel(dx.load_observations(vintage="all"))


def test_the_panel_counts_one_figure_per_period_and_refuses_too_short_a_history():
    """Issue 13: the panel agrees with fit_trend on the ministry's H1 + annual 18.3 (counted once), on fibre's
    argued ceiling of 95 and on 5G coverage (four figures in six months: no forecast)."""
    obs = dx.load_observations()
    cases = [("digital_economy_share_gdp", "mic", "drift_logit"), ("fibre_households_using", "mic", "logistic")]
    for indicator, series, model in cases:
        rows = obs[(obs.indicator == indicator) & (obs.series == series)]
        got = dx.fit_panel(rows, models=[model], horizon=3, calibrated=False)
        fit = dx.fit_trend(dx.series(indicator, series), model)
        expected = fit.forecast(horizon=3, calibrated=False)
        assert got["n"].iloc[0] == fit.n and fit.params.get("ceiling") in (None, 95.0, 100.0)
        np.testing.assert_allclose(got["forecast"], expected["forecast"], rtol=1e-8)
        np.testing.assert_allclose(got["upper"], expected["upper"], rtol=1e-8)
    de = dx.fit_panel(obs[obs.indicator == "digital_economy_share_gdp"], models=["linear"], horizon=1)
    assert de.set_index("series").loc["mic", "n"] == 5  # 2021-2025, the H1 copy left out
    five_g = dx.fit_panel(obs[obs.indicator == "mobile_5g_population_coverage"], models=["linear"], horizon=2)
    assert five_g["n"].eq(4).all() and five_g["forecast"].isna().all()  # four figures in six months
