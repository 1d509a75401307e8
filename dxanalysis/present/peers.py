"""The peers page's tables and sentences, in English or Vietnamese: Vietnam's rank among the ASEAN members year by
year, its gaps to the leader and to the aggregates, and the years it is behind or ahead of each peer.

The numbers are :mod:`dxanalysis.analysis.peers`'s; this module only words and lays them out.
"""

from __future__ import annotations

import pandas as pd

from dxanalysis.analysis.peers import AGGREGATE_GEOS, ASEAN, Equivalent, equivalent_year, gaps, ranks
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_number, label

__all__ = [
    "equivalent_sentence",
    "peers_headline",
    "place_name",
    "rank_sentence",
    "ranking_table",
    "years_behind_frame",
]


def place_name(geo: str, lang: str = "en", *, capital: bool = False) -> str:
    """A place of the peers page by name (an aggregate marked as one).

    >>> place_name("LMC", "en", capital=True), place_name("THA", "vi")
    ('Lower-middle-income countries (aggregate)', 'Thái Lan')
    """
    name = i18n.geo_name(geo, check_lang(lang))
    if geo in AGGREGATE_GEOS:
        name = label("peers_aggregate", lang, name=name)
    return name[0].upper() + name[1:] if capital else name


def _value(x: float | None, lang: str) -> str:
    return fmt_number(x, lang, 1)


def ranking_table(panel: pd.DataFrame, lang: str = "en", geo: str = "VN") -> pd.DataFrame:
    """Year by year: ``geo``'s figure, its rank among the ASEAN members with a figure, the leader and the gaps to it
    and to each aggregate (``geo``'s value minus theirs).

    >>> p = pd.DataFrame({"VN": [10.0, 30.0], "THA": [20.0, 25.0], "WLD": [50.0, 40.0]}, index=[2020, 2021])
    >>> ranking_table(p, "en").iloc[0].tolist()
    [2020, '10.0', '2 of 2', 'Thailand (20.0)', '-10.0', '-40.0']
    """
    lang = check_lang(lang)
    g = gaps(panel, geo, ASEAN, [a for a in AGGREGATE_GEOS if a in panel.columns])
    r = ranks(panel, ASEAN)
    mine = r[r["geo"] == geo]
    placed = {int(y): (int(k), int(n)) for y, k, n in zip(mine["year"], mine["rank"], mine["of"], strict=True)}
    out = pd.DataFrame(
        {
            label("year", lang): pd.Series([int(y) for y in g["year"]], dtype="object"),
            label("peers_col_vietnam", lang): [_value(v, lang) for v in g["value"]],
        }
    )
    out[label("peers_col_rank", lang)] = [
        label("peers_rank_of", lang, rank=placed[int(y)][0], of=placed[int(y)][1]) if int(y) in placed else "—"
        for y in g["year"]
    ]
    out[label("peers_col_leader", lang)] = [
        f"{place_name(str(leader), lang, capital=True)} ({_value(v, lang)})" if isinstance(leader, str) else "—"
        for leader, v in zip(g["leader"], g["leader_value"], strict=True)
    ]
    out[label("peers_col_gap_leader", lang)] = [_value(v, lang) for v in g["gap_leader"]]
    for agg in AGGREGATE_GEOS:
        if agg in panel.columns:
            out[label("peers_col_gap_to", lang, name=place_name(agg, lang))] = [
                _value(v, lang) for v in g[f"gap_{agg}"]
            ]
    return out


def _years(n: int, lang: str) -> str:
    return label("peers_one_year" if abs(n) == 1 else "peers_years", lang, n=abs(n))


def _gap_words(years: int, geo: str, lang: str) -> str:
    if years == 0:
        return label("peers_gap_level", lang)
    key = "peers_gap_behind" if years > 0 else "peers_gap_ahead"
    return label(key, lang, geo=place_name(geo, lang), years=_years(years, lang))


def equivalent_sentence(e: Equivalent, indicator: str, lang: str = "en") -> str:
    """What :func:`~dxanalysis.analysis.peers.equivalent_year` found, as a sentence.

    >>> from dxanalysis.analysis.peers import Equivalent
    >>> equivalent_sentence(Equivalent("VN", "THA", 2023, 78.08, 2021, 2, None, 2024), "internet_users")
    "Vietnam's Individuals using the Internet in 2023 (78.1) is Thailand's of 2021: Vietnam 2 years behind."
    """
    lang = check_lang(lang)
    fields = {
        "geo": place_name(e.geo, lang),
        "peer": place_name(e.peer, lang, capital=True),
        "year": e.year,
        "value": _value(e.value, lang),
        "name": i18n.indicator_name(indicator, lang),
        "last": e.peer_last,
    }
    if e.censored == "stale":
        return label("peers_stale", lang, **fields)
    assert e.years is not None  # only a stale peer's figures say nothing of the gap
    if e.censored == "after":
        return label("peers_not_yet", lang, **fields, years=_years(e.years, lang))
    if e.censored == "before":
        return label("peers_before", lang, **fields, reached=e.reached, years=_years(e.years, lang))
    fields["peer"] = place_name(e.peer, lang)
    text = label("peers_same_year", lang, **fields, reached=e.reached, gap=_gap_words(e.years, e.geo, lang))
    return text[0].upper() + text[1:]


