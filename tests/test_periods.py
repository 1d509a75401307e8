"""Periods and publication dates as the data files write them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxanalysis.data.periods import decimal_year, parse_period, parse_publication_date


@pytest.mark.parametrize(
    ("label", "start", "end", "freq"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year"),
        ("2024-H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30), "half"),
        ("2024-H2", dt.date(2024, 7, 1), dt.date(2024, 12, 31), "half"),
        ("2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "quarter"),
        ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), "quarter"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2024-04-24", dt.date(2024, 4, 24), dt.date(2024, 4, 24), "day"),
    ],
)
def test_period_labels(label, start, end, freq):
    p = parse_period(label)
    assert (p.label, p.start, p.end, p.freq) == (label, start, end, freq)


def test_spreadsheet_cells_read_as_periods():
    assert parse_period(2023).label == "2023"
    assert parse_period(2023.0).label == "2023"
    assert parse_period(dt.datetime(2024, 4, 24)).label == "2024-04-24"


@pytest.mark.parametrize(
    "bad",
    [
        "24",
        "2024-13",
        "2024-02-30",
        "2024-H3",
        "2024-Q5",
        "Q1 2024",
        "2024/04",
        "",
        "1850",
        None,
        True,
        2023.5,
    ],
)
def test_bad_periods_say_what_is_accepted(bad):
    with pytest.raises(ValueError) as info:
        parse_period(bad)
    assert "YYYY" in str(info.value) or "outside" in str(info.value)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_any_day_is_its_own_period(day):
    p = parse_period(day.isoformat())
    assert p.start == p.end == day


def test_publication_dates_count_from_the_last_day_they_can_denote():
    assert parse_publication_date("2024-04-24").known_by == dt.date(2024, 4, 24)
    month = parse_publication_date("2023-06")
    assert (month.known_by, month.precision) == (dt.date(2023, 6, 30), "month")
    year = parse_publication_date("2025")
    assert (year.known_by, year.precision) == (dt.date(2025, 12, 31), "year")
    assert parse_publication_date("2024-04-24 00:00:00").known_by == dt.date(2024, 4, 24)
    assert parse_publication_date(dt.datetime(2024, 4, 24)).precision == "day"


@pytest.mark.parametrize("bad", ["2024-H1", "2024-Q2", "24/04/2024", "yesterday", "2024-04-24 13:00"])
def test_bad_publication_dates(bad):
    with pytest.raises(ValueError, match="not a date"):
        parse_publication_date(bad)


def test_decimal_year():
    assert decimal_year(dt.date(2024, 1, 1)) == 2024.0
    assert decimal_year(dt.date(2024, 4, 16)) == pytest.approx(2024.29, abs=0.01)
