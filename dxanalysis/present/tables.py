"""The tables the notebooks show and save, in English or Vietnamese.

Tables keep their numbers numeric (for CSV and Excel) with column headers in the reader's language;
:func:`display_table` writes the numbers the language's way for reading. Each is built from the public API and
tested, so a notebook holds narrative and calls only. A date parameter ``as_of`` given as ``""`` (a notebook's empty
parameter) means the latest data, as ``None`` does.

>>> from dxanalysis.present import tables
>>> tables.display_table(pd.DataFrame({"share": [16.5]}), "vi").to_dict("list")
{'share': ['16,5']}
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.models import FIT_STATUSES, MODELS, REGISTRY
from dxanalysis.analysis.scenarios import (
    NAMED_SCENARIOS,
    implausible_from,
    implied_part_growth,
    required_share_growth,
    share_scenarios,
)
from dxanalysis.analysis.timeseries import LeftOut, period_freq
from dxanalysis.analysis.trends import compare_trends
from dxanalysis.data.periods import Timing, period_time
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_compact, fmt_number, fmt_percent, fmt_period, label
from dxanalysis.present.numbers import decimals_needed
from dxanalysis.present.verdict_tables import assessment_table, scorecard_table

if TYPE_CHECKING:
    from dxanalysis.analysis.targets import Target

__all__ = [
    "assessment_table",
    "competing_series",
    "display_table",
    "figures_words",
    "grid_table",
    "illustrative_scenarios",
    "left_out_words",
    "model_label",
    "required_growth_table",
    "revisions",
    "scenario_table",
    "scorecard_table",
    "sources_table",
    "trend_table",
]


def _headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column headers in the language (``col_<name>`` labels); other columns keep their names."""
    return frame.rename(columns={c: label(f"col_{c}", lang) for c in frame.columns if f"col_{c}" in i18n.LABELS})


# ----------------------------------------------------------------------------------------------------------------------
# The data: figures, sources, releases


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
    out["date"] = out["date"].map(lambda d: fmt_period(d, lang))
    out = out.sort_values(["figures", "targets", "publisher"], ascending=[False, False, True], kind="stable")
    return _headers(out.reset_index(drop=True), lang)


def revisions(as_of: str | dt.date | None = None, lang: str = "en", *, geo: str = "VN") -> pd.DataFrame:
    """Every release of every figure for ``geo`` published more than once by its producer, in order, with the
    revision from the release before (:func:`dxanalysis.data.releases`: undated figures are nobody's revision).

    >>> t = revisions()
    >>> bool((t["Releases"] >= 2).all()) and bool((t["Release"] <= t["Releases"]).all())
    True
    """
    lang = check_lang(lang)
    out = data.releases(as_of or None)
    out = out[out["geo"] == geo].reset_index(drop=True)
    out.insert(1, "name", out["indicator"].map(lambda i: i18n.indicator_name(str(i), lang)))
    out = out.drop(columns=["geo", "previous"]).rename(columns={"revision": "change"})
    out["period"] = out["period"].map(lambda p: fmt_period(p, lang))
    out["published"] = out["published"].dt.date.map(lambda d: "" if pd.isna(d) else fmt_period(d, lang))
    return _headers(out, lang)


def competing_series(
    indicator: str = "digital_economy_share_gdp",
    lang: str = "en",
    *,
    geo: str = "VN",
    as_of: str | dt.date | None = None,
) -> pd.DataFrame:
    """An indicator's series side by side, one row per period (the latest release of each figure).

    With exactly two series, a last column gives their difference (first minus second, in the producers' order of
    :func:`dxanalysis.data.producer_order`: the ministry before the statistics office). Competing measures are shown
    apart, never blended.

    >>> t = competing_series("digital_economy_share_gdp")
    >>> list(t.columns)
    ['Period', 'Ministry (MIC)', 'Statistics office (GSO)', 'Difference (Ministry (MIC) − Statistics office (GSO))']
    """
    lang = check_lang(lang)
    i18n.indicator_name(indicator)
    obs = data.load_observations(as_of=as_of or None)
    rows = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    series = data.producer_order(rows["series"])
    timing: Timing = "end" if (data.catalogue_entry(indicator) or {}).get("timing") == "end" else "period"
    wide = rows.pivot_table(index="period", columns="series", values="value", aggfunc="last")
    wide = wide.reindex(columns=series)
    wide = wide.loc[sorted(wide.index, key=lambda p: period_time(p, timing))]
    names = {s: i18n.series_name(s, lang) for s in series}
    out = pd.DataFrame({"period": [fmt_period(p, lang) for p in wide.index]})
    for s in series:
        out[names[s]] = wide[s].to_numpy(dtype=float)
    out = _headers(out, lang)
    if len(series) == 2:
        a, b = names[series[0]], names[series[1]]
        out[label("col_difference", lang, a=a, b=b)] = out[a] - out[b]
    return out


