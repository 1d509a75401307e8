"""Rules of the data and analysis rooms that the figures still apply themselves, one function each.

Each belongs below presentation: the producers' order to :mod:`dxanalysis.data.schemas`, the target a panel shows to
:mod:`dxanalysis.analysis.assessment`, and the sources of the figures a fit or an assessment used to the results
objects themselves. They are kept here, each in one place, so that each figure module calls them by name and the
switch to the rooms' own versions touches this module and its few call sites only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import TargetAssessment
from dxanalysis.data.periods import Timing
from dxanalysis.present.figures._catalogue import finite, last_year

__all__ = [
    "PRODUCER_ORDER",
    "assessment_sources",
    "by_producer",
    "dashboard_target",
    "published_sources",
    "scorecard_sources",
    "target_documents",
]

#: The producers of the series, in the order the figures list and colour them.
PRODUCER_ORDER = ("mic", "gso", "itu", "un", "mps", "user")


def by_producer(series: Iterable[str]) -> list[str]:
    """The series in the producers' order (others after them, as given)."""
    return sorted(series, key=lambda s: (*PRODUCER_ORDER, s).index(s))


def dashboard_target(
    indicator: str, targets: pd.DataFrame, figures: pd.DataFrame, timing: Timing
) -> tuple[int, float] | None:
    """The target a dashboard panel shows: the first target year after the latest figure (of the target's series),
    else the last one; of several documents for that year, the most demanding."""
    rows = targets[targets["indicator"] == indicator]
    if rows.empty or figures.empty:
        return None
    series = next((s for s in rows["series"] if s), "")
    own = figures[figures["series"] == series] if series and (figures["series"] == series).any() else figures
    last = max(last_year(p, timing) for p in own["period"])
    later = rows[rows["year"] > last]
    year = int(later["year"].min()) if not later.empty else int(rows["year"].max())
    chosen = rows[rows["year"] == year]
    at_least = chosen.iloc[0]["comparator"] == "at_least"
    return year, float(chosen["value"].max() if at_least else chosen["value"].min())


def assessment_sources(a: TargetAssessment) -> list[str]:
    """The sources of the figures an assessment used (every release with the same period and value)."""
    if not a.indicator:
        return []
    obs = data.load_observations(vintage="all")
    rows = obs[(obs["indicator"] == a.indicator) & (obs["geo"] == a.geo)]
    if a.series:
        rows = rows[rows["series"] == a.series]
    used = set(zip(a.fit.labels, np.round(a.fit.values, 9), strict=True))
    keep = [(p, round(float(v), 9)) in used for p, v in zip(rows["period"], rows["value"], strict=True)]
    return [str(s) for s in rows.loc[keep, "source"]]


def scorecard_sources(card: pd.DataFrame) -> list[str]:
    """The sources of the latest figures a scorecard shows."""
    obs = data.load_observations()
    out: list[str] = []
    for _, row in card.iterrows():
        if not finite(row.get("latest")) or not isinstance(row.get("series"), str):
            continue
        hit = obs[
            (obs["indicator"] == row["indicator"])
            & (obs["series"] == row["series"])
            & (obs["period"] == row.get("latest_period"))
        ]
        out += [str(s) for s in hit["source"]]
    return out


def published_sources(indicator: str, year: int, value: float) -> list[str]:
    """The sources of every release of ``indicator`` that published ``value`` for ``year`` (none for a value of the
    user's own)."""
    obs = data.load_observations(vintage="all")
    hit = obs[(obs["indicator"] == indicator) & (obs["period"] == str(year)) & (np.isclose(obs["value"], float(value)))]
    return [str(s) for s in hit["source"]]


def target_documents(indicator: str, targets: Mapping[int, float]) -> list[str]:
    """The documents that set targets of ``indicator`` with the same year and value as one of ``targets``."""
    docs = data.load_targets()
    docs = docs[(docs["indicator"] == indicator) & docs["year"].isin(list(targets))]
    return [
        str(r["document"])
        for _, r in docs.iterrows()
        if np.isclose(float(targets.get(int(r["year"]), math.nan)), float(r["value"]))
    ]
