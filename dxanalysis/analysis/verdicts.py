"""The verdict on a target, decided in one place: the date of judgement, the figure for the target period, and the
rule that turns them (and a projection's probability) into a status (:func:`verdict`).

A target is a value to reach *by the end of a year*. Once that year is over, the question is what happened: the
figure for the target period is the evidence, and later figures can only say that it was met late. While the year is
ahead, the question is where the trend leads: the projection's probability, in three bands so that a coin flip is
never "on track". The date on which the package speaks is :func:`judgement_date`: the ``as_of`` date of the data, or
a date of its own (``judged_on=``), or today (:func:`today`, the one place the clock is read).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from dxanalysis.analysis.models import CAVEATS, FIT_STATUSES
from dxanalysis.analysis.targets import Target
from dxanalysis.analysis.trendfit import TrendFit
from dxanalysis.data.observations import catalogue_entry
from dxanalysis.data.periods import Period, parse_as_of, parse_period, year_time

__all__ = [
    "AHEAD_STATUSES",
    "DISCONTINUED",
    "OFF_TRACK_AT_MOST",
    "ON_TRACK_AT_LEAST",
    "PAST_STATUSES",
    "TARGET_STATUSES",
    "Basis",
    "Refusal",
    "basis_figure",
    "discontinued_measure",
    "first_met_after",
    "judgement_date",
    "no_probability",
    "no_projection",
    "period_over",
    "today",
    "verdict",
]

#: The verdicts on a target whose period is over: judged by the figure for the target period.
PAST_STATUSES = ("met", "met late", "missed", "not published")
#: The verdicts on a target whose period is ahead: judged by the projection (or, without one, insufficient data).
AHEAD_STATUSES = ("on track", "uncertain", "off track", "insufficient data")
#: The verdict on a target whose measure is no longer published (the catalogue's ``discontinued``), past or ahead:
#: no figure for the target period exists or will exist, which is not a lack of data to be waited for.
DISCONTINUED = "measure discontinued"
#: Every verdict of an assessment, in the order tables and counts list them (a fit's own are ``FIT_STATUSES``).
TARGET_STATUSES = (*PAST_STATUSES, *AHEAD_STATUSES, DISCONTINUED)
#: A projection meets the target with at least this probability: on track.
ON_TRACK_AT_LEAST = 2 / 3
#: A projection meets the target with at most this probability: off track (between the two: uncertain).
OFF_TRACK_AT_MOST = 1 / 3
#: The kinds of figure a past target is judged by.
BASIS_KINDS = ("annual", "as far as published")


def today() -> dt.date:
    """Today's date: the one place the package reads the clock (the default date of judgement).

    >>> isinstance(today(), dt.date)
    True
    """
    return dt.date.today()


def judgement_date(as_of: str | dt.date | None = None, judged_on: str | dt.date | None = None) -> dt.date:
    """The date on which an assessment speaks: ``judged_on`` if given, else the ``as_of`` date of the data, else
    :func:`today`. An empty string (a notebook's empty parameter) is not given.

    >>> judgement_date("2024-05-01"), judgement_date("2024-05-01", judged_on="2026-12-03")
    (datetime.date(2024, 5, 1), datetime.date(2026, 12, 3))
    >>> judgement_date() == today()
    True
    """
    if judged_on is not None and judged_on != "":
        return parse_as_of(judged_on).date()
    if as_of is not None and as_of != "":
        return parse_as_of(as_of).date()
    return today()


def period_over(year: int, judged_on: dt.date) -> bool:
    """Whether the target period (the year ``year``) is over on ``judged_on``: the date is after 31 December.

    >>> period_over(2025, dt.date(2025, 12, 31)), period_over(2025, dt.date(2026, 1, 1))
    (False, True)
    """
    return judged_on > dt.date(int(year), 12, 31)


@dataclass(frozen=True)
class Basis:
    """The figure a past target is judged by: the annual figure for the target year (``kind="annual"``) or, where
    there is none, the latest figure of a period ending in the year's last quarter (a year-to-date or December
    figure: ``kind="as far as published"``).

    >>> b = Basis(43.2, "2022-11", "as far as published", "mic")
    >>> b.describe()
    '43.2 (2022-11, as far as published)'
    """

    value: float
    period: str
    kind: str
    series: str | None = None

    def describe(self) -> str:
        """The figure and its period, with the basis where it is not the annual figure."""
        what = self.period if self.kind == "annual" else f"{self.period}, {self.kind}"
        return f"{self.value:g} ({what})"


def _figures(s: pd.Series) -> Iterator[tuple[Period, float]]:
    """The series' figures with their parsed periods (a fractional-year index has none and is skipped)."""
    for key, value in s.dropna().items():
        if isinstance(key, pd.Timestamp | np.datetime64):
            key = pd.Timestamp(key).date().isoformat()
        elif isinstance(key, float | np.floating):
            if not float(key).is_integer():
                continue
            key = int(key)
        try:
            yield parse_period(key), float(value)
        except ValueError:
            continue