# ----------------------------------------------------------------------------------------------------------------------
# One indicator: trends and targets


def left_out_words(left_out: Sequence[LeftOut], lang: str = "en") -> str:
    """The figures a fit left out, and why, in the language: each repeated estimate or date by name, the figures of
    other windows together.

    >>> from dxanalysis.analysis.timeseries import LeftOut
    >>> left_out_words([LeftOut("2024-H1", "same_estimate", "2024")], "vi")
    '6 tháng đầu năm 2024, cùng một ước tính với số liệu năm 2024'
    >>> left_out_words([LeftOut("2024-H1", "other_window", "year"), LeftOut("2025-06", "other_window", "year")])
    "2024-H1 and 2025-06, windows other than the series' annual figures"
    """
    lang = check_lang(lang)
    parts: list[str] = []
    windows: dict[str, list[str]] = {}
    for item in left_out:
        if item.reason == "same_estimate":
            key = "left_out_same_estimate_annual" if item.kept.isdigit() else "left_out_same_estimate"
            parts.append(label(key, lang, period=fmt_period(item.period, lang), kept=fmt_period(item.kept, lang)))
        elif item.reason == "same_date":
            parts.append(
                label(
                    "left_out_same_date", lang, period=fmt_period(item.period, lang), kept=fmt_period(item.kept, lang)
                )
            )
        else:
            windows.setdefault(item.kept, []).append(fmt_period(item.period, lang))
    for freq, periods in windows.items():
        word = label(f"freq_{freq}", lang) if f"freq_{freq}" in i18n.LABELS else freq
        joined = periods[0] if len(periods) == 1 else ", ".join(periods[:-1]) + label("and", lang) + periods[-1]
        parts.append(label("left_out_other_window", lang, periods=joined, freq=word))
    return "; ".join(parts)


def figures_words(s: pd.Series, lang: str = "en") -> str:
    """ "figures" with the series' frequency where all its figures share one ("4 annual figures").

    >>> figures_words(pd.Series([1.0, 2.0], index=["2023", "2024"])), figures_words(pd.Series([1.0], index=["2024-04"]))
    ('annual figures', 'monthly figure')
    """
    lang = check_lang(lang)
    freqs = {str(period_freq(k)) for k in s.dropna().index}
    one = int(s.notna().sum()) == 1
    if len(freqs) != 1 or f"freq_{next(iter(freqs))}" not in i18n.LABELS:
        return ("figure" if one else "figures") if lang == "en" else "số liệu"
    return label("figure_of_freq" if one else "figures_of_freq", lang, freq=label(f"freq_{freqs.pop()}", lang))


def model_label(model: str, ceiling: float | None = None, lang: str = "en", *, upper: float | None = None) -> str:
    """A trend model's name, with the ceiling a logit model saturates at where it is below the unit's ``upper``
    bound: a saturating take-up's plausible ceiling ("toward a ceiling of 95"), not the unit's 100.

    >>> model_label("drift_logit", 95.0, upper=100.0)
    'Random walk with drift (logit scale), toward a ceiling of 95'
    >>> model_label("drift_logit", 100.0, upper=100.0), model_label("linear", float("nan"), "vi")
    ('Random walk with drift (logit scale)', 'Xu hướng tuyến tính')
    """
    name = i18n.model_name(model, lang)
    if ceiling is None or not math.isfinite(ceiling) or model not in REGISTRY or REGISTRY[model].scale != "logit":
        return name
    if upper is not None and math.isfinite(upper) and ceiling >= upper:
        return name
    return label("model_with_ceiling", lang, model=name, ceiling=fmt_number(ceiling, lang, decimals_needed([ceiling])))


