"""Publishers' files in their original layouts: small fixtures here, and the real files when ../shared exists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import dxanalysis as dx
from dxanalysis.data.publishers import read_owid_table, read_wdi_table

FIXTURES = Path(__file__).parent / "fixtures"


def vn(table, code="VNM"):
    return table.data[table.data.code == code].set_index("year")["value"].to_dict()


def test_wdi_download_with_preamble_crlf_bom_and_e_notation():
    t = read_wdi_table(FIXTURES / "wdi_minimal.csv")
    assert t.last_updated == dt.date(2023, 5, 10) and t.publisher == "World Development Indicators"
    assert vn(t) == {2019: 68.66158021, 2020: 70.30000012, 2021: 74.20999985}  # empty cells are missing, not 0
    assert vn(t, "WLD")[2022] == pytest.approx(4.37347303003985e-06)
    assert set(t.data.indicator_code) == {"IT.NET.USER.ZS"}


def test_wdi_resaved_by_excel_and_without_preamble():
    excel = read_wdi_table(FIXTURES / "wdi_excel_resaved.csv")
    assert excel.last_updated == dt.date(2026, 7, 13)  # Excel writes the date as 7/13/2026
    assert vn(excel) == {2023: 78.08, 2024: 81.0}
    bare = read_wdi_table(FIXTURES / "wdi_no_preamble.csv")
    assert bare.last_updated is None and vn(bare) == {2023: 78.08}


def test_owid_grapher_csv_with_commas_in_quoted_headers_and_unsorted_years():
    t = read_owid_table(FIXTURES / "owid_minimal.csv")
    per100 = t.data[(t.data.code == "VNM") & t.data.indicator_code.str.startswith("Fixed")]
    assert per100.year.tolist() == [2019, 2020, 2021]  # sorted
    speeds = t.data[t.data.indicator_code.str.contains("10 mbps", regex=False)]
    assert speeds.value.tolist() == [15000000.0, 17000000.0]


def test_files_that_are_not_the_layout_are_refused():
    with pytest.raises(dx.DataFileError, match="not a World Bank WDI download"):
        read_wdi_table(FIXTURES / "owid_minimal.csv")
    with pytest.raises(dx.DataFileError, match="not an Our World in Data grapher CSV"):
        read_owid_table(FIXTURES / "wdi_minimal.csv")
    with pytest.raises(dx.DataValidationError, match=r"row 4, column '2020'.*'seventy'"):
        read_wdi_table(FIXTURES / "wdi_bad_value.csv")


# Values of the real files for Vietnam, as the external-data README lists them (the files stay in ../shared).
REAL = [
    ("wdi_IT.NET.USER.ZS.csv", read_wdi_table, {2015: 45.0, 2021: 74.20999985}, dt.date(2023, 5, 10)),
    ("wdi_IT.NET.USER.ZS_excel-resaved.csv", read_wdi_table, {}, dt.date(2026, 7, 13)),
    ("wdi_IT.NET.USER.ZS_2025-release_preamble-stripped.csv", read_wdi_table, {}, None),
    ("wdi_IT.NET.BBND.P2.csv", read_wdi_table, {}, dt.date(2019, 7, 10)),
    ("wdi_IT.CEL.SETS.P2.csv", read_wdi_table, {}, dt.date(2023, 3, 1)),
    ("wdi_NY.GDP.MKTP.KD.ZG.csv", read_wdi_table, {}, dt.date(2025, 12, 15)),
    ("wdi_topic14_science-and-technology.csv", read_wdi_table, {}, dt.date(2021, 9, 15)),
    ("owid_share-of-individuals-using-the-internet.csv", read_owid_table, {2023: 78.08}, None),
    ("owid_broadband-penetration-by-country.csv", read_owid_table, {2021: 19.830288}, None),
    ("owid_ict-adoption-per-100-people.csv", read_owid_table, {}, None),
    ("owid_landline-internet-subscriptions-by-speed.csv", read_owid_table, {}, None),
]


@pytest.mark.parametrize(("name", "reader", "values", "updated"), REAL, ids=[r[0] for r in REAL])
def test_real_publisher_files_load_with_vietnam(shared, name, reader, values, updated):
    t = reader(shared / "external-data" / name)
    v = t.data[t.data.code == "VNM"]
    assert len(v) > 0, "Vietnam is in every file"
    assert t.last_updated == updated
    got = v[v.indicator_name.str.contains("Internet|broadband", regex=True)].set_index("year")["value"]
    for year, value in values.items():
        assert got[year] == pytest.approx(value)
