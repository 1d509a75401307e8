"""Issue 13's guardrails on the trend fits: say less when the data say less (the review's B5, B6, B7 cases)."""

from __future__ import annotations

import math
import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dxanalysis as dx
from dxanalysis.analysis.calibration import factors
from dxanalysis.analysis.models import CAVEATS, MIN_FIGURES, MIN_SPAN_YEARS
from dxanalysis.analysis.timeseries import annual_pace, independent_figures
from dxanalysis.analysis.trends import plausible_ceiling

SHARE_MODELS = [m for m in dx.MODELS if m != "ets"]


# -- too short a history ---------------------------------------------------------------------------------------------


def test_5g_coverage_is_too_short_a_history_for_any_model():
    """26% (2025-Q2), 39.52% (2025-10), 59% (2025-12-17), 90.2% (2025; the 90% of 2025-12-26 denotes the same
    date): four figures in six months give no projection, no probability, and no "+126.96 a year"."""
    s = dx.series("mobile_5g_population_coverage")
    for model in SHARE_MODELS:
        fit = dx.fit_trend(s, model)
        assert fit.status == "too_short" and not fit.ok, model
        assert fit.labels == ["2025-Q2", "2025-10", "2025-12-17", "2025"]
        assert fit.values.tolist() == [26.0, 39.52, 59.0, 90.2]
        assert "too short a history" in fit.message and "0.5 years" in fit.message
        assert fit.predict([2030.0])["forecast"].isna().all() and fit.caveat(2030) == "too_short"
        assert math.isnan(fit.probability_at_least(99, 2031.0))
        assert all(math.isnan(x) for x in fit.observed_pace())
    table = dx.compare_trends(s)
    assert set(table["status"]) == {"too_short"} and table["forecast_next"].isna().all()


@settings(max_examples=40, deadline=None)
@given(
    months=st.lists(st.integers(0, 23), min_size=2, max_size=10, unique=True),
    start=st.floats(5, 60),
    step=st.floats(-2, 8),
    model=st.sampled_from(SHARE_MODELS),
)
def test_a_series_spanning_under_two_years_never_gives_a_probability(months, start, step, model):
    months = sorted(months)
    index = [f"{2020 + m // 12}-{m % 12 + 1:02d}" for m in months]
    s = pd.Series(np.clip(start + step * np.arange(len(months)), 1, 99), index=index)
    s.attrs.update(lower=0.0, upper=100.0, timing="end")
    fit = dx.fit_trend(s, model)
    assert fit.status == "too_short"
    for year in (2022, 2025, 2030):
        assert fit.caveat(year) == "too_short"
        assert math.isnan(fit.probability_at_least(50, year + 0.5))


def test_three_figures_over_two_years_are_enough_and_two_are_not():
    assert dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023])).status == "ok"
    assert dx.fit_trend(pd.Series([11.91, 16.5], index=[2021, 2023])).status == "too_short"
    assert MIN_FIGURES == 3 and MIN_SPAN_YEARS == 2.0


# -- the pace a year -------------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(t0=st.floats(2000, 2030), span=st.floats(0, 10), v0=st.floats(0.1, 100), v1=st.floats(0.1, 100))
def test_a_pace_a_year_only_from_spans_of_at_least_a_year(t0, span, v0, v1):
    pace = annual_pace(v0, t0, v1, t0 + span)
    if span < 1 - 1e-6:
        assert math.isnan(pace.change) and math.isnan(pace.growth)
    elif span >= 1:
        assert pace.change == pytest.approx((v1 - v0) / span)
        assert pace.growth == pytest.approx((v1 / v0) ** (1 / span) - 1)


# -- one figure per period -------------------------------------------------------------------------------------------


def test_the_ministrys_h1_and_annual_18_3_count_once():
    """B7: the H1 review's and the annual summary's 18.3 for 2024 are one estimate: the fit, the interval and the
    back-test are the annual-only ones by default."""
    both = dx.series("digital_economy_share_gdp", source="mic")
    annual = dx.series("digital_economy_share_gdp", source="mic", freq="year")
    assert {"2024-H1", "2024"} <= set(both.index)
    fit = dx.fit_trend(both)
    assert fit.n == 5 and fit.labels == ["2021", "2022", "2023", "2024", "2025"]
    assert [str(x) for x in fit.left_out] == ["2024-H1, the same estimate as the annual 2024"]
    pd.testing.assert_frame_equal(fit.forecast(until=2026), dx.fit_trend(annual).forecast(until=2026))
    a, b = dx.compare_trends(both), dx.compare_trends(annual)
    cols = ["model", "n", "forecast_next", "lower_next", "upper_next", "backtest_mae", "backtest_covered"]
    pd.testing.assert_frame_equal(a[cols], b[cols])
    assert a.set_index("model").loc["drift_logit", "backtest_covered"] == 1.0  # the held-out 2025 is inside


