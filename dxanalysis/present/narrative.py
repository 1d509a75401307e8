"""The tables and sentences the notebooks show, in English or Vietnamese.

The notebooks hold narrative and calls only: every table they save and every sentence they print with numbers in
it is built here, from the public API, and tested. Tables keep their numbers numeric (for CSV and Excel) with column
headers in the reader's language; :func:`display_table` writes the numbers the language's way for reading.

>>> from dxanalysis import narrative
>>> narrative.parse_models("linear, drift_logit")
['linear', 'drift_logit']
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import STATUSES, TargetAssessment, assess_target
from dxanalysis.analysis.scenarios import NAMED_SCENARIOS, share_scenarios
from dxanalysis.analysis.trends import MIN_POINTS, MODELS, compare_trends
from dxanalysis.data.periods import Timing, period_time
from dxanalysis.errors import DxError, UnknownSeriesError
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_compact, fmt_number, fmt_percent, label

__all__ = [
    "assess_all_targets",
    "assessment_summaries",
    "assessment_table",
    "competing_series",
    "data_sufficiency",
    "display_table",
    "grid_table",
    "illustrative_scenarios",
    "indicator_headline",
    "load_series",
    "overview_headline",
    "parse_models",
    "provenance_summary",
    "revisions",
    "revisions_summary",
    "scenario_headline",
    "scenario_table",
    "scorecard_table",
    "sources_table",
    "summary_sentence",
    "trend_table",
]


def _as_of(as_of: str | dt.date | None) -> str | dt.date | None:
    """A notebook's empty ``as_of`` parameter means "the latest data"."""
    return as_of or None


