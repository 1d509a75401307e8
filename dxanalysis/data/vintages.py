"""Vintages: every release of a figure, and what the figures were on one date against another.

A *release* of a figure is one publication of it by its producer: a row of the observations with a publication date.
Only releases of the same producer's same series count as revisions of one another (the key
``indicator, geo, series, period``: the ministry's estimate is never a revision of the statistics office's), and only
dated ones: a figure whose page prints no date cannot be put before or after another, so it is nobody's revision.
A publisher's data release is the source of its figures (``sources.yml``), so two copies of one release are one
release, and two releases are two.

:func:`releases` lists every release of each figure published more than once; :func:`figure_changes` compares the
figures known on two dates (the FRED/ALFRED habit): figures that are new, and figures revised, with both sources.

>>> from dxanalysis.data.vintages import figure_changes
>>> new, revised = figure_changes("2024-05-01", "2025-03-01")
>>> row = revised[(revised.indicator == "digital_economy_share_gdp") & (revised.series == "gso")
...               & (revised.period == "2022")].iloc[0]
>>> float(row.old_value), float(row.new_value)
(12.67, 12.83)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dxanalysis.data.observations import SERIES_KEY, load_observations
from dxanalysis.data.periods import parse_as_of
from dxanalysis.errors import DxError

__all__ = ["CHANGE_COLUMNS", "RELEASE_COLUMNS", "figure_changes", "releases"]

#: The columns of :func:`releases`: the figure, the release's number among its ``releases``, its value, the change
#: from the previous release (NaN for the first), its status, date and source.
RELEASE_COLUMNS = [
    *SERIES_KEY,
    "release",
    "releases",
    "value",
    "previous",
    "revision",
    "status",
    "published",
    "source",
]
#: The columns of :func:`figure_changes`' frames: the figure, then (for a revision) its value, status, date and source
#: on the first date and on the second, and the change; a new figure has only the ``new_`` side.
CHANGE_COLUMNS = [
    *SERIES_KEY,
    "old_value",
    "new_value",
    "change",
    "old_status",
    "new_status",
    "old_published",
    "new_published",
    "old_source",
    "new_source",
]


def releases(as_of: str | dt.date | None = None, *, revised_only: bool = False) -> pd.DataFrame:
    """Every release of every figure published more than once, in the order of publication (one row each).

    Parameters
    ----------
    as_of
        Only the releases public on this date (``""`` or ``None``: all).
    revised_only
        Keep only the figures whose value changed between two releases (not those only republished).

    Returns
    -------
    pandas.DataFrame
        :data:`RELEASE_COLUMNS`. ``attrs["undated"]`` holds the rows left out because they have no publication date
        (they cannot be ordered among the releases).

    Examples
    --------
    >>> r = releases()
    >>> gso = r[(r.indicator == "digital_economy_share_gdp") & (r.series == "gso") & (r.period == "2022")]
    >>> gso["value"].tolist(), gso["release"].tolist()
    ([12.67, 12.63, 12.83], [1, 2, 3])
    """
    obs = load_observations(as_of=as_of or None, vintage="all")
    undated = obs[obs["published"].isna()]
    dated = obs[obs["published"].notna()].sort_values([*SERIES_KEY, "published"], kind="stable")
    groups = dated.groupby(SERIES_KEY, sort=False)
    out = dated.assign(
        release=groups.cumcount() + 1,
        releases=groups["value"].transform("size"),
        previous=groups["value"].shift(1),
    )
    out = out[out["releases"] >= 2]
    out = out.assign(revision=out["value"] - out["previous"])
    if revised_only:
        moved = out.groupby(SERIES_KEY)["revision"].transform(lambda r: bool((r.abs() > 1e-9).any()))
        out = out[moved.astype(bool)]
    result = out.reindex(columns=RELEASE_COLUMNS).reset_index(drop=True)
    result["release"] = result["release"].astype("int64")
    result["releases"] = result["releases"].astype("int64")
    result.attrs = {"undated": undated.reset_index(drop=True)}
    return result


def figure_changes(since: str | dt.date, as_of: str | dt.date | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the figures known on ``as_of`` (default: now) say that those known on ``since`` did not.

    Returns ``(new, revised)``, both :data:`CHANGE_COLUMNS`: ``new`` the figures (indicator, geo, series, period) that
    were not public at all on ``since``; ``revised`` those public then whose latest release changed since, in value
    or in status (an estimate become an actual figure), with the old and the new value, status, date and source.
    A figure with no publication date is in neither: ``new.attrs["undated"]`` lists those of ``as_of``'s view that
    ``since``'s did not hold (their pages print no date, so they cannot be placed before or after ``since``).

    >>> new, revised = figure_changes("2024-05-01")
    >>> bool(((new.indicator == "egdi_rank") & (new.period == "2024")).any())
    True
    """
    then_day = parse_as_of(since)
    now_day = parse_as_of(as_of) if as_of else None
    if now_day is not None and now_day < then_day:
        raise DxError(f"as_of ({now_day}) is before since ({then_day}); accepted: a later date, or none for now")
    then = load_observations(as_of=then_day)
    now = load_observations(as_of=now_day) if now_day is not None else load_observations()
    keep = [*SERIES_KEY, "value", "status", "published", "source"]
    both = now[keep].merge(then[keep], on=SERIES_KEY, how="left", suffixes=("_new", "_old"), indicator=True)
    renamed = {f"{c}_{side}": f"{side}_{c}" for c in keep[4:] for side in ("new", "old")}
    both = both.rename(columns=renamed)
    both["change"] = both["new_value"] - both["old_value"]
    new = both[(both["_merge"] == "left_only") & both["new_published"].notna()]
    seen = both[both["_merge"] == "both"]
    moved = ((seen["change"].abs() > 1e-9) | (seen["new_status"] != seen["old_status"])) & (
        seen["new_published"] != seen["old_published"]
    )
    out = _tidy(new), _tidy(seen[moved])
    undated = both[(both["_merge"] == "left_only") & both["new_published"].isna()]
    out[0].attrs = {"undated": _tidy(undated)}  # no date: not known to be new since ``since``, nor to be old
    return out


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reindex(columns=CHANGE_COLUMNS).sort_values(SERIES_KEY, kind="stable").reset_index(drop=True)
    return out
