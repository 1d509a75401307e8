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
    return (obs.indicator == "fibre_households_using") & (obs.period == "2024-04-24")


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
        (  # a short row is a row cut off, not an empty cell (it was read as one before issue 14)
            "indicator,period,value\nfibre_households_using,2025\n",
            ".",
            2,
            None,
            None,
            "has 2 fields, the header 3",
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
        "indicator,period,value,series,published,source\nfibre_households_using,2024-04-24,81,mic,2024-04-24,my copy\n",
        encoding="utf-8",
    )
    with pytest.raises(dx.DataValidationError, match="more than one file") as info:
        dx.load_observations(extra=path)
    assert "observations.csv" in str(info.value) and str(path) in str(info.value)


def test_bad_extra_argument():
    with pytest.raises(dx.DxError, match="accepted: a file path"):
        dx.load_observations(extra=[42])


# ---------------------------------------------------------------------------------------------------------------------
# Issue 14: wrong data accepted without a word, errors that point at the wrong place, tracebacks instead of an error

FIXTURES = Path(__file__).parent / "fixtures"
WDI = (FIXTURES / "wdi_minimal.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("cut", "error", "message"),
    [
        ('"70', dx.DataFileError, r"line 7: a quoted cell is opened and never closed"),  # 70.3 would read as 70
        ('"70.30000012",', dx.DataValidationError, r"has 7 fields, the header 9: the row is cut short"),
        ('"70.30000012","74.20999985","",', None, r"ends in the middle of line 7"),  # no line break: cut off
    ],
)
def test_a_wdi_download_cut_off_mid_row_is_refused_naming_the_line(tmp_path, cut, error, message):
    vietnam = next(line for line in WDI.splitlines() if line.startswith('"Vietnam"'))
    head = WDI[: WDI.index(vietnam)]
    start = vietnam[: vietnam.index('"70.3')]
    path = tmp_path / "wdi_cut.csv"
    path.write_text(head + start + cut, encoding="utf-8")
    with pytest.raises(error or dx.DataFileError, match=message) as info:
        dx.read_wdi(path)
    if isinstance(info.value, dx.DataValidationError):
        assert [p.row for p in info.value.problems] == [7]


