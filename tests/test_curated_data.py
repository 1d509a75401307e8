"""The curated data: every seed figure of the 8th and 9th sessions, the targets, competing series, vintages."""

from __future__ import annotations

import pandas as pd
import pytest

import dxanalysis as dx

KONTUM = "kontum_2024_04_24"  # report of the 8th session (24 April 2024), ../shared/seeds/003_*.txt
QHTV = "truyenhinhquochoi_2024_07_10"  # conclusion of the 9th session (10 July 2024), ../shared/seeds/000_*.txt

# (indicator, period, value, unit, source, status or None): every figure the issue lists from the two reports
SEED_FIGURES = [
    ("fibre_households_using", "2024-04-24", 80.2, "percent", KONTUM, None),
    ("fibre_communes_connected", "2024-04-24", 100.0, "percent", KONTUM, None),
    ("mobile_4g_population_coverage", "2024-04-24", 99.8, "percent", KONTUM, None),
    ("procedures_offered_online", "2024-04-24", 80.44, "percent", KONTUM, None),
    ("procedures_offered_full_process", "2024-04-24", 47.79, "percent", KONTUM, None),
    ("online_filing_rate", "2024-04", 38.3, "percent", KONTUM, None),
    ("digital_economy_share_gdp", "2021", 11.91, "percent", KONTUM, None),
    ("digital_economy_share_gdp", "2022", 14.26, "percent", KONTUM, None),
    ("digital_economy_share_gdp", "2023", 16.5, "percent", KONTUM, "estimate"),
    ("digital_economy_growth", "2023", 20.0, "percent_change", KONTUM, "estimate"),
    ("popdb_ministries_connected", "2024-04-24", 18, "count", KONTUM, None),
    ("popdb_provinces_connected", "2024-04-24", 63, "count", KONTUM, None),
    ("popdb_enterprises_connected", "2024-04-24", 4, "count", KONTUM, None),
    ("popdb_records_synchronised", "2024-04-24", 268e6, "count", KONTUM, None),
    ("popdb_verification_requests", "2024-04-24", 1.5e9, "count", KONTUM, None),
    ("popdb_verification_requests_increase", "2024-04-24", 213e6, "count", KONTUM, None),
    ("ndxp_systems_connected", "2024-04-24", 388, "count", KONTUM, None),
    ("ndxp_agencies_connected", "2024-04-24", 95, "count", KONTUM, None),
    ("dx_plan_2024_ministries_missing", "2024-07-10", 12, "count", QHTV, None),
    ("dx_plan_2024_localities_missing", "2024-07-10", 20, "count", QHTV, None),
]


@pytest.fixture(scope="module")
def every_vintage() -> pd.DataFrame:
    return dx.load_observations(vintage="all")


@pytest.mark.parametrize(
    ("indicator", "period", "value", "unit", "source", "status"),
    SEED_FIGURES,
    ids=[f"{f[0]}-{f[1]}" for f in SEED_FIGURES],
)
def test_seed_figure_loads_exactly(every_vintage, indicator, period, value, unit, source, status):
    rows = every_vintage[
        (every_vintage.indicator == indicator) & (every_vintage.period == period) & (every_vintage.source == source)
    ]
    assert len(rows) == 1, rows
    row = rows.iloc[0]
    assert row.value == value
    assert row.geo == "VN"
    assert dx.indicators().set_index("id").loc[indicator, "unit"] == unit
    if status:
        assert row.status == status
    assert row.evidence.strip(), "every figure carries its evidence quote"
    published = "2024-04-24" if source == KONTUM else "2024-07-10"
    assert row.published == pd.Timestamp(published)
    assert source in set(dx.load_sources()["id"])


def test_ministry_digital_economy_series_reads_as_the_issue_says():
    s = dx.series("digital_economy_share_gdp", source="mic")
    assert s.index[:3].tolist() == ["2021", "2022", "2023"] and s.iloc[:3].tolist() == [11.91, 14.26, 16.5]
    assert s.attrs["status"]["2023"] == "estimate"
    assert s.attrs["unit"] == "percent"
    # the first-half estimate sits in time order; freq="year" gives the annual figures with a year index
    assert "2024-H1" in s.index and s.index.get_loc("2024-H1") < s.index.get_loc("2024")
    annual = dx.series("digital_economy_share_gdp", source="mic", freq="year")
    assert annual.index.name == "year" and annual.loc[2021:2023].tolist() == [11.91, 14.26, 16.5]
    assert annual.attrs["status"][2023] == "estimate"
    with pytest.raises(dx.DxError, match="accepted: year, half"):
        dx.series("digital_economy_share_gdp", source="mic", freq="annual")