def _float_or_none(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def trend_table(
    s: pd.Series, models: Sequence[str] | None = None, *, level: float = 0.8, lang: str = "en"
) -> pd.DataFrame:
    """:func:`dxanalysis.compare_trends` for a reader: model names (a logit model's with its ceiling), statuses,
    next year's projection and why it may carry no probability (its caveat), and headers in the language.

    The fits count one figure per period (the ministry's 18.3 quoted for 2024-H1 and for 2024 once). The back-test
    holds out the last of them: its column says whether that figure fell inside the interval. A model with no
    calibration factors (ETS) shows its raw interval and says so in its status.

    >>> import dxanalysis as dx
    >>> t = trend_table(dx.series("digital_economy_share_gdp", "mic"), ["linear", "drift_logit"])
    >>> t["Model"].tolist(), t["Figures"].tolist()
    (['Linear trend', 'Random walk with drift (logit scale)'], [5, 5])
    >>> trend_table(dx.series("fibre_households_using"), ["drift_logit"])["Model"].item()
    'Random walk with drift (logit scale), toward a ceiling of 95'
    """
    lang = check_lang(lang)
    columns = ["model", "status", "n", "slope", "forecast_next", "lower_next", "upper_next", "caveat_next", "ceiling"]
    if len(s.dropna()) == 0:
        table = pd.DataFrame({"model": list(models or MODELS), "status": FIT_STATUSES.insufficient_data, "n": 0})
        table = table.reindex(columns=columns)
    else:
        table = compare_trends(s, models, level=level)
    out = pd.DataFrame(
        {
            "model": [
                model_label(str(row["model"]), row.get("ceiling"), lang, upper=_float_or_none(s.attrs.get("upper")))
                for _, row in table.iterrows()
            ],
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
            "caveat_next": [
                label(f"caveat_{c}", lang) if isinstance(c, str) and f"caveat_{c}" in i18n.LABELS else ""
                for c in table["caveat_next"]
            ],
            "backtest_mae": table.get("backtest_mae", pd.Series(np.nan, index=table.index)).astype(float),
            # one figure is held out: it fell inside the interval or it did not (a share of one would be 0 or 100%)
            "backtest_covered": table.get("backtest_covered", pd.Series(np.nan, index=table.index))
            .astype(float)
            .map(lambda v: pd.NA if pd.isna(v) else bool(v >= 1))
            .astype("boolean"),
        }
    )
    return _headers(out, lang)


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
    """One row per scenario: its nominal growth rates, the share in each target year and in ``until``, the first
    year each target value is reached (empty when not by ``until``) and whether the path stays plausible.

    A share of GDP at or above 100% is impossible: from the year a path reaches it, its shares are left empty, no
    target counts as reached, and the last column says so ("reaches 100% of GDP in 2034: implausible beyond").

    >>> t = scenario_table(16.5, 2023, {"a": (0.2, 0.2 / 3)}, 2035, {2025: 20, 2030: 30})
    >>> t.iloc[0, 3:5].round(1).tolist()
    [20.9, 37.6]
    >>> t.iloc[0, -1]
    'below 100% of GDP to 2035'
    """
    lang = check_lang(lang)
    rows = []
    years = sorted(y for y in {*targets, until} if y > start_year)
    for name, (gp, gw) in scenarios.items():
        path = share_scenarios(start=start, start_year=start_year, part_growth=gp, whole_growth=gw, until=until)
        bound_year = implausible_from(path)
        plausible = path[~path["implausible"]]
        share = dict(zip(plausible["year"].astype(int), plausible["share"], strict=True))
        row: dict[str, Any] = {
            label("col_scenario", lang): name,
            label("col_part_growth", lang): 100 * gp,
            label("col_whole_growth", lang): 100 * gw,
        }
        for year in years:
            row[label("col_share", lang, year=year)] = share.get(year, math.nan)
        for value in sorted(set(targets.values())):
            hit = plausible.loc[plausible["share"] >= value, "year"]
            row[label("col_reached", lang, value=fmt_number(value, lang, decimals_needed([value])))] = (
                int(hit.iloc[0]) if len(hit) else None
            )
        row[label("col_plausibility", lang)] = _plausibility(bound_year, path.attrs["bound"], until, lang)
        rows.append(row)
    out = pd.DataFrame(rows)
    for column in out.columns[3 + len(years) : -1]:
        out[column] = pd.array(list(out[column]), dtype="Int64")
    return out


def _plausibility(bound_year: int | None, bound: float, until: int, lang: str) -> str:
    """Where a path leaves the plausible range, or that it does not by ``until``."""
    value = fmt_number(bound, lang, decimals_needed([bound]))
    if bound_year is None:
        return label("plausible_to", lang, bound=value, until=until)
    return label("implausible_beyond", lang, bound=value, year=bound_year)


def grid_table(grid: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The grid of :func:`dxanalysis.share_scenario_grid` for a reader: nominal growth rates in percent, headers in
    the language; a share in a year the path has reached 100% of GDP is left empty (the last column gives that year).

    >>> import dxanalysis as dx
    >>> g = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.2], whole_growth=[0.07],
    ...                            targets={2030: 30})
    >>> list(grid_table(g, "en").columns)  # doctest: +NORMALIZE_WHITESPACE
    ['Nominal digital-economy growth (%)', 'Nominal GDP growth (%)', 'Share in 2030 (%)', '2030 target met',
     'Year 30% is reached', 'Year the share reaches 100% of GDP (implausible from then)']
    """
    lang = check_lang(lang)
    out = pd.DataFrame(index=grid.index)
    bound_year = grid["implausible_from"] if "implausible_from" in grid.columns else None
    for column in grid.columns:
        name = str(column)
        if name == "part_growth":
            out[label("col_part_growth", lang)] = 100 * grid[column]
        elif name == "whole_growth":
            out[label("col_whole_growth", lang)] = 100 * grid[column]
        elif name.startswith("share_"):
            year = name.removeprefix("share_")
            shares = grid[column].astype(float)
            if bound_year is not None:
                shares = shares.mask((bound_year <= int(year)).fillna(False).astype(bool))
            out[label("col_share", lang, year=year)] = shares
        elif name.startswith("on_time_"):
            out[label("col_on_time", lang, year=name.removeprefix("on_time_"))] = grid[column]
        elif name.startswith("reached_"):
            value = name.removeprefix("reached_")
            out[label("col_reached", lang, value=value.replace(".", "," if lang == "vi" else "."))] = grid[column]
        elif name == "implausible_from":
            out[label("col_implausible_from", lang)] = grid[column]
        else:
            out[name] = grid[column]
    return out.reset_index(drop=True)


def required_growth_table(
    start: float,
    start_year: int,
    targets: Sequence[Target] | Mapping[int, float],
    whole_growth: Sequence[float],
    lang: str = "en",
) -> pd.DataFrame:
    """One row per target: the growth a year **of the share** needed from the start to the target, and the nominal
    growth of the digital economy that implies at each stated nominal GDP growth.

    The share's growth is not the digital economy's: at nominal GDP growth ``g`` the digital economy must grow
    ``(1 + share growth) * (1 + g) - 1`` a year.

    >>> t = required_growth_table(16.5, 2023, {2030: 30}, [0.067])
    >>> t.iloc[0, 3:].round(2).tolist()
    [8.92, 16.21]
    """
    lang = check_lang(lang)
    items = (
        [(t.year, t.value, t.document or "") for t in targets]
        if not isinstance(targets, Mapping)
        else [(int(y), float(v), "") for y, v in sorted(targets.items())]
    )
    rows = []
    for year, value, document in items:
        if year <= start_year:
            continue
        growth = required_share_growth(start, start_year, value, year)
        row: dict[str, Any] = {
            label("col_target_year", lang): year,
            label("col_target", lang): value,
            label("col_document", lang): document,
            label("col_required_share_growth", lang): 100 * growth,
        }
        for g in whole_growth:
            column = label("col_implied_part_growth", lang, whole=fmt_percent(float(g), lang, 1))
            row[column] = 100 * implied_part_growth(growth, float(g))
        rows.append(row)
    out = pd.DataFrame(rows)
    if len(out):
        out[label("col_target_year", lang)] = out[label("col_target_year", lang)].astype("Int64")
    return out
