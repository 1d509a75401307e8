"""The tables and sentences the notebooks show, and the notebooks' parameters (without running a kernel)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import dxanalysis as dx
from dxanalysis.analysis.assessment import assess_targets
from dxanalysis.analysis.models import parse_models
from dxanalysis.present import i18n, numbers, sentences, tables

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2024-05-01"  # the 8th session's figures: 11.91 / 14.26 / 16.5 for 2021-2023
TODAY = "2026-12-03"  # the date of judgement of the cases (issue 13)


@pytest.fixture(scope="module")
def card() -> pd.DataFrame:
    return dx.scorecard(judged_on=TODAY)


def test_parse_models():
    assert parse_models("") is None and parse_models(" , ") is None
    assert parse_models("linear, ets") == ["linear", "ets"]
    with pytest.raises(dx.DxError, match=r"unknown model\(s\) 'arima'.*accepted: linear"):
        parse_models("linear,arima")
    with pytest.raises(dx.DxError, match="must be text"):
        parse_models(["linear"])  # type: ignore[arg-type]


def test_load_series_takes_the_only_series_and_survives_no_figures():
    s = dx.series("fibre_households_using", missing="empty")
    assert s.attrs["series"] == "mic" and len(s) >= 5
    empty = dx.series("broadband_communes_covered", missing="empty")
    assert empty.empty and empty.attrs["indicator"] == "broadband_communes_covered" and empty.attrs["upper"] == 100
    with pytest.raises(dx.UnknownSeriesError, match="choose one"):
        dx.series("digital_economy_share_gdp", missing="empty")  # two competing series: the reader chooses
    with pytest.raises(dx.UnknownIndicatorError):
        dx.series("no_such_indicator", missing="empty")


def test_overview_tables_and_headline(card):
    table = tables.scorecard_table(card, "vi")
    assert len(table) == len(card) and "Tình trạng" in table.columns
    assert set(table["Tình trạng"]) <= {i18n.status_name(s, "vi") for s in dx.analysis.assessment.STATUSES}
    assert set(table["Ngày đánh giá"]) == {"3/12/2026"}
    headline = sentences.overview_headline(card, "en")
    parts = headline.split(": ")[1].split(", ")
    counts = {part.split(" ", 1)[1]: int(part.split()[0]) for part in parts}
    said = {i18n.status_name(s, "en"): n for s, n in card["status"].value_counts().items()}
    assert sum(counts.values()) == len(card) and counts == said
    n = card["indicator"].nunique()
    assert (
        headline.startswith(f"{n} indicators with targets, {len(card)} verdicts")
        and "as of 3 December 2026" in headline
    )
    assert "achieved" not in headline and counts["met late"] >= 1 and counts["outcome not published"] >= 1
    shown = tables.display_table(table, "vi")
    # the statistics office's latest figure is for 2025: it is named by its new name
    gso = (table["Chỉ tiêu"] == "Tỷ trọng kinh tế số trong GDP") & (table["Chuỗi số liệu"] == "Cục Thống kê")
    gso25 = (gso & (table["Năm mục tiêu"] == 2025)).to_numpy()
    assert (
        shown.loc[gso25, "Tình trạng"].item() == "không đạt"
        and shown.loc[gso25, "Số liệu của năm mục tiêu"].item() == "14,0"
    )
    dossiers = table[table["Chỉ tiêu"].str.startswith("Tỷ lệ hồ sơ thủ tục hành chính được xử lý")].iloc[0]
    assert dossiers["Kỳ của số liệu đó"] == "tháng 11/2022, theo số liệu đã công bố"


def test_provenance_and_vintages():
    sources = tables.sources_table("en")
    obs_all = dx.load_observations(vintage="all")
    assert sources["Figures cited"].sum() == len(obs_all)
    assert f"{len(obs_all)} published figures" in sentences.provenance_summary("en")
    revised = tables.revisions(lang="en")
    gso_2022 = revised[(revised["Series"] == "gso") & (revised["Period"] == "2022")]
    assert gso_2022["Value"].tolist() == [12.67, 12.63, 12.83]  # every release, not only the first and the latest
    assert gso_2022["Revision"].round(2).tolist()[1:] == [-0.04, 0.2] and gso_2022["Release"].tolist() == [1, 2, 3]
    assert "5 of them with a revised value" in sentences.revisions_summary(None, "en") or "revised" in (
        sentences.revisions_summary(None, "en")
    )
    assert "trong đó" in sentences.revisions_summary(AS_OF, "vi")


def test_competing_series_side_by_side():
    table = tables.competing_series("digital_economy_share_gdp", "en")
    row = table[table["Period"] == "2023"].iloc[0]
    assert row["Ministry (MIC)"] == 16.5 and row["Statistics office (GSO)"] == 12.87
    assert row.iloc[-1] == pytest.approx(16.5 - 12.87)
    assert list(tables.competing_series("internet_users", "vi").columns)[:1] == ["Kỳ"]


def test_sufficiency_sentences():
    assert sentences.data_sufficiency(dx.series("broadband_communes_covered", missing="empty"), "vi").startswith(
        "Chuỗi này chưa có số liệu"
    )
    two = sentences.data_sufficiency(dx.series("online_services_level4"), "en")  # no two-point extrapolation
    assert two.startswith("2 annual figures (2019–2020), spanning 1.0 years: too short a history for a trend")
    many = sentences.data_sufficiency(dx.series("internet_users", "itu"), "vi")
    assert "đủ để ước lượng" in many and "San bằng mũ" in many


def test_trend_table():
    s = dx.series("digital_economy_share_gdp", "mic")
    table = tables.trend_table(s, lang="vi")
    assert table["Mô hình"].tolist() == [i18n.model_name(m, "vi") for m in dx.MODELS]
    assert table.set_index("Mô hình").loc["San bằng mũ (ETS)", "Tình trạng"] == "chưa đủ dữ liệu"
    empty = tables.trend_table(dx.series("broadband_communes_covered", missing="empty"), ["linear"])
    assert empty["Status"].tolist() == ["insufficient data"]
    # 5G coverage went 26 -> 39.5 -> 90 in six months of 2025: too short a history for any trend (issue 13)
    short = tables.trend_table(dx.series("mobile_5g_population_coverage"), ["linear"]).set_index("Model")
    assert short.loc["Linear trend", "Status"] == "too short a history for a trend"
    # the same figures over three years: a linear trend passes 100% next year and is held there
    s3 = pd.Series([26.0, 39.52, 90.0], index=[2023, 2024, 2025])
    s3.attrs.update(lower=0.0, upper=100.0, unit="percent")
    held = tables.trend_table(s3, ["linear", "drift_logit"]).set_index("Model")
    assert held.loc["Linear trend", "Status"] == "fitted; held at 100"
    assert held.loc["Linear trend", "Forecast, next year"] == 100
    assert held.loc["Random walk with drift (logit scale)", "Status"] == "fitted"


def test_assessments_of_every_target():
    assessments = assess_targets("digital_economy_share_gdp", "mic", as_of=AS_OF)
    assert [a.target_year for a in assessments] == [2023, 2024, 2025, 2030]  # 2045 was set in December 2024
    table = tables.assessment_table(assessments, "en")
    row = table.set_index("Target year").loc[2025]
    assert row["Required change a year"] == pytest.approx(1.75) and row[
        "Gap from the latest figure to target"
    ] == pytest.approx(3.5)
    assert row["Date of judgement"] == "1 May 2024" and row["Measure (series)"] == "Ministry (MIC)"
    gso = tables.assessment_table(assess_targets("digital_economy_share_gdp", "gso", judged_on=TODAY), "en")
    gso = gso.set_index("Target year")  # the targets belong to the indicator: the statistics office is judged too
    assert gso.loc[2025, "Status"] == "missed" and gso.loc[2025, "Figure for the target year"] == 14.02
    assert gso.loc[2025, "Its period"] == "2025"
    assert gso.loc[2025, "Measure (series)"] == "Statistics office (MoF)"  # renamed in 2025
    assert tables.assessment_table([], "vi").columns[0] == "Năm mục tiêu"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_summary_sentences_for_every_status(lang, without_mst_2025):
    def at(indicator, when=TODAY, **kw):
        return dx.assess_target(indicator, judged_on=when, **kw)

    s = pd.Series([50.0, 56.0, 59.0, 66.0, 69.0], index=[2019, 2020, 2021, 2022, 2023])
    centre = dx.fit_trend(s, "linear").predict([2025.5])["forecast"].iloc[0]
    cases = {
        "met": at("digital_economy_share_gdp", target_year=2023),
        "met late": at("fibre_households_using", target_year=2023),
        "missed": at("dossiers_processed_online"),
        "not published": at("digital_economy_share_gdp", target_year=2025),
        "on track": at("digital_economy_share_gdp", AS_OF, source="mic", target_year=2025, as_of=AS_OF),
        "uncertain": dx.assess_target(
            s, target=float(centre), target_year=2025, model="linear", judged_on="2024-01-15"
        ),
        "off track": dx.assess_target(s, target=90.0, target_year=2025, model="linear", judged_on="2024-01-15"),
        "insufficient data": at("mobile_5g_population_coverage", target_year=2030),
        "measure discontinued": at("online_services_level4", target_year=2025),
    }
    said = {status: sentences.summary_sentence(a, lang) for status, a in cases.items()}
    assert {a.status for a in cases.values()} == set(cases) == set(dx.analysis.assessment.STATUSES)
    if lang == "en":
        assert said["met"].startswith(
            "Met: the target of at least 16 by 2023 (as of 3 December 2026; Ministry (MIC) series):"
        )
        assert "the figure for 2023, 16.5 (2023), meets it" in said["met"]
        assert "79.4 (2023), fell short; first met in 2025-H1 (85.1)" in said["met late"]
        assert "43.2 (2022-11, as far as published), falls short" in said["missed"]
        assert (
            "trend nowcast for 2025" in said["not published"] and "14.02, short of the target" in said["not published"]
        )
        assert said["on track"].startswith(
            "On track: the target of at least 20 by 2025 (as of 1 May 2024; Ministry (MIC) series):"
        )
        assert "it needs +1.75 a year from 16.5" in said["on track"]
        assert (
            said["uncertain"].startswith("Uncertain: the target of at least")
            and "probability of meeting it: 5" in said["uncertain"]
        )
        assert said["off track"].startswith("Off track: the target of at least 90 by 2025 (as of 15 January 2024):")
        gso = sentences.summary_sentence(at("digital_economy_share_gdp", source="gso", target_year=2025), lang)
        assert "Statistics office (MoF) series" in gso and "14.02 (2025), falls short" in gso
        assert "too short a history for a trend (4 figures over 0.5 years)" in said["insufficient data"]
        rank = at("egdi_rank", target_year=2030)
        assert "at most 50 by 2030" in sentences.summary_sentence(rank, lang)
    else:
        assert said["on track"].startswith(
            "Đúng tiến độ so với mục tiêu tối thiểu 20 vào năm 2025 (tính đến ngày 1/5/2024; chuỗi Bộ TT&TT)"
        )
        assert "+1,75" in said["on track"]
        assert "79,4 (năm 2023), chưa đạt; đạt muộn vào 6 tháng đầu năm 2025 (85,1)" in said["met late"]
        assert "chuỗi Bộ KH&CN" in said["met late"]  # the 2025-H1 figure is the merged ministry's
        assert "43,2 (tháng 11/2022, theo số liệu đã công bố), không đạt" in said["missed"]
        assert "ước tính tức thời" in said["not published"] and "theo chuỗi Cục Thống kê" in said["not published"]
        assert "chuỗi số liệu quá ngắn" in said["insufficient data"]
    for s_ in said.values():  # no English leaks into Vietnamese, and every sentence ends once
        assert s_.endswith(".") and not s_.endswith("..")
        if lang == "vi":
            assert not any(w in s_ for w in ("figure", "target", "trend", "as of"))
    listed = sentences.assessment_summaries([cases["on track"], cases["met"]], lang)
    assert listed.count("\n- ") == 1 and listed.startswith("- **2025**")
    assert sentences.assessment_summaries([], lang, indicator="internet_users")


def test_indicator_headlines():
    s = dx.series("digital_economy_share_gdp", "mic", as_of=AS_OF)
    assessments = assess_targets("digital_economy_share_gdp", "mic", as_of=AS_OF)
    assert sentences.indicator_headline(s, assessments, "en") == (
        "Digital economy share of GDP (Ministry (MIC)): 16.5% in 2023 (estimate); on track, as of 1 May 2024 "
        "(target: at least 17.5% by 2024)."
    )
    gso = dx.series("digital_economy_share_gdp", "gso")
    judged = assess_targets("digital_economy_share_gdp", "gso", judged_on=TODAY)
    said = sentences.indicator_headline(gso, judged, "vi")
    assert said.endswith(", tính đến ngày 3/12/2026 (mục tiêu: tối thiểu 30% vào năm 2030).")  # the next target
    assert sentences.indicator_headline(gso, [], "vi").endswith("không có mục tiêu quốc gia cho chuỗi này.")
    empty = dx.series("broadband_communes_covered", missing="empty")
    assert sentences.indicator_headline(empty, [], "en").endswith("no published figures.")


def test_scenario_tables_and_headline():
    named = tables.illustrative_scenarios("vi")
    first_name, first = next(iter(named.items()))
    assert first_name.startswith("Phiên họp thứ 8") and first == (0.2, 0.2 / 3)
    assert len(named) == 4
    targets = {2025: 20.0, 2030: 30.0}
    table = tables.scenario_table(16.5, 2023, named, 2035, targets, "en")
    assert table.iloc[0]["Year 30% is reached"] == 2029 and table.iloc[0]["Share in 2025 (%)"] == pytest.approx(
        20.88, 1e-3
    )
    grid = dx.share_scenario_grid(
        start=16.5, start_year=2023, part_growth=[0.05, 0.2], whole_growth=[0.08], targets=targets, until=2040
    )
    shown = tables.grid_table(grid, "vi")
    assert "Năm đạt 30%" in shown.columns and shown["Năm đạt 30%"].isna().any()  # 5% against 8%: never
    headline = sentences.scenario_headline(grid, targets, "vi", start=16.5, start_year=2023)
    assert headline.startswith("Từ 16,5% GDP năm 2023: trong 2 cặp giả định tăng trưởng, 1 cặp đạt 20% vào năm 2025")
    assert sentences.scenario_headline(grid, targets).endswith("by 2030.")


def test_the_present_room_has_one_decimals_rule_and_one_missing_rule():
    assert numbers.decimals_needed([16.5, 20]) == 1 and numbers.decimals_needed([11.91, None, "n/a"]) == 2
    assert numbers.decimals_needed([2030, float("nan")]) == 0 and numbers.decimals_needed([]) == 0
    assert numbers.decimals_needed([1 / 3]) == numbers.MOST_DECIMALS
    assert [numbers.is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, 0, "", [1])] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert i18n.fmt_number(pd.NA, "vi") == "—"  # i18n formats with the same rule


def test_an_empty_as_of_means_the_latest_data():
    """A notebook's empty parameter goes straight in: ``as_of=""`` is ``as_of=None``."""
    pd.testing.assert_frame_equal(tables.revisions("", "en"), tables.revisions(None, "en"))
    pd.testing.assert_frame_equal(tables.competing_series(as_of=""), tables.competing_series(as_of=None))
    assert sentences.revisions_summary("", "vi") == sentences.revisions_summary(None, "vi")
    assert len(assess_targets("digital_economy_share_gdp", "mic", as_of="")) == len(
        assess_targets("digital_economy_share_gdp", "mic", as_of=None)
    )