def _headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column headers in the language (``col_<name>`` labels); other columns keep their names."""
    return frame.rename(columns={c: label(f"col_{c}", lang) for c in frame.columns if f"col_{c}" in i18n.LABELS})


def _num(x: Any) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


# ----------------------------------------------------------------------------------------------------------------------
# Parameters


def parse_models(text: str) -> list[str] | None:
    """A notebook's ``models`` parameter: comma-separated model names, or empty for every supported model.

    Raises :class:`~dxanalysis.DxError` naming an unknown model and the accepted ones.

    Examples
    --------
    >>> parse_models(""), parse_models("linear,growth")
    (None, ['linear', 'growth'])
    """
    if not isinstance(text, str):
        raise DxError(f"models must be text such as 'linear,drift', not a {type(text).__name__}")
    names = [m.strip() for m in text.split(",") if m.strip()]
    if not names:
        return None
    unknown = [m for m in names if m not in MODELS]
    if unknown:
        raise DxError(
            f"unknown model(s) {', '.join(map(repr, unknown))} in models={text!r}; accepted: {', '.join(MODELS)} "
            "(comma-separated), or empty for all"
        )
    return names


def load_series(indicator: str, series: str = "", geo: str = "VN", as_of: str | dt.date | None = "") -> pd.Series:
    """The figures of one series of an indicator, as :func:`dxanalysis.series` returns them.

    ``series=""`` takes the indicator's only series (an indicator with several asks you to choose); ``as_of=""`` the
    latest data. An indicator with no figures at all gives an empty series (its ``attrs`` still name it), so a
    notebook can say so instead of failing.

    >>> load_series("digital_economy_share_gdp", "mic").loc["2023"]
    np.float64(16.5)
    """
    try:
        return data.series(indicator, series or None, geo=geo, as_of=_as_of(as_of))
    except UnknownSeriesError:
        obs = data.load_observations(as_of=_as_of(as_of))
        if ((obs["indicator"] == indicator) & (obs["geo"] == geo)).any():
            raise  # the indicator has figures: the choice of series was wrong, and the error says why
        i18n.indicator_name(indicator)  # an unknown indicator raises here
        meta = data.indicators().set_index("id").loc[indicator]
        empty = pd.Series([], index=pd.Index([], name="year", dtype="int64"), name=indicator, dtype=float)
        empty.attrs = {
            "indicator": indicator,
            "series": series or "",
            "geo": geo,
            "unit": meta["unit"],
            "lower": _num(meta["lower"]),
            "upper": _num(meta["upper"]),
            "timing": meta["timing"],
            "as_of": None if not as_of else str(as_of),
            "status": {},
            "published": {},
            "source": {},
        }
        return empty


# ----------------------------------------------------------------------------------------------------------------------
# Tables for reading


def display_table(frame: pd.DataFrame, lang: str = "en", digits: int = 1) -> pd.DataFrame:
    """A copy of a table with its numbers written the language's way, for reading (not for saving).

    Decimal numbers get ``digits`` decimals (``12,3`` in Vietnamese), and from a million on are shortened
    (``105,16 tỷ``); whole numbers such as years are written as they are; missing values as ``—``.

    >>> t = pd.DataFrame({"year": [2025, 2026], "value": [1234.56, 105_155_696_565.04]})
    >>> display_table(t, "vi").to_dict("records")
    [{'year': '2025', 'value': '1.234,6'}, {'year': '2026', 'value': '105,2 tỷ'}]
    """
    lang = check_lang(lang)
    out = frame.copy()
    for column in out.columns:
        col = out[column]
        if pd.api.types.is_bool_dtype(col):
            out[column] = col.map(lambda v: label("yes" if v else "no", lang) if not pd.isna(v) else "—")
        elif pd.api.types.is_integer_dtype(col):
            out[column] = col.map(lambda v: "—" if pd.isna(v) else str(int(v)))
        elif pd.api.types.is_float_dtype(col):
            out[column] = col.map(lambda v: fmt_compact(v, lang, digits))  # 105.16 bn, not 105,155,696,565.04
    out = out.astype(object).where(out.notna(), "—")
    out.index = pd.Index([""] * len(out))  # row numbers mean nothing to a reader
    return out


def scorecard_table(card: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The scorecard of :func:`dxanalysis.scorecard` for a reader: names, statuses and headers in the language.

    Probabilities and growth rates are in percent.

    >>> import dxanalysis as dx
    >>> list(scorecard_table(dx.scorecard(), "vi").columns[:3])
    ['Trụ cột', 'Chỉ tiêu', 'Chuỗi số liệu']
    """
    lang = check_lang(lang)
    out = pd.DataFrame(
        {
            "pillar": card["pillar"].map(lambda p: i18n.pillar_name(str(p), lang)),
            "name": card["indicator"].map(lambda i: i18n.indicator_name(str(i), lang)),
            "series": card["series"].map(lambda s: i18n.series_name(str(s), lang) if isinstance(s, str) else ""),
            "latest": card["latest"].astype(float),
            "latest_period": card["latest_period"].map(lambda p: p if isinstance(p, str) else ""),
            "target": card["target"].astype(float),
            "target_year": card["target_year"].astype("Int64"),
            "document": card["document"],
            "status": card["status"].map(lambda s: i18n.status_name(str(s), lang)),
            "gap": card["gap"].astype(float),
            "required_annual_change": card["required_annual_change"].astype(float),
            "observed_annual_change": card["observed_annual_change"].astype(float),
            "projected": card["projected"].astype(float),
            "lower": card["lower"].astype(float),
            "upper": card["upper"].astype(float),
            "probability_met": 100 * card["probability_met"].astype(float),
            "year_reached": card["year_reached"].astype("Int64"),
        }
    )
    return _headers(out, lang)


def overview_headline(card: pd.DataFrame, lang: str = "en") -> str:
    """One sentence counting the scorecard's statuses.

    >>> card = pd.DataFrame({"status": ["achieved", "on track", "on track", "off track"]})
    >>> overview_headline(card, "vi")
    '4 chỉ tiêu có mục tiêu: 1 đã đạt, 2 đúng tiến độ, 1 chậm tiến độ, 0 chưa đủ dữ liệu'
    """
    lang = check_lang(lang)
    counts = card["status"].value_counts()
    parts = ", ".join(f"{int(counts.get(s, 0))} {i18n.status_name(s, lang)}" for s in STATUSES)
    return label("headline_overview", lang, n=len(card), parts=parts)


def sources_table(lang: str = "en") -> pd.DataFrame:
    """Every source the data cite, with how many published figures (every release) and targets cite it.

    >>> sources_table("vi").columns[:3].tolist()
    ['Mã nguồn', 'Cơ quan công bố', 'Tiêu đề']
    """
    lang = check_lang(lang)
    sources = data.load_sources()
    obs = data.load_observations(vintage="all")
    targets = data.load_targets()
    out = sources[["id", "publisher", "title", "date", "kind", "language", "url"]].copy()
    out["figures"] = out["id"].map(obs["source"].value_counts()).fillna(0).astype("int64")
    out["targets"] = out["id"].map(targets["source"].value_counts()).fillna(0).astype("int64")
    out = out.sort_values(["figures", "targets", "publisher"], ascending=[False, False, True], kind="stable")
    return _headers(out.reset_index(drop=True), lang)


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


