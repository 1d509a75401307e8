"""What the figures take from the rooms below: the producers' order (:func:`dxanalysis.data.producer_order`), the
target a panel shows (:func:`dxanalysis.analysis.targets.next_target`), and the look-ups of the sources a figure
cites where no results object carries them (a scorecard's latest figures, a scenario's published history).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.targets import next_target
from dxanalysis.data.periods import Timing
from dxanalysis.data.vocabularies import producer_order
from dxanalysis.present.figures._catalogue import finite, last_year

__all__ = [
    "by_producer",
    "dashboard_target",
    "published_sources",
    "scorecard_sources",
    "target_documents",
]


def by_producer(series: Iterable[str]) -> list[str]:
    """The series in the producers' order (:data:`dxanalysis.data.vocabularies.PRODUCERS`)."""
    return producer_order(series)


def dashboard_target(
    indicator: str, targets: pd.DataFrame, figures: pd.DataFrame, timing: Timing
) -> tuple[int, float] | None:
    """The target a dashboard panel shows, by the one target rule (:func:`next_target`), from the year of the latest
    figure of the target's own series (any series where it names none)."""
    rows = targets[targets["indicator"] == indicator]
    if rows.empty or figures.empty:
        return None
    series = next((s for s in rows["series"] if s), "")
    own = figures[figures["series"] == series] if series and (figures["series"] == series).any() else figures
    target = next_target(rows, max(last_year(p, timing) for p in own["period"]))
    return None if target is None else (target.year, target.value)


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