OLD_NARRATIVE_NAMES = [
    "assess_all_targets",
    "assessment_summaries",
    "assessment_table",
    "competing_series",
    "data_sufficiency",
    "display_table",
    "grid_table",
    "illustrative_scenarios",
    "indicator_headline",
    "load_series",
    "overview_headline",
    "parse_models",
    "provenance_summary",
    "revisions",
    "revisions_summary",
    "scenario_headline",
    "scenario_table",
    "scorecard_table",
    "sources_table",
    "summary_sentence",
    "trend_table",
]


def test_the_old_narrative_paths_give_every_old_name():
    import importlib
    import sys
    import warnings

    sys.modules.pop("dxanalysis.narrative", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = importlib.import_module("dxanalysis.narrative")
        lazy = dx.narrative
    assert any(issubclass(w.category, DeprecationWarning) and "present.tables" in str(w.message) for w in caught)
    assert lazy is old and set(OLD_NARRATIVE_NAMES) <= set(old.__all__)  # every old name, and the new ones
    assert old.summary_sentence is sentences.summary_sentence and old.display_table is tables.display_table
    assert old.assess_all_targets is assess_targets and old.parse_models is parse_models
    # TargetAssessment.summary() says what summary_sentence says
    a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of=AS_OF)
    assert a.summary("vi") == sentences.summary_sentence(a, "vi")


