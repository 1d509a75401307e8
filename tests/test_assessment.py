"""Target assessment and scenarios: the issue's numbers checked by hand, the status rule, the scorecard."""

from __future__ import annotations

import pandas as pd
import pytest

import dxanalysis as dx

# The figures known on 1 May 2024: the ministry's 11.91 / 14.26 / 16.5 for 2021-2023 (the 8th-session report).
AS_OF = "2024-05-01"


def test_required_pace_to_2025_and_2030():
    a25 = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of=AS_OF)
    assert a25.latest_value == 16.5 and a25.latest_period == "2023" and a25.latest_status == "estimate"
    assert a25.required_annual_change == pytest.approx(1.75)
    assert a25.required_growth_rate == pytest.approx(0.1010, abs=5e-5)
    assert a25.gap == pytest.approx(3.5)
    a30 = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2030, as_of=AS_OF)
    assert a30.target_value == 30 and a30.required_growth_rate == pytest.approx(0.0892, abs=5e-5)


def test_assessment_contents():
    a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of=AS_OF)
    assert a.observed_annual_change == pytest.approx((16.5 - 11.91) / 2)
    assert a.projected_lower < a.projected < a.projected_upper
    assert 0 <= a.probability_met <= 1
    assert a.status in dx.analysis.assessment.STATUSES
    assert set(a.projections["model"]) == set(dx.MODELS)
    assert a.projections.loc[a.projections["default"], "model"].item() == a.model
    # the fixed path runs from the baseline (the last figure known at adoption) to the target
    paths = a.paths.set_index("year")
    assert paths.loc[2025, "fixed_required"] == pytest.approx(20.0) == paths.loc[2025, "reanchored_required"]
    assert "by 2025" in a.summary()


def test_status_rule():
    s = pd.Series([50.0, 55.0, 60.0, 65.0], index=[2020, 2021, 2022, 2023])
    achieved = dx.assess_target(s, target=60, target_year=2025)
    assert achieved.status == "achieved"
    on = dx.assess_target(s, target=70, target_year=2025, model="linear")
    assert on.status == "on track" and on.probability_met > 0.5 and on.year_reached == 2024
    off = dx.assess_target(s, target=90, target_year=2025, model="linear")
    assert off.status == "off track" and off.probability_met < 0.5
    passed = dx.assess_target(s, target=90, target_year=2022, model="linear")
    assert passed.status == "off track" and "has passed" in passed.reason
    few = dx.assess_target(pd.Series([50.0, 55.0], index=[2022, 2023]), target=90, target_year=2030)
    assert few.status == "insufficient data"
    rank = dx.assess_target(
        pd.Series([99.0, 89, 88, 71], index=[2014, 2016, 2018, 2024]),
        target=70,
        target_year=2025,
        comparator="at_most",
        model="linear",
    )
    assert rank.gap == pytest.approx(1.0) and rank.status in ("on track", "off track")


def test_the_most_demanding_target_of_a_year_is_assessed():
    a = dx.assess_target("digital_economy_share_gdp", target_year=2025)
    assert a.target_value == 20.5 and "1437" in a.document and a.series == "mic"


def test_scorecard_has_one_row_per_indicator_with_a_target():
    card = dx.scorecard()
    targets = dx.load_targets()
    assert set(card["indicator"]) == set(targets["indicator"])
    assert set(card["status"]) <= set(dx.analysis.assessment.STATUSES)
    row = card.set_index("indicator").loc["fibre_communes_connected"]
    assert row["status"] == "achieved"  # 100% of communes: met, whatever a model could say
    no_figures = card.set_index("indicator").loc["fibre_households_covered"]
    assert no_figures["status"] == "insufficient data"


def test_assessment_bad_input():
    with pytest.raises(dx.UnknownIndicatorError, match="did you mean"):
        dx.assess_target("digital_economy_share")
    with pytest.raises(dx.DxError, match="no target for 2027"):
        dx.assess_target("digital_economy_share_gdp", target_year=2027)
    with pytest.raises(dx.DxError, match="target=… and target_year=…"):
        dx.assess_target(pd.Series([1.0, 2.0, 3.0], index=[2020, 2021, 2022]))
    with pytest.raises(dx.DxError, match="at_least"):
        dx.assess_target(
            pd.Series([1.0, 2.0, 3.0], index=[2020, 2021, 2022]), target=5, target_year=2025, comparator="above"
        )