def years_behind_frame(panel: pd.DataFrame, lang: str = "en", year: int | None = None, geo: str = "VN") -> pd.DataFrame:
    """Every peer: its latest figure, the year it reached ``geo``'s level of ``year`` (``geo``'s latest by default)
    and how many years ``geo`` is behind (+) or ahead (−); a bound is written ``≥``/``≤``, a peer whose figures stop
    before ``year`` below that level ``—``.

    >>> p = pd.DataFrame({"VN": [None, 25.0], "THA": [26.0, 40.0], "LAO": [5.0, 10.0]}, index=[2020, 2021])
    >>> years_behind_frame(p, "en").iloc[:, 2:].values.tolist()
    [['2020', '≥ 1'], ['—', '≤ -1']]
    """
    lang = check_lang(lang)
    own = panel[geo].dropna()
    year = int(own.index.max()) if year is None else year
    rows = []
    for peer in panel.columns:
        other = panel[peer].dropna()
        if peer == geo or other.empty:
            continue
        e = equivalent_year(panel, peer, year, geo)
        if e.censored == "stale" or e.years is None:
            years = "—"
        elif e.censored == "after":
            years = f"≤ {e.years}"
        else:
            years = f"≥ {e.years}" if e.censored == "before" else str(e.years)
        rows.append(
            (
                place_name(peer, lang, capital=True),
                f"{_value(float(other.iloc[-1]), lang)} ({int(other.index[-1])})",
                "—" if e.reached is None else str(e.reached),
                years,
                e.years if e.years is not None else float("-inf"),
            )
        )
    rows.sort(key=lambda r: -r[4])
    return pd.DataFrame(
        [r[:4] for r in rows],
        columns=[
            label("peers_col_peer", lang),
            label("peers_col_peer_value", lang),
            label("peers_col_reached", lang, year=year),
            label("peers_col_years", lang),
        ],
    )


def rank_sentence(panel: pd.DataFrame, indicator: str, lang: str = "en", geo: str = "VN") -> str:
    """``geo``'s rank among the ASEAN members in the latest year it can be ranked.

    >>> p = pd.DataFrame({"VN": [10.0, 30.0], "THA": [20.0, 35.0]}, index=[2020, 2021])
    >>> rank_sentence(p, "internet_users")[:60]
    'In 2021 Vietnam ranked 2 of the 2 ASEAN members with a figur'
    """
    lang = check_lang(lang)
    name = i18n.indicator_name(indicator, lang)
    r = ranks(panel, ASEAN)
    mine = r[r["geo"] == geo]
    if mine.empty:
        return label("peers_no_rank", lang, geo=place_name(geo, lang), name=name)
    last = mine.iloc[-1]
    year = int(last["year"])
    top = r[(r["year"] == year)].iloc[0]
    return label(
        "peers_rank_sentence",
        lang,
        year=year,
        geo=place_name(geo, lang),
        rank=int(last["rank"]),
        of=int(last["of"]),
        name=name,
        value=_value(float(last["value"]), lang),
        leader=place_name(str(top["geo"]), lang, capital=True),
        leader_value=_value(float(top["value"]), lang),
    )


def peers_headline(panels: dict[str, pd.DataFrame], lang: str = "en", geo: str = "VN") -> str:
    """The page's headline: ``geo``'s latest rank on each indicator, and when the ASEAN leader of that year stood
    where ``geo`` stands now.

    >>> p = pd.DataFrame({"VN": [5.0, 10.0, 30.0], "THA": [20.0, 31.0, 35.0]}, index=[2019, 2020, 2021])
    >>> peers_headline({"internet_users": p}).split(". ")[1]
    "Vietnam's Individuals using the Internet in 2021 (30.0) is Thailand's of 2020: Vietnam 1 year behind."
    """
    lang = check_lang(lang)
    parts = []
    for indicator, panel in panels.items():
        if geo not in panel.columns or panel[geo].dropna().empty:
            continue
        parts.append(rank_sentence(panel, indicator, lang, geo))
        r = ranks(panel, ASEAN)
        mine = r[r["geo"] == geo]
        if not mine.empty:
            top = r[r["year"] == int(mine.iloc[-1]["year"])].iloc[0]
            if top["geo"] != geo:
                year = int(panel[geo].dropna().index.max())
                parts.append(equivalent_sentence(equivalent_year(panel, str(top["geo"]), year, geo), indicator, lang))
    return " ".join(parts) or label("no_figures", lang)