def basis_figure(s: pd.Series, year: int) -> Basis | None:
    """The figure for the target period ``year`` in a series: the annual figure, else the latest figure of a period
    that starts in the year and ends in its last quarter (of two ending on the same day, the longer); ``None``
    when the series has neither.

    >>> basis_figure(pd.Series([29.8, 43.2], index=["2021", "2022-11"]), 2022)
    Basis(value=43.2, period='2022-11', kind='as far as published', series=None)
    >>> basis_figure(pd.Series([79.4, 80.2], index=["2023", "2024-04"]), 2023).kind
    'annual'
    >>> basis_figure(pd.Series([75.36], index=["2023-03"]), 2022) is None
    True
    """
    series = s.attrs.get("series")
    annual = [(p, v) for p, v in _figures(s) if p.freq == "year" and p.start.year == year]
    if annual:
        return Basis(annual[-1][1], annual[-1][0].label, "annual", series)
    late = [(p, v) for p, v in _figures(s) if p.start.year == year and p.end.year == year and p.end.month >= 10]
    if not late:
        return None
    period, value = max(late, key=lambda pv: (pv[0].end, -pv[0].start.toordinal()))
    return Basis(value, period.label, "as far as published", series)


def first_met_after(s: pd.Series, target: Target, year: int) -> tuple[str, float] | None:
    """The first figure (by the end of its period) of a period ending after the target year that meets the target:
    its period and value; ``None`` when no later figure meets it.

    >>> s = pd.Series([79.4, 80.2, 82.4, 85.1], index=["2023", "2024-04", "2024", "2025-H1"])
    >>> first_met_after(s, Target(85.0, 2023), 2023)
    ('2025-H1', 85.1)
    """
    year_end = dt.date(int(year), 12, 31)
    later = sorted(((p, v) for p, v in _figures(s) if p.end > year_end), key=lambda pv: pv[0].end)
    return next(((p.label, v) for p, v in later if target.met_by(v)), None)


def verdict(
    target: Target,
    judged_on: dt.date,
    *,
    basis: Basis | None = None,
    met_later: tuple[str, float] | None = None,
    probability: float = math.nan,
    refusal: str | None = None,
    discontinued: str | None = None,
) -> tuple[str, str]:
    """The status of a target on the date of judgement, and its reason in words.

    Parameters
    ----------
    target
        The target (its value, year and comparator).
    judged_on
        The date of judgement (:func:`judgement_date`).
    basis
        The figure for the target period (:func:`basis_figure`), ``None`` when none is published.
    met_later
        The first figure of a later period that meets the target (:func:`first_met_after`), as ``(period, value)``.
    probability
        The projection's probability of meeting the target by the end of the target year.
    refusal
        Why no honest projection exists (too short a history, an uninformative interval, a horizon beyond the
        tested one, a model that cannot be fitted); ``None`` when there is one.
    discontinued
        Since when the measure is no longer published (:func:`discontinued_measure`: a period label such as
        ``"2023"``); ``None`` when it is still published.

    Returns
    -------
    tuple of str
        The status (one of :data:`TARGET_STATUSES`) and the reason.

    Notes
    -----
    **The target period is over** (the date of judgement is after 31 December of the target year): the target is
    judged by the figure for the target period (``basis``), never by a later one.

    1. **not published** — no figure for the target period;
    2. **met** — the figure for the target period meets the target;
    3. **met late** — it falls short, and a figure of a later period meets the target;
    4. **missed** — it falls short, and no later figure meets the target.

    So a later figure can turn *missed* into *met late*, never into *met*: only a figure for the target period
    itself (or its revision) changes met into missed or back.

    **The measure is discontinued** (since a date on or before the date of judgement) and there is no figure for the
    target period: **measure discontinued**, past or ahead — no figure will come, and a trend of a measure no longer
    published is no projection of anything.

    **The target period is ahead** (the date of judgement is on or before 31 December of the target year):

    5. **insufficient data** — no honest projection exists (``refusal`` says why);
    6. **on track** — the probability of meeting the target is at least :data:`ON_TRACK_AT_LEAST` (2/3);
    7. **off track** — it is at most :data:`OFF_TRACK_AT_MOST` (1/3);
    8. **uncertain** — in between: a coin flip is neither on nor off track.

    Examples
    --------
    >>> t = Target(85.0, 2023)
    >>> verdict(t, dt.date(2026, 12, 3), basis=Basis(79.4, "2023", "annual"), met_later=("2025-H1", 85.1))
    ('met late', 'the figure for 2023, 79.4 (2023), falls short; first met in 2025-H1 (85.1)')
    >>> verdict(t, dt.date(2023, 6, 1), probability=0.5)[0]
    'uncertain'
    >>> verdict(Target(80.0, 2025), dt.date(2026, 12, 3), discontinued="2023")
    ('measure discontinued', 'the measure is no longer published (discontinued in 2023): no figure for 2025 will come')
    """
    year = target.year
    if discontinued and basis is None and parse_period(discontinued).start <= judged_on:
        return DISCONTINUED, (
            f"the measure is no longer published (discontinued in {discontinued}): no figure for {year} will come"
        )
    if period_over(year, judged_on):
        if basis is None:
            return "not published", f"no figure for {year} is published as of {judged_on.isoformat()}"
        said = f"the figure for {year}, {basis.describe()}"
        if target.met_by(basis.value):
            return "met", f"{said}, meets the target"
        if met_later is not None:
            return "met late", f"{said}, falls short; first met in {met_later[0]} ({met_later[1]:g})"
        return "missed", f"{said}, falls short and no later figure meets the target"
    if refusal is not None:
        return "insufficient data", refusal
    if not math.isfinite(probability):
        return "insufficient data", "the projection gives no probability of meeting the target"
    chance = f"probability {probability:.0%}"
    if probability >= ON_TRACK_AT_LEAST:
        return "on track", f"the trend meets the target by {year} ({chance})"
    if probability <= OFF_TRACK_AT_MOST:
        return "off track", f"the trend falls short by {year} ({chance})"
    return "uncertain", f"the trend may or may not meet the target by {year} ({chance})"


