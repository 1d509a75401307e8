"""The province page (notebooks/province.ipynb) and the provincial plan: the user's targets file read and refused
like the observations, the plan of every province (--geo all), the overview's provincial ranking, and the page run
for Đà Nẵng in both languages."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest

import dxanalysis as dx
from dxanalysis import reports
from dxanalysis.analysis import provinces as prov
from dxanalysis.cli import main
from dxanalysis.data.user_targets import read_target_file
from dxanalysis.present import provinces as words
from dxanalysis.reports import Job, build_plan, validate_plan

GOOD = "indicator,geo,series,year,value,comparator,document\ndti_rank,Đà Nẵng,,2023,1,at_most,Kế hoạch của TP\n"


@pytest.fixture
def targets_file(tmp_path):
    path = tmp_path / "danang_targets.csv"
    path.write_text(GOOD + "dti_rank,VN-DN,,2021,2,,\n", encoding="utf-8")
    return path


def test_a_targets_file_is_read_with_its_province_by_name_and_the_indicators_direction(targets_file):
    t = read_target_file(targets_file)
    assert t["geo"].tolist() == ["VN-DN", "VN-DN"] and t["year"].tolist() == [2021, 2023]
    assert t["comparator"].tolist() == ["at_most", "at_most"]  # a rank: lower is better, when left out
    assert t["document"].tolist() == ["danang_targets.csv", "Kế hoạch của TP"]
    assert read_target_file(targets_file, geo="Quảng Nam").empty


def test_a_bad_targets_file_names_file_row_column_and_value(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "dti_rank,Quang Nm,,20x5,1,at_most,x\ninternet_user,VN-DN,,2025,90,more,x\n", "utf-8")
    with pytest.raises(dx.DataValidationError) as info:
        read_target_file(bad)
    found = {(p.row, p.column, p.value) for p in info.value.problems}
    assert found == {
        (3, "geo", "Quang Nm"),
        (3, "year", "20x5"),
        (4, "indicator", "internet_user"),
        (4, "comparator", "more"),
    }
    assert all(p.file == str(bad) and p.accepted for p in info.value.problems)
    missing = tmp_path / "missing_column.csv"
    missing.write_text("indicator,geo,year\ndti_rank,VN-DN,2025\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match="column 'value': required column is missing"):
        read_target_file(missing)


def test_a_bad_targets_file_is_refused_before_anything_runs(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,geo,year,value\ndti_rank,VN-DN,2025,one\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match="row 2, column 'value'"):
        build_plan(geo=["VN-DN"], targets=str(bad))
    out = tmp_path / "reports"
    assert main(["report", "--out", str(out), "--geo", "VN-DN", "--targets", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv, row 2, column 'value'" in err and "'one'" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())  # no run folder, no kernel
    # a hand-made plan is checked as well, before any kernel starts
    with pytest.raises(dx.DxError, match=r"(?s)refused before any notebook runs.*row 2, column 'value'"):
        validate_plan([Job("province.ipynb", {"geo": "VN-DN", "targets": str(bad)}, "p", "P")])
    with pytest.raises(dx.DxError, match=r"geo='Quang Nm'.*did you mean 'Quảng Nam'"):
        validate_plan([Job("province.ipynb", {"geo": "Quang Nm"}, "p", "P")])


def test_the_plan_of_every_province_is_one_call(targets_file):
    default = build_plan()
    assert len([j for j in default if j.notebook == "province.ipynb"]) == 86  # where each province stands
    plan = validate_plan(build_plan(geo="all"))
    pages = [j for j in plan if j.notebook == "province.ipynb"]
    codes = [j.parameters["geo"] for j in pages]
    every = set(dx.provinces()["code"])
    assert len(codes) == len(set(codes)) == len(every) == 86  # 63 + 34, the 11 unchanged ones once
    assert {"VN-DN", "VN-DNM", "VN-27", "VN-13"} <= set(codes) and codes[0] == "VN-01"
    assert {j.slug for j in pages} >= {"province_vn_dn", "province_vn_dnm"}
    assert len(plan) == len(default)  # the default is every province already
    named = build_plan(geo=["Da Nang", "quảng nam"], targets=str(targets_file), overview=False, scenarios=False)
    shown = [(j.parameters["geo"], Path(j.parameters["targets"]).name) for j in named if j.notebook == "province.ipynb"]
    assert shown == [("VN-DN", "danang_targets.csv"), ("VN-27", "danang_targets.csv")]
    with_targets = [j for j in build_plan(targets=str(targets_file)) if j.notebook == "province.ipynb"]
    dn = [j for j in with_targets if j.parameters["geo"] == "VN-DN"]  # the targets' province has its page
    assert len(dn) == 1 and Path(dn[0].parameters["targets"]).name == "danang_targets.csv"
    with pytest.raises(dx.UnknownProvinceError, match="did you mean 'Quảng Nam'"):
        build_plan(geo=["Quang Nm"])


def test_a_province_with_figures_of_the_users_gets_a_page_in_the_default_plan(tmp_path):
    mine = tmp_path / "hue.csv"
    mine.write_text("indicator,geo,period,value\ninternet_users,VN-26,2024,82.5\n", encoding="utf-8")
    plan = build_plan(data=[str(mine)])
    assert "VN-26" in [j.parameters["geo"] for j in plan if j.notebook == "province.ipynb"]
    with dx.data.using_data(f"{mine}\n"):
        f = prov.province_figures("VN-26")
    row = f.iloc[0]
    assert (row["indicator"], row["value"]) == ("internet_users", 82.5) and row["national_latest_period"]


def test_neighbours_are_the_merger_partners_or_the_ranking_next_to_it():
    assert prov.neighbours("VN-DN").codes == ("VN-DN", "VN-27")
    assert prov.neighbours("Đà Nẵng", as_of=None).kind == "merged"
    near = prov.neighbours("VN-13")  # Quảng Ninh: left unchanged by the merger
    ranks = prov.dti_panel(list(near.codes)).query("year == 2022").set_index("geo")["rank"]
    assert near.kind == "ranking" and sorted(ranks.astype(int)) == [1, 2, 3, 4, 5]
    assert set(prov.neighbours("VN-DNM").codes) == {"VN-DNM", "VN-DN", "VN-27"}


def test_the_overviews_provincial_ranking():
    table = words.ranking_table(lang="en")
    assert len(table) == 63 and table["Code"].is_unique and table.iloc[0]["Code"] == "VN-DN"
    assert table["Rank 2022"].tolist()[:3] == ["1", "2", "3"]
    assert table.set_index("Code").at["VN-27", "Since 1 July 2025 part of"] == "Đà Nẵng (since 1 July 2025)"
    assert "DTI 2022 xếp hạng đủ 63 tỉnh" in words.ranking_sentence(lang="vi")
    assert words.ranking_table(as_of="2021-01-01").empty  # no ranking was published yet
    assert words.ranking_sentence(as_of="2021-01-01") == dx.present.i18n.label("ranking_none", "en")


def test_the_province_labels_replace_none_of_the_others():
    from dxanalysis.present import labels, labels_provinces, labels_tables

    def keys(module):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        dicts = [n for n in ast.walk(tree) if isinstance(n, ast.Dict)]
        return {k.value for n in dicts for k in n.keys if isinstance(k, ast.Constant)}

    assert not keys(labels_provinces) & (keys(labels) | keys(labels_tables))
    assert set(labels_provinces.PROVINCE_LABELS) <= set(labels.LABELS)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prov")
    own = folder / "danang_targets.csv"
    own.write_text(GOOD + "dti_rank,VN-DN,,2021,2,,\n", encoding="utf-8")
    plan = [
        Job("province.ipynb", {"geo": "VN-DN"}, "province_en", "Đà Nẵng"),
        Job("province.ipynb", {"geo": "Đà Nẵng", "lang": "vi", "targets": str(own)}, "province_vi", "Đà Nẵng (vi)"),
        Job("overview.ipynb", {"lang": "vi"}, "overview_vi", "Tổng quan"),
    ]
    return reports.run_report(out=folder / "reports", plan=plan, jobs=2, progress=False, log=lambda _: None)


def _table(run, slug, name):
    return pd.read_csv(run.run_dir / slug / "tables" / f"{name}.csv", encoding="utf-8-sig", dtype=str)


def test_the_province_page_runs_for_da_nang_in_both_languages(run):
    jobs = {j["slug"]: j for j in run.manifest["jobs"]}
    errors = {s: j["error"] for s, j in jobs.items()}
    assert {s: j["status"] for s, j in jobs.items()} == dict.fromkeys(jobs, "ok"), errors
    en, vi = jobs["province_en"], jobs["province_vi"]
    assert en["headline"].startswith("Đà Nẵng: no. 1 in 2023") and "hạng 1 năm 2023" in vi["headline"]
    met = dx.present.i18n.status_name("met", "vi")
    assert f"mục tiêu riêng: 2021 {met}, 2023 {met}" in vi["headline"]
    assert en["figures"] == ["dti_ranks"] == vi["figures"]
    dti = _table(run, "province_en", "dti").set_index("Year")
    assert dti.at["2022", "DTI rank among the 63"] == "1" and dti.at["2024", "National DTI"] == "0.7955"
    near = _table(run, "province_en", "neighbours")
    assert near["Code"].tolist() == ["VN-DN", "VN-27"]
    sources = _table(run, "province_en", "figures")
    assert set(sources["Province"]) == {"Đà Nẵng", "Quảng Nam"} and sources["Quote (verbatim)"].notna().all()
    own = _table(run, "province_vi", "own_targets")
    assert len(own) == 2 and set(own["Tình trạng"]) == {met}
    assert not (run.run_dir / "province_en" / "tables" / "own_targets.csv").exists()
    page_en = (run.run_dir / "province_en" / "report.html").read_text(encoding="utf-8")
    page_vi = (run.run_dir / "province_vi" / "report.html").read_text(encoding="utf-8")
    assert "Among its neighbours" in page_en and "No targets of Đà Nẵng's own were given" in page_en
    assert "Bên cạnh các tỉnh láng giềng" in page_vi and "Among its neighbours" not in page_vi
    assert 'href="https://' in page_en and "plotly" in page_en.lower()  # sources linked, the chart interactive
    nb = json.loads((run.run_dir / "province_vi" / "notebook.ipynb").read_text(encoding="utf-8"))
    assert not any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))


def test_the_overview_has_the_provincial_ranking_section(run):
    ranking = _table(run, "overview_vi", "provincial_ranking")
    assert len(ranking) == 63 and ranking.iloc[0]["Mã"] == "VN-DN"
    page = (run.run_dir / "overview_vi" / "report.html").read_text(encoding="utf-8")
    assert "6. Các tỉnh, thành phố: xếp hạng DTI" in page and "DTI 2022 xếp hạng đủ 63 tỉnh" in page


def test_a_targets_file_keeps_its_provinces_pages_beside_chosen_indicators(targets_file):
    plan = build_plan(indicators=["egdi_rank"], targets=str(targets_file))
    assert [j.parameters["geo"] for j in plan if j.notebook == "province.ipynb"] == ["VN-DN"]
    assert not [j for j in build_plan(indicators=["egdi_rank"]) if j.notebook == "province.ipynb"]
