"""Vietnam beside its neighbours: the publishers' readers keep every place asked for, the curated peer table matches
the publishers' files, the ranking and years-behind logic, and the peers page runs in both languages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dxanalysis as dx
from dxanalysis import reports
from dxanalysis.analysis import peers
from dxanalysis.present import peers as peer_text
from dxanalysis.reports import Job

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


def _script():
    spec = importlib.util.spec_from_file_location("build_peers", REPO / "benchmarks" / "build_peers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_peers"] = module
    spec.loader.exec_module(module)
    return module


# -- the readers keep every place asked for ---------------------------------------------------------------------------


def test_a_place_the_file_lacks_is_named_not_dropped():
    with pytest.raises(dx.DxError, match=r"wdi_minimal\.csv: no country MYS; the file has: .*THA"):
        dx.read_wdi(FIXTURES / "wdi_minimal.csv", ["VNM", "MYS"])
    both = dx.read_wdi(FIXTURES / "wdi_minimal.csv", ["VNM", "Thailand"])
    assert set(both["geo"]) == {"VN", "THA"}


def test_owid_aggregates_are_filed_under_the_world_banks_codes():
    world = dx.read_owid(FIXTURES / "owid_minimal.csv", ["Vietnam", "WLD"])
    assert set(world["geo"]) == {"VN", "WLD"}
    assert dx.data.publishers.place_code("", "Lower-middle-income countries") == "LMC"
    assert dx.data.publishers.place_code("", "Asia") == ""


@pytest.mark.shared
def test_the_real_files_give_every_country_asked_for(shared):
    folder = shared / "external-data"
    owid = dx.read_owid(folder / "owid_share-of-individuals-using-the-internet.csv", ["Vietnam", "LMC", "World"])
    assert set(owid["geo"]) == {"VN", "LMC", "WLD"}
    lmc = owid[owid["geo"] == "LMC"].set_index("period")["value"]
    assert len(lmc) == 34 and lmc.index.min() == "1990"
    asean = [c for c in peers.ASEAN if c != "VN"] + ["Viet Nam"]
    itu = dx.read_itu(folder / "itu_Individuals_Internet_2000-2018_Jun2019.xls", asean)
    assert set(itu["geo"]) == {*peers.ASEAN}
    vn = itu[itu["geo"] == "VN"].set_index("period")["value"]
    assert vn["2018"] == pytest.approx(70.3496355762121) and vn["2017"] == pytest.approx(58.1400000036297)
    with pytest.raises(dx.DxError, match="Ascension has no code"):
        dx.read_itu(folder / "itu_Individuals_Internet_2000-2018_Jun2019.xls", ["Ascension"])
    fixed = dx.read_itu(folder / "itu_Fixed_broadband_2000-2018_Jun2019_revised27082019.xls", ["THA", "VNM"])
    per100 = fixed[(fixed["indicator"] == "fixed_broadband_subscriptions") & (fixed["geo"] == "VN")]
    assert per100.set_index("period")["value"]["2017"] == pytest.approx(11.9131699816686)  # the second block


# -- the curated peer table -------------------------------------------------------------------------------------------


def test_the_peer_table_loads_with_the_peers_and_leaves_vietnam_to_the_national_file():
    obs = dx.load_observations(vintage="all")
    table = obs[obs["file"] == "observations_peers.csv"]
    assert set(table["geo"]) == {*peers.ASEAN, *peers.AGGREGATE_GEOS} - {"VN"}
    assert set(table["indicator"]) == set(peers.PEER_INDICATORS)
    assert set(table["series"]) == {"itu"} and table["evidence"].str.len().gt(0).all()
    sources = dx.load_sources().set_index("id")
    assert all(sources.at[s, "kind"] == "dataset" for s in set(table["source"]))
    assert dx.series("mobile_cellular_subscriptions", "itu").index.min() == 2015  # the national series as it was


@pytest.mark.shared
def test_the_peer_table_is_what_the_publishers_files_say(shared):
    """Rebuilt from ../shared's files by the committed script: the same figures, cell for cell."""
    built = _script().build(shared / "external-data")
    shipped = pd.read_csv(REPO / "data" / "observations_peers.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(built.astype(str).reset_index(drop=True), shipped[built.columns])
    # and spot checks against the files as the README of ../shared quotes them
    key = shipped.set_index(["indicator", "geo", "period", "source"])["value"]
    assert key["internet_users", "WLD", "2025", "wdi_internet_users_2026_07_13"] == "73.6"
    assert key["internet_users", "LMC", "2023", "owid_internet_users_2025_08_07"] != ""


# -- ranks, gaps and the years behind ---------------------------------------------------------------------------------


def test_ranks_and_gaps_on_a_small_panel():
    p = pd.DataFrame(
        {"VN": [10.0, 30.0, 40.0], "THA": [20.0, 25.0, None], "LAO": [5.0, 5.0, None], "WLD": [50.0, 50.0, 60.0]},
        index=[2020, 2021, 2022],
    )
    r = peers.ranks(p).set_index(["year", "geo"])
    assert r.loc[(2020, "VN"), "rank"] == 2 and r.loc[(2021, "VN"), "rank"] == 1 and r.loc[(2021, "VN"), "of"] == 3
    assert 2022 not in set(r.index.get_level_values("year"))  # one country alone is not ranked
    g = peers.gaps(p).set_index("year")
    assert g.at[2020, "leader"] == "THA" and g.at[2020, "gap_leader"] == -10.0 and g.at[2021, "gap_WLD"] == -20.0
    assert pd.isna(g.at[2022, "leader"])


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(st.floats(0.0, 10.0, allow_nan=False), min_size=2, max_size=15),
    start=st.floats(0.0, 50.0, allow_nan=False),
    pick=st.integers(0, 30),
    level=st.floats(0.0, 150.0, allow_nan=False),
)
def test_the_year_a_peer_reached_vietnams_level(steps, start, pick, level):
    years = list(range(2000, 2000 + len(steps)))
    peer = pd.Series(start + pd.Series(steps).cumsum().to_numpy(), index=years)
    year = years[pick % len(years)]
    panel = pd.DataFrame({"VN": pd.Series({year: level}), "THA": peer}).sort_index()
    e = peers.equivalent_year(panel, "THA", year)
    if e.reached is None:
        assert e.censored == "after" and (peer < level).all() and e.years == year - years[-1] - 1
    else:
        assert peer[e.reached] >= level and (peer[peer.index < e.reached] < level).all()
        assert e.years == year - e.reached
        assert (e.censored == "before") == (e.reached == years[0])