def test_the_whole_wdi_download_still_reads():
    assert dx.read_wdi(FIXTURES / "wdi_minimal.csv")["value"].round(2).tolist() == [68.66, 70.3, 74.21]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("internet_users,2024,VN", " internet_users ,2024,VN"),
        ("internet_users,2024,VN", "internet_users,２０２４,VN"),
        ("internet_users,2024,VN", "internet_users,2024, VN"),
    ],
)
def test_a_key_written_two_ways_is_a_duplicate(tmp_path, capsys, first, second):
    from dxanalysis.cli import main

    path = tmp_path / "mine.csv"
    path.write_text(f"indicator,period,geo,value\n{first},70\n{second},80\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match="duplicate key") as info:
        dx.read_observations(path)
    assert {p.row for p in info.value.problems if "duplicate key" in p.message} == {2, 3}
    assert "written differently" in str(info.value)
    assert main(["validate", str(path)]) == 1
    assert "duplicate key" in capsys.readouterr().out


def test_a_publication_date_written_with_a_midnight_time_is_the_same_date(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "indicator,period,value,published\n"
        "internet_users,2024-04,70,2024-04-24\ninternet_users,2024-04,80,2024-04-24 00:00:00\n",
        encoding="utf-8",
    )
    with pytest.raises(dx.DataValidationError, match="duplicate key"):
        dx.read_observations(path)


def test_full_width_digits_become_the_period_they_write(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("indicator,period,value\ninternet_users,２０２４,70\n", encoding="utf-8")
    assert dx.read_observations(path)["period"].tolist() == ["2024"]


@pytest.mark.parametrize("header", ["indicator,period,value,value", "indicator,period,value,Value "])
def test_a_column_written_twice_is_refused(tmp_path, header):
    path = tmp_path / "twice.csv"
    path.write_text(f"{header}\ninternet_users,2024,70,80\n", encoding="utf-8")
    with pytest.raises(dx.DataFileError, match=r"twice.csv: duplicate column 'value': columns 3 and 4"):
        dx.read_observations(path)
    frame = pd.DataFrame({"indicator": ["internet_users"], "period": ["2024"], "value": ["70"], "Value": ["80"]})
    with pytest.raises(dx.DataFileError, match="duplicate column 'value'"):
        dx.load_observations(extra=frame)


def test_a_row_longer_than_the_header_is_named_not_shifted(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text(
        "indicator,period,geo,series,value\ninternet_users,2023,VN,user,70\ninternet_users,2024,VN,user,75,\n",
        encoding="utf-8",
    )
    with pytest.raises(dx.DataValidationError) as info:
        dx.read_observations(path)
    (p,) = info.value.problems
    assert p.row == 3 and p.message.startswith("has 6 fields, the header 5")


def test_a_trailing_separator_on_every_line_is_the_files_own_layout(tmp_path):
    path = tmp_path / "trailing.csv"
    path.write_text("indicator,period,value,\ninternet_users,2023,70,\n\ninternet_users,2024,75,\n", encoding="utf-8")
    assert dx.read_observations(path)["value"].tolist() == [70.0, 75.0]


def test_blank_rows_do_not_shift_the_row_numbers(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("indicator,period,value\n\ninternet_users,2023,70\n\ninternet_users,2024,abc\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError) as info:
        dx.read_observations(path)
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "value")]


def test_a_wdi_problem_names_the_files_row_and_year_column(tmp_path):
    path = tmp_path / "wdi.csv"
    path.write_text(WDI.replace('"74.20999985"', '"174.2"'), encoding="utf-8")
    with pytest.raises(dx.DataValidationError) as info:
        dx.read_wdi(path)
    (p,) = info.value.problems
    assert (p.row, p.column, p.value) == (7, "2021", 174.2) and "outside the bounds" in p.message


def test_an_owid_problem_names_the_files_row_and_column(tmp_path):
    text = (FIXTURES / "owid_minimal.csv").read_text(encoding="utf-8")
    path = tmp_path / "owid.csv"
    path.write_text(text.replace(",17.2783", ",-17.2783"), encoding="utf-8")
    row = next(i for i, line in enumerate(text.splitlines(), start=1) if "17.2783" in line)
    with pytest.raises(dx.DataValidationError) as info:
        dx.read_owid(path)
    (p,) = info.value.problems
    assert (p.row, p.column) == (row, "Fixed broadband subscriptions (per 100 people)")


@pytest.mark.parametrize(("date", "message"), [("2024-13-01", "not a date"), ("2099-01-01", "in the future")])
def test_a_bad_date_in_the_owid_metadata_is_blamed_on_the_json(tmp_path, date, message):
    import json

    csv = tmp_path / "chart.csv"
    csv.write_text((FIXTURES / "owid_minimal.csv").read_text(encoding="utf-8"), encoding="utf-8")
    side = tmp_path / "chart.metadata.json"
    side.write_text(json.dumps({"columns": {"x": {"lastUpdated": date}}}), encoding="utf-8")
    with pytest.raises(dx.DataValidationError) as info:
        dx.read_owid(csv)
    assert {p.file for p in info.value.problems} == {str(side)} and message in str(info.value)


def test_a_publication_date_in_the_future_is_refused(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("indicator,period,value,published\ninternet_users,2024,70,2099-01-01\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match=r"in the future \(checked on \d{4}-\d\d-\d\d\)") as info:
        dx.read_observations(path)
    (p,) = info.value.problems
    assert (p.row, p.column, p.value) == (2, "published", "2099-01-01") and "today or earlier" in p.accepted


def _workbook(path: Path, rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path.read_bytes()


def _rewrite_member(path: Path, change) -> None:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info.filename, change(info.filename, data))


@pytest.mark.parametrize("damage", ["sheet_cut_short", "corrupt_member", "encrypted", "truncated"])
def test_a_damaged_workbook_is_a_dxanalysis_error(tmp_path, damage):
    path = tmp_path / "book.xlsx"
    raw = _workbook(path, [["indicator", "period", "value"], ["internet_users", "2024", 70]])
    if damage == "sheet_cut_short":
        _rewrite_member(path, lambda name, data: data[: len(data) // 2] if "worksheets" in name else data)
    elif damage == "corrupt_member":
        start = raw.index(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
        path.write_bytes(raw[:start] + bytes(b ^ 0x5A for b in raw[start : start + 40]) + raw[start + 40 :])
    elif damage == "encrypted":
        flag = raw.replace(b"PK\x03\x04\x14\x00\x00\x00", b"PK\x03\x04\x14\x00\x01\x00")
        path.write_bytes(flag.replace(b"PK\x01\x02\x14\x03\x14\x00\x00\x00", b"PK\x01\x02\x14\x03\x14\x00\x01\x00"))
    else:
        path.write_bytes(raw[: len(raw) - 30])
    with pytest.raises(dx.DataFileError, match=r"book.xlsx: .*(damaged|encrypted|not an Excel)"):
        dx.read_observations(path)


def test_a_workbook_is_held_to_the_limits_of_a_csv(tmp_path, monkeypatch):
    from dxanalysis.data import files

    wide = tmp_path / "wide.xlsx"
    _workbook(wide, [[f"c{i}" for i in range(files.MAX_COLUMNS + 5)]])
    with pytest.raises(dx.DataFileError, match=r"505 columns; accepted: .* at most 500"):
        dx.read_observations(wide)
    monkeypatch.setattr(files, "MAX_ROWS", 3)
    long = tmp_path / "long.xlsx"
    _workbook(long, [["indicator", "period", "value"], *[["internet_users", str(2010 + i), 50] for i in range(5)]])
    with pytest.raises(dx.DataFileError, match="more than 3 rows of figures"):
        dx.read_observations(long)
    csv = tmp_path / "long.csv"
    csv.write_text("indicator,period,value\n" + "".join(f"internet_users,{2010 + i},50\n" for i in range(5)))
    with pytest.raises(dx.DataFileError, match="5 rows of figures; accepted: at most 3"):
        dx.read_observations(csv)


def test_two_byte_order_marks_are_an_empty_file(tmp_path):
    path = tmp_path / "boms.csv"
    path.write_bytes("\ufeff\ufeff".encode())
    with pytest.raises(dx.DataFileError, match="the file is empty"):
        dx.read_observations(path)


def test_a_file_the_system_will_not_open_is_a_dxanalysis_error(tmp_path, monkeypatch):
    import builtins

    path = tmp_path / "locked.csv"
    path.write_text(GOOD, encoding="utf-8")
    real_open = builtins.open

    def denied(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", denied)
    with pytest.raises(dx.DataFileError, match=r"locked\.csv: permission denied: ask for read access"):
        dx.read_observations(path)
    monkeypatch.undo()
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(dx.DataFileError, match=r"folder\.csv: not a file"):
        dx.read_observations(tmp_path / "folder.csv")
    with pytest.raises(dx.DataFileError, match="the file name is too long"):
        dx.read_observations(tmp_path / ("x" * 300 + ".csv"))


@pytest.mark.parametrize("extra", [123, 4.5, b"mine.csv", {"a": 1}])
def test_an_extra_that_is_no_file_frame_or_list_is_a_dxanalysis_error(extra):
    with pytest.raises(dx.DxError, match="accepted: a file path, a DataFrame, or a list"):
        dx.load_observations(extra=extra)


def test_a_dataset_file_beside_observations_is_loaded_and_checked_like_it(data_copy):
    # One file per dataset (observations_<dataset>.csv): its figures load, its problems name it, and a figure that
    # another observation file holds too is refused with both places named.
    obs = read(data_copy / "observations.csv")
    extra = obs.iloc[[0]].copy()
    extra["period"] = "1999"
    extra["published"] = "2000-01-10"
    write(extra, data_copy / "observations_extra.csv")
    loaded = dx.load_observations()
    (row,) = loaded[loaded["file"] == "observations_extra.csv"].itertuples()
    assert (row.indicator, row.period) == (obs.iloc[0]["indicator"], "1999")

    write(pd.concat([extra, obs.iloc[[1]]]), data_copy / "observations_extra.csv")
    extra_bad = read(data_copy / "observations_extra.csv")
    extra_bad.loc[0, "value"] = "abc"
    write(extra_bad, data_copy / "observations_extra.csv")
    with pytest.raises(dx.DataValidationError) as info:
        dx.load_observations()
    where = {(p.file, p.row, p.column) for p in info.value.problems}
    assert ("observations_extra.csv", 2, "value") in where
    (dup,) = [p for p in info.value.problems if "also in observations.csv, row 3" in p.message]
    assert (dup.file, dup.row) == ("observations_extra.csv", 3)
