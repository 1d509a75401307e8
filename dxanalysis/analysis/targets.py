"""National targets, and the one rule for which of them to assess, show on a dashboard or name in a headline.

A :class:`Target` is a value to reach by a year (at least, or at most), set by a document. Several documents may set
a target for the same indicator and year; the targets file keeps them all. :func:`next_target` picks the one that
matters now: the first target year after the latest figure, else the last one; of several documents, the most
demanding. The assessment (:func:`dxanalysis.assess_target`), the dashboard and the index headline all use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, overload

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.timeseries import figure_year, series_times
from dxanalysis.analysis.trendfit import TrendFit
from dxanalysis.errors import DxError, UnknownIndicatorError

__all__ = ["COMPARATORS", "Target", "most_demanding", "national_target", "next_target"]

#: How a target is met: the figure at least (a share to reach) or at most (a rank to get under) the target value.
COMPARATORS = ("at_least", "at_most")


@dataclass(frozen=True)
class Target:
    """A target: a value to reach by a year, set by a document (``None`` for a target of your own).

    >>> t = Target(20.5, 2025, document="Quyết định 1437/QĐ-TTg")
    >>> t.met_by(21.0), t.to_row()["target_year"]
    (True, 2025)
    """

    value: float
    year: int
    comparator: str = "at_least"
    document: str | None = None
    adopted: Any = None  # a Timestamp: the figures known then are the baseline of the fixed path
    series: str = ""  # the series the target is set on ("": any)

    def __post_init__(self) -> None:
        if self.comparator not in COMPARATORS:
            raise DxError(f"comparator={self.comparator!r}; accepted: 'at_least' or 'at_most'")

    @classmethod
    def from_row(cls, row: pd.Series | dict[str, Any]) -> Target:
        """A target from a row of :func:`dxanalysis.load_targets`."""
        adopted = row.get("adopted")
        return cls(
            value=float(row["value"]),
            year=int(row["year"]),
            comparator=str(row["comparator"]),
            document=row.get("document"),
            adopted=None if adopted is None or pd.isna(adopted) else adopted,
            series=str(row.get("series") or ""),
        )

    def met_by(self, value: float) -> bool:
        """Whether a figure meets the target."""
        return value >= self.value if self.comparator == "at_least" else value <= self.value

    def to_row(self) -> dict[str, Any]:
        """The target's columns of a scorecard row: ``target, target_year, comparator, document``."""
        return {
            "target": self.value,
            "target_year": self.year,
            "comparator": self.comparator,
            "document": self.document,
        }


class _HasTargetYear(Protocol):
    """An assessment, as far as the rule needs it (:class:`~dxanalysis.TargetAssessment`)."""

    @property
    def target_year(self) -> int: ...
    @property
    def fit(self) -> TrendFit: ...


Assessed = TypeVar("Assessed", bound=_HasTargetYear)


@overload
def next_target(targets: pd.DataFrame, latest_year: float | None) -> Target | None: ...
@overload
def next_target(targets: Sequence[Assessed], latest_year: float | None = None) -> Assessed | None: ...
def next_target(
    targets: pd.DataFrame | Sequence[Assessed], latest_year: float | None = None
) -> Target | Assessed | None:
    """The target to assess, show or name: the first target year after the latest figure's year, else the last one;
    of several documents setting a target for that year, the most demanding (of equals, the last adopted).

    Parameters
    ----------
    targets
        Rows of :func:`dxanalysis.load_targets` for one indicator (and geo, and series where it matters), or
        assessments of one series against several target years (:func:`assess_targets`).
    latest_year
        The year of the latest figure (:meth:`TrendFit.last_figure_year`); ``None``: no figures, the last target.
        For assessments it defaults to that of their fit.

    Returns
    -------
    Target or TargetAssessment or None
        The chosen target (of rows) or assessment (of assessments); ``None`` when there is none.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> targets = dx.load_targets()
    >>> t = next_target(targets[targets.indicator == "digital_economy_share_gdp"], 2024)
    >>> t.year, t.value, t.document
    (2025, 20.5, 'Quyết định 1437/QĐ-TTg')
    >>> next_target(targets[targets.indicator == "digital_economy_share_gdp"], 2050).year
    2045
    """
    if isinstance(targets, pd.DataFrame):
        if targets.empty:
            return None
        year = _next_year([int(y) for y in targets["year"].unique()], latest_year)
        return most_demanding(targets[targets["year"] == year])
    if not targets:
        return None
    if latest_year is None:
        latest_year = targets[0].fit.last_figure_year() if targets[0].fit.n else 0
    year = _next_year([a.target_year for a in targets], latest_year)
    return next(a for a in targets if a.target_year == year)


