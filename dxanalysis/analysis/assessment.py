"""Target assessment: where an indicator stands against its national target, and where its trend leads.

In the spirit of the EU Digital Decade trajectories: the latest figure against the target, the pace required to
reach it (from the baseline, the fixed path, and from the latest figure, the re-anchored path) against the pace
observed, the trend's projection at the target year with its interval and the probability of meeting the target,
and a status.

Which target is assessed, shown on a dashboard or named in a headline follows one rule,
:func:`~dxanalysis.analysis.targets.next_target` (importable from here too).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.models import FIT_STATUSES, MODELS
from dxanalysis.analysis.targets import COMPARATORS, Target, national_target, next_target
from dxanalysis.analysis.timeseries import figure_year
from dxanalysis.analysis.trends import TrendFit, fit_trend
from dxanalysis.data.periods import Timing, year_time
from dxanalysis.errors import DxError, UnknownSeriesError

__all__ = [
    "COMPARATORS",
    "STATUSES",
    "TARGET_STATUSES",
    "Target",
    "TargetAssessment",
    "assess_target",
    "assess_targets",
    "next_target",
    "scorecard",
]

#: The verdicts of an assessment (a fit's own statuses are ``models.FIT_STATUSES``).
TARGET_STATUSES = ("achieved", "on track", "off track", "insufficient data")
#: The former name of :data:`TARGET_STATUSES`.
STATUSES = TARGET_STATUSES
#: The year up to which the trend is followed to find when it reaches a target.
SEARCH_UNTIL = 2060

#: A scorecard row's columns after the target's, and the attribute of :class:`TargetAssessment` each holds.
ROW_FIELDS = {
    "status": "status",
    "gap": "gap",
    "required_annual_change": "required_annual_change",
    "observed_annual_change": "observed_annual_change",
    "required_growth_rate": "required_growth_rate",
    "model": "model",
    "projected": "projected",
    "lower": "projected_lower",
    "upper": "projected_upper",
    "probability_met": "probability_met",
    "year_reached": "year_reached",
    "reason": "reason",
}


@dataclass
class TargetAssessment:
    """The assessment of one indicator against one target. See :func:`assess_target` for the rule of ``status``.

    The target is :attr:`target` (a :class:`Target`); ``target_value``, ``target_year``, ``comparator`` and
    ``document`` read it. ``sources`` are the source ids of the figures assessed.

    >>> import pickle, dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> a.status, a.latest_period, round(a.gap, 2), a.target.year
    ('on track', '2023', 3.5, 2025)
    >>> pickle.loads(pickle.dumps(a)).status
    'on track'
    """

    indicator: str | None
    series: str | None
    geo: str
    target: Target
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
    sources: tuple[str, ...] = ()

    @property
    def target_value(self) -> float:
        return self.target.value

    @property
    def target_year(self) -> int:
        return self.target.year

    @property
    def comparator(self) -> str:
        return self.target.comparator

    @property
    def document(self) -> str | None:
        return self.target.document

    def summary(self, lang: str = "en") -> str:
        """One sentence an economist can quote, in English (``"en"``) or Vietnamese (``"vi"``)."""
        from dxanalysis.present.sentences import summary_sentence  # the one upward edge: words are the present's

        return summary_sentence(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """The assessment's numbers and words (not its frames and fit), with the target's flat names."""
        out: dict[str, Any] = {"indicator": self.indicator, "series": self.series, "geo": self.geo}
        out.update(target_value=self.target_value, target_year=self.target_year, comparator=self.comparator)
        out["document"] = self.document
        skip = {"indicator", "series", "geo", "target", "projections", "paths", "fit", "sources"}
        out.update({k: v for k, v in self.__dict__.items() if k not in skip})
        return out

    def to_row(self) -> dict[str, Any]:
        """The assessment's row of :func:`scorecard` (without the catalogue's columns)."""
        row = {"series": self.series, "latest": self.latest_value, "latest_period": self.latest_period}
        row.update(self.target.to_row())
        row.update({column: getattr(self, name) for column, name in ROW_FIELDS.items()})
        return row


# ----------------------------------------------------------------------------------------------------------------------
# The assessment


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
        others are in :func:`dxanalysis.load_targets`). The rule is :func:`next_target`.
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
    if isinstance(indicator, pd.Series):
        if target is None or target_year is None:
            raise DxError("assessing a Series needs target=… and target_year=…")
        return _assess(indicator, Target(float(target), int(target_year), comparator), geo, model, level, calibrated)
    if target is not None:
        if target_year is None:
            raise DxError("a target of your own needs target_year=…")
        tgt = Target(float(target), int(target_year), comparator)
    else:
        tgt = national_target(indicator, geo, source, target_year, document, as_of)
    s = data.series(indicator, source or tgt.series or None, geo=geo, as_of=as_of)
    return _assess(s, tgt, geo, model, level, calibrated)


def assess_targets(
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
    with no figures, or no target, the list is empty. ``series=""`` and ``as_of=""`` (a notebook's empty
    parameters) mean the indicator's only series and the latest data.

    >>> [a.target_year for a in assess_targets("digital_economy_share_gdp", "mic")]
    [2023, 2024, 2025, 2030, 2045]
    """
    targets = data.load_targets(as_of=as_of or None)
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
                as_of=as_of or None,
                model=model,
            )
        except DxError:
            continue
        out.append(a)
    return out