def test_a_stock_counts_each_date_once_and_a_flow_keeps_its_natural_frequency():
    stock = pd.Series([80.0, 80.0, 80.5, 79.0], index=["2024-Q4", "2024", "2024-12", "2023"])
    kept, left = independent_figures(stock, "end")
    assert sorted(kept.index) == ["2023", "2024"] and {(x.period, x.reason, x.kept) for x in left} == {
        ("2024-Q4", "same_date", "2024"),
        ("2024-12", "same_date", "2024"),
    }
    # a flow with half-year figures mostly: the half-years are its frequency, the annual copy is left out
    users = dx.fit_trend(dx.series("internet_users", "mic"))
    assert users.labels == ["2023-H1", "2024-H1", "2025-H1"]
    assert [(x.period, x.reason, x.kept) for x in users.left_out] == [("2023", "same_estimate", "2023-H1")]
    # a year-to-date window among annual figures is another quantity
    flow = pd.Series([10.0, 12.0, 9.0, 14.0], index=["2021", "2022", "2023-07", "2023"])
    kept, left = independent_figures(flow, "period")
    assert list(kept.index) == ["2021", "2022", "2023"] and [x.reason for x in left] == ["other_window"]
    assert "annual figures" in str(left[0])


# -- uninformative intervals and the tested horizon ------------------------------------------------------------------


def test_mobile_subscriptions_0_to_339_interval_is_uninformative_and_carries_no_probability():
    fit = dx.fit_trend(dx.series("mobile_cellular_subscriptions", source="itu"))
    row = fit.forecast(until=2030).set_index("year").loc[2030]
    assert row["lower"] == 0.0 and row["upper"] > 2 * 0.9 * row["forecast"]  # the bound to twice the forecast
    assert row["caveat"] == CAVEATS.uninformative and fit.caveat(2030) == "uninformative"
    assert math.isnan(fit.probability_at_least(150, float(row["time"])))
    assert not math.isnan(fit.probability_at_least(150, float(row["time"]), guarded=False))


def test_an_interval_covering_the_whole_share_range_is_uninformative():
    s = pd.Series([20.0, 60.0, 30.0, 85.0, 40.0], index=range(2019, 2024))
    s.attrs.update(lower=0.0, upper=100.0)
    out = dx.fit_trend(s, "linear").forecast(until=2026)
    wide = (out["upper"] - out["lower"]) >= 90
    assert wide.any() and (out.loc[wide, "caveat"] == "uninformative").all()


def test_beyond_the_tested_horizon_read_from_the_shipped_factors():
    fit = dx.fit_trend(dx.series("digital_economy_share_gdp", source="mic"))
    tested = factors().loc[lambda f: f["model"] == fit.model, "horizon"].max()
    assert fit.tested_horizon == tested  # never a hard-coded 3
    last = fit.last_figure_year()
    assert fit.caveat(last + int(tested)) is None and not math.isnan(
        fit.probability_at_least(20, fit.last_time + tested)
    )
    assert fit.caveat(last + int(tested) + 1) == "beyond_tested_horizon" and fit.caveat(2045) is not None
    assert math.isnan(fit.probability_at_least(50, 2045.5))  # B6: no "92% probability" for 2045


# -- a plausible ceiling for a saturating take-up --------------------------------------------------------------------


def test_fibre_take_up_saturates_at_its_argued_ceiling_not_at_100():
    s = dx.series("fibre_households_using")
    assert plausible_ceiling(s.attrs) == 95.0
    cat = dx.indicators().set_index("id")
    assert (
        cat.loc["fibre_households_using", "ceiling"] == 95
        and "Argued" in cat.loc["fibre_households_using", "ceiling_note"]
    )
    for name in ("mobile_5g_population_coverage", "fibre_communes_connected"):  # coverage keeps the unit's 100
        assert math.isnan(cat.loc[name, "ceiling"]) and plausible_ceiling(dx.series(name).attrs) == 100.0
    for model in ("drift_logit", "logistic"):
        fit = dx.fit_trend(s, model)
        assert fit.params["ceiling"] == 95.0 and fit.admissible_range == (0.0, 95.0)
        assert (fit.forecast(until=2035, calibrated=False)[["forecast", "upper"]] < 95).all().all()
    at_100 = dx.fit_trend(s, "drift_logit", ceiling=100).forecast(until=2030).iloc[-1]["forecast"]
    at_95 = dx.fit_trend(s).forecast(until=2030).iloc[-1]["forecast"]
    assert at_95 < at_100  # B6's 97.1% for 2030 came from the unit's 100
    panel = dx.fit_panel(dx.load_observations().query("indicator == 'fibre_households_using'"), models=["logistic"])
    assert (panel["upper"].dropna() < 95).all()


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  ceiling: 120\n  ceiling_note: too high\n", "within the unit's bounds"),
        ("  ceiling: 95\n", "without its ceiling_note"),
    ],
)
def test_a_ceiling_outside_the_units_bounds_or_without_its_argument_is_refused(tmp_path, entry, problem):
    from dxanalysis.data.catalogue import data_dir, read_package_tables

    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    yml = folder / "indicators.yml"
    text = yml.read_text(encoding="utf-8")
    anchor = "- id: fibre_communes_connected\n"
    head, tail = text.split(anchor, 1)
    block_end = tail.index("\n\n")
    yml.write_text(head + anchor + tail[:block_end] + "\n" + entry.rstrip("\n") + tail[block_end:], encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match=problem):
        read_package_tables(folder)
