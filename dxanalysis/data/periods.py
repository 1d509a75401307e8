"""Periods and publication dates as the data files write them.

A *period* is the time a figure describes: ``2023`` (a year), ``2024-H1`` (a half-year), ``2024-Q2`` (a quarter),
``2024-04`` (a month, e.g. "as of April 2024") or ``2024-04-24`` (a day). A *publication date* is when the figure
became public; sources often print only a month or a year, so ``2023-06`` and ``2025`` are accepted too, and such a
date counts as known from the *last* day it can denote (the cautious reading for "what was known on date D").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from dxanalysis.errors import DxError

__all__ = [
    "PERIOD_FORMATS",
    "Period",
    "PublicationDate",
    "decimal_year",
    "parse_as_of",
    "parse_period",
    "parse_publication_date",
]

PERIOD_FORMATS = "YYYY (2023), YYYY-H1/H2, YYYY-Q1..Q4, YYYY-MM (2024-04) or YYYY-MM-DD (2024-04-24)"
DATE_FORMATS = "YYYY-MM-DD (2024-04-24), or YYYY-MM / YYYY when only that is printed"

Freq = Literal["year", "half", "quarter", "month", "day"]

_PERIOD_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$"
)
# Spreadsheets hand dates over as "2024-04-24 00:00:00"; a midnight time part is dropped.
_MIDNIGHT = re.compile(r"[ T]00:00(?::00(?:\.0+)?)?$")


@dataclass(frozen=True)
class Period:
    """A parsed period: its label as written, its first and last day, and its frequency.

    >>> parse_period("2024-H1")
    Period(label='2024-H1', start=datetime.date(2024, 1, 1), end=datetime.date(2024, 6, 30), freq='half')
    """

    label: str
    start: dt.date
    end: dt.date
    freq: Freq

    @property
    def midpoint(self) -> dt.date:
        return self.start + (self.end - self.start) / 2


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: object) -> Period:
    """Parse a period label; ``ValueError`` says what is accepted.

    >>> parse_period("2024-H1").end
    datetime.date(2024, 6, 30)
    >>> parse_period(2023).freq
    'year'
    """
    label = _clean(text)
    m = _PERIOD_RE.match(label)
    if not m:
        raise ValueError(f"{text!r} is not a period; accepted: {PERIOD_FORMATS}")
    year = int(m["year"])
    if not 1900 <= year <= 2100:
        raise ValueError(f"{text!r}: the year {year} is outside 1900-2100")
    if m["half"]:
        h = int(m["half"])
        return Period(label, dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), "half")
    if m["quarter"]:
        q = int(m["quarter"])
        return Period(label, dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter")
    if m["month"]:
        month = int(m["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: month {month} is not 01-12; accepted: {PERIOD_FORMATS}")
        if m["day"]:
            try:
                day = dt.date(year, month, int(m["day"]))
            except ValueError:
                raise ValueError(f"{text!r} is not a calendar date; accepted: {PERIOD_FORMATS}") from None
            return Period(label, day, day, "day")
        return Period(label, dt.date(year, month, 1), _month_end(year, month), "month")
    return Period(label, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


@dataclass(frozen=True)
class PublicationDate:
    """A publication date as printed (``label``), with the day from which it counts as known and its precision.

    >>> parse_publication_date("2025")
    PublicationDate(label='2025', known_by=datetime.date(2025, 12, 31), precision='year')
    """

    label: str
    known_by: dt.date
    precision: Literal["day", "month", "year"]


def parse_publication_date(text: object) -> PublicationDate:
    """Parse a publication date (day, month or year precision); ``ValueError`` says what is accepted.

    >>> parse_publication_date("2023-06").known_by
    datetime.date(2023, 6, 30)
    """
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return PublicationDate(text.isoformat(), text, "day")
    label = _MIDNIGHT.sub("", _clean(text))
    try:
        p = parse_period(label)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; accepted: {DATE_FORMATS}") from None
    if p.freq == "day" or p.freq == "month" or p.freq == "year":
        return PublicationDate(label, p.end, p.freq)
    raise ValueError(f"{text!r} is not a date; accepted: {DATE_FORMATS}")


def parse_as_of(value: str | dt.date) -> pd.Timestamp:
    """The day of an ``as_of=`` argument ("what was known on this date"), at midnight; a :class:`~dxanalysis.DxError`
    says what is accepted. The one reading of ``as_of`` for loading, assessing and planning reports alike.

    >>> parse_as_of("2024-05-01"), parse_as_of(dt.date(2024, 5, 1)) == parse_as_of("2024-05-01")
    (Timestamp('2024-05-01 00:00:00'), True)
    >>> parse_as_of("last May")
    Traceback (most recent call last):
    dxanalysis.errors.DxError: as_of='last May' is not a date; accepted: 'YYYY-MM-DD' such as '2024-05-01', or a date
    """
    refusal = DxError(f"as_of={value!r} is not a date; accepted: 'YYYY-MM-DD' such as '2024-05-01', or a date")
    if isinstance(value, str) and not _looks_like_date(value):
        raise refusal
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise refusal from None
    if pd.isna(stamp):
        raise refusal
    return stamp.normalize()


def _looks_like_date(text: str) -> bool:
    try:
        parse_publication_date(text.strip())
    except ValueError:
        return False
    return True


def decimal_year(day: dt.date) -> float:
    """The date as a fractional year: 1 January 2024 is 2024.0, 1 July 2024 about 2024.5.

    >>> decimal_year(dt.date(2024, 1, 1)), round(decimal_year(dt.date(2024, 7, 1)), 3)
    (2024.0, 2024.497)
    """
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _clean(text: object) -> str:
    if isinstance(text, bool) or text is None:
        return repr(text)
    if isinstance(text, dt.datetime) and text.time() == dt.time():
        text = text.date()  # a spreadsheet date cell
    if isinstance(text, dt.date) and not isinstance(text, dt.datetime):
        return text.isoformat()
    if isinstance(text, float) and text.is_integer():
        text = int(text)  # 2023.0 from a spreadsheet cell is the year 2023
    return str(text).strip()


Timing = Literal["end", "period"]


def period_time(period: object, timing: Timing = "period") -> float:
    """Where a figure sits on a time axis in fractional years: the figure's true date.

    ``timing="end"`` (a stock: coverage, subscriptions, cumulative counts) places it at the end of its period, so the
    annual figure for 2023 is the state on 31 December 2023 (2024.0) and "as of April 2024" is 2024.33;
    ``timing="period"`` (a flow: a share of GDP, a filing rate) places it at the middle of its period, so 2023 is
    2023.5 and "2024-H1" is 2024.25.

    >>> period_time("2023", "period"), period_time("2023", "end"), round(period_time("2024-04", "end"), 2)
    (2023.5, 2024.0, 2024.33)
    """
    p = parse_period(period)
    if timing == "end":
        return decimal_year(p.end + dt.timedelta(days=1))
    if timing == "period":
        if p.freq == "day":
            return decimal_year(p.start)
        return (decimal_year(p.start) + decimal_year(p.end + dt.timedelta(days=1))) / 2
    raise ValueError(f"timing must be 'end' or 'period', not {timing!r}")


def year_time(year: int, timing: Timing = "period") -> float:
    """The time of the annual figure of ``year``: its end (``"end"``) or its middle (``"period"``).

    >>> year_time(2023, "end"), year_time(2023)
    (2024.0, 2023.5)
    """
    return year + (1.0 if timing == "end" else 0.5)
