"""The World Bank's and Our World in Data's files as observations, merged with the curated data in memory."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import dxanalysis as dx

FIXTURES = Path(__file__).parent / "fixtures"


def test_wdi_download_becomes_a_vintaged_series_of_a_known_indicator():
    wdi = dx.read_wdi(FIXTURES / "wdi_minimal.csv")
    assert set(wdi["indicator"]) == {"internet_users"} and set(wdi["series"]) == {"wdi"}
    assert set(wdi["geo"]) == {"VN"} and (wdi["published"] == pd.Timestamp("2023-05-10")).all()
    s = dx.series("internet_users", source="wdi", extra=wdi)
    assert s.to_dict() == {2019: 68.66158021, 2020: 70.30000012, 2021: 74.20999985}
    # the World Bank's release was not known before it was published
    with pytest.raises(dx.UnknownSeriesError, match="no figures for geo 'VN' as of 2023-01-01"):
        dx.series("internet_users", source="wdi", extra=wdi, as_of="2023-01-01")
    both = dx.read_wdi(FIXTURES / "wdi_minimal.csv", country=["VNM", "Thailand"])
    assert set(both["geo"]) == {"VN", "THA"}


def test_an_indicator_the_catalogue_does_not_know_gets_an_entry_from_the_file(tmp_path):
    path = tmp_path / "gdp.csv"
    path.write_text(
        '"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-12-15",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","2022","2023","2024",\n'
        '"Viet Nam","VNM","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","8.5375","5.065024","7.091187",\n',
        encoding="utf-8",
    )
    gdp = dx.read_wdi(path)
    cat = dx.indicators(extra=gdp).set_index("id")
    entry = cat.loc["wdi_ny_gdp_mktp_kd_zg"]
    assert entry["user"] and entry["unit"] == "percent_change" and entry["pillar"] == "other"
    assert entry["name_en"] == "GDP growth (annual %)" and "gdp.csv" in entry["measures_en"]
    assert not cat.loc["internet_users", "user"]
    s = dx.series("wdi_ny_gdp_mktp_kd_zg", extra=gdp)
    assert s.attrs["unit"] == "percent_change" and s.loc[2024] == pytest.approx(7.091187)
    assert dx.fit_trend(s, "linear").ok


def test_owid_chart_with_several_columns():
    owid = dx.read_owid(FIXTURES / "owid_minimal.csv")
    assert set(owid["series"]) == {"owid"} and owid["published"].isna().all()  # no metadata: no vintage date
    bb = owid[owid.indicator == "fixed_broadband_subscriptions"].sort_values("period")
    assert bb["value"].tolist() == [15.455092, 17.2783, 19.830288]
    speed = owid.loc[owid["indicator"] == "owid_10_mbps_and_over", "indicator"]
    assert len(speed) == 2 and speed.str.fullmatch(r"[a-z][a-z0-9_]*").all()  # a user indicator, snake_case


def test_the_wdi_metadata_csv_of_the_same_download_describes_a_new_indicator(tmp_path):
    """The download's Metadata_Indicator_ CSV beside the data (WB's names), or given as metadata=, fills the entry."""
    data = tmp_path / "API_NY.GDP.MKTP.KD.ZG_DS2_en_csv_v2_1.csv"
    data.write_bytes((FIXTURES / "wdi_gdp_growth.csv").read_bytes())
    meta = tmp_path / f"Metadata_Indicator_{data.name}"
    meta.write_text(
        '\ufeff"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\r\n'
        '"NY.GDP.MKTP.KD.ZG","GDP growth (annual %)","Annual percentage growth rate of GDP at market prices '
        'based on constant local currency.","World Bank national accounts data, and OECD National Accounts data '
        'files.",\r\n',
        encoding="utf-8",
    )
    entry = dx.indicators(extra=dx.read_wdi(data)).set_index("id").loc["wdi_ny_gdp_mktp_kd_zg"]
    assert "growth rate of GDP at market prices" in entry["measures_en"]
    assert "World Bank national accounts data" in entry["measures_vi"] and entry["unit"] == "percent_change"
    renamed = tmp_path / "gdp.csv"
    data.rename(renamed)
    plain = dx.indicators(extra=dx.read_wdi(renamed)).set_index("id").loc["wdi_ny_gdp_mktp_kd_zg", "measures_en"]
    assert "market prices" not in plain
    given = dx.read_wdi(renamed, metadata=meta)
    assert "market prices" in dx.indicators(extra=given).set_index("id").loc["wdi_ny_gdp_mktp_kd_zg", "measures_en"]
    meta.write_text("Country Code,Region\nVNM,East Asia & Pacific\n", encoding="utf-8")  # the country file instead
    with pytest.raises(dx.DxError, match=r"not a WDI indicator metadata file.*INDICATOR_CODE"):
        dx.read_wdi(renamed, metadata=meta)


def test_the_owid_metadata_json_dates_and_describes_each_column(tmp_path):
    """The chart's <name>.metadata.json (OWID's layout): each column's lastUpdated dates its figures as a vintage;
    titleShort, descriptionShort, unit and citationShort describe an indicator the catalogue lacks."""
    import json

    csv = tmp_path / "chart.csv"
    csv.write_text(
        'Entity,Code,Year,Internet speed index,"Individuals using the Internet (% of population)"\n'
        "Vietnam,VNM,2022,3.5,74.2\nVietnam,VNM,2023,4.0,78.1\n",
        encoding="utf-8",
    )
    columns = {
        "Internet speed index": {
            "titleShort": "Speed index",
            "descriptionShort": "An index of measured speeds.",
            "unit": "%",
            "citationShort": "Some lab – processed by Our World in Data",
            "lastUpdated": "2025-10-29",
        },
        "Individuals using the Internet (% of population)": {"lastUpdated": "2024-06-01"},
    }
    meta = {"chart": {"title": "A chart"}, "columns": columns, "dateDownloaded": "2026-02-26"}
    (tmp_path / "chart.metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    owid = dx.read_owid(csv)
    dates = owid.groupby("indicator")["published"].first().astype(str).to_dict()
    assert dates == {"internet_users": "2024-06-01", "owid_internet_speed_index": "2025-10-29"}
    entry = dx.indicators(extra=owid).set_index("id").loc["owid_internet_speed_index"]
    assert entry["name_en"] == "Speed index" and entry["unit"] == "percent"
    assert pd.isna(entry["upper"])  # a bare "%" may be a rate of change: no bounds assumed
    assert "measured speeds" in entry["measures_en"] and "Some lab" in entry["measures_en"]
    assert dx.series("internet_users", source="owid", extra=owid, as_of="2024-06-30").loc[2023] == 78.1
    (tmp_path / "chart.metadata.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(dx.DxError, match=r"chart\.metadata\.json: not a readable metadata JSON"):
        dx.read_owid(csv)


def test_a_figure_in_two_files_is_a_conflict_naming_both(tmp_path):
    wdi = dx.read_wdi(FIXTURES / "wdi_minimal.csv")
    with pytest.raises(dx.DataValidationError, match="more than one file"):
        dx.load_observations(extra=[wdi, dx.read_wdi(FIXTURES / "wdi_minimal.csv")])


def test_a_country_the_file_does_not_have():
    with pytest.raises(dx.DxError, match=r"no country XYZ; the file has: .*VNM"):
        dx.read_wdi(FIXTURES / "wdi_minimal.csv", country="XYZ")


def test_read_any_recognises_each_publisher_of_the_registry_and_falls_back_to_the_observation_layout(tmp_path):
    from dxanalysis.data import publishers

    assert list(publishers.READERS)[:2] == ["wdi", "owid"]  # the CSV publishers first; ITU's workbooks follow
    assert set(publishers.read_any(FIXTURES / "wdi_minimal.csv")["series"]) == {"wdi"}
    assert set(publishers.read_any(FIXTURES / "owid_minimal.csv")["series"]) == {"owid"}
    mine = tmp_path / "mine.csv"
    mine.write_text("indicator,period,value\ninternet_users,2025,81.2\n", encoding="utf-8")
    assert set(publishers.read_any(mine)["series"]) == {"user"}


def test_a_new_publisher_is_one_reader_in_the_registry(tmp_path, monkeypatch):
    """What the ITU reader will be: a module's sniff and read, and one READERS entry; read_any and use_data find it."""
    from dxanalysis.data import publishers

    def read_itu(path):
        frame = pd.DataFrame({"indicator": ["internet_users"], "period": ["2025"], "value": [82.0], "series": ["itu"]})
        return dx.data.validate_observations(frame, file=str(path))

    reader = publishers.Reader("itu", lambda head: head.startswith("ITU ICT Eye"), read_itu)
    monkeypatch.setitem(publishers.READERS, "itu", reader)
    f = tmp_path / "itu.csv"
    f.write_text("ITU ICT Eye export\nanything,else\n", encoding="utf-8")
    assert publishers.read_any(f)["value"].tolist() == [82.0]
    try:
        assert dx.use_data(str(f))["series"].tolist() == ["itu"]
    finally:
        dx.use_data(None)