def test_competing_digital_economy_series_are_kept_apart():
    mic = dx.series("digital_economy_share_gdp", source="mic", freq="year")
    gso = dx.series("digital_economy_share_gdp", source="gso", freq="year")
    # the statistics office's value-added measure is well below the ministry's estimate for the same year
    assert gso.loc[2022] < 13.5 < mic.loc[2022]
    with pytest.raises(dx.UnknownSeriesError, match="gso, mic"):
        dx.series("digital_economy_share_gdp")  # never blended: the caller must choose


def test_measures_easily_confused_are_separate_indicators_that_say_what_they_measure():
    cat = dx.indicators().set_index("id")
    for a, b in [
        ("fibre_households_using", "fibre_households_covered"),
        ("online_services_level4", "procedures_offered_full_process"),
    ]:
        assert a in cat.index and b in cat.index
        assert cat.loc[a, "measures_en"] != cat.loc[b, "measures_en"]
    assert "coverage" in cat.loc["fibre_households_using", "measures_en"].lower()
    assert "GSO" in cat.loc["digital_economy_share_gdp", "measures_en"]


def test_catalogue_is_complete_and_bilingual():
    cat = dx.indicators()
    assert cat["id"].is_unique
    for col in ("name_en", "name_vi", "measures_en", "measures_vi", "unit_label_en", "unit_label_vi"):
        assert cat[col].str.strip().str.len().gt(0).all(), col
    # Vietnamese names carry their diacritics
    assert cat["name_vi"].str.contains("[ạảãáàâầấậẩẫăằắặẳẵđệếềểễịộốồổỗơờớợởỡụủũúùưừứựửữ]", regex=True).mean() > 0.8
    shares = cat[cat.unit == "percent"]
    assert (shares.lower == 0).all() and (shares.upper == 100).all()
    assert dx.indicators(pillar="digital_economy")["pillar"].eq("digital_economy").all()
    with pytest.raises(dx.DxError, match="accepted"):
        dx.indicators(pillar="economy")


def test_every_indicator_has_figures_or_a_target():
    obs, targets = dx.load_observations(), dx.load_targets()
    orphans = set(dx.indicators()["id"]) - set(obs.indicator) - set(targets.indicator)
    assert not orphans


@pytest.mark.parametrize(
    ("indicator", "year", "value", "document"),
    [
        ("digital_economy_share_gdp", 2025, 20.0, "52-NQ/TW"),
        ("digital_economy_share_gdp", 2030, 30.0, "52-NQ/TW"),
        ("digital_economy_share_gdp", 2025, 20.0, "749/QĐ-TTg"),
        ("digital_economy_share_gdp", 2025, 20.0, "411/QĐ-TTg"),
        ("digital_economy_share_gdp", 2025, 20.5, "1437/QĐ-TTg"),
        ("fibre_households_covered", 2025, 80.0, "749/QĐ-TTg"),
    ],
)
def test_targets_load_with_the_document_that_sets_them(indicator, year, value, document):
    t = dx.load_targets()
    rows = t[(t.indicator == indicator) & (t.year == year) & t.document.str.contains(document, regex=False)]
    assert len(rows) == 1, t[t.indicator == indicator]
    row = rows.iloc[0]
    assert row.value == value and row.comparator == "at_least"
    assert row.source in set(dx.load_sources()["id"]) and row.evidence.strip()


def test_targets_as_of_leave_out_documents_adopted_later():
    before = dx.load_targets(as_of="2024-01-01")
    assert not before.document.str.contains("1437/QĐ-TTg", regex=False).any()
    assert dx.load_targets().document.str.contains("1437/QĐ-TTg", regex=False).any()


