"""Vietnam beside its peers: where it ranks each year, how far it is from the leader and from the aggregates, and how
many years it is behind or ahead of each peer ("Vietnam's internet use in 2023 is Thailand's of 2019").

The figures are the package's: Vietnam's national series (``geo="VN"``) and the peers' figures of
``data/observations_peers.csv`` (the ASEAN members, the world and the lower-middle-income aggregates), of one series
(``itu``: ITU / World Bank), the latest release of each figure. Pure pandas: numbers in, frames and small records out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dxanalysis import data
from dxanalysis.errors import DxError

__all__ = [
    "AGGREGATE_GEOS",
    "ASEAN",
    "PEER_INDICATORS",
    "Equivalent",
    "equivalent_year",
    "gaps",
    "parse_indicators",
    "peer_panel",
    "ranks",
    "years_behind_table",
]

#: The members of ASEAN by the package's ``geo`` (Vietnam ``VN``; Timor-Leste the eleventh member since 26 October
#: 2025), in alphabetical order of their English names.
ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VN")
#: The aggregates Vietnam is held against (the World Bank's codes): the world, the lower-middle-income countries.
AGGREGATE_GEOS = ("WLD", "LMC")
#: The indicators the peers are compared on (the ITU / World Bank series).
PEER_INDICATORS = ("internet_users", "fixed_broadband_subscriptions", "mobile_cellular_subscriptions")


def peer_panel(
    indicator: str,
    *,
    series: str = "itu",
    places: Sequence[str] = (*ASEAN, *AGGREGATE_GEOS),
    as_of: str | dt.date | None = None,
) -> pd.DataFrame:
    """The annual figures of an indicator for Vietnam and its peers: one row per year, one column per place.

    The latest release of each figure (or what was known ``as_of`` a date); a place with no figure for a year has
    ``NaN`` there, and a place with no figure at all has no column. ``attrs["sources"]`` maps each place to the
    sources of its figures.

    Examples
    --------
    >>> panel = peer_panel("internet_users")
    >>> {"VN", "THA", "WLD"} <= set(panel.columns), panel.index.name
    (True, 'year')
    """
    if indicator not in set(data.indicators()["id"]):
        raise DxError(
            f"{indicator!r} is not an indicator of the catalogue; the peers are compared on "
            f"{', '.join(PEER_INDICATORS)}"
        )
    obs = data.load_observations(as_of=as_of or None)
    rows = obs[
        (obs["indicator"] == indicator)
        & (obs["series"] == series)
        & obs["geo"].isin(list(places))
        & obs["period"].str.fullmatch(r"\d{4}")
    ]
    panel = rows.assign(year=rows["period"].astype(int)).pivot(index="year", columns="geo", values="value")
    panel = panel.reindex(columns=[p for p in places if p in panel.columns]).sort_index()
    panel.columns.name = "geo"
    panel.attrs = {
        "indicator": indicator,
        "series": series,
        "sources": {g: sorted(set(part["source"])) for g, part in rows.groupby("geo")},
    }
    return panel


def ranks(panel: pd.DataFrame, countries: Sequence[str] = ASEAN, *, higher_is_better: bool = True) -> pd.DataFrame:
    """Each year's ranking of the countries with a figure that year (1 = the highest, for an indicator where higher
    is better); the aggregates are not ranked, nor a year with a single country's figure. Ties share the better
    rank.

    Returns one row per (year, geo): ``year, geo, value, rank, of`` (how many countries were ranked that year).

    >>> p = pd.DataFrame({"VN": [10.0, 30.0], "THA": [20.0, 25.0], "WLD": [50.0, 50.0]}, index=[2020, 2021])
    >>> ranks(p, ["VN", "THA"]).query("geo == 'VN'")[["year", "rank", "of"]].values.tolist()
    [[2020, 2, 2], [2021, 1, 2]]
    """
    cols = [c for c in countries if c in panel.columns]
    sub = panel[cols]
    rank = sub.rank(axis=1, ascending=not higher_is_better, method="min")
    values, ranked = sub.to_numpy(dtype=float), rank.to_numpy(dtype=float)
    of = sub.notna().sum(axis=1).to_numpy()
    records = [
        (int(year), geo, float(values[i, j]), int(ranked[i, j]), int(of[i]))
        for i, year in enumerate(sub.index)
        for j, geo in enumerate(cols)
        if not math.isnan(values[i, j]) and of[i] >= 2
    ]
    out = pd.DataFrame(records, columns=["year", "geo", "value", "rank", "of"])
    return out.sort_values(["year", "rank", "geo"], kind="stable").reset_index(drop=True)


def gaps(
    panel: pd.DataFrame,
    geo: str = "VN",
    countries: Sequence[str] = ASEAN,
    aggregates: Sequence[str] = AGGREGATE_GEOS,
) -> pd.DataFrame:
    """Each year's gap of ``geo`` to the leading country and to each aggregate (its value minus theirs: negative
    when it is behind), for the years ``geo`` has a figure (no leader in a year when no other country has one).

    Returns ``year, value, leader, leader_value, gap_leader`` and ``<aggregate>, gap_<aggregate>`` per aggregate.

    >>> p = pd.DataFrame({"VN": [10.0, 30.0], "THA": [20.0, 25.0], "WLD": [50.0, 40.0]}, index=[2020, 2021])
    >>> gaps(p, "VN", ["VN", "THA"], ["WLD"])[["year", "leader", "gap_leader", "gap_WLD"]].values.tolist()
    [[2020, 'THA', -10.0, -40.0], [2021, 'VN', 0.0, -10.0]]
    """
    if geo not in panel.columns:
        raise DxError(f"{geo!r} has no figures in the panel; it has {', '.join(map(str, panel.columns))}")
    own = panel[geo].dropna()
    cols = [c for c in countries if c in panel.columns]
    sub = panel.loc[own.index, cols]
    out = pd.DataFrame({"year": own.index.astype(int), "value": own.to_numpy()})
    several = (sub.notna().sum(axis=1) >= 2).to_numpy()  # a leader of one is no leader
    out["leader"] = [g if ok else None for g, ok in zip(sub.idxmax(axis=1), several, strict=True)]  # NaN in the frame
    out["leader_value"] = sub.max(axis=1).where(several).to_numpy()
    out["gap_leader"] = out["value"] - out["leader_value"]
    for agg in aggregates:
        level = panel[agg].reindex(own.index).to_numpy() if agg in panel.columns else math.nan
        out[agg] = level
        out[f"gap_{agg}"] = out["value"] - out[agg]
    return out


@dataclass(frozen=True)
class Equivalent:
    """When a peer stood where ``geo`` stands in ``year``: the first year the peer's figure reached ``value``.

    ``years`` is how many years ``geo`` is behind the peer (positive) or ahead of it (negative). ``censored`` says
    the figures bound the gap without fixing it: ``"before"`` when the peer was already there in its first year of
    figures (``geo`` behind by at least ``years``), ``"after"`` when it had not got there by its latest figure, year
    ``peer_last``, itself ``year`` or later (``reached`` is then ``None`` and ``years`` is ``year - peer_last - 1``:
    ``geo`` ahead by at least that many), ``"stale"`` when the peer's figures stop before ``year``, below that level:
    the figures say nothing of the gap (``reached`` and ``years`` are ``None``).
    """

    geo: str
    peer: str
    year: int
    value: float
    reached: int | None
    years: int | None
    censored: str | None
    peer_last: int


def equivalent_year(
    panel: pd.DataFrame, peer: str, year: int, geo: str = "VN", *, higher_is_better: bool = True
) -> Equivalent:
    """When ``peer`` first reached the level ``geo`` had in ``year`` ("Vietnam's internet use in 2023 is Thailand's
    of 2019": Vietnam four years behind).

    The first year the peer's figure was at or beyond ``geo``'s (for an indicator where higher is better); a peer
    that had not reached it by its latest figure leaves ``geo`` ahead by more than the years between.

    >>> p = pd.DataFrame({"VN": [None, None, 30.0], "THA": [20.0, 31.0, 40.0]}, index=[2019, 2020, 2021])
    >>> e = equivalent_year(p, "THA", 2021)
    >>> e.reached, e.years, e.censored
    (2020, 1, None)
    """
    for place in (geo, peer):
        if place not in panel.columns:
            raise DxError(f"{place!r} has no figures in the panel; it has {', '.join(map(str, panel.columns))}")
    value = panel[geo].get(year)
    if value is None or pd.isna(value):
        raise DxError(f"{geo} has no figure for {year}; it has {', '.join(map(str, panel[geo].dropna().index))}")
    other = panel[peer].dropna()
    if other.empty:
        raise DxError(f"{peer!r} has no figures in the panel")
    at = other >= value if higher_is_better else other <= value
    last = int(other.index.max())
    if not at.any():
        if last < year:  # its figures stop below geo's level before geo's year: no gap can be read off them
            return Equivalent(geo, peer, year, float(value), None, None, "stale", last)
        return Equivalent(geo, peer, year, float(value), None, year - last - 1, "after", last)
    reached = int(other.index[at.to_numpy()].min())
    censored = "before" if reached == int(other.index.min()) else None
    return Equivalent(geo, peer, year, float(value), reached, year - reached, censored, last)


def years_behind_table(panel: pd.DataFrame, year: int | None = None, geo: str = "VN") -> pd.DataFrame:
    """For every other place of the panel, when it stood where ``geo`` stands in ``year`` (``geo``'s latest year by
    default): ``peer, value, reached, years, censored, peer_last`` (:class:`Equivalent`), the places furthest
    ahead of ``geo`` first.

    >>> p = pd.DataFrame({"VN": [None, 25.0], "THA": [26.0, 40.0], "LAO": [5.0, 10.0]}, index=[2020, 2021])
    >>> years_behind_table(p)[["peer", "reached", "years"]].values.tolist()
    [['THA', 2020, 1], ['LAO', None, -1]]
    >>> p.loc[2021, "LAO"] = None  # Laos' figures stop in 2020, below Vietnam's 2021 level: no gap, listed last
    >>> t = years_behind_table(p)
    >>> t["peer"].tolist(), t["censored"].tolist()[1], bool(t["years"].isna().tolist()[1])
    (['THA', 'LAO'], 'stale', True)
    """
    if geo not in panel.columns or panel[geo].dropna().empty:
        raise DxError(f"{geo!r} has no figures in the panel")
    year = int(panel[geo].dropna().index.max()) if year is None else year
    rows = [equivalent_year(panel, p, year, geo) for p in panel.columns if p != geo and panel[p].notna().any()]
    out = pd.DataFrame(
        {
            "peer": [e.peer for e in rows],
            "value": [e.value for e in rows],
            "reached": pd.Series([e.reached for e in rows], dtype="object"),
            "years": pd.Series([e.years for e in rows], dtype="Int64"),
            "censored": pd.Series([e.censored for e in rows], dtype="object"),
            "peer_last": [e.peer_last for e in rows],
        }
    )
    out.attrs = {"geo": geo, "year": year}
    return out.sort_values("years", ascending=False, kind="stable", na_position="last").reset_index(drop=True)


def parse_indicators(text: str) -> list[str]:
    """The peers page's ``indicators`` parameter: comma-separated catalogue ids, empty for all of
    :data:`PEER_INDICATORS`; an id outside them is refused, naming those accepted.

    >>> parse_indicators(""), parse_indicators(" internet_users ")
    (['internet_users', 'fixed_broadband_subscriptions', 'mobile_cellular_subscriptions'], ['internet_users'])
    """
    chosen = [t.strip() for t in text.split(",") if t.strip()] or list(PEER_INDICATORS)
    bad = [c for c in chosen if c not in PEER_INDICATORS]
    if bad:
        raise DxError(
            f"indicators={text!r}: {', '.join(bad)} not compared with the peers; accepted: "
            f"{', '.join(PEER_INDICATORS)}, comma-separated, or empty for all"
        )
    return chosen
