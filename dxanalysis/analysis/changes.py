"""What changed between two dates: new figures, revised figures and the target verdicts that changed.

The FRED/ALFRED habit applied to targets too: the data known on ``since`` against the data known on ``as_of``
(default: now), each judged on its own date — the figures from :func:`dxanalysis.data.figure_changes`, the verdicts
from two :func:`~dxanalysis.analysis.scorecard.scorecard` runs, one judged with ``as_of=since`` and one with
``as_of``.

>>> import dxanalysis as dx
>>> ch = dx.changes(since="2024-05-01", as_of="2025-03-01")
>>> row = ch.verdicts.set_index(["indicator", "series", "target_year"]).loc[("digital_economy_share_gdp", "mic", 2024)]
>>> row.old_status, row.new_status, row.new_latest_period
('on track', 'met', '2024')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.scorecard import scorecard
from dxanalysis.analysis.verdicts import judgement_date
from dxanalysis.data.periods import parse_as_of

__all__ = ["VERDICT_CHANGE_COLUMNS", "Changes", "changes"]

#: A verdict's row in :attr:`Changes.verdicts`: the (indicator, series, target year), then each side's target value,
#: status, latest figure and its period, projection and probability, and ``changed`` (the status or the target moved).
VERDICT_CHANGE_COLUMNS = [
    "indicator",
    "series",
    "target_year",
    "old_target",
    "new_target",
    "old_status",
    "new_status",
    "old_latest",
    "old_latest_period",
    "new_latest",
    "new_latest_period",
    "old_projected",
    "new_projected",
    "old_probability",
    "new_probability",
    "changed",
]
_SIDE = {
    "target": "target",
    "status": "status",
    "latest": "latest",
    "latest_period": "latest_period",
    "projected": "projected",
    "probability": "probability_met",
}


@dataclass
class Changes:
    """What changed between ``since`` and ``as_of`` (the date of the second view: ``as_of``, or the day it was made).

    ``new`` and ``revised`` are the figures (:func:`dxanalysis.data.figure_changes`): ``new`` those not public on
    ``since``, ``revised`` those whose latest release changed, with the old and the new value, status, date and
    source. ``verdicts`` has one row per (indicator, series, target year) judged on either date
    (:data:`VERDICT_CHANGE_COLUMNS`); :attr:`changed_verdicts` keeps those whose status or target moved.
    ``status_counts`` counts the verdicts by status on each date.

    >>> import pickle, dxanalysis as dx
    >>> ch = dx.changes("2024-05-01", as_of="2025-03-01")
    >>> pickle.loads(pickle.dumps(ch)).since
    datetime.date(2024, 5, 1)
    """

    since: dt.date
    as_of: dt.date
    new: pd.DataFrame = field(repr=False)
    revised: pd.DataFrame = field(repr=False)
    verdicts: pd.DataFrame = field(repr=False)
    status_counts: pd.DataFrame = field(repr=False)

    @property
    def changed_verdicts(self) -> pd.DataFrame:
        """The verdicts whose status or target changed between the two dates."""
        return self.verdicts[self.verdicts["changed"]].reset_index(drop=True)

    def summary(self, lang: str = "en") -> str:
        """One paragraph: how many figures are new and revised, and which verdicts changed, in English or Vietnamese."""
        from dxanalysis.present.changes import changes_summary  # words are the present room's

        return changes_summary(self, lang)


def changes(since: str | dt.date, as_of: str | dt.date | None = None, *, geo: str = "VN") -> Changes:
    """What changed between two dates: new figures, revised figures (old → new, both sources), changed verdicts.

    Parameters
    ----------
    since
        The earlier date: the figures, targets and verdicts as they stood then (``as_of=since``).
    as_of
        The later date (default: now, the latest data judged today).
    geo
        The place of the verdicts (the figures are of every place).

    Returns
    -------
    Changes
        With ``new``, ``revised``, ``verdicts`` (every target of either date, judged on each), ``status_counts`` and
        :meth:`Changes.summary`.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> ch = dx.changes(since="2024-05-01")
    >>> fibre = ch.verdicts.set_index(["indicator", "target_year"]).loc[("fibre_households_using", 2023)]
    >>> fibre.old_status, float(fibre.old_latest)
    ('missed', 80.2)
    """
    then_day = parse_as_of(since).date()
    now_day = parse_as_of(as_of).date() if as_of else None
    new, revised = data.figure_changes(then_day, now_day)
    old = scorecard(geo=geo, as_of=then_day)
    current = scorecard(geo=geo, as_of=now_day)
    verdicts = _compare(old, current)
    counts = pd.DataFrame({"old": old["status"].value_counts(), "new": current["status"].value_counts()})
    counts = counts.fillna(0).astype("int64").rename_axis("status").reset_index()
    return Changes(then_day, judgement_date(now_day), new, revised, verdicts, counts)


def _side(card: pd.DataFrame, prefix: str) -> pd.DataFrame:
    out = card.assign(series=card["series"].fillna(""))[["indicator", "series", "target_year", *_SIDE.values()]]
    return out.rename(columns={v: f"{prefix}_{k}" for k, v in _SIDE.items()})


def _compare(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    key = ["indicator", "series", "target_year"]
    both = _side(old, "old").merge(_side(new, "new"), on=key, how="outer")
    both = _matched_unseries(both, key)
    moved: Any = (both["old_status"] != both["new_status"]) | ~_same(both["old_target"], both["new_target"])
    both["changed"] = moved.astype(bool)
    both["target_year"] = both["target_year"].astype("int64")
    return both.reindex(columns=VERDICT_CHANGE_COLUMNS).sort_values(key, kind="stable").reset_index(drop=True)


def _matched_unseries(both: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """A target with no series on one date (no figures then) and one series on the other is one verdict: the row
    without a series takes the other side's."""
    lone_old = both[both["new_status"].isna() & (both["series"] == "")]
    lone_new = both[both["old_status"].isna() & (both["series"] == "")]
    rows = []
    for lone, missing in ((lone_old, "new"), (lone_new, "old")):
        for idx, r in lone.iterrows():
            partner = both[
                (both["indicator"] == r["indicator"])
                & (both["target_year"] == r["target_year"])
                & (both["series"] != "")
                & both[f"{'old' if missing == 'new' else 'new'}_status"].isna()
            ]
            if len(partner) == 1:
                cols = [c for c in both.columns if c.startswith(f"{'old' if missing == 'new' else 'new'}_")]
                both.loc[partner.index[0], cols] = r[cols].to_numpy()
                rows.append(idx)
    return both.drop(index=rows)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a == b) | (a.isna() & b.isna())
