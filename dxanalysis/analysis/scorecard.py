"""The scorecard: every national target of every indicator, judged on every series that measures it, on one date.

One row per (indicator, series, target year), each an :func:`~dxanalysis.analysis.assessment.assess_target` of its
own (the columns of :data:`~dxanalysis.analysis.assessment.ROW_FIELDS`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import ROW_FIELDS, assess_target
from dxanalysis.analysis.targets import most_demanding
from dxanalysis.analysis.verdicts import judgement_date, verdict

__all__ = ["scorecard"]


def scorecard(
    *,
    geo: str = "VN",
    as_of: str | dt.date | None = None,
    judged_on: str | dt.date | None = None,
    level: float = 0.8,
    calibrated: bool = True,
) -> pd.DataFrame:
    """One row per (indicator, series, target year): the latest figure, the target, the figure for the target period
    (``basis``, once it is over), the pace, the verdict and the date of judgement.

    Every target year of every indicator with a national target (past ones too), and every series of the indicator
    with figures (the targets belong to the indicator: the ministry's and the statistics office's digital economy
    are judged side by side), each with its default model (:func:`assess_target`). An indicator with targets but no
    figures has one row per target year with no series: *not published* for a year that is over, *insufficient
    data* for one ahead. Any other error propagates: nothing unexpected becomes "insufficient data".

    >>> import dxanalysis as dx
    >>> card = dx.scorecard(judged_on="2026-12-03")
    >>> set(card["status"]) <= set(dx.analysis.verdicts.TARGET_STATUSES)
    True
    >>> de = card[card.indicator == "digital_economy_share_gdp"].set_index(["series", "target_year"])
    >>> de.loc[("gso", 2025), "status"], float(de.loc[("gso", 2025), "basis"]), de.loc[("mic", 2025), "status"]
    ('missed', 14.02, 'missed')
    """
    as_of = as_of or None
    when = judgement_date(as_of, judged_on)
    targets = data.load_targets(as_of=as_of)
    targets = targets[targets["geo"] == geo]
    obs = data.load_observations(as_of=as_of)
    catalogue = data.indicators().set_index("id")
    rows: list[dict[str, Any]] = []
    for indicator in sorted(targets["indicator"].unique()):
        meta = catalogue.loc[indicator]
        base = {k: meta[k] for k in ("pillar", "name_en", "name_vi", "unit")} | {"indicator": indicator}
        mine = targets[targets["indicator"] == indicator]
        measures = sorted(set(obs.loc[(obs["indicator"] == indicator) & (obs["geo"] == geo), "series"]))
        for year in sorted(int(y) for y in mine["year"].unique()):
            if not measures:  # nothing published: the verdict without a figure or a projection
                shown = most_demanding(mine[mine["year"] == year])
                status, reason = verdict(shown, when, refusal="no published figures")
                rows.append(base | shown.to_row() | {"status": status, "reason": reason, "judged_on": when})
            for series in measures:
                a = assess_target(
                    indicator,
                    source=series,
                    geo=geo,
                    target_year=year,
                    as_of=as_of,
                    judged_on=when,
                    level=level,
                    calibrated=calibrated,
                )
                rows.append(base | a.to_row())
    columns = ["pillar", "indicator", "name_en", "name_vi", "unit", "series", "latest", "latest_period"]
    columns += ["target", "target_year", "comparator", "document", *ROW_FIELDS]
    out = pd.DataFrame(rows).reindex(columns=columns)
    out["year_reached"] = out["year_reached"].astype("Int64")
    out = out.sort_values(["pillar", "indicator", "series", "target_year"], na_position="first", kind="stable")
    return out.reset_index(drop=True)
