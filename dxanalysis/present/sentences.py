"""The sentences the notebooks print, in English or Vietnamese: headlines, summaries of the data's provenance and
revisions, what a series allows, and what an assessment says.

Each sentence is built from the public API and tested, and quotes a figure with the decimals it was published with
(:func:`dxanalysis.present.numbers.decimals_needed`). A date parameter ``as_of`` given as ``""`` (a notebook's empty
parameter) means the latest data, as ``None`` does.

>>> import datetime as dt
>>> from dxanalysis.present import sentences
>>> card = pd.DataFrame({"indicator": ["a", "b"], "status": ["met", "off track"], "judged_on": dt.date(2026, 12, 3)})
>>> print(sentences.overview_headline(card))
2 indicators with targets, 2 verdicts by series and target year (as of 3 December 2026): 1 met, 1 off track
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import TARGET_STATUSES
from dxanalysis.analysis.models import MIN_FIGURES, MIN_SPAN_YEARS, MODELS, REGISTRY
from dxanalysis.analysis.scenarios import implausible_from, share_scenarios
from dxanalysis.analysis.targets import next_target
from dxanalysis.analysis.timeseries import independent_figures, series_times
from dxanalysis.analysis.verdicts import discontinued_measure
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_compact, fmt_number, fmt_percent, fmt_period, fmt_period_span, label
from dxanalysis.present.numbers import decimals_needed
from dxanalysis.present.tables import figures_words, illustrative_scenarios, left_out_words
from dxanalysis.present.verdict_tables import judgement_text

if TYPE_CHECKING:
    from dxanalysis.analysis.assessment import TargetAssessment
    from dxanalysis.analysis.scenarios import ScenarioStart
    from dxanalysis.analysis.targets import Target

__all__ = [
    "assessment_summaries",
    "data_sufficiency",
    "indicator_headline",
    "judgement_text",
    "overview_headline",
    "provenance_summary",
    "revisions_summary",
    "scenario_basis",
    "scenario_headline",
    "summary_sentence",
    "verdict_detail",
]


# ----------------------------------------------------------------------------------------------------------------------
# The data


def overview_headline(card: pd.DataFrame, lang: str = "en") -> str:
    """One sentence counting the scorecard's verdicts (those that occur, in the order of ``TARGET_STATUSES``), with
    the date of judgement.

    >>> card = pd.DataFrame({"indicator": ["a", "a", "b"], "status": ["met", "on track", "missed"],
    ...                      "judged_on": dt.date(2026, 12, 3)})
    >>> overview_headline(card, "vi").split(": ")[1]
    '1 đã đạt, 1 không đạt, 1 đúng tiến độ'
    """
    lang = check_lang(lang)
    counts = card["status"].value_counts()
    parts = ", ".join(f"{int(counts[s])} {i18n.status_name(s, lang)}" for s in TARGET_STATUSES if int(counts.get(s, 0)))
    days = card["judged_on"].dropna() if "judged_on" in card.columns else pd.Series(dtype=object)
    when = judgement_text(days.iloc[0] if len(days) else None, lang)
    k = card["indicator"].nunique() if "indicator" in card.columns else len(card)
    return label("headline_overview", lang, k=k, n=len(card), when=when, parts=parts)


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
    """One sentence on what the series allows: how many independent figures, over which periods, which models can
    fit, and the figures a fit leaves out (one figure per period:
    :func:`~dxanalysis.analysis.timeseries.independent_figures`).

    >>> import dxanalysis as dx
    >>> data_sufficiency(dx.series("fibre_communes_connected"))
    '1 daily figure (2024-04-24): too few to fit a trend (insufficient data); the figures below are shown as published.'
    >>> print(data_sufficiency(dx.series("digital_economy_share_gdp", "mic")))
    5 annual figures (2021–2025): enough for the trend models with intervals. Not enough for: Exponential
    smoothing (ETS) (needs 10 annual figures). Left out: 2024-H1, the same estimate as the annual 2024.
    """
    lang = check_lang(lang)
    if int(s.notna().sum()) == 0:
        return label("sufficiency_none", lang)
    kept, left = independent_figures(s)
    times, periods = series_times(kept)
    order = sorted(range(len(periods)), key=lambda i: times[i])
    periods = [periods[i] for i in order]
    n, years = len(periods), float(times.max() - times.min())
    figures = figures_words(kept, lang)
    span = fmt_period_span(periods[0], periods[-1], lang)
    if n < 2:
        text = label("sufficiency_one", lang, n=n, figures=figures, span=span)
    elif n < MIN_FIGURES or years < MIN_SPAN_YEARS - 1e-9:
        text = label(
            "sufficiency_too_short",
            lang,
            n=n,
            figures=figures,
            span=span,
            years=fmt_number(years, lang, 1),
            k=MIN_FIGURES,
            min_years=fmt_number(MIN_SPAN_YEARS, lang, 0),
        )
    else:
        fitted = [m for m in MODELS if n >= REGISTRY[m].min_points]
        too_few = [m for m in MODELS if m not in fitted]
        text = label("sufficiency_ok", lang, n=n, figures=figures, span=span)
        if too_few:
            names = ", ".join(i18n.model_name(m, lang) for m in too_few)
            k = min(REGISTRY[m].min_points for m in too_few)  # the next model the series would allow
            text += " " + label("sufficiency_except", lang, models=names, k=k)
    if left:
        text += " " + label("sufficiency_left_out", lang, items=left_out_words(left, lang))
    return text


def summary_sentence(a: TargetAssessment, lang: str = "en") -> str:
    """The verdict in one sentence an economist can quote, in the language: the status, the target, the date of
    judgement and the measure (the series), then what the status rests on — the figure for the target period (and
    the later figure that met it, or the nowcast and the other series' figures when none is published), or the pace
    and the projection, or why no honest projection exists.

    >>> import dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> summary_sentence(a, "vi").split(":")[0]
    'Đúng tiến độ so với mục tiêu tối thiểu 20 vào năm 2025 (tính đến ngày 1/5/2024; chuỗi Bộ TT&TT)'
    >>> fibre = dx.assess_target("fibre_households_using", target_year=2023, judged_on="2026-12-03")
    >>> print(summary_sentence(fibre).replace(": ", ":\\n"))
    Met late: the target of at least 85 by 2023 (as of 3 December 2026; Ministry (MST) series):
    the figure for 2023, 79.4 (2023), fell short; first met in 2025-H1 (85.1).
    """
    lang = check_lang(lang)
    target = label(
        "target_text",
        lang,
        comparator=label(a.comparator, lang) if a.comparator in ("at_least", "at_most") else a.comparator,
        value=fmt_number(a.target_value, lang, decimals_needed([a.target_value])),
        year=a.target_year,
    )
    when = judgement_text(a.judged_on, lang)
    if a.series:
        when += "; " + label("measure", lang, series=i18n.series_name(a.series, lang, a.latest_period))
    status = i18n.status_name(a.status, lang)
    head = label("summary_head", lang, status=status[0].upper() + status[1:], target=target, when=when)
    return f"{head} {verdict_detail(a, lang)}."


def verdict_detail(a: TargetAssessment, lang: str = "en") -> str:
    """What the verdict rests on, by status: the figure for the target period (and the later figure that met it),
    or the nowcast, the latest figure and the other series' figures, or the pace and the projection, or why no honest
    projection exists. The body of :func:`summary_sentence`, and the subtitle of the assessment figure.

    >>> import dxanalysis as dx
    >>> verdict_detail(dx.assess_target("dossiers_processed_online", judged_on="2026-12-03"))
    'the figure for 2022, 43.2 (2022-11, as far as published), falls short, and no later figure meets it'
    """
    lang = check_lang(lang)
    digits = decimals_needed([a.latest_value, a.target_value])
    latest = fmt_number(a.latest_value, lang, digits)
    latest_period = fmt_period(a.latest_period, lang)
    if a.basis is not None:
        basis = _basis_text(a.basis.value, a.basis.period, a.basis.kind, lang)
        if a.status == "met late" and a.met_late is not None:
            late = fmt_number(a.met_late[1], lang, decimals_needed([a.met_late[1]]))
            period = fmt_period(a.met_late[0], lang)
            return label("summary_met_late", lang, year=a.target_year, basis=basis, period=period, value=late)
        return label(f"summary_{a.status}", lang, year=a.target_year, basis=basis)
    if a.status == "not published":
        parts = [label("summary_not_published", lang, year=a.target_year, latest=latest, period=latest_period)]
        if a.already_met:  # the latest figure, of a period within the target year, already meets the target
            parts[0] += label("summary_latest_meets", lang)
        if a.nowcast:
            parts.append(_projection_text(a, lang, "summary_nowcast"))
        elif a.caveat:
            parts.append(label("summary_no_nowcast", lang, why=_why(a, lang)))
        if a.met_late is not None:
            value = fmt_number(a.met_late[1], lang, decimals_needed([a.met_late[1]]))
            parts.append(label("summary_first_met", lang, period=fmt_period(a.met_late[0], lang), value=value))
        for other in a.other_measures:
            parts.append(
                label(
                    "summary_other_measure",
                    lang,
                    series=i18n.series_name(str(other.series), lang, other.period),
                    year=a.target_year,
                    value=_basis_text(other.value, other.period, other.kind, lang)
                    if other.kind != "annual"
                    else fmt_number(other.value, lang, decimals_needed([other.value])),
                    verdict=label("other_meets" if a.target.met_by(other.value) else "other_short", lang),
                )
            )
        return "; ".join(parts)
    if a.status == "measure discontinued":
        since = discontinued_measure(a.indicator) or ""
        return label(
            "summary_discontinued", lang, since=since, year=a.target_year, latest=latest, period=a.latest_period
        )
    if a.status == "insufficient data":
        text = label("summary_insufficient", lang, why=_why(a, lang), latest=latest, period=latest_period)
        if math.isfinite(a.projected):  # a projection with no probability (beyond the tested horizon, ...)
            text += "; " + _projection_text(a, lang, "summary_projected_only")
        return text
    pace = label(
        "summary_pace",
        lang,
        required=_signed(a.required_annual_change, lang),
        latest=latest,
        period=latest_period,
        observed=_signed(a.observed_annual_change, lang),
    )
    text = f"{pace}; {_projection_text(a, lang, 'summary_projection')}"
    if a.target.met_by(a.latest_value):
        text += "; " + label("summary_already", lang, period=latest_period, value=latest)
    return text


def _basis_text(value: float, period: str, kind: str | None, lang: str) -> str:
    """A figure for the target period and its period, saying so when it is only as far as published."""
    key = "basis_annual" if kind == "annual" else "basis_partial"
    return label(key, lang, value=fmt_number(value, lang, decimals_needed([value])), period=fmt_period(period, lang))


def _projection_text(a: TargetAssessment, lang: str, key: str) -> str:
    """The projection (or nowcast) for the target year, its interval, and its probability where there is one."""
    model = i18n.model_name(a.model, lang)
    return label(
        key,
        lang,
        model=model[0].lower() + model[1:] if lang == "en" else model.lower(),
        projected=fmt_number(a.projected, lang, 1),
        value=fmt_number(a.projected, lang, 1),
        level=fmt_percent(a.level, lang, 0),
        lower=fmt_number(a.projected_lower, lang, 1),
        upper=fmt_number(a.projected_upper, lang, 1),
        year=a.target_year,
        prob=fmt_percent(a.probability_met, lang, 0),
    )


def _why(a: TargetAssessment, lang: str) -> str:
    """Why no honest projection (or probability) exists, in words, from the assessment's caveat code."""
    n = a.fit.n
    figures = ("figure" if n == 1 else "figures") if lang == "en" else "số liệu"
    code = a.caveat or "insufficient_data"
    if code == "too_short":
        span = float(a.fit.times[-1] - a.fit.times[0]) if n else 0.0
        return label("why_too_short", lang, n=n, figures=figures, span=fmt_number(span, lang, 1))
    if code == "beyond_tested_horizon":
        horizon = fmt_number(a.years_left, lang, 0)
        tested = fmt_number(a.fit.tested_horizon, lang, 0)
        return label("why_beyond_tested_horizon", lang, year=a.target_year, horizon=horizon, tested=tested)
    if f"why_{code}" in i18n.LABELS and code != "insufficient_data":
        return label(f"why_{code}", lang)
    return label("why_insufficient_data", lang, n=n, figures=figures)


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
    """One sentence for the report's index: the latest figure and the verdict on the next target, with the date of
    judgement.

    The target is the one :func:`dxanalysis.analysis.targets.next_target` names (as the scorecard assesses): the first
    after the latest figure's year, else the last.

    >>> import dxanalysis as dx
    >>> s = dx.series("digital_economy_share_gdp", "mic")
    >>> targets = [
    ...     dx.assess_target("digital_economy_share_gdp", source="mic", target_year=y, judged_on="2026-12-03")
    ...     for y in (2025, 2030)
    ... ]
    >>> print(indicator_headline(s, targets).replace("; ", ";\\n"))
    Digital economy share of GDP (Ministry (MST)): 18.72% in 2025 (estimate);
    uncertain, as of 3 December 2026 (target: at least 30% by 2030).
    """
    lang = check_lang(lang)
    indicator = indicator or s.attrs.get("indicator") or str(s.name)
    name = i18n.indicator_name(indicator, lang)
    series = s.attrs.get("series")
    if series:
        name += f" ({i18n.series_name(str(series), lang, s.dropna().index[-1] if s.notna().any() else None)})"
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
        period=fmt_period(clean.index[-1], lang),
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
    status_text = i18n.status_name(a.status, lang)
    when = judgement_text(a.judged_on, lang)
    return latest + "; " + label("headline_status", lang, status=status_text, when=when, target=target) + "."


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
        when = fmt_period(str(as_of) if as_of else dt.date.today().isoformat(), lang)  # the latest data: as of today
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
        items.append(item + (f" ({i18n.document_name(target.document, lang)})" if target.document else ""))
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
