"""Trend models: the numbers an economist can check by hand, properties that must hold, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dxanalysis as dx

DE = pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023])


def test_linear_slope_of_the_ministry_series():
    fit = dx.fit_trend(DE, model="linear")
    assert fit.params["slope"] == pytest.approx(2.295, abs=1e-9)
    assert fit.n == 3 and fit.period_covered == ("2021", "2023") and fit.point_kind == "mean"


def test_linear_intervals_match_statsmodels_obs_ci():
    import statsmodels.api as sm

    fit = dx.fit_trend(DE, model="linear")
    out = fit.forecast(until=2026, level=0.8, calibrated=False)
    t = np.array([2021.5, 2022.5, 2023.5])
    res = sm.OLS(DE.to_numpy(), sm.add_constant(t)).fit()
    frame = res.get_prediction(sm.add_constant(out["time"].to_numpy())).summary_frame(alpha=0.2)
    np.testing.assert_allclose(out["lower"], frame["obs_ci_lower"], rtol=1e-10)
    np.testing.assert_allclose(out["upper"], frame["obs_ci_upper"], rtol=1e-10)


def test_series_from_the_package_carries_what_the_model_needs():
    s = dx.series("digital_economy_share_gdp", source="mic", freq="year")
    fit = dx.fit_trend(s)
    # a bounded share: by default the random walk with drift on the logit scale (the back-test's choice), bounded
    assert fit.model == "drift_logit" and fit.params["ceiling"] == 100.0
    assert dx.fit_trend(dx.series("mobile_cellular_subscriptions")).model == "drift"  # an unbounded level
    assert fit.indicator == "digital_economy_share_gdp" and fit.series == "mic"
    assert fit.vintage.startswith("latest")
    assert dx.fit_trend(dx.series("digital_economy_share_gdp", source="mic", as_of="2024-05-01")).vintage == (
        "as of 2024-05-01"
    )


def test_true_dates_on_one_axis():
    """A stock 'as of April 2024' sits at the end of April; an annual stock at the end of its year."""
    s = pd.Series([79.4, 80.2], index=["2023", "2024-04"])
    times, _ = dx.analysis.trends.series_times(s, "end")
    assert times[0] == 2024.0 and times[1] == pytest.approx(2024.33, abs=0.01)
    flow, _ = dx.analysis.trends.series_times(pd.Series([1.0], index=[2023]), "period")
    assert flow[0] == 2023.5


def test_growth_and_logistic_back_transform():
    growth = dx.fit_trend(DE, model="growth")
    assert growth.point_kind == "median"
    assert math.exp(growth.params["slope"]) - 1 == pytest.approx((16.5 / 11.91) ** 0.5 - 1, abs=0.01)
    logistic = dx.fit_trend(DE, model="logistic", ceiling=100)
    f = logistic.forecast(until=2060, level=0.95)
    assert (f["upper"] <= 100).all() and (f["lower"] > 0).all()  # never past the ceiling (at it in floating point)


def test_two_points_are_too_short_a_history_the_change_kept_nothing_projected():
    # issue 13: two figures no longer extrapolate a line (the 2019->2020 "+186.71% a year" of level 4 services)
    fit = dx.fit_trend(pd.Series([10.0, 12.0], index=[2020, 2022]), model="linear")
    assert fit.status == "too_short" and "too short a history" in fit.message and not fit.ok
    assert fit.params["change_per_year"] == pytest.approx(1.0) and fit.labels == ["2020", "2022"]
    with pytest.raises(dx.DxError, match="cannot forecast"):
        fit.forecast(until=2024)
    assert fit.predict([2024.5])["forecast"].isna().all() and fit.caveat(2024) == "too_short"


def test_one_point_is_insufficient_data_not_an_exception_deep_in_statsmodels():
    fit = dx.fit_trend(pd.Series([10.0], index=[2020]), model="linear")
    assert fit.status == "insufficient_data" and not fit.ok and "insufficient data" in fit.message
    with pytest.raises(dx.DxError, match="cannot forecast"):
        fit.forecast(until=2025)
    assert dx.fit_trend(pd.Series(np.arange(5.0) + 1, index=range(2015, 2020)), model="ets").status == (
        "insufficient_data"
    )


def test_ets_on_a_long_annual_series():
    rng = np.random.default_rng(1)
    s = pd.Series(20 + 3 * np.arange(14) + rng.normal(0, 1, 14), index=range(2010, 2024))
    fit = dx.fit_trend(s, model="ets")
    out = fit.forecast(until=2027, calibrated=False)
    assert fit.ok and (out["lower"] < out["forecast"]).all() and (out["forecast"] < out["upper"]).all()
    assert out["forecast"].iloc[-1] > s.iloc[-1]
    assert out["caveat"].eq("uncalibrated").all()  # a raw interval carries no probability


def test_ets_under_calibrated_true_is_refused_not_silently_raw():
    """Issue 13: ETS has no calibration factors in the shipped table, so ``calibrated=True`` (the default) is refused
    by name; ``compare_trends`` shows it raw and says so."""
    from dxanalysis.analysis.calibration import factors

    if (factors()["model"] == "ets").any():
        pytest.skip("the calibration table now measures ets: its intervals are calibrated")
    rng = np.random.default_rng(1)
    s = pd.Series(20 + 3 * np.arange(14) + rng.normal(0, 1, 14), index=range(2010, 2024))
    fit = dx.fit_trend(s, model="ets")
    assert not fit.calibrated_model and fit.tested_horizon == 0
    for call in (lambda: fit.forecast(until=2027), lambda: fit.probability_at_least(70, 2026.5)):
        with pytest.raises(dx.DxError, match=r"ets model has no calibration factors.*calibrated=False"):
            call()
    assert fit.caveat(2026) == "uncalibrated" and math.isnan(fit.probability_at_least(70, 2026.5, calibrated=False))
    row = dx.compare_trends(s).set_index("model").loc["ets"]
    assert row["status"] == "ok" and not row["calibrated"] and "raw interval" in row["message"]
    assert row["lower_next"] < row["forecast_next"] < row["upper_next"]


def test_drift_on_the_logit_scale_stays_inside_the_bounds():
    s = pd.Series([60.0, 75.0, 88.0, 95.0], index=[2020, 2021, 2022, 2023])
    out = dx.fit_trend(s, "drift", scale="logit", ceiling=100).forecast(until=2040, level=0.95)
    assert (out[["forecast", "lower", "upper"]].to_numpy() <= 100).all()
    level = dx.fit_trend(s, "drift").forecast(until=2040)
    assert level["forecast"].iloc[-1] > 100  # which is why a share is not forecast on the level


def test_a_forecast_is_held_inside_the_indicators_range():
    """A linear trend of a share (a catalogue series knows its 0-100 range) is held at 100 once the model passes it,
    interval included, and says so in ``at_bound``; a bare Series has no range to hold."""
    assert dx.fit_trend(dx.series("mobile_5g_population_coverage"), "linear").bounds == (0.0, 100.0)
    s = pd.Series([26.0, 39.52, 90.0], index=[2023, 2024, 2025])  # the linear trend passes 100 the next year
    s.attrs.update(lower=0.0, upper=100.0)
    out = dx.fit_trend(s, "linear").forecast(until=2030)
    values = out[["forecast", "lower", "upper"]].to_numpy()
    assert ((values >= 0) & (values <= 100) | np.isnan(values)).all()
    assert out["at_bound"].all() and (out["forecast"] == 100).all()
    # 60, 71, 79, 90: the 80% interval is wholly past 100 from 2027: no interval, rather than a certain-looking point
    share = pd.Series([60.0, 71.0, 79.0, 90.0], index=[2021, 2022, 2023, 2024])
    share.attrs.update(lower=0.0, upper=100.0)
    held = dx.fit_trend(share, "linear").forecast(until=2028).set_index("year")
    assert held.loc[2025, "lower"] < held.loc[2025, "forecast"] < 100 and not held.loc[2025, "at_bound"]
    assert held.loc[2027:, "forecast"].eq(100).all() and held.loc[2027:, ["lower", "upper"]].isna().all().all()
    raw = dx.fit_trend(pd.Series(s.to_numpy(), index=[2023, 2024, 2025]), "linear").forecast(until=2030)
    assert (raw["forecast"] > 100).all() and not raw["at_bound"].any()


def test_calibrated_intervals_are_wider_than_raw_and_the_raw_stays_available():
    fit = dx.fit_trend(DE, model="linear")
    raw = fit.forecast(until=2026, calibrated=False)
    cal = fit.forecast(until=2026)
    assert ((cal.upper - cal.lower) > (raw.upper - raw.lower)).all()
    assert (cal.forecast == raw.forecast).all()
    from dxanalysis.analysis.calibration import factor

    assert factor("linear", 1, 0.8) > 1.0 and factor("linear", 3, 0.8) > factor("linear", 1, 0.8)


def test_drift_is_the_benchmark_with_uneven_spacing():
    s = pd.Series([10.0, 12.0, 13.0, 16.0], index=["2020", "2021", "2022-H1", "2023"])
    fit = dx.fit_trend(s, model="drift", timing="end")  # a stock: every date counts (a flow keeps the annual ones)
    assert fit.params["slope"] == pytest.approx((16 - 10) / (2024 - 2021)) and fit.n == 4
    out = fit.forecast(until=2026, calibrated=False)
    assert (np.diff(out["upper"] - out["lower"]) > 0).all()


def test_compare_trends_side_by_side_with_backtest():
    s = dx.series("fibre_households_using")
    table = dx.compare_trends(s)
    assert list(table["model"]) == list(dx.MODELS)
    ok = table[table.status == "ok"]
    assert len(ok) >= 6 and ok["backtest_mae"].notna().all() and ok["backtest_covered"].between(0, 1).all()
    ets = table.loc[table.model == "ets"].iloc[0]  # take-up figures come monthly and half-yearly, not once a year
    assert ets["status"] == "not applicable" and "one figure a year" in ets["message"]


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(-50, 50),
    b=st.floats(-5, 5),
    n=st.integers(3, 12),
)
def test_a_series_on_a_line_forecasts_that_line(a, b, n):
    years = np.arange(2010, 2010 + n)
    s = pd.Series(a + b * (years - 2010), index=years)
    out = dx.fit_trend(s, model="linear").forecast(horizon=3)
    expected = a + b * (out["year"].to_numpy() - 2010)
    np.testing.assert_allclose(out["forecast"], expected, atol=1e-7)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(4, 10), model=st.sampled_from(["linear", "growth", "logistic"]))
def test_intervals_widen_with_the_horizon(seed, n, model):
    rng = np.random.default_rng(seed)
    years = np.arange(2010, 2010 + n)
    s = pd.Series(np.clip(20 + 4 * (years - 2010) + rng.normal(0, 2, n), 1, 99), index=years)
    fit = dx.fit_trend(s, model=model, ceiling=100)
    out = fit.forecast(horizon=6, calibrated=False)
    z = fit.working_scale.forward  # on the working scale the half-width grows with the horizon
    assert (np.diff(z(out["upper"].to_numpy()) - z(out["lower"].to_numpy())) > 0).all()


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 12), h=st.integers(1, 5), level=st.floats(0.5, 0.95))
def test_intervals_widen_with_fewer_figures(seed, n, h, level):
    """For the same residual scale, fewer figures give a wider interval h years after the last one: the standardised
    width q(n-2) * sqrt(1 + 1/n + (t0 - mean t)^2 / Sxx) shrinks as n grows, whatever the data."""
    rng = np.random.default_rng(seed)

    def standardised_width(k: int) -> float:
        years = np.arange(2000, 2000 + k)
        s = pd.Series(10 + 2 * (years - 2000) + rng.normal(0, 1, k), index=years)
        fit = dx.fit_trend(s, model="linear")
        row = fit.forecast(horizon=h, level=level, calibrated=False).iloc[-1]
        return float((row["upper"] - row["lower"]) / np.sqrt(fit.params["scale"]))

    assert standardised_width(n) > standardised_width(n + 1)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.floats(0.5, 99.5), min_size=3, max_size=9), level=st.floats(0.5, 0.99))
def test_a_logistic_forecast_stays_inside_its_bounds(values, level):
    s = pd.Series(values, index=range(2015, 2015 + len(values)))
    out = dx.fit_trend(s, model="logistic", ceiling=100).forecast(until=2080, level=level)
    values = out[["forecast", "lower", "upper"]].to_numpy()
    assert ((values >= 0) & (values <= 100)).all()  # the closed bounds of a percentage (floats may reach them)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dx.fit_trend(DE, model="cubic"), "accepted: linear, growth, logistic, drift, drift_log, drift_logit"),
        (lambda: dx.fit_trend(DE, model="linear", scale="log"), "applies to model='drift' only"),
        (lambda: dx.fit_trend(DE, model="linear").forecast(until=2030, level=1.2), "strictly between 0 and 1"),
        (lambda: dx.fit_trend(DE, model="linear").forecast(until=2030, level=0), "strictly between 0 and 1"),
        (lambda: dx.fit_trend(DE, model="linear").forecast(until=2022), "is not after the last figure"),
        (lambda: dx.fit_trend(pd.Series([1.0, 0.0, 2.0], index=[2020, 2021, 2022]), model="growth"), "positive values"),
        (
            lambda: dx.fit_trend(
                pd.Series([90.0, 100.0, 95.0], index=[2020, 2021, 2022]), model="logistic", ceiling=100
            ),
            "strictly between 0 and the ceiling 100",
        ),
        (lambda: dx.fit_trend(pd.Series([1.0, 2.0, 3.0], index=[2020, 2021, 2022]), model="logistic"), "ceiling"),
        (lambda: dx.fit_trend(pd.Series([1.0, 2.0], index=["2020", "x"])), "not a time"),
        (lambda: dx.fit_trend([1, 2, 3]), "pandas Series"),
        (lambda: dx.fit_trend(pd.Series([1.0, 2.0, 3.0], index=[2020, 2020, 2021])), "two figures at the same time"),
    ],
)
def test_bad_input_is_a_clear_dxanalysis_error(call, message):
    with pytest.raises(dx.DxError, match=message):
        call()


# ----------------------------------------------------------------------------------------------------------------------
# The result object: fitted quantities as fields, so a fit pickles; sources and a summary


@pytest.mark.parametrize("model", list(dx.MODELS))
@pytest.mark.parametrize("n", [1, 2, 3, 14])
def test_every_fit_pickles_and_forecasts_the_same_after(model, n):
    import pickle

    rng = np.random.default_rng(n)
    s = pd.Series(np.clip(20 + 3 * np.arange(n) + rng.normal(0, 1, n), 1, 99), index=range(2024 - n, 2024))
    fit = dx.fit_trend(s, model, ceiling=100)
    assert fit.status in dx.analysis.models.FIT_STATUSES
    back = pickle.loads(pickle.dumps(fit))
    assert back.status == fit.status and back.params == fit.params and back.sources == fit.sources
    if fit.status in ("insufficient_data", "too_short"):
        assert back.state is None and back.predict([2030.5])["forecast"].isna().all()
        return
    raw = not fit.calibrated_model  # ets: no calibration factors, so its raw interval
    pd.testing.assert_frame_equal(
        back.forecast(horizon=3, calibrated=not raw), fit.forecast(horizon=3, calibrated=not raw)
    )
    pd.testing.assert_frame_equal(back.fitted(), fit.fitted())


def test_a_fit_carries_the_sources_of_its_figures_and_a_summary():
    s = dx.series("digital_economy_share_gdp", source="mic")
    fit = dx.fit_trend(s, "linear")
    assert fit.sources == tuple(dict.fromkeys(s.attrs["source"][p] for p in fit.labels))
    assert dx.fit_trend(DE, "linear").sources == ()  # a bare Series names no source
    text = fit.summary()
    assert "linear" in text and f"{fit.n}, 2021–2025" in text and fit.sources[0] in text and "slope" in text
    assert "insufficient_data" in dx.fit_trend(pd.Series([1.0], index=[2020])).summary()


def test_an_insufficient_fit_keeps_the_figures_and_the_reason():
    s = pd.Series([99.0, 100.0, 100.0], index=[2022, 2023, 2024])
    fit = dx.TrendFit.insufficient(s, "the values sit at the ceiling")
    assert fit.status == "insufficient_data" and not fit.ok and fit.n == 3 and fit.labels == ["2022", "2023", "2024"]
    assert fit.message == "the values sit at the ceiling" and fit.predict([2026.5])["forecast"].isna().all()
    with pytest.raises(dx.DxError, match="cannot forecast"):
        fit.forecast(horizon=1)


def test_the_registry_declares_every_model_once():
    from dxanalysis.analysis import models, panel, trends

    assert tuple(models.REGISTRY) == dx.MODELS == trends.MODELS
    assert tuple(m for m, spec in models.REGISTRY.items() if spec.vectorised) == panel.PANEL_MODELS
    assert {m: spec.min_points for m, spec in models.REGISTRY.items()} == trends.MIN_POINTS
    from dxanalysis.present.i18n import LABELS

    assert all(spec.label_key in LABELS for spec in models.REGISTRY.values())  # every model has its label
    factors = set(dx.analysis.calibration.factors()["model"])
    assert {m for m, spec in models.REGISTRY.items() if spec.calibrated} == factors
    assert models.parse_models("linear, ets") == ["linear", "ets"] and models.parse_models(" ") is None
    with pytest.raises(dx.DxError, match="accepted: linear, growth"):
        models.parse_models("linear,arima")
    assert models.check_level(0.5) == 0.5
    for bad in (0, 1, 1.2, "0.8", None):
        with pytest.raises(dx.DxError, match="strictly between 0 and 1"):
            models.check_level(bad)