def _assess(
    s: pd.Series, target: Target, geo: str, model: str | None, level: float, calibrated: bool
) -> TargetAssessment:
    fit = _fit_or_insufficient(s, model)
    if fit.n == 0:
        raise DxError("no figures to assess")
    timing: Timing = fit.timing  # type: ignore[assignment]
    t_target = year_time(target.year, timing)
    latest_v, latest_t, latest_p = float(fit.values[-1]), float(fit.times[-1]), fit.labels[-1]
    base_i = _baseline(s, fit, target.adopted)
    projections = _projections(s, model or fit.model, target, t_target, level, calibrated, timing)
    projected, lo, hi, prob = _projection_at_target(fit, projections, t_target, t_target - latest_t)
    reached = _year_reached(fit, target, timing) if fit.status in (FIT_STATUSES.ok, FIT_STATUSES.two_points) else None
    status, reason = _verdict(fit, target, prob)
    return TargetAssessment(
        indicator=s.attrs.get("indicator"),
        series=s.attrs.get("series"),
        geo=geo,
        target=target,
        latest_value=latest_v,
        latest_period=latest_p,
        latest_status=(s.attrs.get("status") or {}).get(_index_key(s, latest_p)),
        baseline_value=float(fit.values[base_i]),
        baseline_period=fit.labels[base_i],
        **_paces(fit, target, t_target),
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
        paths=_paths(fit, base_i, target, t_target, timing),
        fit=fit,
        sources=fit.sources,
    )


def _fit_or_insufficient(s: pd.Series, model: str | None) -> TrendFit:
    """The trend, or where the model cannot take these values (e.g. a share at its ceiling) no projection."""
    try:
        return fit_trend(s, model)
    except DxError as exc:
        return TrendFit.insufficient(s, str(exc), model="linear")


def _paces(fit: TrendFit, target: Target, t_target: float) -> dict[str, float]:
    """How far the latest figure is from the target, and the pace needed against the pace observed."""
    value = target.value
    latest_v, latest_t = float(fit.values[-1]), float(fit.times[-1])
    first_v, first_t = float(fit.values[0]), float(fit.times[0])
    years_left = t_target - latest_t
    span = latest_t - first_t
    return {
        "gap": (1.0 if target.comparator == "at_least" else -1.0) * (value - latest_v),
        "years_left": years_left,
        "required_annual_change": (value - latest_v) / years_left if years_left > 0 else math.nan,
        "required_growth_rate": (value / latest_v) ** (1 / years_left) - 1
        if years_left > 0 and latest_v > 0 and value > 0
        else math.nan,
        "observed_annual_change": (latest_v - first_v) / span if span > 0 else math.nan,
        "observed_growth_rate": (latest_v / first_v) ** (1 / span) - 1
        if span > 0 and first_v > 0 and latest_v > 0
        else math.nan,
    }


def _baseline(s: pd.Series, fit: TrendFit, adopted: Any) -> int:
    """The figure the fixed path starts from: the last one known when the target was adopted (else the first)."""
    if adopted is None or pd.isna(adopted):
        return 0
    published = s.attrs.get("published") or {}
    known = [
        i
        for i, lab in enumerate(fit.labels)
        if (p := published.get(_index_key(s, lab))) is not None and not pd.isna(p) and p <= adopted
    ]
    return known[-1] if known else 0