def test_sentences_need_the_assessment_only_for_its_vocabulary():
    """No import cycle with analysis: the assessment's class is a type hint, its statuses a downward import."""
    assert "TargetAssessment" not in vars(sentences) and "TargetAssessment" not in vars(tables)
    assert sentences.TARGET_STATUSES is dx.analysis.assessment.TARGET_STATUSES


def test_display_table_writes_numbers_the_language_way():
    frame = pd.DataFrame(
        {"year": pd.array([2025, None], dtype="Int64"), "x": [1234.5, None], "ok": [True, False], "s": ["a", None]}
    )
    assert tables.display_table(frame, "vi").to_dict("list") == {
        "year": ["2025", "—"],
        "x": ["1.234,5", "—"],
        "ok": ["có", "không"],
        "s": ["a", "—"],
    }


# ----------------------------------------------------------------------------------------------------------------------
# The notebooks: parameters papermill can read, and the house rules, checked without a kernel

NOTEBOOK_PARAMETERS = {
    "province": {
        "geo": "str",
        "targets": "str",
        "level": "float",
        "as_of": "str",
        "lang": "str",
        "data": "str",
        "data_decimal": "str",
        "data_sheet": "str",
        "out_dir": "str",
    },
    "overview": {
        "lang": "str",
        "as_of": "str",
        "since": "str",
        "level": "float",
        "data": "str",
        "data_decimal": "str",
        "data_sheet": "str",
        "out_dir": "str",
    },
    "indicator": {
        "indicator": "str",
        "series": "str",
        "geo": "str",
        "horizon": "int",
        "level": "float",
        "models": "str",
        "as_of": "str",
        "lang": "str",
        "data": "str",
        "data_decimal": "str",
        "data_sheet": "str",
        "out_dir": "str",
    },
    "scenarios": {
        "start": "float",
        "start_year": "int",
        "part_growth": "str",
        "whole_growth": "str",
        "targets": "str",
        "until": "int",
        "as_of": "str",
        "lang": "str",
        "data": "str",
        "data_decimal": "str",
        "data_sheet": "str",
        "out_dir": "str",
    },
}