def test_statistics_office_revisions_are_vintages(every_vintage):
    """The GSO revised 2022; as_of picks the release known on each date."""
    rows = every_vintage[
        (every_vintage.indicator == "digital_economy_share_gdp")
        & (every_vintage.series == "gso")
        & (every_vintage.period == "2022")
    ]
    rows = rows.sort_values("published")
    assert len(rows) >= 2 and rows.value.nunique() >= 2
    for earlier, later in zip(rows.itertuples(), rows.iloc[1:].itertuples(), strict=False):
        day_before = (later.published - pd.Timedelta(days=1)).date().isoformat()
        assert (
            dx.series("digital_economy_share_gdp", source="gso", freq="year", as_of=day_before).loc[2022]
            == earlier.value
        )
        on_day = later.published.date().isoformat()
        assert dx.series("digital_economy_share_gdp", source="gso", freq="year", as_of=on_day).loc[2022] == later.value
    assert dx.series("digital_economy_share_gdp", source="gso", freq="year").loc[2022] == rows.iloc[-1].value


def test_as_of_leaves_out_what_was_published_later():
    before = dx.load_observations(as_of="2024-04-23")
    assert not (before.source == KONTUM).any()
    after = dx.load_observations(as_of="2024-05-01")
    assert (after.source == KONTUM).any()
    assert after.published.max() <= pd.Timestamp("2024-05-01")
    with pytest.raises(dx.DxError, match="not a date"):
        dx.load_observations(as_of="May 2024")


def test_latest_first_and_all_vintages(every_vintage):
    latest = dx.load_observations()
    first = dx.load_observations(vintage="first")
    key = ["indicator", "geo", "period", "series"]
    assert not latest.duplicated(key).any() and not first.duplicated(key).any()
    assert len(every_vintage) > len(latest) == len(first)
    merged = first.merge(latest, on=key, suffixes=("_first", "_latest")).dropna(
        subset=["published_first", "published_latest"]
    )
    assert (merged.published_first <= merged.published_latest).all()
    with pytest.raises(dx.DxError, match="vintage"):
        dx.load_observations(vintage="newest")


def test_frame_dtypes():
    obs = dx.load_observations()
    assert obs["value"].dtype == "float64"
    assert str(obs["published"].dtype).startswith("datetime64")
    assert str(obs["period_start"].dtype).startswith("datetime64")
    assert (obs.period_start <= obs.period_end).all()
    # a figure is published no earlier than the period it describes begins, unless it is a projection
    early = obs[obs.published < obs.period_start]
    assert early.status.eq("projection").all()


def test_unknown_indicator_lists_close_matches():
    with pytest.raises(dx.UnknownIndicatorError, match="fibre_households_using"):
        dx.series("fibre_household_using")
    with pytest.raises(dx.UnknownSeriesError, match="accepted: mic"):
        dx.series("fibre_households_using", source="gso")


def test_every_producer_of_the_data_is_named_in_the_vocabulary_in_both_languages():
    from dxanalysis.data import vocabularies

    used = set(dx.load_observations()["series"]) | (set(dx.load_targets()["series"]) - {""})
    assert used <= set(vocabularies.PRODUCERS)
    assert all(en and vi for en, vi in vocabularies.PRODUCERS.values())
    from dxanalysis.present import i18n

    assert {c: (i18n.series_name(c, "en"), i18n.series_name(c, "vi")) for c in vocabularies.PRODUCERS} == (
        vocabularies.PRODUCERS
    )
    assert vocabularies.producer_order(["owid", "user", "gso", "mic", "xyz", "wdi"]) == [
        "mic",
        "gso",
        "user",
        "owid",
        "wdi",
        "xyz",
    ]
    assert set(dx.load_observations()["status"]) <= set(vocabularies.FIGURE_STATUSES)
    assert vocabularies.STATUSES is vocabularies.FIGURE_STATUSES


def test_as_of_is_read_one_way_everywhere():
    from dxanalysis.data import parse_as_of

    assert parse_as_of("2024-05-01") == pd.Timestamp("2024-05-01")
    for bad in ("last May", "2024-13-01", ""):
        with pytest.raises(dx.DxError, match="is not a date; accepted: 'YYYY-MM-DD'"):
            parse_as_of(bad)
    with pytest.raises(dx.DxError, match="as_of='soon' is not a date"):
        dx.load_targets(as_of="soon")