def test_share_scenarios_of_the_8th_session():
    named = dx.NAMED_SCENARIOS["8th session: digital economy +20%/yr, 3x GDP growth"]
    sc = dx.share_scenarios(**named, until=2030)
    ratio = 1.2 / (1 + 0.2 / 3)
    assert sc.set_index("year").loc[2025, "share"] == pytest.approx(16.5 * ratio**2)
    assert sc.loc[sc.share >= 20, "year"].min() == 2025
    grid = dx.share_scenario_grid(
        start=16.5,
        start_year=2023,
        part_growth=[0.05, 0.1, 0.2],
        whole_growth=[0.05, 0.066],
        targets={2025: 20, 2030: 30},
    )
    assert len(grid) == 6
    slow = grid[(grid.part_growth == 0.05) & (grid.whole_growth == 0.05)].iloc[0]
    assert pd.isna(slow["reached_20"]) and not slow["on_time_2025"]  # a constant share never gets there
    with pytest.raises(dx.DxError, match="growth rate"):
        dx.share_scenarios(start=16.5, start_year=2023, part_growth=-1.5, whole_growth=0.06, until=2030)


# ----------------------------------------------------------------------------------------------------------------------
# The result object and the one target rule


def test_an_assessment_groups_its_target_pickles_and_makes_its_scorecard_row():
    import pickle

    a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of=AS_OF)
    assert isinstance(a.target, dx.analysis.assessment.Target)
    assert (a.target_value, a.target_year, a.comparator, a.document) == (
        a.target.value,
        a.target.year,
        a.target.comparator,
        a.target.document,
    )
    assert a.target.adopted is not None and a.sources == a.fit.sources and a.sources
    back = pickle.loads(pickle.dumps(a))
    assert repr(back.to_dict()) == repr(a.to_dict())  # repr: NaN equals NaN
    assert back.target == a.target and back.fit.forecast(horizon=2).equals(a.fit.forecast(horizon=2))
    row = a.to_row()
    assert row["target"] == a.target_value and row["lower"] == a.projected_lower and row["latest"] == a.latest_value
    card = dx.scorecard(as_of=AS_OF).set_index("indicator")
    assert set(row) <= set(card.columns)
    # the scorecard's row of an indicator is that indicator's default assessment's row
    own = dx.assess_target("digital_economy_share_gdp", as_of=AS_OF).to_row()
    got = card.loc["digital_economy_share_gdp"]
    assert got["target_year"] == own["target_year"] and got["status"] == own["status"] and got["model"] == own["model"]
    for status in ("achieved", "insufficient data"):  # an assessment whatever its status pickles
        s = pd.Series([50.0, 55.0], index=[2022, 2023]) if status != "achieved" else pd.Series([95.0], index=[2023])
        one = dx.assess_target(s, target=90, target_year=2030)
        assert one.status == status and pickle.loads(pickle.dumps(one)).status == status


def test_a_target_the_model_cannot_take_gives_insufficient_data_not_an_error():
    """A share at its ceiling cannot be fitted on the logit scale: the assessment says so and keeps its figures."""
    s = pd.Series([98.0, 99.0, 100.0], index=[2021, 2022, 2023])
    s.attrs.update(unit="percent", upper=100.0, lower=0.0)
    a = dx.assess_target(s, target=100.5, target_year=2030)
    assert a.status == "insufficient data" and a.fit.status == "insufficient_data" and a.model == "linear"
    assert "between 0 and the ceiling" in a.reason and a.latest_value == 100.0


def test_next_target_is_the_one_rule_for_frames_and_assessments():
    from dxanalysis.analysis.assessment import next_target

    targets = dx.load_targets()
    de = targets[targets["indicator"] == "digital_economy_share_gdp"]
    assert next_target(de, 2022).year == 2023
    t25 = next_target(de, 2024)
    assert t25.year == 2025 and t25.value == de.loc[de.year == 2025, "value"].max()  # the most demanding
    assert next_target(de, 2050).year == 2045  # every year passed: the last one
    assert next_target(de, None).year == 2045  # no figures: the last one
    assert next_target(de.iloc[0:0], 2024) is None and next_target([]) is None
    rank = pd.DataFrame({"year": [2030, 2030], "value": [50.0, 30.0], "comparator": "at_most", "adopted": pd.NaT})
    assert next_target(rank, 2024).value == 30.0  # at most: the lower is the more demanding
    assessments = dx.analysis.assessment.assess_targets("digital_economy_share_gdp", "mic")
    chosen = next_target(assessments)
    assert chosen.target_year == next_target(de, assessments[0].fit.last_figure_year()).year
    # the default target of assess_target is the rule's
    assert dx.assess_target("digital_economy_share_gdp").target == next_target(
        de[de.series.isin(["", "mic"])], dx.fit_trend(dx.series("digital_economy_share_gdp", "mic")).last_figure_year()
    )


def test_assess_targets_takes_a_notebooks_empty_parameters():
    from dxanalysis.analysis.assessment import assess_targets

    every = assess_targets("digital_economy_share_gdp", "mic", as_of="")
    assert [a.target_year for a in every] == sorted({a.target_year for a in every}) and len(every) >= 4
    assert [a.target_year for a in assess_targets("digital_economy_share_gdp", "mic", as_of=AS_OF)][:2] == [2023, 2024]
    assert assess_targets("digital_economy_share_gdp", "gso") == []  # the targets are set on the MIC series
    assert dx.analysis.assessment.STATUSES is dx.analysis.assessment.TARGET_STATUSES