def test_the_sentences_say_behind_ahead_and_bounds_in_both_languages():
    p = pd.DataFrame(
        {"VN": [None, None, 30.0], "THA": [20.0, 31.0, 40.0], "LAO": [1.0, 2.0, 3.0]}, index=[2019, 2020, 2021]
    )
    tha = peers.equivalent_year(p, "THA", 2021)
    assert peer_text.equivalent_sentence(tha, "internet_users").endswith("Thailand's of 2020: Vietnam 1 year behind.")
    assert "đi sau 1 năm" in peer_text.equivalent_sentence(tha, "internet_users", "vi")
    lao = peer_text.equivalent_sentence(peers.equivalent_year(p, "LAO", 2021), "internet_users")
    assert lao.startswith("Laos had not reached Vietnam's 2021 level") and "at least 1 year ahead" in lao
    frame = peer_text.years_behind_frame(p, "vi")
    assert frame.iloc[0].tolist() == ["Thái Lan", "40,0 (2021)", "2020", "1"]
    with pytest.raises(dx.DxError, match="accepted: internet_users"):
        peers.parse_indicators("internet_users,egdi_rank")


# -- the page ---------------------------------------------------------------------------------------------------------


def test_the_default_plan_has_the_peers_page_and_no_indicator_pages_of_other_countries():
    plan = reports.build_plan()
    assert [j.slug for j in plan].count("peers") == 1
    assert {j.parameters.get("geo") for j in plan if j.notebook == "indicator.ipynb"} == {"VN"}


def test_the_peers_page_runs_in_both_languages(tmp_path):
    plan = [
        Job("peers.ipynb", {}, "peers", "Peers"),
        Job("peers.ipynb", {"lang": "vi", "indicators": "internet_users"}, "peers_vi", "Peers (vi)"),
    ]
    run = reports.run_report(out=tmp_path, plan=plan, jobs=2, progress=False, log=lambda _: None)
    jobs = {j["slug"]: j for j in run.manifest["jobs"]}
    assert all(j["status"] == "ok" for j in jobs.values()), {s: j.get("error") for s, j in jobs.items()}
    assert "Thailand" in jobs["peers"]["headline"] and "Thái Lan" in jobs["peers_vi"]["headline"]
    assert len(jobs["peers"]["figures"]) == 3 and jobs["peers_vi"]["figures"] == ["peers_internet_users"]
    ranking = pd.read_csv(run.run_dir / "peers" / "tables" / "ranking_internet_users.csv", encoding="utf-8-sig")
    assert ranking.set_index("Year").at[2023, "Vietnam's rank in ASEAN"] == "2 of 3"


def test_the_peers_labels_replace_none_of_the_others():
    """The peers' labels are added in their own block (LABELS.update): none may silently replace an earlier label."""
    import ast

    from dxanalysis.present import labels, labels_tables

    keys = [
        k.value
        for module in (labels, labels_tables)  # the vocabulary's two files: no key in both either
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8")))
        if isinstance(node, ast.Dict)
        for k in node.keys
        if isinstance(k, ast.Constant) and isinstance(k.value, str)
    ]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
    assert "{value}" in labels.LABELS["col_reached"][0]  # the scenarios' column, as it was


def test_a_peer_whose_figures_stop_before_vietnams_year_has_no_gap_not_years_behind():
    # Laos' internet figures stop in 2017, below Vietnam's 2023 level: the figures say nothing of the gap (it was
    # read as "5 years behind")
    panel = pd.DataFrame({"VN": {2017: 58.1, 2023: 78.1}, "LAO": {2016: 21.9, 2017: 25.5}})
    e = peers.equivalent_year(panel, "LAO", 2023)
    assert (e.censored, e.years, e.reached, e.peer_last) == ("stale", None, None, 2017)
    assert peers.years_behind_table(panel).at[0, "censored"] == "stale"
    assert "—" in peer_text.years_behind_frame(panel, "en").iloc[0].tolist()
