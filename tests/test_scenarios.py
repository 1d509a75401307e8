"""The scenarios tell the truth (issue 13, item 7; review B10) and the words say what the numbers do (item 6; B13)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import dxanalysis as dx
from dxanalysis.analysis import scenarios
from dxanalysis.analysis.scenarios import (
    PLAUSIBLE_BOUND,
    implausible_from,
    implied_part_growth,
    required_share_growth,
    resolve_start,
    resolve_targets,
    scenario_start,
    scenario_targets,
)
from dxanalysis.analysis.targets import most_demanding, national_target
from dxanalysis.data.periods import parse_period
from dxanalysis.present import i18n, sentences, tables

REPO = Path(__file__).resolve().parents[1]
INDICATOR = "digital_economy_share_gdp"
FAST = (4 * 0.2 / 3, 0.2 / 3)  # the "4x GDP growth" scenario that the review saw print "Share in 2035: 100.0"


def _notebook(name: str = "scenarios") -> dict:
    return json.loads((REPO / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))


def _parameters() -> dict[str, str]:
    cell = next(c for c in _notebook()["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    out = {}
    for line in "".join(cell["source"]).splitlines():
        match = re.match(r"(\w+): \w+ = (.*?)\s+#", line)
        if match:
            out[match.group(1)] = match.group(2)
    return out


# ----------------------------------------------------------------------------------------------------------------------
# The start: the latest published figure by default


def test_the_default_start_is_the_latest_published_annual_figure():
    s = dx.series(INDICATOR, source="mic", freq="year")
    start = resolve_start()
    assert (start.value, start.year) == (float(s.iloc[-1]), int(s.index[-1])) == (18.72, 2025)
    assert start.source == s.attrs["source"][2025] and start.status == "estimate"  # its source, for the page
    assert start == scenario_start()


def test_the_start_follows_as_of_and_passes_over_a_projection():
    assert (resolve_start(as_of="2024-05-01").value, resolve_start(as_of="2024-05-01").year) == (16.5, 2023)
    # in November 2024 the ministry *projected* 18.6 for 2024: a projection is not a starting figure
    assert dx.series(INDICATOR, source="mic", freq="year", as_of="2024-12-01").attrs["status"][2024] == "projection"
    assert resolve_start(as_of="2024-12-01").year == 2023


def test_an_explicit_start_wins_and_half_of_one_is_refused():
    given = resolve_start(16.5, 2023)
    assert (given.value, given.year, given.source) == (16.5, 2023, "")
    with pytest.raises(dx.DxError, match=r"start=16\.5 is given without start_year"):
        resolve_start(16.5, 0)
    with pytest.raises(dx.DxError, match="start_year=2023 is given without start"):
        resolve_start(0.0, 2023)


def test_the_notebook_defaults_to_the_latest_figure_and_the_national_targets():
    params = _parameters()
    assert params["start"] == "0.0" and params["start_year"] == "0" and params["targets"] == '""'
    code = "".join("".join(c["source"]) for c in _notebook()["cells"] if c["cell_type"] == "code")
    assert "16.5" not in code and "2023" not in code  # no stale base written into the page


def test_the_basis_sentence_names_the_figure_and_the_documents():
    start = resolve_start(as_of="2025-06-30")
    text = sentences.scenario_basis(start, resolve_targets("", start.year, as_of="2025-06-30"), as_of="2025-06-30")
    assert "latest published figure as of 2025-06-30: 18.3% in 2024" in text and "Quyết định 1437/QĐ-TTg" in text
    assert "nominal" in text
    vi = sentences.scenario_basis(resolve_start(16.5, 2023), resolve_targets("2030:30", 2023), "vi")
    assert vi.startswith("Các kịch bản xuất phát từ số liệu do bạn nhập: 16,5% năm 2023") and "danh nghĩa" in vi


# ----------------------------------------------------------------------------------------------------------------------
# The targets: the scorecard's


def test_the_targets_are_the_scorecards_national_targets():
    targets = scenario_targets(2024)
    assert {t.year: t.value for t in targets} == {2025: 20.5, 2030: 30.0, 2045: 50.0}
    assert targets[0].document == "Quyết định 1437/QĐ-TTg"
    rows = dx.load_targets()
    rows = rows[(rows["indicator"] == INDICATOR) & (rows["geo"] == "VN")]
    for t in targets:  # the same rule as the assessment: of several documents, the most demanding
        assert t == national_target(INDICATOR, target_year=t.year, source="mic")
        assert t.value == most_demanding(rows[rows["year"] == t.year]).value
    assert resolve_targets("", 2024) == targets
    assert [(t.year, t.value, t.document) for t in resolve_targets("2025:20", 2024)] == [(2025, 20.0, None)]


def test_the_targets_follow_as_of():
    early = {t.year: t.value for t in scenario_targets(2023, as_of="2024-05-01")}
    assert early[2025] == 20.0 and 2045 not in early  # QĐ 1437 (Nov 2024) and NQ 57 (Dec 2024) came later


# ----------------------------------------------------------------------------------------------------------------------
# The plausible range


def test_a_path_past_100_percent_is_flagged_and_capped():
    path = dx.share_scenarios(start=18.3, start_year=2024, part_growth=FAST[0], whole_growth=FAST[1], until=2045)
    year = implausible_from(path)
    assert year is not None and path.attrs["implausible_from"] == year
    raw = 18.3 * ((1 + FAST[0]) / (1 + FAST[1])) ** (path["year"] - 2024)
    assert year == int(path.loc[raw >= 100, "year"].iloc[0])  # the first year the arithmetic reaches 100%
    assert path["share"].max() <= PLAUSIBLE_BOUND
    assert (
        path.loc[path["year"] >= year, "implausible"].all() and not path.loc[path["year"] < year, "implausible"].any()
    )
    slow = dx.share_scenarios(start=18.3, start_year=2024, part_growth=0.1, whole_growth=0.07, until=2045)
    assert implausible_from(slow) is None and not slow["implausible"].any()


def test_the_grid_never_counts_a_target_reached_at_100_percent():
    grid = dx.share_scenario_grid(
        start=18.3, start_year=2024, part_growth=[0.1, FAST[0]], whole_growth=[FAST[1]], targets={2030: 30, 2040: 100}
    )
    assert grid["reached_100"].isna().all() and not grid["on_time_2040"].any()
    assert pd.isna(grid.loc[0, "implausible_from"]) and grid.loc[1, "implausible_from"] < 2040
    shown = tables.grid_table(grid, "en")
    column = "Year the share reaches 100% of GDP (implausible from then)"
    assert shown[column].tolist()[1] == grid.loc[1, "implausible_from"]
    assert np.isnan(shown.loc[1, "Share in 2040 (%)"]) and shown.loc[0, "Share in 2040 (%)"] < 100  # not "100.0"


def test_the_table_and_headline_say_where_a_path_becomes_implausible():
    named = {"4x": FAST, "slow": (0.1, 0.07)}
    table = tables.scenario_table(18.3, 2024, named, 2045, {2030: 30, 2045: 50}, "en")
    year = implausible_from(
        dx.share_scenarios(start=18.3, start_year=2024, part_growth=FAST[0], whole_growth=FAST[1], until=2045)
    )
    assert table.loc[0, "Plausibility"] == f"reaches 100% of GDP in {year}: implausible beyond"
    assert np.isnan(table.loc[0, "Share in 2045 (%)"])  # no impossible share printed
    assert table.loc[1, "Plausibility"] == "below 100% of GDP to 2045"
    grid = dx.share_scenario_grid(
        start=18.3, start_year=2024, part_growth=[0.2], whole_growth=[0.07], targets={2030: 30}
    )
    headline = sentences.scenario_headline(grid, {2030: 30}, "en", scenarios=named, start=18.3, start_year=2024)
    assert headline.startswith("From 18.3% of GDP in 2024:")
    assert headline.endswith(f"it reaches 100% of GDP in {year}, implausible beyond.")
    vi = sentences.scenario_headline(grid, {2030: 30}, "vi", scenarios=named, start=18.3, start_year=2024)
    assert f"chạm 100% GDP vào năm {year}" in vi


def test_the_lines_stop_at_100_percent_and_say_so():
    fig = dx.plots.plot_scenario_lines(18.3, 2024, {"4x": FAST}, 2045, {2030: 30})
    ax = fig.axes[0]
    year = implausible_from(
        dx.share_scenarios(start=18.3, start_year=2024, part_growth=FAST[0], whole_growth=FAST[1], until=2045)
    )
    drawn = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    assert max(max(line.get_xdata()) for line in drawn) == year + 0.5  # nothing drawn past the bound
    assert max(max(line.get_ydata()) for line in drawn) <= 100
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert f"100% of GDP in {year}: implausible" in legend.replace("\n", " ")


def test_the_heatmap_shows_no_year_past_the_bound_and_even_colour_bar_ticks():
    grid = dx.share_scenario_grid(
        start=18.3, start_year=2024, part_growth=[0.1, 0.16, 0.25], whole_growth=[0.05, 0.08], targets={2040: 100}
    )
    fig = dx.plots.plot_scenario_heatmap(grid, 100, target_year=2040)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "≥100%" in texts and not any(t.isdigit() for t in texts)  # no year shown as if reachable
    wide = dx.share_scenario_grid(
        start=18.3, start_year=2024, part_growth=[0.1, 0.14, 0.2, 0.25], whole_growth=[0.05, 0.08], targets={2030: 30}
    )
    fig = dx.plots.plot_scenario_heatmap(wide, 30, target_year=2030)
    bar = fig.axes[-1]
    ticks = [float(t) for t in bar.get_yticks() if bar.get_ylim()[0] <= t <= bar.get_ylim()[1]]
    assert len(ticks) >= 2 and len(set(np.round(np.diff(ticks), 6))) == 1  # evenly spaced years
    positions = bar.transData.transform([(0, t) for t in ticks])[:, 1]
    assert np.allclose(np.diff(positions), np.diff(positions)[0])  # and evenly placed on the bar


# ----------------------------------------------------------------------------------------------------------------------
# Nominal growth, and the share's growth is not the digital economy's


def test_required_growth_is_the_shares_and_implies_a_nominal_digital_economy_growth():
    share = required_share_growth(18.3, 2024, 30, 2030)
    assert share == pytest.approx((30 / 18.3) ** (1 / 6) - 1)
    assert round(100 * share, 2) == 8.59 and round(100 * implied_part_growth(share, 0.067), 1) == 15.9  # review B10
    table = tables.required_growth_table(18.3, 2024, scenario_targets(2024), [0.067], "en")
    assert "Required growth of the share itself a year (%)" in table.columns
    implied = "Implied nominal digital-economy growth a year at 6.7% nominal GDP growth (%)"
    assert table[implied].tolist() == pytest.approx(
        [
            100 * implied_part_growth(required_share_growth(18.3, 2024, t.value, t.year), 0.067)
            for t in scenario_targets(2024)
        ]
    )
    assert "Quyết định 1437/QĐ-TTg" in table["Document"].tolist()


def test_the_scenarios_say_nominal_everywhere_a_rate_is_named():
    for key in ("part_growth_axis", "whole_growth_axis", "col_part_growth", "col_whole_growth", "scenario_note"):
        assert "nominal" in i18n.label(key, "en").lower() and "danh nghĩa" in i18n.label(key, "vi")
    notebook = " ".join("".join(c["source"]) for c in _notebook()["cells"])
    assert notebook.lower().count("nominal") >= 4 and "danh nghĩa" in notebook
    for function in (dx.share_scenarios, dx.share_scenario_grid, dx.plots.plot_scenario_lines):
        assert "nominal" in (function.__doc__ or "").lower()
    assert "nominal" in (scenarios.__doc__ or "").lower()
    methods = (REPO / "docs" / "methods.md").read_text(encoding="utf-8")
    section = methods[methods.index("## Scenarios for shares") :]
    assert "nominal" in section[: section.index("\n## ", 5)].lower()


def test_the_assessment_tables_say_whose_growth_they_give():
    assert "figure itself" in i18n.label("col_required_growth_rate", "en")
    assert "chính chỉ số" in i18n.label("col_required_growth_rate", "vi")


# ----------------------------------------------------------------------------------------------------------------------
# The words (issue 13, item 6)


def _catalogue() -> dict[str, dict]:
    return {row["id"]: row for row in yaml.safe_load((REPO / "data" / "indicators.yml").read_text(encoding="utf-8"))}


def test_the_two_series_are_never_blended_not_never_compared():
    entry = _catalogue()[INDICATOR]
    for text in (entry["measures_en"], entry["measures_vi"]):
        assert "never be compared" not in text and "never compared" not in text and "không được so sánh" not in text
    assert "never blended" in entry["measures_en"] and "spliced" in entry["measures_en"]
    assert "không bao giờ gộp" in entry["measures_vi"] and "ghép nối" in entry["measures_vi"]
    for path in [*REPO.glob("dxanalysis/**/*.py"), *REPO.glob("notebooks/*.ipynb"), *REPO.glob("docs/*.md")]:
        text = path.read_text(encoding="utf-8")
        assert "never be compared" not in text and "never compared" not in text, path


def test_which_series_is_lower_matches_the_data():
    text = _catalogue()[INDICATOR]["measures_en"]
    assert "several points lower" not in text and "thấp hơn vài điểm" not in _catalogue()[INDICATOR]["measures_vi"]
    mic = dx.series(INDICATOR, source="mic", freq="year")
    gso = dx.series(INDICATOR, source="gso", freq="year")
    assert mic[2021] < gso[2021] and all(mic[y] > gso[y] for y in (2022, 2023, 2024))  # what the text now says
    assert f"{mic[2021]:.2f}" in text and f"{gso[2021]:.2f}" in text
    gaps = [mic[y] - gso[y] for y in (2022, 2023, 2024)]
    assert gaps == sorted(gaps) and "widened" in text


def test_growth_rates_say_nominal_or_real():
    entry = _catalogue()["digital_economy_growth"]
    assert "nominal" in entry["unit_label_en"] and "danh nghĩa" in entry["unit_label_vi"]  # beside every figure
    assert "nominal" in entry["measures_en"]
    obs = dx.load_observations()
    gso = obs[(obs["indicator"] == "digital_economy_growth") & (obs["series"] == "gso")]
    assert len(gso) and gso["note"].str.contains("nominal").all()


def test_a_year_end_figure_sits_at_the_years_end():
    obs = dx.load_observations()
    year_end = obs[obs["evidence"].str.contains("cuối năm", na=False)]
    assert len(year_end) >= 2
    for _, row in year_end.iterrows():
        quoted = re.findall(r"cuối năm (\d{4})", row["evidence"])
        period = parse_period(str(row["period"]))
        assert period.freq == "day" and period.end.month == 12 and period.end.day == 31, row["period"]
        assert str(period.end.year) in quoted and "year's last day" in row["note"]
    full = dx.series("dossiers_full_process_online", "mic")
    assert full.loc["2023-12-31"] == 17
