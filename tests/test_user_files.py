"""The user's own figures: CSV and XLSX, both number conventions, encodings, and the in-memory merge."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import dxanalysis as dx

VI_CSV = (
    "indicator;period;value;source;published;note\n"
    "fibre_households_using;2025-06;85,1%;Sở TT&TT Bình Dương;2025-07-15;Hộ gia đình dùng cáp quang\n"
    "popdb_records_synchronised;2025-06;1.234,5 triệu;Sở TT&TT Bình Dương;2025-07-15;\n"
)


def test_vietnamese_numbers_semicolons_bom_and_diacritics(tmp_path):
    path = tmp_path / "tinh_binh_duong.csv"
    path.write_bytes(b"\xef\xbb\xbf" + VI_CSV.encode("utf-8"))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    mine = dx.read_observations(path, decimal=",")
    assert mine["value"].tolist() == [85.1, 1234.5e6]
    assert mine["source"].iloc[0] == "Sở TT&TT Bình Dương"
    assert mine["note"].iloc[0] == "Hộ gia đình dùng cáp quang"
    assert set(mine["series"]) == {"user"} and set(mine["geo"]) == {"VN"} and set(mine["status"]) == {"actual"}
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_xlsx_first_sheet_or_named_sheet(tmp_path):
    path = tmp_path / "mine.xlsx"
    figures = pd.DataFrame(
        {
            "Indicator ": ["online_filing_rate"],
            "Period": [2025],
            "Value": [41.5],
            "Published": [pd.Timestamp("2025-08-01")],
            "Note": ["Tỷ lệ hồ sơ nộp trực tuyến"],
        }
    )
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame({"readme": ["figures are on the next sheet"]}).to_excel(xl, sheet_name="Ghi chú", index=False)
        figures.to_excel(xl, sheet_name="Số liệu", index=False)
    with pytest.raises(dx.DataValidationError, match="required column is missing"):
        dx.read_observations(path)  # the first sheet is the notes
    mine = dx.read_observations(path, sheet="Số liệu")
    row = mine.iloc[0]
    assert (row.indicator, row.period, row.value) == ("online_filing_rate", "2025", 41.5)
    assert row.published == pd.Timestamp("2025-08-01") and row.note == "Tỷ lệ hồ sơ nộp trực tuyến"
    with pytest.raises(dx.DataFileError, match="no sheet 'Sheet9'; accepted: a sheet name \\('Ghi chú', 'Số liệu'\\)"):
        dx.read_observations(path, sheet="Sheet9")
    with pytest.raises(dx.DataFileError, match="no sheet 'So lieu'; did you mean 'Số liệu'"):
        dx.read_observations(path, sheet="So lieu")  # typed without the marks
    try:  # the sheet reaches the reports' data too (by name, or by number as a notebook parameter gives it)
        assert dx.use_data(str(path), sheet="1")["indicator"].tolist() == ["online_filing_rate"]
    finally:
        dx.use_data(None)
    year = tmp_path / "year.xlsx"
    with pd.ExcelWriter(year) as xl:  # a sheet named like a number is found by its name first
        pd.DataFrame({"readme": ["x"]}).to_excel(xl, sheet_name="notes", index=False)
        figures.to_excel(xl, sheet_name="2024", index=False)
    assert dx.read_observations(year, sheet="2024")["value"].tolist() == [41.5]


def test_a_misspelt_column_is_named_as_the_file_has_it(tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text("indicator,perod,valeu,note\nonline_filing_rate,2025,41.5,x\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError) as info:
        dx.read_observations(path)
    messages = {p.column: p.message for p in info.value.problems}
    assert set(messages) == {"period", "value"}
    assert "the file's columns: indicator, perod, valeu, note" in messages["period"]
    assert messages["period"].endswith("did you mean 'perod'?") and messages["value"].endswith("'valeu'?")


def test_statuses_written_in_vietnamese_and_a_series_in_another_province(tmp_path):
    path = tmp_path / "tinh.csv"
    path.write_text(
        "indicator;period;value;geo;status\n"
        "internet_users;2023;81,2;VN-57;Ước tính\ninternet_users;2024;84,6;VN-57;sơ bộ\n",
        encoding="utf-8",
    )
    mine = dx.read_observations(path, decimal=",")
    assert mine["status"].tolist() == ["estimate", "provisional"]
    path.write_text("indicator,period,value,status\ninternet_users,2023,81.2,Estimate\n", encoding="utf-8")
    assert dx.read_observations(path)["status"].tolist() == ["estimate"]  # any case, in English too
    with pytest.raises(dx.UnknownSeriesError, match="series 'user' has geo 'VN-57': pass geo="):
        dx.series("internet_users", source="user", extra=mine)


def test_xlsx_numbers_stored_as_numbers_ignore_the_text_convention(tmp_path):
    path = tmp_path / "nums.xlsx"
    pd.DataFrame(
        {
            "indicator": ["online_filing_rate", "online_filing_rate"],
            "period": ["2025", "2026"],
            "value": [41.5, "42,5"],
        }
    ).to_excel(path, index=False)
    assert dx.read_observations(path, decimal=",")["value"].tolist() == [41.5, 42.5]


def test_merge_in_memory_and_as_of(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "indicator,period,value,published\nonline_filing_rate,2025,41.5,2025-08-01\nonline_filing_rate,2026,44.0,\n",
        encoding="utf-8",
    )
    obs = dx.load_observations(extra=path)
    mine = obs[obs.series == "user"]
    assert mine["value"].tolist() == [41.5, 44.0] and set(mine["file"]) == {str(path)}
    assert len(obs) == len(dx.load_observations()) + 2
    # the row with no publication date is left out of an as_of view
    dated = dx.load_observations(extra=path, as_of="2025-12-31")
    assert dated[dated.series == "user"]["value"].tolist() == [41.5]
    s = dx.series("online_filing_rate", source="user", extra=path)
    assert s.to_dict() == {2025: 41.5, 2026: 44.0}


def test_extra_as_frames_and_lists(tmp_path):
    mine = pd.DataFrame({"indicator": ["internet_users"], "period": ["2026"], "value": ["90"], "series": ["mine"]})
    obs = dx.load_observations(extra=[mine, dx.read_observations(_csv(tmp_path))])
    assert {"mine", "user"} <= set(obs.series)
    bad = mine.assign(value="ninety")
    with pytest.raises(dx.DataValidationError, match=r"<DataFrame extra\[0\]>, row 2, column 'value'"):
        dx.load_observations(extra=bad)


def _csv(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("indicator,period,value\nonline_filing_rate,2027,50\n", encoding="utf-8")
    return path
