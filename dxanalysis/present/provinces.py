"""The province page's tables and sentences, and the overview's provincial ranking, in English or Vietnamese.

The numbers are :mod:`dxanalysis.analysis.provinces`'s; this module only words and lays them out.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis import provinces as prov
from dxanalysis.analysis.assessment import TargetAssessment
from dxanalysis.present import i18n, provenance
from dxanalysis.present.i18n import check_lang, fmt_number, label
from dxanalysis.present.sentences import summary_sentence
from dxanalysis.present.verdict_tables import assessment_table

__all__ = [
    "dti_sentence",
    "dti_table",
    "figures_against_national",
    "neighbours_sentence",
    "neighbours_table",
    "no_figures_sentence",
    "province_figures_sources",
    "province_headline",
    "province_name",
    "province_targets_table",
    "ranking_sentence",
    "ranking_table",
    "targets_summary",
    "who_sentence",
]


def province_name(geo: str, lang: str = "en") -> str:
    """A province by its name; one of the 34 formed on 1 July 2025 that shares its name with an older one says so.

    >>> province_name("VN-DN"), province_name("VN-DNM", "vi"), province_name("VN-13")
    ('Đà Nẵng', 'Đà Nẵng (từ 1/7/2025)', 'Quảng Ninh')
    """
    return _province_name(geo, check_lang(lang), str(data.data_dir()))


@functools.lru_cache(maxsize=1024)
def _province_name(geo: str, lang: str, folder: str) -> str:  # the catalogue of ``folder`` (the data's folder)
    table = data.provinces()
    row = table[table["code"] == geo]
    if row.empty:
        return i18n.geo_name(geo, lang)
    name = str(row["name"].iloc[0])
    new_only = set(row["map"]) == {"34"}
    old_names = set(table.loc[table["map"] == "63", "name"])
    return label("prov_new", lang, name=name) if new_only and name in old_names else name


def _names(codes: Sequence[str], lang: str) -> str:
    names = [province_name(c, lang) for c in codes]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + label("and_join", lang) + names[-1]


def who_sentence(geo: str, lang: str = "en") -> str:
    """Which map the province is on and what the merger of 1 July 2025 made of it.

    >>> who_sentence("VN-DN").split("; ")[1]
    'since that day it is part of Đà Nẵng (since 1 July 2025) (VN-DNM), with Quảng Nam.'
    """
    lang = check_lang(lang)
    code = prov.province_code(geo)
    table = data.provinces()
    rows = table[table["code"] == code]
    name = province_name(code, lang)
    if set(rows["map"]) == {"34"}:
        return label("prov_who_new", lang, name=name, code=code, members=_names(prov.merger_partners(code), lang))
    successor = str(rows["successor"].iloc[0])
    if successor == code:
        return label("prov_who_unchanged", lang, name=name, code=code)
    partners = _names(prov.merger_partners(code), lang)
    successor_name = province_name(successor, lang)
    return label(
        "prov_who_merged", lang, name=name, code=code, successor=successor_name, successor_code=successor,
        partners=partners,
    )  # fmt: skip


def _rank(x: float) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else str(int(x))


def dti_table(geo: str, *, as_of: str | dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """Year by year: the province's DTI rank among the 63, among the 34 (from 2024), its score, the national DTI and
    the provincial mean ("—" where not published).

    >>> dti_table("VN-DN").iloc[2].tolist()
    [2022, '1', '—', '0.8002', '—', '—']
    """
    lang = check_lang(lang)
    panel = prov.dti_panel([prov.province_code(geo)], as_of=as_of)
    national = prov.national_dti(as_of=as_of).set_index("year")
    years = sorted(set(panel["year"].astype(int)) | set(national.index.astype(int)))
    mine = panel.set_index("year")

    def get(frame: pd.DataFrame, year: int, column: str) -> float:
        if year not in frame.index or column not in frame.columns:
            return float("nan")
        return float(frame[column].get(year, float("nan")))

    def score(x: float) -> str:
        return "—" if math.isnan(x) else fmt_number(x, lang, 4)

    return pd.DataFrame(
        {
            label("year", lang): pd.Series(years, dtype="object"),
            label("prov_col_rank", lang): [_rank(get(mine, y, "rank")) for y in years],
            label("prov_col_rank_merged", lang): [_rank(get(mine, y, "rank_merged")) for y in years],
            label("prov_col_score", lang): [score(get(mine, y, "score")) for y in years],
            label("prov_col_national", lang): [score(get(national, y, "national")) for y in years],
            label("prov_col_mean", lang): [score(get(national, y, "provincial_mean")) for y in years],
        }
    )


def dti_sentence(geo: str, *, as_of: str | dt.date | None = None, lang: str = "en") -> str:
    """The province's DTI ranks in words, and its merged province's rank among the 34.

    >>> dti_sentence("VN-27")
    "Quảng Nam's DTI rank among the 63 provinces: no. 31 in 2022."
    """
    lang = check_lang(lang)
    code = prov.province_code(geo)
    name = province_name(code, lang)
    panel = prov.dti_panel([code], as_of=as_of)
    ranks = panel.dropna(subset=["rank"])
    parts = [
        label("prov_rank_in", lang, rank=int(r), year=int(y)) for y, r in zip(ranks["year"], ranks["rank"], strict=True)
    ]
    text = label("prov_ranks", lang, name=name, ranks=", ".join(parts)) if parts else ""
    merged = panel.dropna(subset=["rank_merged"])
    if not merged.empty:
        last = merged.iloc[-1]
        text += " " + label("prov_rank_merged", lang, name=name, rank=int(last["rank_merged"]), year=int(last["year"]))
    return text.strip() or label("prov_no_ranks", lang, name=name)


def neighbours_table(geo: str, *, as_of: str | dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """The province and its neighbours (:func:`~dxanalysis.analysis.provinces.neighbours`), one row each: its rank
    among the 63 each year, its rank among the 34, its latest score.

    >>> neighbours_table("VN-DN")[["Province", "Rank 2022"]].values.tolist()
    [['Đà Nẵng', '1'], ['Quảng Nam', '31']]
    """
    lang = check_lang(lang)
    near = prov.neighbours(geo, as_of=as_of)
    panel = prov.dti_panel(list(near.codes), as_of=as_of)
    years = sorted(set(panel.dropna(subset=["rank"])["year"].astype(int)))
    rows = []
    for code in near.codes:
        mine = panel[panel["geo"] == code].set_index("year")
        row = {label("prov_col_province", lang): province_name(code, lang), label("prov_col_code", lang): code}
        for y in years:
            row[label("prov_col_rank_year", lang, year=y)] = _rank(mine["rank"].get(y, float("nan")))
        merged = mine["rank_merged"].dropna()
        row[label("prov_col_rank_merged", lang)] = _rank(float(merged.iloc[-1])) if len(merged) else "—"
        scores = mine["score"].dropna()
        row[label("prov_col_score", lang)] = (
            f"{fmt_number(float(scores.iloc[-1]), lang, 4)} ({int(scores.index[-1])})" if len(scores) else "—"
        )
        rows.append(row)
    return pd.DataFrame(rows)


def neighbours_sentence(geo: str, *, as_of: str | dt.date | None = None, lang: str = "en") -> str:
    """Who the province is shown beside, and why.

    >>> neighbours_sentence("VN-DN")
    'Đà Nẵng beside the provinces merged with it on 1 July 2025: Quảng Nam.'
    """
    lang = check_lang(lang)
    near = prov.neighbours(geo, as_of=as_of)
    name = province_name(near.codes[0], lang)
    if not near.others:
        return label("prov_neighbours_none", lang, name=name)
    key = "prov_neighbours_merged" if near.kind == "merged" else "prov_neighbours_ranking"
    return label(key, lang, name=name, others=_names(near.others, lang), year=near.year)


def figures_against_national(geo: str, *, as_of: str | dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """The province's latest figure of each series beyond the DTI beside Vietnam's (same period, and latest) and the
    national target; empty when it has none.

    >>> figures_against_national("VN-DN").empty
    True
    """
    lang = check_lang(lang)
    f = prov.province_figures(geo, as_of=as_of)
    if f.empty:
        return pd.DataFrame()

    def num(x: float) -> str:
        return "—" if math.isnan(x) else fmt_number(x, lang, 1)

    return pd.DataFrame(
        {
            label("col_name", lang): [i18n.indicator_name(str(i), lang) for i in f["indicator"]],
            label("col_series", lang): [i18n.series_name(str(s), lang) for s in f["series"]],
            label("col_latest_period", lang): [i18n.fmt_period(p, lang) for p in f["period"]],
            label("prov_col_value", lang): [num(v) for v in f["value"]],
            label("prov_col_same_period", lang): [num(v) for v in f["national_value"]],
            label("prov_col_national_latest", lang): [
                f"{num(v)} ({i18n.fmt_period(p, lang)})" if p else "—"
                for v, p in zip(f["national_latest_value"], f["national_latest_period"], strict=True)
            ],
            label("prov_col_target", lang): [
                f"{num(v)} ({int(y)})" if y == y and y is not None else "—"
                for v, y in zip(f["target_value"], f["target_year"], strict=True)
            ],
            label("prov_col_meets", lang): [
                "—" if m is None else label("prov_yes" if m else "prov_no", lang) for m in f["meets"]
            ],
        }
    )


def no_figures_sentence(geo: str, lang: str = "en") -> str:
    """What the page says when the province has no figures beyond the DTI.

    >>> no_figures_sentence("VN-27", "en").startswith("Quảng Nam has no figures beyond the DTI")
    True
    """
    return label("prov_no_figures", check_lang(lang), name=province_name(prov.province_code(geo), lang))


def province_figures_sources(geo: str, *, as_of: str | dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """Every figure the page shows, of the province and of its neighbours, with its source and quote (the figures
    table of :func:`~dxanalysis.present.provenance.figures_table`), the province and the indicator first.

    >>> t = province_figures_sources("VN-DN")
    >>> t.columns[:3].tolist(), bool(t["Quote (verbatim)"].str.len().gt(0).all())
    (['Province', 'Indicator', 'Period'], True)
    """
    lang = check_lang(lang)
    codes = prov.neighbours(geo, as_of=as_of).codes
    obs = data.load_observations(as_of=as_of or None)
    parts = []
    for code in codes:
        mine = obs[obs["geo"] == code]
        for ind in dict.fromkeys(mine["indicator"]):
            t = provenance.figures_table(str(ind), geo=code, as_of=as_of, lang=lang)
            t.insert(0, label("col_name", lang), i18n.indicator_name(str(ind), lang))
            t.insert(0, label("prov_col_province", lang), province_name(code, lang))
            parts.append(t)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def province_targets_table(assessments: Sequence[TargetAssessment], lang: str = "en") -> pd.DataFrame:
    """The province's own targets judged (:func:`~dxanalysis.analysis.provinces.assess_province_targets`), one row
    each, the indicator first.

    >>> province_targets_table([]).empty
    True
    """
    lang = check_lang(lang)
    table = assessment_table(assessments, lang)
    if len(table):
        table.insert(0, label("col_name", lang), [i18n.indicator_name(str(a.indicator), lang) for a in assessments])
    return table


def targets_summary(geo: str, assessments: Sequence[TargetAssessment], lang: str = "en", *, given: bool = False) -> str:
    """The verdict on each of the province's own targets as a Markdown list (the indicator, the year, the sentence),
    or why there is none: no targets file ``given``, or none of its targets has figures to judge it by.

    >>> targets_summary("VN-DN", []).startswith("No targets of Đà Nẵng's own were given")
    True
    """
    lang = check_lang(lang)
    if not assessments:
        name = province_name(prov.province_code(geo), lang)
        return label("prov_targets_none_assessed" if given else "prov_no_targets", lang, name=name)
    return "\n".join(
        f"- **{i18n.md_escape(i18n.indicator_name(str(a.indicator), lang))}, {a.target_year}**: "
        f"{i18n.md_escape(summary_sentence(a, lang))}"
        for a in assessments
    )


def province_headline(
    geo: str,
    assessments: Sequence[TargetAssessment] = (),
    *,
    as_of: str | dt.date | None = None,
    lang: str = "en",
) -> str:
    """One line for the report's index: the province's DTI ranks and the verdicts on its own targets.

    >>> for part in province_headline("VN-27").split("; "):
    ...     print(part)
    Quảng Nam: no. 31 in 2022 (DTI rank among the 63)
    no. 17 among the 34 in 2024, as part of Đà Nẵng (since 1 July 2025)
    """
    lang = check_lang(lang)
    code = prov.province_code(geo)
    name = province_name(code, lang)
    panel = prov.dti_panel([code], as_of=as_of)
    ranks = panel.dropna(subset=["rank"])
    parts = []
    if len(ranks):
        last = ranks.iloc[-1]
        parts.append(
            f"{label('prov_rank_in', lang, rank=int(last['rank']), year=int(last['year']))} "
            f"({label('prov_col_rank', lang)})"
        )
    successor = str(data.provinces().set_index("code")["successor"].get(code, code))
    merged = prov.dti_panel([successor], as_of=as_of).dropna(subset=["rank_merged"])
    if len(merged):
        last = merged.iloc[-1]
        among = label("prov_rank_among_34", lang, rank=int(last["rank_merged"]), year=int(last["year"]))
        if successor != code:
            among += label("prov_as_part_of", lang, name=province_name(successor, lang))
        parts.append(among)
    text = label("prov_headline", lang, name=name, ranks="; ".join(parts) or label("prov_no_ranks", lang, name=name))
    if assessments:
        verdicts = ", ".join(f"{a.target_year} {i18n.status_name(a.status, lang)}" for a in assessments)
        text += label("prov_headline_targets", lang, verdicts=verdicts)
    return text


def ranking_table(*, as_of: str | dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """The overview's provincial ranking: one row per province of the 63 with a DTI rank, its rank each year, its
    latest score, the merged province it became and that one's rank among the 34.

    >>> t = ranking_table(lang="vi")
    >>> t.iloc[0, :3].tolist(), len(t)
    (['Đà Nẵng', 'VN-DN', '1'], 63)
    """
    lang = check_lang(lang)
    r = prov.provincial_ranking(as_of=as_of)
    out = pd.DataFrame(
        {
            label("prov_col_province", lang): [province_name(str(g), lang) for g in r["geo"]],
            label("prov_col_code", lang): r["geo"].astype(str).tolist(),
        }
    )
    for col in [c for c in r.columns if c.startswith("rank_2")]:
        out[label("prov_col_rank_year", lang, year=col[5:])] = [_rank(v) for v in r[col]]
    out[label("prov_col_score", lang)] = [
        "—" if math.isnan(s) else f"{fmt_number(float(s), lang, 4)} ({y})"
        for s, y in zip(r["score"].astype(float), r["score_year"], strict=True)
    ]
    out[label("prov_col_successor", lang)] = [province_name(str(s), lang) for s in r["successor"]]
    out[label("prov_col_rank_merged", lang)] = [_rank(v) for v in r["rank_merged"].astype(float)]
    return out


def ranking_sentence(*, as_of: str | dt.date | None = None, lang: str = "en") -> str:
    """The overview's provincial ranking in words: the complete year, its first and last, what other years have.

    >>> ranking_sentence().startswith("The DTI 2022 ranks all 63 provinces and cities: Đà Nẵng first")
    True
    """
    lang = check_lang(lang)
    r = prov.provincial_ranking(as_of=as_of)
    year = prov.full_ranking_year(as_of=as_of)
    if r.empty or year is None:
        return label("ranking_none", lang)
    col = r[f"rank_{year}"].dropna()
    geos = dict(zip(r.index, r["geo"].astype(str), strict=True))
    first, last = geos[col.idxmin()], geos[col.idxmax()]
    others = [c for c in r.columns if c.startswith("rank_2") and c != f"rank_{year}"]
    counts = ", ".join(label("ranking_counts", lang, n=int(r[c].notna().sum()), year=c[5:]) for c in others)
    return label(
        "ranking_sentence", lang, year=year, n=len(col), first=province_name(str(first), lang),
        last=province_name(str(last), lang), counts=counts or "—",
    )  # fmt: skip
