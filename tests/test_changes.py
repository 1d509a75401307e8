"""Releases as sources, revisions that are revisions, and what changed between two dates (issue 15, items 2b and 3)."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

import dxanalysis as dx
from dxanalysis import data as dxdata
from dxanalysis.present import tables
from dxanalysis.present.changes import changed_figures_table, changed_verdicts_table, changes_summary
from dxanalysis.reports.params import check_values

SINCE = "2024-05-01"


# ---------------------------------------------------------------------------------------------------------------------
# Releases as sources


def test_international_series_cite_the_publishers_release_not_a_copy():
    obs = dx.load_observations(vintage="all")
    sources = dx.load_sources().set_index("id")
    intl = obs[(obs["series"] == "itu") | (obs["indicator"] == "egdi_rank")]
    assert not intl.empty
    for row in intl.itertuples():
        src = sources.loc[row.source]
        assert "github" not in str(src["publisher"]).lower() and "github" not in str(src["url"] or "").lower()
        assert str(src["retrieved_from"]).startswith("https://")  # the copy read is kept as the retrieval path
        assert row.published.date() == dx.parse_publication_date(src["date"]).known_by  # the release's date


def test_as_of_views_hold_the_egdi_ranks_and_itu_figures_public_then():
    then = dx.load_observations(as_of=SINCE)
    egdi = then[then["indicator"] == "egdi_rank"].set_index("period")["value"]
    assert egdi.to_dict() == {"2014": 99.0, "2016": 89.0, "2018": 88.0, "2020": 86.0}  # 2022 and 2024: September 2024
    assert dx.series("egdi_rank", as_of=SINCE).loc[2018] == 88
    broadband = dx.series("fixed_broadband_subscriptions", source="itu", as_of=SINCE)
    assert broadband.index.tolist() == list(range(2015, 2022)) and broadband.loc[2020] == pytest.approx(17.2783)
    # the day before the WDI release of 28 March 2024, the 2020 figure is the release of May 2022's
    before = dx.series("fixed_broadband_subscriptions", source="itu", as_of="2024-03-27")
    assert before.index.tolist() == [2020] and before.loc[2020] == 17.16
    assert dx.series("mobile_cellular_subscriptions", source="itu", as_of=SINCE).index.min() == 2015


def test_a_retrieval_path_must_be_a_web_address(data_copy):
    path = data_copy / "sources.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    n = next(i for i, e in enumerate(entries) if e.get("retrieved_from"))
    entries[n]["retrieved_from"] = "a copy on my disk"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match=rf"sources.yml, entry {n + 1}, column 'retrieved_from'"):
        dx.load_sources()


# ---------------------------------------------------------------------------------------------------------------------
# Revisions


def test_every_release_is_listed_in_order_with_its_revision():
    r = dxdata.releases()
    gso = r[(r.indicator == "digital_economy_share_gdp") & (r.series == "gso") & (r.period == "2022")]
    assert gso["value"].tolist() == [12.67, 12.63, 12.83]  # the middle release too, not only first and latest
    assert gso["revision"].round(2).tolist()[1:] == [-0.04, 0.2] and gso["previous"].isna().tolist()[0]
    assert gso["published"].is_monotonic_increasing
    # one producer's series: the ministry's and the statistics office's figures for a year are never compared
    assert (r.groupby(["indicator", "geo", "period", "series"])["releases"].nunique() == 1).all()


def test_an_undated_figure_is_nobodys_revision(data_copy):
    path = data_copy / "observations.csv"
    obs = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = obs[(obs.indicator == "dossiers_full_process_online") & (obs.period == "2024")].iloc[0].copy()
    row["value"], row["published"], row["source"] = "45.8", "", "kinhtedothi_dvctt_toan_trinh"
    row["note"] = "The page prints no publication date."
    pd.concat([obs, row.to_frame().T]).to_csv(path, index=False)
    r = dxdata.releases()
    assert not ((r.indicator == "dossiers_full_process_online") & (r.period == "2024")).any()
    undated = r.attrs["undated"]
    assert ((undated.indicator == "dossiers_full_process_online") & (undated.period == "2024")).any()


def test_two_releases_of_the_itu_series_are_a_revision_and_the_table_shows_both():
    t = tables.revisions(lang="en")
    itu = t[(t["Series"] == "itu") & (t["Period"] == "2020")]
    assert itu["Source"].tolist() == [
        "worldbank_wdi_2022_05_26_fixed_broadband",
        "worldbank_wdi_2024_03_28_fixed_broadband",
    ]
    assert itu["Published"].tolist() == ["2022-05-26", "2024-03-28"]


# ---------------------------------------------------------------------------------------------------------------------
# What changed since a date


@pytest.fixture(scope="module")
def since_may_2024() -> dx.Changes:
    return dx.changes(since=SINCE, as_of="2025-03-01")


def test_new_and_revised_figures_between_two_dates(since_may_2024):
    ch = since_may_2024
    revised = ch.revised.set_index(["indicator", "series", "period"])
    gso = revised.loc[("digital_economy_share_gdp", "gso", "2022")]
    assert (gso.old_value, gso.new_value) == (12.67, 12.83)
    assert (gso.old_source, gso.new_source) == ("vietnamnet_2023_12_04_gso", "baomoi_2025_01_06_gso")
    new = ch.new.set_index(["indicator", "series", "period"])
    assert new.loc[("digital_economy_share_gdp", "mic", "2024"), "new_value"] == 18.3
    assert new.loc[("egdi_rank", "un", "2024"), "new_value"] == 71
    assert not ((ch.new.new_published <= pd.Timestamp(SINCE)) | (ch.new.new_published > "2025-03-01")).any()
    assert not any(k in revised.index for k in new.index)


def test_the_reviews_may_2024_against_now_comparison_in_one_call():
    """Review (d) 4: then 16.5% (2023), on track for 17.5% by 2024 and for 20% by 2025 (projection 22.4); now 18.3%
    (2024) and 20.5% by 2025; the fibre 2023 target judged off track then (missed), met late now. (The review's "now"
    verdicts were made before the rules for a past target year were fixed: B1.)"""
    ch = dx.changes(since=SINCE)
    v = ch.verdicts.set_index(["indicator", "series", "target_year"])
    de24, de25 = v.loc[("digital_economy_share_gdp", "mic", 2024)], v.loc[("digital_economy_share_gdp", "mic", 2025)]
    assert (de24.old_latest, de24.old_latest_period, de24.old_status) == (16.5, "2023", "on track")
    assert de24.old_probability > 2 / 3 and de24.new_latest == 18.72 and de24.new_latest_period == "2025"
    assert (de25.old_target, de25.new_target, de25.old_status) == (20.0, 20.5, "on track")
    assert de25.old_projected == pytest.approx(22.4, abs=0.05) and bool(de25.changed)
    fibre = v.loc[("fibre_households_using", "mic", 2023)]
    assert (fibre.old_status, fibre.new_status, fibre.old_latest) == ("missed", "met late", 80.2)
    counts = ch.status_counts.set_index("status")
    assert counts["old"].sum() == len(dx.scorecard(as_of=SINCE)) and counts["new"].sum() == len(dx.scorecard())
    assert ch.since.isoformat() == SINCE and ch.changed_verdicts["changed"].all()


def test_changes_in_words_and_tables(since_may_2024):
    en, vi = changes_summary(since_may_2024, "en"), changes_summary(since_may_2024, "vi")
    assert en.startswith("Between 1 May 2024 and 1 March 2025:") and "on track → met" in en
    assert vi.startswith("Từ 1/5/2024 đến 1/3/2025:") and "đúng tiến độ → đã đạt" in vi
    figures = changed_figures_table(since_may_2024, "en")
    assert {"Then", "Now", "Source then", "Source now", "What changed"} <= set(figures.columns)
    assert len(figures) == len(since_may_2024.new) + len(since_may_2024.revised)
    verdicts = changed_verdicts_table(since_may_2024, "vi")
    assert len(verdicts) == len(since_may_2024.changed_verdicts) and "Đánh giá nay" in verdicts.columns


def test_since_is_checked_before_anything_runs():
    assert check_values({"since": "2024-05-01", "as_of": ""}) == []
    assert "since='May 2024' is not a date" in check_values({"since": "May 2024"})[0]
    assert "after the report's date (2024-01-01)" in check_values({"since": "2024-05-01", "as_of": "2024-01-01"})[0]
    with pytest.raises(dx.DxError, match="before since"):
        dxdata.figure_changes("2024-05-01", "2024-01-01")


def test_the_command_line_passes_since_to_the_overview(monkeypatch, tmp_path):
    from dxanalysis import cli

    seen = {}

    def fake_run_report(**kwargs):
        seen.update(kwargs)
        raise dx.DxError("stop here")

    monkeypatch.setattr(cli, "run_report", fake_run_report)
    assert cli.main(["report", "--since", "2024-05-01", "--out", str(tmp_path)]) != 0
    assert seen["params"] == {"since": "2024-05-01"}
