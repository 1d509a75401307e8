"""What the figures say about one province: its DTI rank over the years and among its neighbours, its other figures
against the national series and the national targets, its own targets, and the provincial ranking of the overview.

A province is a code of either map (:func:`dxanalysis.provinces`): one of the 63 before 1 July 2025 or one of the 34
after. Its *neighbours* are the provinces merged with it in 2025 (for a province of the 63, the others its merged
province was formed from; for one of the 34, the provinces it was formed from); for a province the merger left
unchanged, the provinces ranked just above and below it in the latest full DTI ranking (the package has no sourced
table of regions). Pure pandas: numbers in, frames and small records out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import TargetAssessment, assess_target
from dxanalysis.analysis.targets import national_target
from dxanalysis.errors import DxError

__all__ = [
    "DTI_INDICATORS",
    "Neighbours",
    "assess_province_targets",
    "dti_panel",
    "full_ranking_year",
    "merger_partners",
    "neighbours",
    "province_code",
    "province_figures",
    "provinces_with_figures",
    "provincial_ranking",
]

#: The indicators of the provincial Digital Transformation Index.
DTI_INDICATORS = ("dti_rank", "dti_rank_merged", "dti_score", "dti_provincial_mean")
#: A year's ranking counts as full when it ranks at least this many of the 63 provinces.
FULL_RANKING = 60


def province_code(geo: str) -> str:
    """The code of a province written by code or name, of either map; anything else is refused.

    >>> province_code("Da Nang"), province_code("VN-DNM")
    ('VN-DN', 'VN-DNM')
    """
    code = data.province(geo)
    if code not in set(data.provinces()["code"]):
        raise DxError(f"geo={geo!r} is not a province; accepted: a province's code or name (see dx.provinces())")
    return code


def _row(code: str) -> pd.Series:
    table = data.provinces()
    # a code on both maps (a province the merger left unchanged) is read on the old map, which has the successor
    return table[table["code"] == code].iloc[0]


def merger_partners(geo: str) -> list[str]:
    """The provinces merged with ``geo`` in 2025: for one of the 63, the others of its merged province; for one of
    the 34, the provinces it was formed from. Empty for a province the merger left unchanged.

    >>> merger_partners("VN-DN"), merger_partners("VN-DNM")
    (['VN-27'], ['VN-27', 'VN-DN'])
    >>> merger_partners("VN-13")
    []
    """
    code = province_code(geo)
    table = data.provinces()
    new = table[(table["map"] == "34") & (table["code"] == code)]
    if not new.empty and code not in set(table.loc[table["map"] == "63", "code"]):
        return [m for m in str(new["members"].iloc[0]).split(";") if m]
    successor = str(_row(code)["successor"])
    members = table.loc[(table["map"] == "34") & (table["code"] == successor), "members"]
    partners = [m for m in str(members.iloc[0]).split(";") if m and m != code] if len(members) else []
    return partners


def dti_panel(geos: Sequence[str], *, as_of: str | dt.date | None = None) -> pd.DataFrame:
    """The DTI figures of some provinces, one row per (province, year): ``geo``, ``year``, ``rank`` (among the 63),
    ``rank_merged`` (among the 34, from 2024), ``score``; NaN where not published.

    >>> p = dti_panel(["VN-DN"])
    >>> p.loc[p["year"] == 2022, ["rank", "score"]].values.tolist()
    [[1.0, 0.8002]]
    """
    obs = data.load_observations(as_of=as_of or None)
    rows = obs[obs["indicator"].isin(["dti_rank", "dti_rank_merged", "dti_score"]) & obs["geo"].isin(list(geos))]
    rows = rows[rows["period"].str.fullmatch(r"\d{4}")]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _PANEL_TYPES.items()})
    wide = rows.assign(year=rows["period"].astype(int)).pivot_table(
        index=["geo", "year"], columns="indicator", values="value", aggfunc="last"
    )
    wide = wide.rename(columns={"dti_rank": "rank", "dti_rank_merged": "rank_merged", "dti_score": "score"})
    out = wide.reset_index().reindex(columns=list(_PANEL_TYPES))
    order = {g: n for n, g in enumerate(geos)}
    return out.sort_values(["year", "geo"], key=lambda c: c.map(order) if c.name == "geo" else c).reset_index(drop=True)


_PANEL_TYPES = {"geo": "object", "year": "int64", "rank": "float64", "rank_merged": "float64", "score": "float64"}


def national_dti(*, as_of: str | dt.date | None = None) -> pd.DataFrame:
    """The national DTI and the provincial mean by year: ``year``, ``national``, ``provincial_mean``.

    >>> national_dti().set_index("year").loc[2024].tolist()
    [0.7955, 0.6961]
    """
    obs = data.load_observations(as_of=as_of or None)
    rows = obs[(obs["geo"] == "VN") & obs["indicator"].isin(["dti_score", "dti_provincial_mean"])]
    rows = rows[rows["period"].str.fullmatch(r"\d{4}")]
    wide = rows.assign(year=rows["period"].astype(int)).pivot_table(
        index="year", columns="indicator", values="value", aggfunc="last"
    )
    wide = wide.rename(columns={"dti_score": "national", "dti_provincial_mean": "provincial_mean"})
    return wide.reindex(columns=["national", "provincial_mean"]).reset_index()


def full_ranking_year(*, as_of: str | dt.date | None = None) -> int | None:
    """The latest year whose DTI ranking of the 63 provinces is (nearly) complete, or ``None``.

    >>> full_ranking_year()
    2022
    """
    obs = data.load_observations(as_of=as_of or None)
    ranks = obs[(obs["indicator"] == "dti_rank") & obs["period"].str.fullmatch(r"\d{4}")]
    counts = ranks.groupby("period")["geo"].nunique()
    full = counts[counts >= FULL_RANKING]
    return int(full.index.max()) if len(full) else None


@dataclass(frozen=True)
class Neighbours:
    """The provinces a province is shown among: ``codes`` (the province first), and ``kind``: ``"merged"`` (the
    provinces merged with it in 2025) or ``"ranking"`` (those ranked next to it in ``year``'s full ranking).

    >>> Neighbours(("VN-DN", "VN-27"), "merged", None).others
    ('VN-27',)
    """

    codes: tuple[str, ...]
    kind: str
    year: int | None

    @property
    def others(self) -> tuple[str, ...]:
        """The neighbours without the province itself."""
        return self.codes[1:]


def neighbours(geo: str, *, width: int = 2, as_of: str | dt.date | None = None) -> Neighbours:
    """The provinces ``geo`` is shown among: those merged with it in 2025, else the ``width`` ranked just above and
    just below it in the latest full DTI ranking.

    >>> neighbours("VN-DN").codes, neighbours("VN-DN").kind
    (('VN-DN', 'VN-27'), 'merged')
    >>> n = neighbours("VN-13")
    >>> n.kind, n.year, n.codes[0], len(n.codes)
    ('ranking', 2022, 'VN-13', 5)
    """
    code = province_code(geo)
    partners = merger_partners(code)
    if partners:
        return Neighbours((code, *partners), "merged", None)
    year = full_ranking_year(as_of=as_of)
    if year is None:
        return Neighbours((code,), "ranking", None)
    obs = data.load_observations(as_of=as_of or None)
    ranks = obs[(obs["indicator"] == "dti_rank") & (obs["period"] == str(year))].set_index("geo")["value"]
    if code not in ranks.index:
        return Neighbours((code,), "ranking", year)
    mine = float(ranks[code])
    near = ranks[(ranks - mine).abs().between(0.5, width + 0.5)].sort_values()
    return Neighbours((code, *[str(g) for g in near.index]), "ranking", year)


def province_figures(geo: str, *, as_of: str | dt.date | None = None) -> pd.DataFrame:
    """The province's latest figure of each series beyond the DTI, against the national series and target.

    One row per (indicator, series): ``indicator``, ``series``, ``period``, ``value``, ``national_value`` (Vietnam's
    figure for the same period and series, NaN when none), ``national_latest_period`` and
    ``national_latest_value``, ``target_year``, ``target_value``, ``comparator`` (the national target next after the
    province's figure, or the last one) and ``meets`` (whether the province's figure already meets it; ``None``
    without a target). Empty when the province has no figures beyond the DTI.

    >>> province_figures("VN-DN").empty
    True
    """
    code = province_code(geo)
    obs = data.load_observations(as_of=as_of or None)
    mine = obs[(obs["geo"] == code) & ~obs["indicator"].isin(DTI_INDICATORS)]
    national = obs[obs["geo"] == "VN"]
    out = []
    for (ind, series), rows in mine.groupby(["indicator", "series"], sort=True):
        last = rows.sort_values(["period_end", "published"]).iloc[-1]
        same = national[(national["indicator"] == ind) & (national["series"] == series)]
        at = same[same["period"] == last["period"]]
        any_series = national[national["indicator"] == ind].sort_values(["period_end", "published"])
        try:
            target = national_target(str(ind), "VN", None, None, None, as_of or None)
        except DxError:
            target = None
        out.append(
            {
                "indicator": ind,
                "series": series,
                "period": last["period"],
                "value": float(last["value"]),
                "national_value": float(at["value"].iloc[-1]) if len(at) else float("nan"),
                "national_latest_period": any_series["period"].iloc[-1] if len(any_series) else "",
                "national_latest_value": float(any_series["value"].iloc[-1]) if len(any_series) else float("nan"),
                "target_year": target.year if target else None,
                "target_value": target.value if target else float("nan"),
                "comparator": target.comparator if target else "",
                "meets": target.met_by(float(last["value"])) if target else None,
            }
        )
    columns = ["indicator", "series", "period", "value", "national_value", "national_latest_period"]
    columns += ["national_latest_value", "target_year", "target_value", "comparator", "meets"]
    return pd.DataFrame(out, columns=columns)


def provinces_with_figures(*, beyond_dti: bool = True, as_of: str | dt.date | None = None) -> list[str]:
    """The provinces a report has pages for, in the catalogue's order (the 63, then the new codes of the 34).

    ``beyond_dti=True`` (the default plan): those with a figure of an indicator other than the DTI's.
    ``beyond_dti=False`` (``--geo all``): every province with a figure of its own, and every province of the 34
    whose members have figures (its page shows them).

    >>> provinces_with_figures()
    []
    >>> every = provinces_with_figures(beyond_dti=False)
    >>> len(every), every[0], "VN-DNM" in every
    (86, 'VN-01', True)
    """
    obs = data.load_observations(as_of=as_of or None)
    local = obs[obs["geo"].str.startswith("VN-")]
    if beyond_dti:
        local = local[~local["indicator"].isin(DTI_INDICATORS)]
    have = set(local["geo"])
    table = data.provinces()
    out: list[str] = []
    for code, kind, members in zip(table["code"], table["map"], table["members"], strict=True):
        if code in out:
            continue
        with_members = not beyond_dti and kind == "34" and any(m in have for m in str(members).split(";"))
        if code in have or with_members:
            out.append(str(code))
    return out


def provincial_ranking(*, as_of: str | dt.date | None = None) -> pd.DataFrame:
    """The provinces' DTI ranks, one row per province of the 63 with a rank, one column per year (``rank_<year>``),
    the latest score and its year, and the rank among the 34 of the merged province it became; ordered by the
    latest full ranking (then by the latest rank).

    >>> r = provincial_ranking()
    >>> r.iloc[0]["geo"], int(r.iloc[0]["rank_2022"]), len(r)
    ('VN-DN', 1, 63)
    """
    obs = data.load_observations(as_of=as_of or None)
    rows = obs[obs["indicator"].isin(["dti_rank", "dti_score"]) & obs["period"].str.fullmatch(r"\d{4}")]
    rows = rows[rows["geo"].str.startswith("VN-")]
    if rows.empty:
        return pd.DataFrame(columns=["geo", "successor", "score", "score_year", "rank_merged"])
    ranks = rows[rows["indicator"] == "dti_rank"].pivot_table(index="geo", columns="period", values="value")
    ranks.columns = [f"rank_{c}" for c in ranks.columns]
    scores = rows[rows["indicator"] == "dti_score"].sort_values("period").groupby("geo").last()
    table = data.provinces()
    old = table[table["map"] == "63"].set_index("code")
    out = ranks.reset_index()
    out = out[out["geo"].isin(old.index)]
    out.insert(1, "successor", [str(old.at[g, "successor"]) for g in out["geo"]])
    out["score"] = out["geo"].map(scores["value"]) if len(scores) else float("nan")
    out["score_year"] = out["geo"].map(scores["period"]) if len(scores) else ""
    merged_rows = obs[(obs["indicator"] == "dti_rank_merged") & obs["period"].str.fullmatch(r"\d{4}")]
    merged: pd.Series = merged_rows.sort_values("period").groupby("geo")["value"].last()
    out["rank_merged"] = out["successor"].map(merged.to_dict())
    year = full_ranking_year(as_of=as_of)
    rank_cols = sorted(c for c in out.columns if c.startswith("rank_2"))
    keys = ([f"rank_{year}"] if year else []) + rank_cols[::-1]
    return out.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)


def assess_province_targets(
    geo: str,
    targets: pd.DataFrame,
    *,
    level: float = 0.8,
    as_of: str | dt.date | None = None,
) -> list[TargetAssessment]:
    """The province's figures judged against its own targets (rows of
    :func:`~dxanalysis.data.user_targets.read_target_file`), one assessment per target with figures, in
    (indicator, year) order; a target whose series has no figure for the province is left out.

    >>> t = pd.DataFrame({"indicator": ["dti_rank"], "geo": ["VN-DN"], "series": [""], "year": [2023],
    ...                   "value": [1.0], "comparator": ["at_most"]})
    >>> [a.status for a in assess_province_targets("VN-DN", t, as_of="2026-12-03")]
    ['met']
    """
    code = province_code(geo)
    mine = targets[targets["geo"] == code].sort_values(["indicator", "year"], kind="stable")
    out = []
    for row in mine.to_dict("records"):
        try:
            s = data.series(str(row["indicator"]), str(row["series"]) or None, geo=code, as_of=as_of or None)
        except DxError:
            continue
        if s.dropna().empty:
            continue
        out.append(
            assess_target(
                s,
                geo=code,
                target=float(row["value"]),
                target_year=int(row["year"]),
                comparator=str(row["comparator"]),
                level=level,
                as_of=as_of or None,
            )
        )
    return out
