"""The sentences the notebooks print, in English or Vietnamese: headlines, summaries of the data's provenance and
revisions, what a series allows, and what an assessment says.

Each sentence is built from the public API and tested, and quotes a figure with the decimals it was published with
(:func:`dxanalysis.present.numbers.decimals_needed`). A date parameter ``as_of`` given as ``""`` (a notebook's empty
parameter) means the latest data, as ``None`` does.

>>> from dxanalysis.present import sentences
>>> sentences.overview_headline(pd.DataFrame({"status": ["achieved", "off track"]}))
'2 indicators with targets: 1 achieved, 0 on track, 1 off track, 0 insufficient data'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import TARGET_STATUSES
from dxanalysis.analysis.models import MODELS, REGISTRY
from dxanalysis.analysis.scenarios import implausible_from, share_scenarios
from dxanalysis.analysis.targets import next_target
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_compact, fmt_number, fmt_percent, label
from dxanalysis.present.numbers import decimals_needed
from dxanalysis.present.tables import illustrative_scenarios

if TYPE_CHECKING:
    from dxanalysis.analysis.assessment import TargetAssessment
    from dxanalysis.analysis.scenarios import ScenarioStart
    from dxanalysis.analysis.targets import Target

__all__ = [
    "assessment_summaries",
    "data_sufficiency",
    "indicator_headline",
    "overview_headline",
    "provenance_summary",
    "revisions_summary",
    "scenario_basis",
    "scenario_headline",
    "summary_sentence",
]


# ----------------------------------------------------------------------------------------------------------------------
# The data


def overview_headline(card: pd.DataFrame, lang: str = "en") -> str:
    """One sentence counting the scorecard's statuses.

    >>> card = pd.DataFrame({"status": ["achieved", "on track", "on track", "off track"]})
    >>> overview_headline(card, "vi")
    '4 chỉ tiêu có mục tiêu: 1 đã đạt, 2 đúng tiến độ, 1 chậm tiến độ, 0 chưa đủ dữ liệu'
    """
    lang = check_lang(lang)
    counts = card["status"].value_counts()
    parts = ", ".join(f"{int(counts.get(s, 0))} {i18n.status_name(s, lang)}" for s in TARGET_STATUSES)
    return label("headline_overview", lang, n=len(card), parts=parts)


def provenance_summary(lang: str = "en") -> str:
    """One sentence on where the numbers come from: figures, targets, sources and publishers.

    >>> provenance_summary().split(" ")[1:3]
    ['published', 'figures']
    """
    lang = check_lang(lang)
    obs = data.load_observations(vintage="all")
    targets = data.load_targets()
    sources = data.load_sources()
    cited = set(obs["source"]) | set(targets["source"])
    used = sources[sources["id"].isin(cited)]
    return label(
        "provenance",
        lang,
        figures=len(obs),
        targets=len(targets),
        sources=len(used),
        publishers=used["publisher"].nunique(),
        indicators=obs["indicator"].nunique(),
    )


def revisions_summary(as_of: str | dt.date | None = None, lang: str = "en") -> str:
    """One sentence on the vintages: how many figures were published more than once, and how many revised.

    >>> "revised" in revisions_summary()
    True
    """
    lang = check_lang(lang)
    obs = data.load_observations(as_of=as_of or None, vintage="all")
    groups = obs.groupby(["indicator", "geo", "series", "period"])["value"]
    counts, spread = groups.size(), groups.agg(lambda v: float(v.max() - v.min()))
    return label(
        "revisions",
        lang,
        releases=len(obs),
        figures=len(counts),
        repeated=int((counts > 1).sum()),
        revised=int((spread > 1e-9).sum()),
    )


# ----------------------------------------------------------------------------------------------------------------------
# One indicator: what the figures allow, and where they stand against the targets


def data_sufficiency(s: pd.Series, lang: str = "en") -> str:
    """One sentence on what the series allows: how many figures, over which periods, and which models can fit.

    >>> import dxanalysis as dx
    >>> data_sufficiency(dx.series("fibre_communes_connected"))
    '1 figure (2024-04): too few to fit a trend (insufficient data); the figures below are shown as published.'
    """
    lang = check_lang(lang)
    n = int(s.notna().sum())
    figures = ("figure" if n == 1 else "figures") if lang == "en" else "số liệu"
    if n == 0:
        return label("sufficiency_none", lang)
    periods = [str(p) for p in s.dropna().index]
    span = periods[0] if n == 1 else f"{periods[0]}–{periods[-1]}"
    if n < 2:
        return label("sufficiency_one", lang, n=n, figures=figures, span=span)
    if n < min(spec.min_points for spec in REGISTRY.values()):
        return label("sufficiency_two", lang, n=n, figures=figures, span=span)
    fitted = [m for m in MODELS if n >= REGISTRY[m].min_points]
    left_out = [m for m in MODELS if m not in fitted]
    text = label("sufficiency_ok", lang, n=n, figures=figures, span=span)
    if left_out:
        names = ", ".join(i18n.model_name(m, lang) for m in left_out)
        k = min(REGISTRY[m].min_points for m in left_out)  # the next model the series would allow
        text += " " + label("sufficiency_except", lang, models=names, k=k)
    return text


def summary_sentence(a: TargetAssessment, lang: str = "en") -> str:
    """The assessment in one sentence an economist can quote, in the language.

    >>> import dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> summary_sentence(a, "vi").split(":")[0]
    'Đúng tiến độ so với mục tiêu tối thiểu 20 vào năm 2025'
    """
    lang = check_lang(lang)
    digits = decimals_needed([a.latest_value, a.target_value])
    target = label(
        "target_text",
        lang,
        comparator=label(a.comparator, lang) if a.comparator in ("at_least", "at_most") else a.comparator,
        value=fmt_number(a.target_value, lang, decimals_needed([a.target_value])),
        year=a.target_year,
    )
    latest = fmt_number(a.latest_value, lang, digits)
    if a.status == "achieved":
        return label("summary_achieved", lang, latest=latest, period=a.latest_period, target=target)
    if a.status == "insufficient data":
        n = a.fit.n
        figures = ("figure" if n == 1 else "figures") if lang == "en" else "số liệu"
        return label("summary_insufficient", lang, year=a.target_year, n=n, figures=figures, target=target)
    status = i18n.status_name(a.status, lang)
    head = label("summary_head", lang, status=status[0].upper() + status[1:], target=target)
    if not a.years_left > 0:
        return head + " " + label("summary_passed", lang, latest=latest, period=a.latest_period) + "."
    pace = label(
        "summary_pace",
        lang,
        required=_signed(a.required_annual_change, lang),
        latest=latest,
        period=a.latest_period,
        observed=_signed(a.observed_annual_change, lang),
    )
    model = i18n.model_name(a.model, lang)
    projection = label(
        "summary_projection",
        lang,
        model=model[0].lower() + model[1:] if lang == "en" else model.lower(),
        projected=fmt_number(a.projected, lang, 1),
        level=fmt_percent(a.level, lang, 0),
        lower=fmt_number(a.projected_lower, lang, 1),
        upper=fmt_number(a.projected_upper, lang, 1),
        year=a.target_year,
        prob=fmt_percent(a.probability_met, lang, 0),
    )
    return f"{head} {pace}; {projection}."


def assessment_summaries(
    assessments: Sequence[TargetAssessment], lang: str = "en", *, indicator: str | None = None
) -> str:
    """The summary sentence of each assessment as a Markdown list, or a sentence saying there is nothing to assess.

    >>> assessment_summaries([], "en", indicator="internet_users")
    'Individuals using the Internet has no national target for this series, or no figures to assess against one.'
    """
    lang = check_lang(lang)
    if not assessments:
        name = i18n.md_escape(i18n.indicator_name(indicator, lang)) if indicator else ""
        return label("no_assessment", lang, name=name).strip()
    return "\n".join(f"- **{a.target_year}**: {summary_sentence(a, lang)}" for a in assessments)


def indicator_headline(
    s: pd.Series, assessments: Sequence[TargetAssessment], lang: str = "en", *, indicator: str | None = None
) -> str:
    """One sentence for the report's index: the latest figure and the status against the next target.

    The target is the one :func:`dxanalysis.analysis.targets.next_target` names (as the scorecard assesses): the first
    after the latest figure's year, else the last.

    >>> import dxanalysis as dx
    >>> s = dx.series("digital_economy_share_gdp", "mic")
    >>> targets = [dx.assess_target("digital_economy_share_gdp", source="mic", target_year=y) for y in (2025, 2030)]
    >>> print(indicator_headline(s, targets))
    Digital economy share of GDP (Ministry (MIC)): 18.3% in 2024 (estimate); on track (target: at least 20.5% by 2025).
    """
    lang = check_lang(lang)
    indicator = indicator or s.attrs.get("indicator") or str(s.name)
    name = i18n.indicator_name(indicator, lang)
    series = s.attrs.get("series")
    if series:
        name += f" ({i18n.series_name(str(series), lang)})"
    clean = s.dropna()
    if clean.empty:
        return label("headline_no_figures", lang, name=name)
    pct = "%" if s.attrs.get("unit") in ("percent", "percent_change") else ""
    status = (s.attrs.get("status") or {}).get(clean.index[-1], "actual")
    kind = label(f"figure_{status}", lang).lower() if status in ("estimate", "provisional", "projection") else ""
    latest = label(
        "headline_latest",
        lang,
        name=name,
        value=_fmt_figure(float(clean.iloc[-1]), lang) + pct,
        period=str(clean.index[-1]),
        status=(f" ({kind})" if lang == "en" else f", {kind}") if kind else "",  # what kind of figure it is
    )
    a = next_target(assessments)  # the analysis room's one rule of which target to name
    if a is None:
        return latest + "; " + label("headline_no_target", lang) + "."
    target = label(
        "target_text",
        lang,
        comparator=label(a.comparator, lang),
        value=_fmt_figure(a.target_value, lang) + pct,
        year=a.target_year,
    )
    return latest + "; " + label("headline_status", lang, status=i18n.status_name(a.status, lang), target=target) + "."


def _signed(x: float, lang: str) -> str:
    text = fmt_number(x, lang, 2)
    return text if text.startswith(("-", "—")) else "+" + text


def _fmt_figure(value: float, lang: str) -> str:
    """A figure in a sentence: with the decimals it was published with, or shortened when large (101.54 bn)."""
    return fmt_compact(value, lang, decimals_needed([value]), short_digits=2)


# ----------------------------------------------------------------------------------------------------------------------
# Scenarios


def scenario_basis(
    start: ScenarioStart,
    targets: Sequence[Target],
    lang: str = "en",
    *,
    as_of: str | dt.date | None = None,
) -> str:
    """What the scenarios start from and are held against: the figure used (the latest published one as of
    ``as_of``, today by default, with its status and publisher, or the user's), the targets with the documents that
    set them, and that the growth rates are nominal.

    >>> from dxanalysis.analysis.scenarios import resolve_start, resolve_targets
    >>> start = resolve_start(as_of="2025-06-30")
    >>> print(scenario_basis(start, resolve_targets("", start.year, as_of="2025-06-30"), as_of="2025-06-30"))
    ... # doctest: +NORMALIZE_WHITESPACE
    The scenarios start from the latest published figure as of 2025-06-30: 18.3% in 2024 (estimate, Quảng Ngãi
    provincial portal (English page)). Targets: 20.5% by 2025 (Quyết định 1437/QĐ-TTg), 30% by 2030 (Nghị quyết
    57-NQ/TW), 50% by 2045 (Nghị quyết 57-NQ/TW). Both growth rates are nominal: a share of GDP moves with the
    nominal growth of the digital economy and of GDP (real growth plus inflation).
    """
    lang = check_lang(lang)
    value = fmt_number(start.value, lang, decimals_needed([start.value]))
    if start.source:
        publisher = str(data.load_sources().set_index("id")["publisher"].get(start.source, start.source))
        status = label(f"figure_{start.status}", lang).lower() if start.status else ""
        when = str(as_of) if as_of else dt.date.today().isoformat()  # the latest data: as of today
        opening = label(
            "scenario_basis_latest",
            lang,
            as_of=when,
            value=value,
            year=start.year,
            status=", ".join(s for s in (status, publisher) if s),
        )
    else:
        opening = label("scenario_basis_given", lang, value=value, year=start.year)
    items = []
    for target in sorted(targets, key=lambda t: t.year):
        item = label(
            "scenario_basis_target",
            lang,
            value=fmt_number(target.value, lang, decimals_needed([target.value])),
            year=target.year,
        )
        items.append(item + (f" ({target.document})" if target.document else ""))
    text = opening + " " + label("scenario_basis_targets", lang, items=", ".join(items))
    return text + " " + label("scenario_basis_nominal", lang)


def scenario_headline(
    grid: pd.DataFrame,
    targets: Mapping[int, float],
    lang: str = "en",
    *,
    scenarios: Mapping[str, tuple[float, float]] | None = None,
    start: float | None = None,
    start_year: int | None = None,
    until: int = 2050,
) -> str:
    """One sentence: from which figure, how many growth pairs of the grid meet each target on time, and when the
    first scenario (the 8th session's, by default) reaches each target, and 100% of GDP if it does by ``until``
    (a share of GDP cannot: the path is implausible beyond).

    >>> import dxanalysis as dx
    >>> g = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.1, 0.2], whole_growth=[0.066],
    ...                            targets={2025: 20, 2030: 30})
    >>> text = scenario_headline(g, {2025: 20, 2030: 30}, start=16.5, start_year=2023)
    >>> text.split(";")[0]
    'From 16.5% of GDP in 2023: of 2 growth pairs, 1 reach 20% by 2025 and 1 reach 30% by 2030'
    >>> text.split("share reaches ")[1]
    '20% in 2025 and 30% in 2029; it reaches 100% of GDP in 2039, implausible beyond.'
    """
    lang = check_lang(lang)
    parts = []
    for year, value in sorted(targets.items()):
        column = f"on_time_{year}"
        met = int(grid[column].sum()) if column in grid.columns else 0
        parts.append(
            label(
                "headline_pairs_part", lang, met=met, value=fmt_number(value, lang, decimals_needed([value])), year=year
            )
        )
    text = label("headline_pairs", lang, n=len(grid), parts=label("and_join", lang).join(parts))
    if start is not None and start_year is not None:
        opening = label(
            "headline_start", lang, value=fmt_number(start, lang, decimals_needed([start])), year=start_year
        )
        text = opening + text[:1].lower() + text[1:]
        scenarios = scenarios or illustrative_scenarios(lang)
        name, (gp, gw) = next(iter(scenarios.items()))
        horizon = max(until, *targets, start_year + 1)
        path = share_scenarios(start=start, start_year=start_year, part_growth=gp, whole_growth=gw, until=horizon)
        plausible = path[~path["implausible"]]
        reached = []
        for value in sorted(set(targets.values())):
            hit = plausible.loc[plausible["share"] >= value, "year"]
            when = str(int(hit.iloc[0])) if len(hit) else label("not_reached", lang)
            reached.append(
                label("headline_reached_part", lang, value=fmt_number(value, lang, decimals_needed([value])), year=when)
            )
        text += "; " + label("headline_first_scenario", lang, name=name, parts=label("and_join", lang).join(reached))
        bound_year = implausible_from(path)
        if bound_year is not None:
            bound = float(path.attrs["bound"])
            text += label(
                "headline_implausible", lang, bound=fmt_number(bound, lang, decimals_needed([bound])), year=bound_year
            )
    return text + "."
