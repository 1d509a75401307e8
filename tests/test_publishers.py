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


# The ITU's spreadsheets: the .xlsx fixture is an extract of the real core household workbook (same four header rows,
# numbers as text, "..." for missing); a BIFF .xls cannot be written without a writer package, so the .xls path is
# tested on the real files only, and its error path on a text file named .xls.
def test_itu_core_household_xlsx_extract():
    from dxanalysis.data.publishers import read_itu_table

    t = read_itu_table(FIXTURES / "itu_core_household_Jun2019.xlsx")
    assert t.last_updated == dt.date(2019, 6, 1) and t.metadata["released"] == "2019-06" and t.publisher == "ITU"
    v = t.data[t.data.code == "VNM"].set_index("indicator_code")
    assert v.value.to_dict() == {"HH4": 32.9, "HH6": 47.1, "HH7": 70.3}  # every "..." is missing, not 0
    assert set(v.year) == {2018}
    tha = t.data[t.data.code == "THA"].set_index("indicator_code")
    assert tha.loc["HH5", "year"] == 2017 and tha.loc["HH5", "value"] == 30.7  # its year column is 3 to the right
    assert set(t.data.code) == {"ALB", "THA", "VNM"}
    assert "Proportion of households with computer" in set(t.data.indicator_name)


def test_itu_names_map_to_iso3():
    import pycountry

    from dxanalysis.data.publishers import ITU_NAMES, itu_iso3

    assert itu_iso3("Viet Nam") == "VNM" and itu_iso3("Lao P.D.R.") == "LAO" and itu_iso3("Turkey") == "TUR"
    assert itu_iso3("Atlantis") == ""
    for name, code in ITU_NAMES.items():  # every code of the ITU's own spellings is an ISO 3166 code
        if code:
            assert pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code), name


def test_itu_damaged_or_unexpected_files_are_refused(tmp_path):
    from dxanalysis.data.publishers import read_any, read_itu_table

    fake = tmp_path / "Individuals_Internet_2000-2018_Jun2019.xls"
    fake.write_text("Country,2018\nViet Nam,70.3\n", encoding="utf-8")
    with pytest.raises(dx.DataFileError, match=r"Individuals_Internet.*not a legacy Excel \(BIFF\) workbook"):
        read_itu_table(fake)
    with pytest.raises(dx.DataFileError, match="no sheet with the ITU's"):
        read_itu_table(_plain_xlsx(tmp_path))
    (tmp_path / "CoreHouseholdIndicators_Jun2019.xlsx").write_text("HH7,70.3\n", encoding="utf-8")
    with pytest.raises(dx.DataFileError, match=r"CoreHouseholdIndicators_Jun2019.xlsx: not an Excel .xlsx workbook"):
        read_itu_table(tmp_path / "CoreHouseholdIndicators_Jun2019.xlsx")
    with pytest.raises(dx.DataFileError, match="file not found"):
        read_itu_table(tmp_path / "missing.xls")
    import openpyxl

    wb = openpyxl.load_workbook(FIXTURES / "itu_core_household_Jun2019.xlsx")
    wb.active.cell(row=7, column=16, value="thirty")  # Viet Nam's HH4 (row 7, column P)
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(dx.DataFileError, match=r"sheet 'CoreHouseholdIndicators', cell P7: 'thirty' is not a number"):
        read_itu_table(tmp_path / "bad.xlsx")
    assert read_any(FIXTURES / "itu_core_household_Jun2019.xlsx")["series"].eq("itu").all()


def _plain_xlsx(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["indicator", "geo", "period", "value"])
    wb.save(tmp_path / "plain.xlsx")
    return tmp_path / "plain.xlsx"


ITU = [
    (
        "itu_Individuals_Internet_2000-2018_Jun2019.xls",
        "internet_users",
        dt.date(2019, 6, 1),
        {2017: 58.14, 2018: 70.3496355762121},
    ),
    (
        "itu_Fixed_broadband_2000-2018_Jun2019_revised27082019.xls",
        "fixed_broadband_subscriptions",
        dt.date(2019, 8, 27),
        {2002: 0.00131968826363084, 2017: 11.9131699816686, 2018: 13.6002094991728},
    ),
]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "indicator", "released", "values"), ITU, ids=[r[0] for r in ITU])
def test_real_itu_xls(shared, name, indicator, released, values):
    from dxanalysis.data.publishers import read_any, read_itu_table

    path = shared / "external-data" / name
    t = read_itu_table(path)
    assert t.last_updated == released
    assert t.data.code.ne("").sum() > 0.99 * len(t.data) and t.data.code.nunique() >= 200  # ~200 economies, coded
    assert not t.data.indicator_name.str.contains("Notes|Source|Metadata").any()  # notes columns dropped
    assert t.data.value.ne(10.5957264186601).all()  # the unlabeled stray column U is not read as a year
    obs = read_any(path)  # read_any / dxanalysis validate recognise the file
    vn = obs[obs.indicator == indicator].set_index("period")["value"]
    for year, value in values.items():
        assert vn[str(year)] == pytest.approx(value)
    assert set(obs.series) == {"itu"} and set(obs.geo) == {"VN"}
    if "broadband" in name:  # the two blocks under one row of years are told apart by their titles
        counts = t.data[(t.data.code == "VNM") & (t.data.indicator_name == "Fixed-broadband subscriptions")]
        assert counts.set_index("year").value[2018] == 12994451.0


@pytest.mark.shared
def test_real_itu_core_household_xlsx(shared):
    from dxanalysis.data.publishers import read_itu

    obs = read_itu(shared / "external-data" / "itu_CoreHouseholdIndicators_Jun2019.xlsx", country=["Viet Nam", "THA"])
    vn = obs[obs.geo == "VN"].set_index("indicator")["value"].to_dict()
    assert vn == {"itu_hh4": 32.9, "itu_hh6": 47.1, "itu_hh7": 70.3}
    assert set(obs.geo) == {"VN", "THA"}
