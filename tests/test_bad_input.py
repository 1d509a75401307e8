"""Every kind of bad input gives a dxanalysis error naming file, row, column and value, and changes no file.

Package data are broken in a private copy (the ``data_copy`` fixture); user files are written to a temporary folder
and hashed before and after.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
import yaml

import dxanalysis as dx


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False)


def row_of(frame: pd.DataFrame, mask) -> tuple[int, int]:
    """(position in the frame, row number in the file: the header is row 1)."""
    pos = int(pd.Series(mask).to_numpy().nonzero()[0][0])
    return pos, pos + 2


def problems_of(exc: dx.DataValidationError) -> list[dx.Problem]:
    assert exc.problems, "a validation error always lists its problems"
    return exc.problems


def fibre_row(obs: pd.DataFrame):
    return (obs.indicator == "fibre_households_using") & (obs.period == "2024-04")


# ---------------------------------------------------------------------------------------------------------------------
# The package's own files


@pytest.mark.parametrize(
    ("column", "bad", "message"),
    [
        ("value", "180.2", "outside the bounds of fibre_households_using"),
        ("value", "80,2", "not a number"),
        ("indicator", "fibre_household_using", "did you mean 'fibre_households_using'"),
        ("source", "no_such_source", "unknown source"),
        ("period", "2024-13", "not 01-12"),
        ("published", "24/04/2024", "not a date"),
        ("published", "2019-01-01", "published before the period"),
        ("status", "final", "not an accepted value"),
        ("geo", "Vietnam", "not a place code"),
        ("evidence", "", "a value is required"),
    ],
)
def test_a_bad_cell_in_the_observations_is_named(data_copy, column, bad, message):
    path = data_copy / "observations.csv"
    obs = read(path)
    pos, row = row_of(obs, fibre_row(obs))
    obs.loc[pos, column] = bad
    write(obs, path)
    with pytest.raises(dx.DataValidationError) as info:
        dx.load_observations()
    found = [p for p in problems_of(info.value) if p.row == row and p.column == column]
    assert found, info.value.problems
    p = found[0]
    assert p.file == "observations.csv" and message in p.message
    text = str(info.value)
    assert f"observations.csv, row {row}, column '{column}'" in text and message in text
    if bad:
        assert repr(bad) in text and p.accepted


def test_duplicate_figures_are_refused_naming_both_rows(data_copy):
    path = data_copy / "observations.csv"
    obs = read(path)
    pos, row = row_of(obs, fibre_row(obs))
    write(pd.concat([obs, obs.iloc[[pos]]], ignore_index=True), path)
    with pytest.raises(dx.DataValidationError, match="duplicate key") as info:
        dx.load_observations()
    rows = {p.row for p in info.value.problems}
    assert rows == {row, len(obs) + 2}
    assert f"also on row {len(obs) + 2}" in str(info.value)


def test_a_missing_column_is_named_once(data_copy):
    path = data_copy / "observations.csv"
    write(read(path).drop(columns=["evidence"]), path)
    with pytest.raises(dx.DataValidationError) as info:
        dx.load_observations()
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("observations.csv", None, "evidence")
    assert "required column is missing" in p.message


def test_all_problems_are_reported_at_once_across_files(data_copy):
    obs_path, tgt_path = data_copy / "observations.csv", data_copy / "targets.csv"
    obs, tgt = read(obs_path), read(tgt_path)
    obs.loc[0, "value"] = "abc"
    obs.loc[1, "period"] = "2024-Q9"
    tgt.loc[0, "comparator"] = "more_than"
    write(obs, obs_path)
    write(tgt, tgt_path)
    with pytest.raises(dx.DataValidationError) as info:
        dx.load_observations()
    where = {(p.file, p.row, p.column) for p in info.value.problems}
    assert {
        ("observations.csv", 2, "value"),
        ("observations.csv", 3, "period"),
        ("targets.csv", 2, "comparator"),
    } <= where


def test_a_bad_catalogue_entry_is_named(data_copy):
    path = data_copy / "indicators.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries[0]["unit"] = "percentage"
    entries[1]["uper"] = 100  # a typo of a field name
    entries[2]["id"] = entries[3]["id"]  # a duplicate id
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(dx.DataValidationError) as info:
        dx.indicators()
    text = str(info.value)
    assert "indicators.yml, entry 1, column 'unit'" in text and "'percentage'" in text and "percent" in text
    assert "indicators.yml, entry 2, column 'uper'" in text and "unknown field" in text
    assert "indicators.yml, entry 3, column 'id'" in text and "duplicate key" in text


def test_a_bad_source_date_is_named(data_copy):
    path = data_copy / "sources.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries[0]["date"] = "24 April 2024"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match=r"sources.yml, entry 1, column 'date'.*'24 April 2024'"):
        dx.load_sources()


def test_a_target_outside_bounds_is_named(data_copy):
    path = data_copy / "targets.csv"
    tgt = read(path)
    pos = int((tgt.indicator == "digital_economy_share_gdp").to_numpy().nonzero()[0][0])
    tgt.loc[pos, "value"] = "130"
    write(tgt, path)
    with pytest.raises(dx.DataValidationError, match=rf"targets.csv, row {pos + 2}, column 'value'.*\[0, 100\]"):
        dx.load_targets()


def test_yaml_is_read_safely(data_copy):
    path = data_copy / "sources.yml"
    path.write_text("- !!python/object/apply:os.system ['echo owned']\n", encoding="utf-8")
    with pytest.raises(dx.DataFileError, match="not valid YAML"):
        dx.load_sources()


# ---------------------------------------------------------------------------------------------------------------------
# The user's files

GOOD = "indicator,period,value,source,published\nfibre_households_using,2025-06,85.1,my notes,2025-07-01\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("content", "decimal", "row", "column", "value", "message"),
    [
        ("indicator,period,value\nfibre_households_using,2025,abc\n", ".", 2, "value", "abc", "not a number"),
        (
            "indicator;period;value\nfibre_households_using;2025;85.1\n",
            ",",
            2,
            "value",
            "85.1",
            "decimal='.'",
        ),
        (
            "indicator,period,value\nfibre_households_using,2025,180\n",
            ".",
            2,
            "value",
            "180",
            "outside the bounds",
        ),
        (
            "indicator,period,value\nfibre_houshold_using,2025,80\n",
            ".",
            2,
            "indicator",
            "fibre_houshold_using",
            "did you mean",
        ),
        (
            "indicator,period,value\nfibre_households_using,2025\n",
            ".",
            2,
            "value",
            None,
            "a value is required",
        ),
        (
            "indicator,period,value\nfibre_households_using,2025,80\nfibre_households_using,Q2 2025,81\n",
            ".",
            3,
            "period",
            "Q2 2025",
            "not a period",
        ),
        (
            "indicator,period,value,published\nfibre_households_using,2025,80,2024-01-01\n",
            ".",
            2,
            "published",
            "2024-01-01",
            "published before the period",
        ),
        (
            "indicator,period,value,status\nfibre_households_using,2025,80,maybe\n",
            ".",
            2,
            "status",
            "maybe",
            "not an accepted value",
        ),
        (
            "indicator,period,value\nfibre_households_using,2025,80\nfibre_households_using,2025,81\n",
            ".",
            3,
            "published",
            None,
            "duplicate key",
        ),
    ],
)
def test_a_bad_cell_in_a_user_file_is_named(tmp_path, content, decimal, row, column, value, message):
    path = tmp_path / "mine.csv"
    path.write_text(content, encoding="utf-8")
    before = digest(path)
    with pytest.raises(dx.DataValidationError) as info:
        dx.read_observations(path, decimal=decimal)
    found = [p for p in info.value.problems if p.row == row and p.column == column]
    assert found, info.value.problems
    assert message in found[0].message
    assert found[0].file == str(path)
    if value is not None:
        assert found[0].value == value and repr(value) in str(info.value)
    assert digest(path) == before


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        (
            "cp1258.csv",
            "indicator,period,value,note\nfibre_households_using,2025,80,Cà Mau\n".encode("cp1258"),
            "not UTF-8",
        ),
        ("empty.csv", b"", "empty"),
        ("blank.csv", b"\n\n  \n", "empty"),
        ("figures.json", b"{}", "not read; accepted: .csv"),
        ("fake.xlsx", b"indicator,period,value\n", "not an Excel .xlsx workbook"),
        ("nul.csv", b"indicator,period,value\x00\n", "NUL"),
    ],
)
def test_unreadable_user_files_are_refused_with_a_reason(tmp_path, name, payload, message):
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(dx.DataFileError, match=message):
        dx.read_observations(path)
    assert path.read_bytes() == payload


def test_missing_file_and_missing_columns(tmp_path):
    with pytest.raises(dx.DataFileError, match="file not found"):
        dx.read_observations(tmp_path / "nope.csv")
    path = tmp_path / "cols.csv"
    path.write_text("indikator,period,value\nfibre_households_using,2025,80\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match="column 'indicator': required column is missing"):
        dx.read_observations(path)


def test_header_without_rows(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("indicator,period,value\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match="no figures"):
        dx.read_observations(path)


def test_a_user_figure_that_repeats_a_curated_one_is_a_conflict_naming_both(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(
        "indicator,period,value,series,published,source\nfibre_households_using,2024-04,81,mic,2024-04-24,my copy\n",
        encoding="utf-8",
    )
    with pytest.raises(dx.DataValidationError, match="more than one file") as info:
        dx.load_observations(extra=path)
    assert "observations.csv" in str(info.value) and str(path) in str(info.value)


def test_bad_extra_argument():
    with pytest.raises(dx.DxError, match="accepted: a file path"):
        dx.load_observations(extra=[42])