def revisions(as_of: str | dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """Every figure published more than once: its first and latest release and the revision between them.

    One row per (indicator, geo, series, period) with two releases or more; ``change`` is the latest value minus
    the first (0 when the figure was only republished).

    >>> t = revisions()
    >>> bool((t["Releases"] >= 2).all())
    True
    """
    lang = check_lang(lang)
    obs = data.load_observations(as_of=_as_of(as_of), vintage="all")
    rows = []
    for (indicator, _geo, series, period), group in obs.groupby(["indicator", "geo", "series", "period"], sort=True):
        if len(group) < 2:
            continue
        first, last = group.iloc[0], group.iloc[-1]
        rows.append(
            {
                "indicator": indicator,
                "name": i18n.indicator_name(str(indicator), lang),
                "series": series,
                "period": period,
                "releases": len(group),
                "first_value": float(first["value"]),
                "latest_value": float(last["value"]),
                "change": float(last["value"]) - float(first["value"]),
                "first_published": first["published"],
                "latest_published": last["published"],
            }
        )
    columns = [
        "indicator",
        "name",
        "series",
        "period",
        "releases",
        "first_value",
        "latest_value",
        "change",
        "first_published",
        "latest_published",
    ]
    out = pd.DataFrame(rows, columns=columns)
    out["releases"] = out["releases"].astype("int64")
    for col in ("first_published", "latest_published"):
        out[col] = pd.to_datetime(out[col]).dt.date.map(lambda d: "" if pd.isna(d) else d.isoformat())
    return _headers(out, lang)


def revisions_summary(as_of: str | dt.date | None = None, lang: str = "en") -> str:
    """One sentence on the vintages: how many figures were published more than once, and how many revised.

    >>> "revised" in revisions_summary()
    True
    """
    lang = check_lang(lang)
    obs = data.load_observations(as_of=_as_of(as_of), vintage="all")
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


def competing_series(
    indicator: str = "digital_economy_share_gdp", lang: str = "en", *, geo: str = "VN", as_of: str | None = None
) -> pd.DataFrame:
    """An indicator's series side by side, one row per period (the latest release of each figure).

    With exactly two series, a last column gives their difference (first minus second, in the catalogue's order of
    producers: the ministry before the statistics office). Competing measures are shown apart, never blended.

    >>> t = competing_series("digital_economy_share_gdp")
    >>> list(t.columns)
    ['Period', 'Ministry (MIC)', 'Statistics office (GSO)', 'Difference (Ministry (MIC) − Statistics office (GSO))']
    """
    lang = check_lang(lang)
    i18n.indicator_name(indicator)
    obs = data.load_observations(as_of=_as_of(as_of))
    rows = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    order = ["mic", "gso", "itu", "un", "mps", "user"]
    series = sorted(rows["series"].unique(), key=lambda s: (order.index(s) if s in order else len(order), s))
    timing: Timing = "end" if data.indicators().set_index("id").at[indicator, "timing"] == "end" else "period"
    wide = rows.pivot_table(index="period", columns="series", values="value", aggfunc="last")
    wide = wide.reindex(columns=series)
    wide = wide.loc[sorted(wide.index, key=lambda p: period_time(p, timing))]
    names = {s: i18n.series_name(s, lang) for s in series}
    out = pd.DataFrame({"period": list(wide.index)})
    for s in series:
        out[names[s]] = wide[s].to_numpy(dtype=float)
    out = _headers(out, lang)
    if len(series) == 2:
        a, b = names[series[0]], names[series[1]]
        out[label("col_difference", lang, a=a, b=b)] = out[a] - out[b]
    return out


# ----------------------------------------------------------------------------------------------------------------------
# One indicator: data, trends, targets


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
    if n < min(MIN_POINTS.values()):
        return label("sufficiency_two", lang, n=n, figures=figures, span=span)
    fitted = [m for m in MODELS if n >= MIN_POINTS[m]]
    left_out = [i18n.model_name(m, lang) for m in MODELS if m not in fitted]
    text = label("sufficiency_ok", lang, n=n, figures=figures, span=span)
    if left_out:
        text += " " + label("sufficiency_except", lang, models=", ".join(left_out), k=MIN_POINTS["ets"])
    return text


def trend_table(
    s: pd.Series, models: Sequence[str] | None = None, *, level: float = 0.8, lang: str = "en"
) -> pd.DataFrame:
    """:func:`dxanalysis.compare_trends` for a reader: model names, statuses and headers in the language.

    The back-test holds out the last figure: its column says whether that figure fell inside the interval.

    >>> import dxanalysis as dx
    >>> t = trend_table(dx.series("digital_economy_share_gdp", "mic"), ["linear", "drift"])
    >>> t["Model"].tolist()
    ['Linear trend', 'Random walk with drift']
    """
    lang = check_lang(lang)
    if len(s.dropna()) == 0:
        table = pd.DataFrame({"model": list(models or MODELS), "status": "insufficient_data", "n": 0})
        table = table.reindex(columns=["model", "status", "n", "slope", "forecast_next", "lower_next", "upper_next"])
    else:
        table = compare_trends(s, models, level=level)
    out = pd.DataFrame(
        {
            "model": table["model"].map(lambda m: i18n.model_name(str(m), lang)),
            # a forecast held at the end of the indicator's range says so where the reader looks: its status
            "status": [
                i18n.status_name(str(row["status"]), lang)
                + (
                    label("held_at_bound", lang, value=fmt_number(row["forecast_next"], lang, 0))
                    if pd.notna(row.get("at_bound_next")) and bool(row.get("at_bound_next"))
                    else ""
                )
                for _, row in table.iterrows()
            ],
            "n": table["n"].astype("Int64"),
            "forecast_next": table["forecast_next"].astype(float),
            "lower_next": table["lower_next"].astype(float),
            "upper_next": table["upper_next"].astype(float),
            "backtest_mae": table.get("backtest_mae", pd.Series(np.nan, index=table.index)).astype(float),
            # one figure is held out: it fell inside the interval or it did not (a share of one would be 0 or 100%)
            "backtest_covered": table.get("backtest_covered", pd.Series(np.nan, index=table.index))
            .astype(float)
            .map(lambda v: pd.NA if pd.isna(v) else bool(v >= 1))
            .astype("boolean"),
        }
    )
    return _headers(out, lang)


def assess_all_targets(
    indicator: str,
    series: str = "",
    *,
    geo: str = "VN",
    level: float = 0.8,
    as_of: str | dt.date | None = "",
    model: str | None = None,
) -> list[TargetAssessment]:
    """The assessment of an indicator against each of its national target years, in year order.

    Targets that name another series are left out (the digital-economy targets are set on the ministry's estimate);
    with no figures, or no target, the list is empty.

    >>> [a.target_year for a in assess_all_targets("digital_economy_share_gdp", "mic")]
    [2023, 2024, 2025, 2030, 2045]
    """
    targets = data.load_targets(as_of=_as_of(as_of))
    rows = targets[(targets["indicator"] == indicator) & (targets["geo"] == geo)]
    if series:
        rows = rows[rows["series"].isin(["", series])]
    out = []
    for year in sorted(int(y) for y in rows["year"].unique()):
        try:
            a = assess_target(
                indicator,
                source=series or None,
                geo=geo,
                target_year=year,
                level=level,
                as_of=_as_of(as_of),
                model=model,
            )
        except DxError:
            continue
        out.append(a)
    return out


def assessment_table(assessments: Sequence[TargetAssessment], lang: str = "en") -> pd.DataFrame:
    """One row per assessed target: the gap, the required against the observed pace, the projection, the
    probability of meeting it and the status. Growth rates and probabilities in percent.

    >>> t = assessment_table(assess_all_targets("digital_economy_share_gdp", "mic"), "en")
    >>> t["Target year"].tolist()
    [2023, 2024, 2025, 2030, 2045]
    """
    lang = check_lang(lang)
    rows = [
        {
            "target_year": a.target_year,
            "target": a.target_value,
            "comparator": label(a.comparator, lang) if a.comparator in ("at_least", "at_most") else a.comparator,
            "document": a.document or "",
            "latest": a.latest_value,
            "latest_period": a.latest_period,
            "gap": a.gap,
            "required_annual_change": a.required_annual_change,
            "observed_annual_change": a.observed_annual_change,
            "required_growth_rate": 100 * a.required_growth_rate,
            "observed_growth_rate": 100 * a.observed_growth_rate,
            "model": i18n.model_name(a.model, lang),
            "projected": a.projected,
            "lower": a.projected_lower,
            "upper": a.projected_upper,
            "probability_met": 100 * a.probability_met,
            "year_reached": a.year_reached,
            "status": i18n.status_name(a.status, lang),
        }
        for a in assessments
    ]
    columns = [
        "target_year",
        "target",
        "comparator",
        "document",
        "latest",
        "latest_period",
        "gap",
        "required_annual_change",
        "observed_annual_change",
        "required_growth_rate",
        "observed_growth_rate",
        "model",
        "projected",
        "lower",
        "upper",
        "probability_met",
        "year_reached",
        "status",
    ]
    out = pd.DataFrame(rows, columns=columns)
    out["target_year"] = out["target_year"].astype("Int64")
    out["year_reached"] = pd.array([None if y is None else int(y) for y in out["year_reached"]], dtype="Int64")
    for col in columns:
        if col not in ("target_year", "year_reached", "comparator", "document", "latest_period", "model", "status"):
            out[col] = out[col].astype(float)
    return _headers(out, lang)


def summary_sentence(a: TargetAssessment, lang: str = "en") -> str:
    """The assessment in one sentence an economist can quote, in the language.

    >>> import dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> summary_sentence(a, "vi").split(":")[0]
    'Đúng tiến độ so với mục tiêu tối thiểu 20 vào năm 2025'
    """
    lang = check_lang(lang)
    digits = _digits_of([a.latest_value, a.target_value])
    target = label(
        "target_text",
        lang,
        comparator=label(a.comparator, lang) if a.comparator in ("at_least", "at_most") else a.comparator,
        value=fmt_number(a.target_value, lang, _digits_of([a.target_value])),
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


def _signed(x: float, lang: str) -> str:
    text = fmt_number(x, lang, 2)
    return text if text.startswith(("-", "—")) else "+" + text


def _fmt_figure(value: float, lang: str) -> str:
    """A figure in a sentence: with the decimals it was published with, or shortened when large (101.54 bn)."""
    return fmt_compact(value, lang, _digits_of([value]), short_digits=2)


def _digits_of(values: Sequence[float]) -> int:
    for d in range(3):
        if all(not math.isfinite(v) or abs(round(v, d) - v) < 1e-9 for v in map(_num, values)):
            return d
    return 2


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

    The target is the first one after the latest figure's year (as the scorecard assesses), else the last one.

    >>> import dxanalysis as dx
    >>> s = dx.series("digital_economy_share_gdp", "mic")
    >>> print(indicator_headline(s, assess_all_targets("digital_economy_share_gdp", "mic")))
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
    if not assessments:
        return latest + "; " + label("headline_no_target", lang) + "."
    last_year = assessments[0].fit.last_figure_year() if assessments[0].fit.n else 0
    upcoming = [a for a in assessments if a.target_year > last_year]
    a = upcoming[0] if upcoming else assessments[-1]
    target = label(
        "target_text",
        lang,
        comparator=label(a.comparator, lang),
        value=_fmt_figure(a.target_value, lang) + pct,
        year=a.target_year,
    )
    return latest + "; " + label("headline_status", lang, status=i18n.status_name(a.status, lang), target=target) + "."


# ----------------------------------------------------------------------------------------------------------------------
# Scenarios


def illustrative_scenarios(lang: str = "en") -> dict[str, tuple[float, float]]:
    """The 8th-session scenario and three others around it, as name -> (part growth, whole growth).

    The 8th session's report assumed the digital economy grows 20% a year, three times as fast as GDP (so GDP
    grows 6.7%); the others keep GDP's 6.7% and let the digital economy grow twice or four times as fast, or keep
    the digital economy's 20% with GDP growing 8%.

    >>> list(illustrative_scenarios("en").values())[0]
    (0.2, 0.06666666666666667)
    """
    lang = check_lang(lang)
    named = next(iter(NAMED_SCENARIOS.values()))
    part, whole = float(named["part_growth"]), float(named["whole_growth"])
    return {
        label("scenario_8th", lang): (part, whole),
        label("scenario_times", lang, k=2): (2 * whole, whole),
        label("scenario_times", lang, k=4): (4 * whole, whole),
        label("scenario_fast_gdp", lang, whole=fmt_percent(0.08, lang, 0)): (part, 0.08),
    }


def scenario_table(
    start: float,
    start_year: int,
    scenarios: Mapping[str, tuple[float, float]],
    until: int,
    targets: Mapping[int, float],
    lang: str = "en",
) -> pd.DataFrame:
    """One row per scenario: its growth rates, the share in each target year and in ``until``, and the first year
    each target value is reached (empty when not by ``until``).

    >>> t = scenario_table(16.5, 2023, {"a": (0.2, 0.2 / 3)}, 2035, {2025: 20, 2030: 30})
    >>> t.iloc[0, 3:5].round(1).tolist()
    [20.9, 37.6]
    """
    lang = check_lang(lang)
    rows = []
    years = sorted({*targets, until})
    for name, (gp, gw) in scenarios.items():
        path = share_scenarios(start=start, start_year=start_year, part_growth=gp, whole_growth=gw, until=until)
        share = dict(zip(path["year"].astype(int), path["share"], strict=True))
        row: dict[str, Any] = {
            label("col_scenario", lang): name,
            label("col_part_growth", lang): 100 * gp,
            label("col_whole_growth", lang): 100 * gw,
        }
        for year in years:
            row[label("col_share", lang, year=year)] = share.get(year, math.nan)
        for value in sorted(set(targets.values())):
            hit = path.loc[path["share"] >= value, "year"]
            row[label("col_reached", lang, value=fmt_number(value, lang, _digits_of([value])))] = (
                int(hit.iloc[0]) if len(hit) else None
            )
        rows.append(row)
    out = pd.DataFrame(rows)
    for column in out.columns[3 + len(years) :]:
        out[column] = pd.array(list(out[column]), dtype="Int64")
    return out


def grid_table(grid: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The grid of :func:`dxanalysis.share_scenario_grid` for a reader: growth rates in percent, headers in the
    language.

    >>> import dxanalysis as dx
    >>> g = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.2], whole_growth=[0.07],
    ...                            targets={2030: 30})
    >>> list(grid_table(g, "en").columns)
    ['Digital economy growth (%)', 'GDP growth (%)', 'Share in 2030 (%)', '2030 target met', 'Year 30% is reached']
    """
    lang = check_lang(lang)
    out = pd.DataFrame(index=grid.index)
    for column in grid.columns:
        name = str(column)
        if name == "part_growth":
            out[label("col_part_growth", lang)] = 100 * grid[column]
        elif name == "whole_growth":
            out[label("col_whole_growth", lang)] = 100 * grid[column]
        elif name.startswith("share_"):
            out[label("col_share", lang, year=name.removeprefix("share_"))] = grid[column]
        elif name.startswith("on_time_"):
            out[label("col_on_time", lang, year=name.removeprefix("on_time_"))] = grid[column]
        elif name.startswith("reached_"):
            value = name.removeprefix("reached_")
            out[label("col_reached", lang, value=value.replace(".", "," if lang == "vi" else "."))] = grid[column]
        else:
            out[name] = grid[column]
    return out.reset_index(drop=True)


def scenario_headline(
    grid: pd.DataFrame,
    targets: Mapping[int, float],
    lang: str = "en",
    *,
    scenarios: Mapping[str, tuple[float, float]] | None = None,
    start: float | None = None,
    start_year: int | None = None,
) -> str:
    """One sentence: how many growth pairs of the grid meet each target on time, and when the first scenario (the
    8th session's, by default) reaches each target.

    >>> import dxanalysis as dx
    >>> g = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.1, 0.2], whole_growth=[0.066],
    ...                            targets={2025: 20, 2030: 30})
    >>> text = scenario_headline(g, {2025: 20, 2030: 30}, start=16.5, start_year=2023)
    >>> text.split(";")[0]
    'Of 2 growth pairs, 1 reach 20% by 2025 and 1 reach 30% by 2030'
    >>> text.split("share reaches ")[1]
    '20% in 2025 and 30% in 2029.'
    """
    lang = check_lang(lang)
    parts = []
    for year, value in sorted(targets.items()):
        column = f"on_time_{year}"
        met = int(grid[column].sum()) if column in grid.columns else 0
        parts.append(
            label("headline_pairs_part", lang, met=met, value=fmt_number(value, lang, _digits_of([value])), year=year)
        )
    text = label("headline_pairs", lang, n=len(grid), parts=label("and_join", lang).join(parts))
    if start is not None and start_year is not None:
        scenarios = scenarios or illustrative_scenarios(lang)
        name, (gp, gw) = next(iter(scenarios.items()))
        path = share_scenarios(start=start, start_year=start_year, part_growth=gp, whole_growth=gw, until=2100)
        reached = []
        for value in sorted(set(targets.values())):
            hit = path.loc[path["share"] >= value, "year"]
            when = str(int(hit.iloc[0])) if len(hit) else label("not_reached", lang)
            reached.append(
                label("headline_reached_part", lang, value=fmt_number(value, lang, _digits_of([value])), year=when)
            )
        text += "; " + label("headline_first_scenario", lang, name=name, parts=label("and_join", lang).join(reached))
    return text + "."
