"""The province catalogue (both maps and the merger's mapping), the DTI panel, and Vietnamese provincial files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import dxanalysis as dx

DATA = Path(dx.data_dir())


def test_dti_rank_of_da_nang_by_code_and_by_name():
    s = dx.series("dti_rank", geo="VN-DN")
    assert s.loc[2020:2023].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert s.attrs["series"] == "mic" and s.attrs["published"][2022].date().isoformat() == "2023-07-12"
    assert dx.series("dti_rank", geo="Đà Nẵng").equals(s)
    assert dx.series("dti_rank", geo="Da Nang").equals(s)


def test_the_2022_ranking_is_complete_and_ranks_are_lower_is_better():
    obs = dx.load_observations()
    ranks = obs[(obs.indicator == "dti_rank") & (obs.period == "2022")]
    assert len(ranks) == 63 and ranks["geo"].nunique() == 63
    assert set(ranks["geo"]) == set(dx.provinces("63")["code"])
    assert sorted(ranks["value"])[:16] == [*range(1, 15), 15, 15]  # the printed tie at 15
    cat = dx.indicators().set_index("id")
    assert not cat.loc["dti_rank", "higher_is_better"] and cat.loc["dti_score", "higher_is_better"]
    assert "method changes every year" in cat.loc["dti_rank", "measures_en"]


def test_2024_ranks_of_the_merged_provinces_are_a_separate_measure():
    assert dx.series("dti_rank_merged", geo="VN-DNM").tolist() == [17.0]  # Đà Nẵng with Quảng Nam, of 34
    assert 2024 not in dx.series("dti_rank", geo="VN-DN").index


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Đà Nẵng", "VN-DN"),
        ("Da Nang", "VN-DN"),
        ("TP. Đà Nẵng", "VN-DN"),
        ("vn-dn", "VN-DN"),
        ("Quảng Nam", "VN-27"),
        ("Quang Nam", "VN-27"),
        ("Kiên Giang", "VN-47"),
        ("Kiến Giang", "VN-47"),  # pycountry's spelling still reads
        ("Thừa Thiên - Huế", "VN-26"),
        ("Huế", "VN-26"),
        ("TP HCM", "VN-SG"),
        ("Thành phố Hồ Chí Minh", "VN-SG"),
        ("Bà Rịa - Vũng Tàu", "VN-43"),
        ("Dak Lak", "VN-33"),
    ],
)
def test_names_with_and_without_diacritics_and_old_codes_resolve(written, code):
    assert dx.province(written) == code


def test_a_name_on_both_maps_is_the_merged_province_from_the_merger_on():
    assert dx.province("Đà Nẵng", on="2025-06-30") == "VN-DN"
    assert dx.province("Đà Nẵng", on="2025-07-01") == "VN-DNM"
    assert dx.province("Quảng Nam", on="2026-01-01") == "VN-27"  # an old name stays the old province


def test_unknown_province_says_the_closest_names():
    with pytest.raises(dx.UnknownProvinceError, match="did you mean 'Quảng Nam'"):
        dx.province("Quang Nm")
    with pytest.raises(dx.UnknownProvinceError):
        dx.series("dti_rank", geo="Atlantis")


def test_the_mapping_covers_all_63_provinces_onto_34():
    old, new = dx.provinces("63"), dx.provinces("34")
    assert len(old) == 63 and old["code"].is_unique and len(new) == 34 and new["code"].is_unique
    assert set(old["successor"]) == set(new["code"])
    assert sum(len(m.split(";")) for m in new["members"]) == 63
    unchanged = old[old["code"] == old["successor"]]
    assert len(unchanged) == 11 and set(unchanged["code"]) >= {"VN-HN", "VN-26", "VN-13"}
    assert new.set_index("code").loc["VN-SGM", "members"].split(";") == ["VN-43", "VN-57", "VN-SG"]
    sources = set(dx.load_sources()["id"])
    assert set(old["source"]) <= sources and set(new["source"]) <= sources
    assert old["evidence"].str.strip().astype(bool).all()


def test_each_merged_province_is_named_in_its_quote():
    old = dx.provinces("63")
    for row in old[old["code"] != old["successor"]].itertuples():
        assert row.successor_name in row.evidence or row.successor_name == "Hồ Chí Minh", row


def test_pycountry_misspelling_is_corrected():
    assert dx.provinces("63").set_index("code").loc["VN-47", "name"] == "Kiên Giang"


def test_every_province_code_in_the_dti_file_is_a_known_province():
    with open(DATA / "observations_dti.csv", encoding="utf-8") as f:
        geos = {row["geo"] for row in csv.DictReader(f)}
    known = set(dx.provinces()["code"]) | {"VN"}
    assert geos <= known, geos - known


def test_a_vietnamese_provincial_file_reads(tmp_path):
    f = tmp_path / "danang.csv"
    f.write_text(
        "indicator;geo;period;value;status;published\n"
        "fibre_households_using;Đà Nẵng;năm 2024;85,2;thực hiện;15/01/2025\n"
        "fibre_households_using;Da Nang;6 tháng đầu năm 2025;86,5;ước thực hiện;15/07/2025\n"
        "fibre_households_using;TP. Đà Nẵng;Quý III/2025;87,1;sơ bộ;15/10/2025\n",
        encoding="utf-8",
    )
    got = dx.read_observations(f, lang="vi")
    assert got["period"].tolist() == ["2024", "2025-H1", "2025-Q3"]
    assert got["geo"].tolist() == ["VN-DN", "VN-DN", "VN-DNM"]  # the third quarter is after the merger
    assert got["status"].tolist() == ["actual", "estimate", "provisional"]
    assert got["value"].tolist() == [85.2, 86.5, 87.1]
    assert [d.date().isoformat() for d in got["published"]] == ["2025-01-15", "2025-07-15", "2025-10-15"]
    assert dx.read_observations(f, decimal=",")["period"].tolist() == got["period"].tolist()


def test_a_vietnamese_file_with_an_unknown_province_names_row_and_close_names(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("indicator;geo;period;value\nfibre_households_using;Quang Nm;năm 2024;1\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError) as err:
        dx.read_observations(f, lang="vi")
    text = str(err.value)
    assert "row 2" in text and "'geo'" in text and "Quảng Nam" in text and text.count("Quang Nm") == 2


def test_an_english_file_is_not_read_as_vietnamese(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("indicator,period,value\nfibre_households_using,năm 2024,1\n", encoding="utf-8")
    with pytest.raises(dx.DataValidationError, match="not a period"):
        dx.read_observations(f)