@pytest.mark.parametrize("name", list(NOTEBOOK_PARAMETERS))
def test_notebook_parameters_are_typed_and_readable(name):
    import papermill as pm

    path = REPO / "notebooks" / f"{name}.ipynb"
    params = pm.inspect_notebook(str(path))
    assert {k: v["inferred_type_name"] for k, v in params.items()} == NOTEBOOK_PARAMETERS[name]
    assert all(v["help"] for v in params.values()), "every parameter says what it is"
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"] == {
        "name": "dxanalysis",
        "display_name": "Python (dxanalysis)",
        "language": "python",
    }
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    work = code[code.index(next(c for c in code if "out = ReportOutput(out_dir" in c)) :]
    # every notebook writes its headline (the overview at its top, where its dated synthesis opens the page)
    assert "out = ReportOutput(out_dir" in work[0] and sum("out.headline(" in cell for cell in work) == 1
    assert all(len([line for line in cell.splitlines() if line.strip()]) <= 12 for cell in work), "calls, not logic"


def test_an_unpublished_outcome_says_when_the_latest_figure_already_met_the_target():
    """Communes connected: 100% on 2024-04-24, no figure for 2025 — the sentence says the target was already met."""
    a = dx.assess_target("fibre_communes_connected", target_year=2025, judged_on="2026-12-03")
    assert a.status == "not published"
    assert "the latest is 100 (2024-04-24), which already meets the target" in a.summary("en")
    assert "100 (24/4/2024), đã đạt mục tiêu" in a.summary("vi")
    short = dx.assess_target("egdi_rank", target_year=2025, judged_on="2026-12-03")
    assert "already meets" not in short.summary("en")  # 71 is not at most 70


def test_the_synthesis_names_each_series_as_the_scorecard_rows_do():
    from dxanalysis.present import synthesis, tables

    card = dx.scorecard(judged_on=TODAY)
    text = synthesis.synthesis(card, "en")
    rows = tables.scorecard_table(card, "en")
    de = rows[rows["Indicator"] == "Digital economy share of GDP"]["Series"].unique().tolist()
    assert de and all(name in text for name in de)  # the ministry's series is "Ministry (MST)" in both
