"""Target assessment and scenarios: the issue's numbers checked by hand, the status rule, the scorecard."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import dxanalysis as dx
from dxanalysis.analysis.assessment import Target, assess_targets, verdict
from dxanalysis.analysis.verdicts import Basis, judgement_date, today

# The figures known on 1 May 2024: the ministry's 11.91 / 14.26 / 16.5 for 2021-2023 (the 8th-session report).
AS_OF = "2024-05-01"
# The date of judgement of the cases (issue 13 was filed on 2 December 2026).
TODAY = "2026-12-03"


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
    """Targets ahead (judged in January 2024): the projection's probability in three bands, insufficient data where
    no honest projection exists; the same figures judged after the target year: by the figure for that year."""
    s = pd.Series([50.0, 55.0, 60.0, 65.0], index=[2020, 2021, 2022, 2023])
    ahead = "2024-01-15"
    on = dx.assess_target(s, target=70, target_year=2025, model="linear", judged_on=ahead)
    assert on.status == "on track" and on.probability_met >= 2 / 3 and on.year_reached == 2024
    off = dx.assess_target(s, target=90, target_year=2025, model="linear", judged_on=ahead)
    assert off.status == "off track" and off.probability_met <= 1 / 3
    reached = dx.assess_target(s, target=60, target_year=2025, model="linear", judged_on=ahead)
    assert reached.status == "on track" and reached.basis is None  # already reached, still a target ahead
    met = dx.assess_target(s, target=60, target_year=2022, model="linear", judged_on=ahead)
    assert met.status == "met" and met.basis_period == "2022" and math.isnan(met.probability_met)
    missed = dx.assess_target(s, target=90, target_year=2022, model="linear", judged_on=ahead)
    assert missed.status == "missed" and missed.basis_value == 60.0 and math.isnan(missed.required_annual_change)
    late = dx.assess_target(s, target=62, target_year=2022, model="linear", judged_on=ahead)
    assert late.status == "met late" and late.met_late == ("2023", 65.0)
    unpublished = dx.assess_target(s, target=90, target_year=2024, model="linear", judged_on="2025-03-01")
    assert unpublished.status == "not published" and unpublished.nowcast and unpublished.projected == pytest.approx(70)
    few = dx.assess_target(pd.Series([50.0, 55.0], index=[2022, 2023]), target=90, target_year=2030, judged_on=ahead)
    assert few.status == "insufficient data" and few.caveat == "too_short" and math.isnan(few.projected)
    rank = dx.assess_target(
        pd.Series([99.0, 89, 88, 71], index=[2014, 2016, 2018, 2024]),
        target=70,
        target_year=2025,
        comparator="at_most",
        model="linear",
        judged_on="2025-01-01",
    )
    assert rank.gap == pytest.approx(1.0) and rank.status in ("on track", "uncertain", "off track")


def test_the_verdict_function_is_the_rule():
    """verdict() alone decides: the bands 2/3 and 1/3, the figure for the target period once it is over."""
    t = Target(85.0, 2023)
    before, after = dt.date(2023, 12, 31), dt.date(2024, 1, 1)
    assert [verdict(t, before, probability=p)[0] for p in (0.9, 2 / 3, 0.5, 1 / 3, 0.1)] == [
        "on track",
        "on track",
        "uncertain",
        "off track",
        "off track",
    ]
    assert verdict(t, before, probability=0.9, refusal="too short a history") == (
        "insufficient data",
        "too short a history",
    )
    short = Basis(79.4, "2023", "annual")
    assert verdict(t, after, basis=short)[0] == "missed"
    assert verdict(t, after, basis=short, met_later=("2025-H1", 85.1))[0] == "met late"
    assert verdict(t, after, basis=Basis(85.0, "2023", "annual"), met_later=None)[0] == "met"
    assert verdict(t, after, probability=0.99)[0] == "not published"  # a projection never judges a past year
    assert set(dx.analysis.assessment.TARGET_STATUSES) == {
        "met",
        "met late",
        "missed",
        "not published",
        "on track",
        "uncertain",
        "off track",
        "insufficient data",
        "measure discontinued",
    }


def test_a_coin_flip_is_uncertain():
    """A future target that the trend reaches with a probability near one half is neither on nor off track."""
    s = pd.Series([50.0, 56.0, 59.0, 66.0, 69.0], index=[2019, 2020, 2021, 2022, 2023])
    centre = dx.fit_trend(s, "linear").predict([2025.5])["forecast"].iloc[0]
    flip = dx.assess_target(s, target=float(centre), target_year=2025, model="linear", judged_on="2024-01-15")
    assert flip.probability_met == pytest.approx(0.5, abs=0.02) and flip.status == "uncertain"


def test_the_date_of_judgement():
    assert judgement_date("2024-05-01") == dt.date(2024, 5, 1)
    assert judgement_date("2024-05-01", "2026-12-03") == dt.date(2026, 12, 3)
    assert judgement_date("", None) == today()
    a = dx.assess_target("fibre_households_using", target_year=2023, as_of="2024-05-01")
    assert a.judged_on == dt.date(2024, 5, 1)  # as_of is the vintage and the date of judgement
    b = dx.assess_target("fibre_households_using", target_year=2023)
    assert b.judged_on == today()
    with pytest.raises(dx.DxError, match="not a date"):
        dx.assess_target("fibre_households_using", target_year=2023, judged_on="last May")


# ----------------------------------------------------------------------------------------------------------------------
# The cases (issue 13, "Done when"), each judged on fixed dates


def test_fibre_2023_missed_then_and_met_late_now():
    now = dx.assess_target("fibre_households_using", target_year=2023, judged_on=TODAY)
    assert now.status == "met late" and now.met_late_in == "2025-H1" and now.met_late[1] == 85.1
    assert (now.basis_value, now.basis_period, now.basis_kind) == (79.4, "2023", "annual")
    assert "first met in 2025-H1" in now.reason
    then = dx.assess_target("fibre_households_using", target_year=2023, as_of=AS_OF)
    assert then.status == "missed" and then.basis_value == 79.4 and then.met_late is None  # 79.4 was out in Jan 2024


def test_dossiers_2022_missed_on_the_figure_as_far_as_published():
    a = dx.assess_target("dossiers_processed_online", judged_on=TODAY)
    assert a.target_year == 2022 and a.status == "missed"
    assert (a.basis_value, a.basis_period, a.basis_kind) == (43.2, "2022-11", "as far as published")
    assert a.year_reached is None and math.isnan(a.required_annual_change)  # nothing projected for a past year


def test_digital_economy_2025_not_published_by_the_ministry_with_the_nowcast_and_the_statistics_office(
    without_mst_2025,
):
    # the case: judged in December 2026 on the data without the ministry's 2025 figure
    a = dx.assess_target("digital_economy_share_gdp", target_year=2025, judged_on=TODAY)
    assert a.series == "mic" and a.status == "not published" and a.basis is None and a.nowcast
    assert a.projected_lower < a.projected < a.projected_upper and math.isnan(a.probability_met)
    (gso,) = a.other_measures
    assert (gso.series, gso.period, gso.value) == ("gso", "2025", 14.02)
    said = a.summary()
    assert "nowcast" in said and "14.02" in said and "as of 3 December 2026" in said


def test_digital_economy_2025_missed_on_the_ministrys_own_estimate_once_published():
    a = dx.assess_target("digital_economy_share_gdp", target_year=2025, judged_on=TODAY)
    assert a.series == "mic" and a.status == "missed" and a.basis_value == 18.72 and a.basis_period == "2025"
    assert a.target_value == 20.5 and not a.nowcast


def test_the_statistics_office_is_assessed_against_every_digital_economy_target():
    targets = dx.load_targets()
    years = sorted(set(targets.loc[targets.indicator == "digital_economy_share_gdp", "year"]))
    every = assess_targets("digital_economy_share_gdp", "gso", judged_on=TODAY)
    assert [a.target_year for a in every] == years and {a.series for a in every} == {"gso"}
    by_year = {a.target_year: a for a in every}
    assert by_year[2025].status == "missed" and by_year[2025].basis_value == 14.02
    assert by_year[2025].target_value == 20.5  # the most demanding 2025 target, set on the ministry's series
    one = dx.assess_target("digital_economy_share_gdp", source="gso", target_year=2025, judged_on=TODAY)
    assert one.status == "missed" and "14.02 (2025)" in one.reason


def test_5g_2030_is_insufficient_data_too_short_a_history():
    a = dx.assess_target("mobile_5g_population_coverage", target_year=2030, judged_on=TODAY)
    assert a.status == "insufficient data" and a.caveat == "too_short" and "too short a history" in a.reason
    assert math.isnan(a.projected) and math.isnan(a.probability_met) and a.year_reached is None
    assert math.isnan(a.observed_annual_change)  # three figures in six months are no pace a year
    assert a.projections["probability_met"].isna().all()


def test_a_past_verdict_does_not_change_when_a_later_figure_is_added(tmp_path):
    """Only a figure for the target period decides a past target: a later figure that falls short changes nothing,
    one that meets it makes "missed" "met late" (never "met"), and "met" stays met whatever comes later."""

    def extra(indicator, period, value, published="2024-04-30"):
        f = tmp_path / f"{indicator}_{period}_{value}.csv"
        f.write_text(
            f"indicator,series,period,value,published\n{indicator},mic,{period},{value},{published}\n",
            encoding="utf-8",
        )
        return dx.read_observations(f)

    fibre = dict(target_year=2023, as_of=AS_OF)
    missed = dx.assess_target("fibre_households_using", **fibre)
    low = dx.assess_target("fibre_households_using", **fibre, extra=extra("fibre_households_using", "2024-03", 70.0))
    high = dx.assess_target("fibre_households_using", **fibre, extra=extra("fibre_households_using", "2024-03", 86.0))
    assert missed.status == low.status == "missed" and low.latest_value == 80.2  # 2024-04 is still the latest
    assert high.status == "met late" and high.met_late_in == "2024-03"
    assert missed.basis == low.basis == high.basis  # the figure for 2023 decides
    de = dict(target_year=2023, judged_on=TODAY)
    met = dx.assess_target("digital_economy_share_gdp", **de)
    later = dx.assess_target(
        "digital_economy_share_gdp", **de, extra=extra("digital_economy_share_gdp", "2026", 10.0, "2026-11-30")
    )
    assert met.status == later.status == "met" and met.basis == later.basis and later.latest_value == 10.0
    revised = dx.assess_target(
        "digital_economy_share_gdp", **de, extra=extra("digital_economy_share_gdp", "2023", 15.0, "2026-11-30")
    )
    # a revision of the 2023 figure itself does change it: short of 16, met later in 2024
    assert revised.status == "met late" and revised.basis_value == 15.0 and revised.met_late_in == "2024-H1"


def test_the_scorecard_judges_every_series_and_target_year_and_never_hides_an_error(monkeypatch):
    card = dx.scorecard(judged_on=TODAY)
    targets = dx.load_targets()
    assert set(card["indicator"]) == set(targets["indicator"])
    assert set(card["status"]) <= set(dx.analysis.assessment.TARGET_STATUSES)
    assert (card["judged_on"] == dt.date(2026, 12, 3)).all()
    de = card[card.indicator == "digital_economy_share_gdp"].set_index(["series", "target_year"])
    years = sorted(set(targets.loc[targets.indicator == "digital_economy_share_gdp", "year"]))
    assert sorted(de.index) == sorted((s, y) for s in ("gso", "mic") for y in years)  # every series, every year
    assert de.loc[("gso", 2025), "status"] == "missed" and de.loc[("gso", 2025), "basis"] == 14.02
    assert de.loc[("mic", 2025), "status"] == "missed" and de.loc[("mic", 2023), "status"] == "met"  # on its 18.72
    rows = card.set_index(["indicator", "target_year"])
    assert rows.loc[("fibre_households_using", 2023), "status"] == "met late"
    assert rows.loc[("fibre_households_using", 2023), "met_late_in"] == "2025-H1"
    assert rows.loc[("dossiers_processed_online", 2022), "basis_period"] == "2022-11"
    nothing = card[card.indicator == "fibre_households_covered"]  # targets for 2024 and 2025, no figures at all
    assert nothing["series"].isna().all() and set(nothing["status"]) == {"not published"}
    ahead = dx.scorecard(judged_on="2023-06-01").set_index(["indicator", "target_year"])
    assert ahead.loc[("fibre_households_covered", 2025), "status"] == "insufficient data"

    def broken(*args, **kwargs):
        raise dx.DxError("an unexpected failure")

    monkeypatch.setattr(dx.analysis.scorecard, "assess_target", broken)
    with pytest.raises(dx.DxError, match="unexpected failure"):  # never turned into "insufficient data"
        dx.scorecard(judged_on=TODAY)


def test_the_most_demanding_target_of_a_year_is_assessed():
    a = dx.assess_target("digital_economy_share_gdp", target_year=2025)
    assert a.target_value == 20.5 and "1437" in a.document and a.series == "mic"


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
    assert row["judged_on"] == dt.date(2024, 5, 1) and row["basis"] != row["basis"]  # a target ahead: no basis
    card = dx.scorecard(as_of=AS_OF).set_index(["indicator", "series", "target_year"])
    assert set(row) <= set(card.columns) | {"series", "target_year"}
    # the scorecard's row of an (indicator, series, target year) is that assessment's row
    own = dx.assess_target("digital_economy_share_gdp", as_of=AS_OF).to_row()
    got = card.loc[("digital_economy_share_gdp", "mic", own["target_year"])]
    assert (
        got["status"] == own["status"] and got["model"] == own["model"] and got["basis_period"] != got["basis_period"]
    )
    cases = {  # an assessment whatever its status pickles
        "met": (pd.Series([95.0], index=[2023]), 2023),
        "not published": (pd.Series([50.0, 55.0], index=[2022, 2023]), 2025),
        "insufficient data": (pd.Series([50.0, 55.0], index=[2022, 2023]), 2030),
    }
    for status, (s, year) in cases.items():
        one = dx.assess_target(s, target=90, target_year=year, judged_on=TODAY)
        assert one.status == status and pickle.loads(pickle.dumps(one)).status == status


def test_a_target_the_model_cannot_take_gives_insufficient_data_not_an_error():
    """A share at its ceiling cannot be fitted on the logit scale: the assessment says so and keeps its figures."""
    s = pd.Series([98.0, 99.0, 100.0], index=[2021, 2022, 2023])
    s.attrs.update(unit="percent", upper=100.0, lower=0.0)
    a = dx.assess_target(s, target=100.5, target_year=2030, judged_on=TODAY)
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
    # the targets belong to the indicator: the statistics office's series is judged against them too
    assert [a.target_year for a in assess_targets("digital_economy_share_gdp", "gso")] == [a.target_year for a in every]
    assert assess_targets("broadband_communes_covered") == []  # a target, no figures
    assert assess_targets("internet_users", "itu") == []  # figures, no target
    assert dx.analysis.assessment.STATUSES is dx.analysis.assessment.TARGET_STATUSES


def test_the_scorecard_says_which_targets_the_latest_figure_already_meets_before_their_year_is_over():
    card = dx.scorecard(as_of="2026-12-03").set_index(["indicator", "target_year"])
    # communes connected to fibre: 100% in April 2024 meets the 2025 target before its outcome is published
    row = card.loc[("fibre_communes_connected", 2025)]
    assert row["status"] == "not published" and bool(row["already_met"])
    # fibre households: 85.1% in 2025-H1 met the 2023 target late, not early; the digital economy's 2030 not yet
    assert not card.loc[("fibre_households_using", 2023), "already_met"]
    assert not card.loc[[("digital_economy_share_gdp", 2030)], "already_met"].any()