# The real files in ../shared/external-data, with Vietnam's values as its README lists them.
REAL = [
    ("wdi_IT.NET.USER.ZS.csv", dx.read_wdi, "internet_users", {2015: 45.0, 2021: 74.20999985}),
    ("wdi_IT.NET.BBND.P2.csv", dx.read_wdi, "fixed_broadband_subscriptions", {}),
    ("wdi_IT.CEL.SETS.P2.csv", dx.read_wdi, "mobile_cellular_subscriptions", {}),
    ("wdi_NY.GDP.MKTP.KD.ZG.csv", dx.read_wdi, "wdi_ny_gdp_mktp_kd_zg", {}),
    ("wdi_IT.NET.USER.ZS_2025-release_preamble-stripped.csv", dx.read_wdi, "internet_users", {}),
    ("wdi_IT.NET.USER.ZS_excel-resaved.csv", dx.read_wdi, "internet_users", {}),
    ("wdi_topic14_science-and-technology.csv", dx.read_wdi, None, {}),
    ("owid_share-of-individuals-using-the-internet.csv", dx.read_owid, "internet_users", {2023: 78.08}),
    ("owid_broadband-penetration-by-country.csv", dx.read_owid, "fixed_broadband_subscriptions", {2021: 19.830288}),
    ("owid_ict-adoption-per-100-people.csv", dx.read_owid, "internet_users", {}),
    ("owid_landline-internet-subscriptions-by-speed.csv", dx.read_owid, None, {}),
]


@pytest.mark.parametrize(("name", "reader", "indicator", "values"), REAL, ids=[r[0] for r in REAL])
def test_every_real_file_loads_with_vietnam(shared, name, reader, indicator, values):
    obs = reader(shared / "external-data" / name)
    assert len(obs) > 0 and set(obs["geo"]) == {"VN"}
    merged = dx.load_observations(extra=obs)
    if indicator:
        s = dx.series(indicator, source=obs["series"].iloc[0], extra=obs, freq="year")
        for year, value in values.items():
            assert s.loc[year] == pytest.approx(value)
    assert len(merged) == len(dx.load_observations()) + len(obs)
