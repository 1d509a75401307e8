"""Target assessment: where an indicator stands against its national target, and where its trend leads.

In the spirit of the EU Digital Decade trajectories: the latest figure against the target, the pace required to
reach it (from the baseline, the fixed path, and from the latest figure, the re-anchored path) against the pace
observed, the trend's projection at the target year with its interval and the probability of meeting the target,
and a status.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis.analysis.trends import MODELS, TrendFit, fit_trend, series_times
from dxanalysis.data.periods import Timing, year_time
from dxanalysis.errors import DxError, UnknownSeriesError

__all__ = ["STATUSES", "TargetAssessment", "assess_target", "scorecard"]

STATUSES = ("achieved", "on track", "off track", "insufficient data")
#: The year up to which the trend is followed to find when it reaches a target.
SEARCH_UNTIL = 2060


@dataclass
class TargetAssessment:
    """The assessment of one indicator against one target. See :func:`assess_target` for the rule of ``status``.

    >>> import dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> a.status, a.latest_period, round(a.gap, 2)
    ('on track', '2023', 3.5)
    """

    indicator: str | None
    series: str | None
    geo: str
    target_value: float
    target_year: int
    comparator: str
    document: str | None
    latest_value: float
    latest_period: str
    latest_status: str | None
    baseline_value: float
    baseline_period: str
    gap: float
    years_left: float
    required_annual_change: float
    required_growth_rate: float
    observed_annual_change: float
    observed_growth_rate: float
    model: str
    projected: float
    projected_lower: float
    projected_upper: float
    probability_met: float
    year_reached: int | None
    status: str
    reason: str
    level: float
    projections: pd.DataFrame = field(repr=False)
    paths: pd.DataFrame = field(repr=False)
    fit: TrendFit = field(repr=False)

    def summary(self, lang: str = "en") -> str:
        """One sentence an economist can quote, in English (``"en"``) or Vietnamese (``"vi"``)."""
        from dxanalysis.present.narrative import summary_sentence

        return summary_sentence(self, lang)

    def to_dict(self) -> dict[str, Any]:
        skip = {"projections", "paths", "fit"}
        return {k: v for k, v in self.__dict__.items() if k not in skip}


def _meets(value: float, target: float, comparator: str) -> bool:
    return value >= target if comparator == "at_least" else value <= target


def assess_target(
    indicator: str | pd.Series,
    *,
    source: str | None = None,
    geo: str = "VN",
    target_year: int | None = None,
    document: str | None = None,
    target: float | None = None,
    comparator: str = "at_least",
    model: str | None = None,
    level: float = 0.8,
    as_of: str | dt.date | None = None,
    calibrated: bool = True,
) -> TargetAssessment:
    """Assess an indicator against a national target.

    Parameters
    ----------
    indicator
        A catalogue id (its figures and targets are loaded), or a Series of figures (then give ``target`` and
        ``target_year``).
    source
        The series to assess; defaults to the one the target names, or the indicator's only series.
    target_year, document
        Which target: by default the first target year after the latest figure's year (or, when every target year
        has passed, the last one); of several documents setting a target for that year, the most demanding (the
        others are in :func:`dxanalysis.load_targets`).
    target, comparator
        A target of your own instead of the national one: a value and ``"at_least"`` or ``"at_most"``.
    model
        The trend model of the projection and status (default: the indicator's default model). Every model the
        series supports is projected in ``projections``.
    level
        The prediction interval's probability.
    as_of
        Assess with the figures and targets known on that date.

    Returns
    -------
    TargetAssessment
        With ``gap`` (how far the latest figure is from the target, positive when still to go),
        ``required_annual_change`` and ``required_growth_rate`` (the pace needed from the latest figure to the target
        year), ``observed_annual_change`` and ``observed_growth_rate`` (the average pace over the series),
        ``projected`` with ``projected_lower``/``projected_upper`` (the trend at the target year),
        ``probability_met``, ``year_reached`` (the first year the trend meets the target, up to 2060), ``paths``
        (the fixed required path from the baseline — the last figure known when the target was adopted — and the
        path re-anchored on the latest figure), ``projections`` (every supported model) and ``status``.

    Notes
    -----
    The status follows this rule, in order:

    1. **achieved** — the latest figure meets the target;
    2. **insufficient data** — the model cannot be fitted (fewer than three figures);
    3. **off track** — the target year has passed (the latest figure describes it or a later period) without the
       target being met;
    4. **on track** — the trend's projection for the target year meets the target (a probability of meeting it of
       50% or more);
    5. **off track** — otherwise.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> round(a.required_annual_change, 2), round(a.required_growth_rate, 4)
    (1.75, 0.101)
    """
    from dxanalysis import data

    if isinstance(indicator, pd.Series):
        if target is None or target_year is None:
            raise DxError("assessing a Series needs target=… and target_year=…")
        s, tgt = indicator, _own_target(target, target_year, comparator)
        adopted = None
    else:
        tgt = _choose_target(indicator, geo, source, target_year, document, target, comparator, as_of)
        source = source or (tgt["series"] or None)
        s = data.series(indicator, source, geo=geo, as_of=as_of)
        adopted = tgt.get("adopted")
    return _assess(s, tgt, adopted=adopted, geo=geo, model=model, level=level, calibrated=calibrated)


def _own_target(value: float, year: int, comparator: str) -> dict[str, Any]:
    if comparator not in ("at_least", "at_most"):
        raise DxError(f"comparator={comparator!r}; accepted: 'at_least' or 'at_most'")
    return {"value": float(value), "year": int(year), "comparator": comparator, "document": None, "series": ""}


def _choose_target(
    indicator: str,
    geo: str,
    source: str | None,
    target_year: int | None,
    document: str | None,
    target: float | None,
    comparator: str,
    as_of: str | dt.date | None,
) -> dict[str, Any]:
    from dxanalysis import data

    if target is not None:
        if target_year is None:
            raise DxError("a target of your own needs target_year=…")
        return _own_target(target, target_year, comparator)
    targets = data.load_targets(as_of=as_of)
    rows = targets[(targets["indicator"] == indicator) & (targets["geo"] == geo)]
    if source is not None:
        rows = rows[rows["series"].isin(["", source])]
    if rows.empty:
        known = set(data.indicators()["id"])
        if indicator not in known:
            from dxanalysis.errors import UnknownIndicatorError

            raise UnknownIndicatorError(indicator, sorted(known))
        raise DxError(
            f"{indicator} has no national target for geo {geo!r}"
            + (f" known on {as_of}" if as_of else "")
            + "; give one with target=… and target_year=…"
        )
    if document is not None:
        rows = rows[rows["document"].str.contains(document, regex=False)]
        if rows.empty:
            raise DxError(f"no target of {indicator} set by a document matching {document!r}")
    if target_year is None:
        target_year = _default_target_year(indicator, geo, source, rows, as_of)
    chosen = rows[rows["year"] == target_year]
    if chosen.empty:
        raise DxError(f"{indicator} has no target for {target_year}; accepted: {sorted(rows['year'].unique())}")
    # several documents may set a target for the same year: the most demanding one in force is assessed
    demanding = chosen["value"].max() if chosen.iloc[0]["comparator"] == "at_least" else chosen["value"].min()
    row: dict[str, Any] = chosen[chosen["value"] == demanding].sort_values("adopted").iloc[-1].to_dict()
    return row


def _default_target_year(
    indicator: str, geo: str, source: str | None, rows: pd.DataFrame, as_of: str | dt.date | None
) -> int:
    from dxanalysis import data

    years = sorted(int(y) for y in rows["year"].unique())
    try:
        s = data.series(indicator, source or (rows.iloc[0]["series"] or None), geo=geo, as_of=as_of)
    except DxError:
        return years[-1]
    offset = 1.0 if s.attrs.get("timing") == "end" else 0.5
    last = math.floor(float(series_times(s)[0].max()) - offset + 1e-9)
    later = [y for y in years if y > last]
    return later[0] if later else years[-1]


def _assess(
    s: pd.Series,
    tgt: dict[str, Any],
    *,
    adopted: Any,
    geo: str,
    model: str | None,
    level: float,
    calibrated: bool,
) -> TargetAssessment:
    value, year, comparator = float(tgt["value"]), int(tgt["year"]), str(tgt["comparator"])
    try:
        fit = fit_trend(s, model)
    except DxError as exc:  # the model cannot take these values (e.g. a share at its ceiling): no projection
        fit = fit_trend(s, "linear")
        fit.status, fit.message, fit._predict = "insufficient_data", str(exc), None
    if fit.n == 0:
        raise DxError("no figures to assess")
    timing: Timing = fit.timing  # type: ignore[assignment]
    t_target = year_time(year, timing)
    latest_v, latest_t, latest_p = float(fit.values[-1]), float(fit.times[-1]), fit.labels[-1]
    first_v, first_t = float(fit.values[0]), float(fit.times[0])
    statuses = s.attrs.get("status") or {}
    latest_status = statuses.get(_index_key(s, latest_p))

    sign = 1.0 if comparator == "at_least" else -1.0
    gap = sign * (value - latest_v)
    years_left = t_target - latest_t
    req_change = (value - latest_v) / years_left if years_left > 0 else math.nan
    req_growth = (
        (value / latest_v) ** (1 / years_left) - 1 if years_left > 0 and latest_v > 0 and value > 0 else math.nan
    )
    span = latest_t - first_t
    obs_change = (latest_v - first_v) / span if span > 0 else math.nan
    obs_growth = (latest_v / first_v) ** (1 / span) - 1 if span > 0 and first_v > 0 and latest_v > 0 else math.nan

    # baseline of the fixed path: the last figure known when the target was adopted (else the first figure)
    base_i = 0
    if adopted is not None and not pd.isna(adopted):
        published = s.attrs.get("published") or {}
        known = [
            i
            for i, lab in enumerate(fit.labels)
            if (p := published.get(_index_key(s, lab))) is not None and not pd.isna(p) and p <= adopted
        ]
        base_i = known[-1] if known else 0
    base_v, base_t, base_p = float(fit.values[base_i]), float(fit.times[base_i]), fit.labels[base_i]

    projections = _projections(s, model or fit.model, value, comparator, t_target, level, calibrated, timing)
    main = projections[projections["model"] == fit.model]
    if years_left <= 0:  # the data already describe the target year: nothing to project
        projected = lo = hi = prob = math.nan
    elif fit.status == "ok" and not main.empty:
        m = main.iloc[0]
        projected, lo, hi, prob = (
            float(m["projected"]),
            float(m["lower"]),
            float(m["upper"]),
            float(m["probability_met"]),
        )
    elif fit.status == "two_points":
        projected = float(fit.predict([t_target])["forecast"].iloc[0])
        lo = hi = prob = math.nan
    else:
        projected = lo = hi = prob = math.nan
    reached = None
    if fit.status in ("ok", "two_points"):
        reached = _year_reached(fit, value, comparator, timing)

    latest_year = fit.last_figure_year()
    if _meets(latest_v, value, comparator):
        status, reason = "achieved", f"the latest figure ({latest_v:g}, {latest_p}) meets the target"
    elif fit.status != "ok":
        status, reason = "insufficient data", fit.message
    elif latest_year >= year:
        status, reason = "off track", f"the target year {year} has passed without the target being met"
    elif prob >= 0.5:
        status, reason = "on track", f"the {fit.model} trend meets the target by {year} (probability {prob:.0%})"
    else:
        status, reason = "off track", f"the {fit.model} trend falls short by {year} (probability {prob:.0%})"

    paths = _paths(base_v, base_t, latest_v, latest_t, value, t_target, timing)
    return TargetAssessment(
        indicator=s.attrs.get("indicator"),
        series=s.attrs.get("series"),
        geo=geo,
        target_value=value,
        target_year=year,
        comparator=comparator,
        document=tgt.get("document"),
        latest_value=latest_v,
        latest_period=latest_p,
        latest_status=latest_status,
        baseline_value=base_v,
        baseline_period=base_p,
        gap=gap,
        years_left=years_left,
        required_annual_change=req_change,
        required_growth_rate=req_growth,
        observed_annual_change=obs_change,
        observed_growth_rate=obs_growth,
        model=fit.model,
        projected=projected,
        projected_lower=lo,
        projected_upper=hi,
        probability_met=prob,
        year_reached=reached,
        status=status,
        reason=reason,
        level=level,
        projections=projections,
        paths=paths,
        fit=fit,
    )


def _index_key(s: pd.Series, label: str) -> Any:
    return int(label) if s.index.name == "year" else label


def _projections(
    s: pd.Series,
    default: str,
    value: float,
    comparator: str,
    t_target: float,
    level: float,
    calibrated: bool,
    timing: Timing,
) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for model in MODELS:
        try:
            fit = fit_trend(s, model, timing=timing)
        except DxError as exc:
            rows.append({"model": model, "status": "not applicable", "message": str(exc)})
            continue
        if fit.status != "ok":
            rows.append({"model": model, "status": fit.status, "message": fit.message})
            continue
        pred = fit.predict([t_target], level=level, calibrated=calibrated).iloc[0]
        p_at_least = fit.probability_at_least(value, t_target, calibrated=calibrated)
        prob = p_at_least if comparator == "at_least" else 1.0 - p_at_least
        rows.append(
            {
                "model": model,
                "status": "ok",
                "projected": pred["forecast"],
                "lower": pred["lower"],
                "upper": pred["upper"],
                "probability_met": prob,
                "message": fit.message,
                "default": model == default,
            }
        )
    out = pd.DataFrame(rows).reindex(
        columns=["model", "status", "projected", "lower", "upper", "probability_met", "default", "message"]
    )
    out["default"] = out["model"] == default
    return out


def _year_reached(fit: TrendFit, value: float, comparator: str, timing: Timing) -> int | None:
    start = fit.last_figure_year() + 1
    years = np.arange(start, SEARCH_UNTIL + 1)
    if len(years) == 0:
        return None
    pred = fit.predict([year_time(int(y), timing) for y in years], calibrated=False)["forecast"].to_numpy()
    hits = pred >= value if comparator == "at_least" else pred <= value
    return int(years[np.argmax(hits)]) if hits.any() else None


def _paths(
    base_v: float, base_t: float, latest_v: float, latest_t: float, value: float, t_target: float, timing: Timing
) -> pd.DataFrame:
    """The fixed required path (baseline to target) and the re-anchored one (latest figure to target), per year."""
    offset = 1.0 if timing == "end" else 0.5
    first_year = math.floor(base_t - offset + 1e-9)
    last_year = round(t_target - offset)
    years = np.arange(first_year, last_year + 1)
    t = years + offset

    def line(v0: float, t0: float) -> np.ndarray:
        if t_target <= t0:
            return np.full(t.shape, np.nan)
        path = v0 + (value - v0) * (t - t0) / (t_target - t0)
        return np.where(t >= t0 - 1e-9, path, np.nan)

    return pd.DataFrame(
        {
            "year": years,
            "time": t,
            "fixed_required": line(base_v, base_t),
            "reanchored_required": line(latest_v, latest_t),
        }
    )


def scorecard(
    *, geo: str = "VN", as_of: str | dt.date | None = None, level: float = 0.8, calibrated: bool = True
) -> pd.DataFrame:
    """One row per indicator with a national target: the latest figure, the target, the pace and the status.

    Each indicator is assessed against its default target (:func:`assess_target`: the first target year after the
    latest figure's year) with its default model and series. Indicators with targets but no figures are listed with
    status ``insufficient data``.

    >>> import dxanalysis as dx
    >>> card = dx.scorecard()
    >>> set(card["status"]) <= {"achieved", "on track", "off track", "insufficient data"}
    True
    """
    from dxanalysis import data

    targets = data.load_targets(as_of=as_of)
    catalogue = data.indicators().set_index("id")
    rows: list[dict[str, Any]] = []
    for indicator in sorted(targets.loc[targets["geo"] == geo, "indicator"].unique()):
        meta = catalogue.loc[indicator]
        base = {
            "pillar": meta["pillar"],
            "indicator": indicator,
            "name_en": meta["name_en"],
            "name_vi": meta["name_vi"],
            "unit": meta["unit"],
        }
        try:
            a = assess_target(indicator, geo=geo, as_of=as_of, level=level, calibrated=calibrated)
        except (UnknownSeriesError, DxError) as exc:
            t = targets[(targets["indicator"] == indicator) & (targets["geo"] == geo)].sort_values("year").iloc[-1]
            rows.append(
                {
                    **base,
                    "target": t["value"],
                    "target_year": t["year"],
                    "comparator": t["comparator"],
                    "document": t["document"],
                    "status": "insufficient data",
                    "reason": str(exc),
                }
            )
            continue
        rows.append(
            {
                **base,
                "series": a.series,
                "latest": a.latest_value,
                "latest_period": a.latest_period,
                "target": a.target_value,
                "target_year": a.target_year,
                "comparator": a.comparator,
                "document": a.document,
                "status": a.status,
                "gap": a.gap,
                "required_annual_change": a.required_annual_change,
                "observed_annual_change": a.observed_annual_change,
                "required_growth_rate": a.required_growth_rate,
                "model": a.model,
                "projected": a.projected,
                "lower": a.projected_lower,
                "upper": a.projected_upper,
                "probability_met": a.probability_met,
                "year_reached": a.year_reached,
                "reason": a.reason,
            }
        )
    columns = [
        "pillar",
        "indicator",
        "name_en",
        "name_vi",
        "unit",
        "series",
        "latest",
        "latest_period",
        "target",
        "target_year",
        "comparator",
        "document",
        "status",
        "gap",
        "required_annual_change",
        "observed_annual_change",
        "required_growth_rate",
        "model",
        "projected",
        "lower",
        "upper",
        "probability_met",
        "year_reached",
        "reason",
    ]
    out = pd.DataFrame(rows).reindex(columns=columns)
    out["year_reached"] = out["year_reached"].astype("Int64")
    return out.sort_values(["pillar", "indicator"]).reset_index(drop=True)