def _next_year(years: Sequence[int], latest_year: float | None) -> int:
    years = sorted(years)
    later = [y for y in years if latest_year is not None and y > latest_year]
    return later[0] if later else years[-1]


def most_demanding(rows: pd.DataFrame) -> Target:
    """Of several documents' targets for one year, the most demanding; of equals, the last adopted.

    >>> rows = pd.DataFrame({"year": 2030, "value": [50.0, 30.0], "comparator": "at_most", "adopted": pd.NaT})
    >>> most_demanding(rows).value
    30.0
    """
    demanding = rows["value"].max() if rows.iloc[0]["comparator"] == "at_least" else rows["value"].min()
    return Target.from_row(rows[rows["value"] == demanding].sort_values("adopted").iloc[-1])


def national_target(
    indicator: str,
    geo: str = "VN",
    source: str | None = None,
    target_year: int | None = None,
    document: str | None = None,
    as_of: str | dt.date | None = None,
) -> Target:
    """The national target :func:`~dxanalysis.assess_target` assesses: of the indicator's targets for ``geo``, those
    of ``document`` if given, for ``target_year`` if given, else by :func:`next_target` from the year of the latest
    figure of ``source`` (default: the series the targets name); raises :class:`~dxanalysis.DxError` naming what
    exists when there is none.

    Targets belong to the indicator, measures to the series: a target set on the ministry's estimate is the target
    of the statistics office's series too (``series`` only says which series it defaults to).

    >>> national_target("digital_economy_share_gdp", target_year=2030).value
    30.0
    >>> national_target("digital_economy_share_gdp", source="gso", target_year=2025).value
    20.5
    """
    targets = data.load_targets(as_of=as_of)
    rows = targets[(targets["indicator"] == indicator) & (targets["geo"] == geo)]
    if rows.empty:
        known = set(data.indicators()["id"])
        if indicator not in known:
            raise UnknownIndicatorError(indicator, sorted(known))
        raise DxError(
            f"{indicator} has no national target for geo {geo!r}"
            + (f" known on {as_of}" if as_of else "")
            + "; give one with target=… and target_year=…"
        )
    if document is not None:
        rows = rows[rows["document"].str.contains(document, regex=False)]
        if rows.empty:
            raise DxError(f"no target of {indicator} set by a document matching {document!r}")
    if target_year is None:
        default = source or next((str(s) for s in rows["series"] if s), None)
        chosen = next_target(rows, _latest_year(indicator, geo, default, as_of))
        assert chosen is not None
        return chosen
    at_year = rows[rows["year"] == target_year]
    if at_year.empty:
        raise DxError(f"{indicator} has no target for {target_year}; accepted: {sorted(rows['year'].unique())}")
    return most_demanding(at_year)


def _latest_year(indicator: str, geo: str, source: str | None, as_of: str | dt.date | None) -> int | None:
    """The year of the series' latest figure (``None``: the series cannot be loaded)."""
    try:
        s = data.series(indicator, source, geo=geo, as_of=as_of)
    except DxError:
        return None
    return figure_year(float(series_times(s)[0].max()), s.attrs.get("timing") or "period")