def _projection_at_target(
    fit: TrendFit, projections: pd.DataFrame, t_target: float, years_left: float
) -> tuple[float, float, float, float]:
    """The assessed model's projection at the target year: centre, interval and probability of meeting it."""
    main = projections[projections["model"] == fit.model]
    if years_left <= 0:  # the data already describe the target year: nothing to project
        return math.nan, math.nan, math.nan, math.nan
    if fit.status == FIT_STATUSES.ok and not main.empty:
        m = main.iloc[0]
        return float(m["projected"]), float(m["lower"]), float(m["upper"]), float(m["probability_met"])
    if fit.status == FIT_STATUSES.two_points:
        return float(fit.predict([t_target])["forecast"].iloc[0]), math.nan, math.nan, math.nan
    return math.nan, math.nan, math.nan, math.nan


def _verdict(fit: TrendFit, target: Target, prob: float) -> tuple[str, str]:
    """The status and its reason, by the rule of :func:`assess_target`'s Notes."""
    latest_v, latest_p, year = float(fit.values[-1]), fit.labels[-1], target.year
    if target.met_by(latest_v):
        return "achieved", f"the latest figure ({latest_v:g}, {latest_p}) meets the target"
    if fit.status != FIT_STATUSES.ok:
        return "insufficient data", fit.message
    if fit.last_figure_year() >= year:
        return "off track", f"the target year {year} has passed without the target being met"
    if prob >= 0.5:
        return "on track", f"the {fit.model} trend meets the target by {year} (probability {prob:.0%})"
    return "off track", f"the {fit.model} trend falls short by {year} (probability {prob:.0%})"


def _index_key(s: pd.Series, label: str) -> Any:
    return int(label) if s.index.name == "year" else label


def _projections(
    s: pd.Series,
    default: str,
    target: Target,
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
        p_at_least = fit.probability_at_least(target.value, t_target, calibrated=calibrated)
        prob = p_at_least if target.comparator == "at_least" else 1.0 - p_at_least
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


def _year_reached(fit: TrendFit, target: Target, timing: Timing) -> int | None:
    start = fit.last_figure_year() + 1
    years = np.arange(start, SEARCH_UNTIL + 1)
    if len(years) == 0:
        return None
    pred = fit.predict([year_time(int(y), timing) for y in years], calibrated=False)["forecast"].to_numpy()
    hits = pred >= target.value if target.comparator == "at_least" else pred <= target.value
    return int(years[np.argmax(hits)]) if hits.any() else None


def _paths(fit: TrendFit, base_i: int, target: Target, t_target: float, timing: Timing) -> pd.DataFrame:
    """The fixed required path (baseline to target) and the re-anchored one (latest figure to target), per year."""
    base_v, base_t = float(fit.values[base_i]), float(fit.times[base_i])
    latest_v, latest_t, value = float(fit.values[-1]), float(fit.times[-1]), target.value
    offset = 1.0 if timing == "end" else 0.5
    first_year = figure_year(base_t, timing)
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


# ----------------------------------------------------------------------------------------------------------------------
# The scorecard


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
    targets = data.load_targets(as_of=as_of)
    catalogue = data.indicators().set_index("id")
    rows: list[dict[str, Any]] = []
    for indicator in sorted(targets.loc[targets["geo"] == geo, "indicator"].unique()):
        meta = catalogue.loc[indicator]
        base = {k: meta[k] for k in ("pillar", "name_en", "name_vi", "unit")} | {"indicator": indicator}
        try:
            a = assess_target(indicator, geo=geo, as_of=as_of, level=level, calibrated=calibrated)
        except (UnknownSeriesError, DxError) as exc:
            # nothing assessed: the target shown is the rule's without a latest figure (the last year's)
            shown = next_target(targets[(targets["indicator"] == indicator) & (targets["geo"] == geo)], None)
            assert shown is not None
            rows.append(base | shown.to_row() | {"status": "insufficient data", "reason": str(exc)})
            continue
        rows.append(base | a.to_row())
    columns = ["pillar", "indicator", "name_en", "name_vi", "unit", "series", "latest", "latest_period"]
    columns += ["target", "target_year", "comparator", "document", *ROW_FIELDS]
    out = pd.DataFrame(rows).reindex(columns=columns)
    out["year_reached"] = out["year_reached"].astype("Int64")
    return out.sort_values(["pillar", "indicator"]).reset_index(drop=True)