def discontinued_measure(indicator: str | None) -> str | None:
    """Since when the catalogue says the indicator's measure is no longer published (its ``discontinued`` field),
    ``None`` for a measure still published, an indicator the catalogue does not know, or none.

    >>> discontinued_measure("online_services_level4"), discontinued_measure("internet_users")
    ('2023', None)
    """
    if not indicator:
        return None
    row = catalogue_entry(indicator)
    return None if row is None else str(row["discontinued"]) or None


# ----------------------------------------------------------------------------------------------------------------------
# When no honest projection exists: the trend fits' guardrails (FIT_STATUSES.too_short, TrendFit.caveat)


class Refusal(NamedTuple):
    """Why no honest projection (or no probability) exists: a ``code`` (the trend fit's status or caveat:
    :data:`~dxanalysis.analysis.models.CAVEATS`) and the ``message`` in words.

    >>> Refusal("too_short", "too short a history for a trend").code
    'too_short'
    """

    code: str
    message: str


def no_projection(fit: TrendFit) -> Refusal | None:
    """Why the fit gives no projection at all (``None``: it gives one): too short a history for a trend
    (``FIT_STATUSES.too_short``: under three independent figures or two years), or a model that could not be fitted.

    >>> import dxanalysis as dx
    >>> no_projection(dx.fit_trend(dx.series("mobile_5g_population_coverage"))).code
    'too_short'
    >>> no_projection(dx.fit_trend(dx.series("digital_economy_share_gdp", "mic"))) is None
    True
    """
    if fit.status == FIT_STATUSES.ok:
        return None
    code = fit.status if fit.status in CAVEATS else CAVEATS.insufficient_data
    return Refusal(code, fit.message)


def no_probability(fit: TrendFit, year: int, *, level: float = 0.8, calibrated: bool = True) -> Refusal | None:
    """Why the projection for ``year`` carries no probability (``None``: it may carry one), by the fit's own
    guardrail (:meth:`~dxanalysis.TrendFit.caveat`): a horizon beyond the one the calibration tested, an interval
    that covers nearly the whole admissible range, no interval, or no calibrated interval.

    >>> import dxanalysis as dx
    >>> fit = dx.fit_trend(dx.series("digital_economy_share_gdp", "mic", as_of="2024-05-01"))
    >>> no_probability(fit, 2025) is None
    True
    >>> no_probability(fit, 2045).code
    'beyond_tested_horizon'
    """
    code = fit.caveat(year, level=level, calibrated=calibrated)
    if code is None:
        return None
    horizon = year_time(int(year), fit.timing) - fit.last_time  # type: ignore[arg-type]
    messages = {
        CAVEATS.beyond_tested_horizon: f"beyond the tested horizon: {year} is {horizon:.0f} years after the latest "
        f"figure, the calibration measured up to {fit.tested_horizon:g}",
        CAVEATS.uninformative: "an uninformative interval: it covers nearly the whole admissible range",
        CAVEATS.uncalibrated: f"no calibrated interval for the {fit.model} model",
        CAVEATS.no_interval: "the fit gives no interval",
    }
    return Refusal(code, messages.get(code, fit.message))
