"""The coverage tables of data/README.md and docs/data.md are generated from data/ and cannot go stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxanalysis.data import coverage
from dxanalysis.data.catalogue import read_package_tables

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_and_the_data_page_hold_what_the_data_say_now():
    files = coverage.target_files(ROOT)
    assert [p.relative_to(ROOT).as_posix() for p in files] == ["data/README.md", "docs/data.md"]
    assert coverage.stale_files(files) == [], "run: python -m dxanalysis.data.coverage --write"


def test_a_figure_added_without_regenerating_makes_the_files_stale(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for f in (ROOT / "data").iterdir():
        if f.is_file():
            (data / f.name).write_bytes(f.read_bytes())
    page = tmp_path / "page.md"
    page.write_text(f"# Data\n\n{coverage.coverage_markdown()}\n", encoding="utf-8")
    assert coverage.stale_files([page]) == []
    row = (
        "internet_users,VN,2026-H1,mic,85.5,actual,vneconomy_2025_07_telecom_h1,2026-07-15,"
        '"tỷ lệ người sử dụng Internet đạt 85,5%",test row\n'
    )
    with (data / "observations.csv").open("a", encoding="utf-8") as fh:
        fh.write(row)
    changed = read_package_tables(data)
    assert coverage.stale_files([page], changed) == [page]
    assert coverage.coverage_table(changed).loc["internet_users", "2026"] == "1"
    assert coverage.write_files([page], changed) == [page]
    assert coverage.stale_files([page], changed) == []


def test_the_table_names_the_gaps_and_the_target_years():
    table = coverage.coverage_table()
    assert table.loc["online_services_level4", "gap"] == "discontinued 2023"
    assert table.loc["fibre_households_covered", "2025"] == "T"  # a target year without a figure
    assert table.loc["egdi_rank", "later targets"] == "2030"
    lines = coverage.dataset_lines()
    assert any(line.startswith("- `observations_dti.csv`") and "dti_rank" in line for line in lines)


def test_a_file_without_markers_is_refused_with_what_to_add(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Data\n", encoding="utf-8")
    with pytest.raises(ValueError, match="coverage markers"):
        coverage.write_files([page])
