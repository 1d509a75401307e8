"""Target assessment: where an indicator stands against its national target, and where its trend leads.

In the spirit of the EU Digital Decade trajectories: the latest figure against the target, the pace required to
reach it (from the baseline, the fixed path, and from the latest figure, the re-anchored path) against the pace
observed, the trend's projection at the target year with its interval and the probability of meeting the target,
and a status: a verdict on the date of judgement, by the one rule of :func:`~dxanalysis.analysis.verdicts.verdict`
(a target whose year is over is judged by the figure for that year: met, met late, missed or not published; a target
ahead by the projection: on track, uncertain, off track, or insufficient data where no honest projection exists).

Targets belong to the indicator, measures to the series: any series of an indicator is assessed against the
indicator's national targets (a target that names a series makes it that target's default series).

Which target is assessed, shown on a dashboard or named in a headline follows one rule,
:func:`~dxanalysis.analysis.targets.next_target` (importable from here too).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.models import MODELS
from dxanalysis.analysis.paces import paces, required_paths, year_reached
from dxanalysis.analysis.targets import COMPARATORS, Target, national_target, next_target
from dxanalysis.analysis.timeseries import series_times
from dxanalysis.analysis.trends import TrendFit, fit_trend
from dxanalysis.analysis.verdicts import (
    TARGET_STATUSES,
    Basis,
    basis_figure,
    discontinued_measure,
    first_met_after,
    judgement_date,
    no_probability,
    no_projection,
    period_over,
    verdict,
)
from dxanalysis.data.periods import Timing, parse_period, year_time
from dxanalysis.errors import DxError

__all__ = [
    "COMPARATORS",
    "STATUSES",
    "TARGET_STATUSES",
    "Target",
    "TargetAssessment",
    "assess_target",
    "assess_targets",
    "next_target",
    "verdict",
]

#: The former name of :data:`TARGET_STATUSES`.
STATUSES = TARGET_STATUSES

#: A scorecard row's columns after the target's, and the attribute of :class:`TargetAssessment` each holds.
ROW_FIELDS = {
    "status": "status",
    "basis": "basis_value",
    "basis_period": "basis_period",
    "basis_kind": "basis_kind",
    "met_late_in": "met_late_in",
    "already_met": "already_met",
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
    "judged_on": "judged_on",
}


@dataclass
class TargetAssessment:
    """The assessment of one series against one target, on a date of judgement. See :func:`assess_target` for the
    rule of ``status``.

    The target is :attr:`target` (a :class:`Target`); ``target_value``, ``target_year``, ``comparator`` and
    ``document`` read it. ``series`` is the measure assessed; ``judged_on`` the date on which the verdict speaks.
    ``basis`` is the figure for the target period a past target is judged by (``None`` while the period is ahead or
    when none is published), ``met_late`` the first later figure that meets a target the basis missed, and
    ``other_measures`` the figures of the indicator's other series for the target period. ``caveat`` is the code of
    why no honest projection or probability exists (:class:`~dxanalysis.analysis.verdicts.Refusal`; ``None``: there is
    one). ``sources`` are the source ids of the figures.

    >>> import pickle, dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> a.status, a.latest_period, round(a.gap, 2), a.target.year, str(a.judged_on)
    ('on track', '2023', 3.5, 2025, '2024-05-01')
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
    judged_on: dt.date = field(default_factory=judgement_date)
    basis: Basis | None = None
    met_late: tuple[str, float] | None = None
    other_measures: tuple[Basis, ...] = ()
    caveat: str | None = None
    #: every figure of the series (``period, time, value``), also those the fit left out (a window, a repeat)
    figures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["period", "time", "value"]), repr=False)

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

    @property
    def period_over(self) -> bool:
        """Whether the target year is over on the date of judgement."""
        return period_over(self.target.year, self.judged_on)

    @property
    def basis_value(self) -> float:
        return self.basis.value if self.basis is not None else math.nan

    @property
    def basis_period(self) -> str | None:
        return self.basis.period if self.basis is not None else None

    @property
    def basis_kind(self) -> str | None:
        return self.basis.kind if self.basis is not None else None

    @property
    def met_late_in(self) -> str | None:
        """The period of the first later figure that meets the target (met late, or not published)."""
        return self.met_late[0] if self.met_late is not None else None

    @property
    def already_met(self) -> bool:
        """Whether the latest figure meets the target and denotes a period that ends by the target year's end: for
        a target ahead, or an outcome not yet published, the target is reached before its year is over (the
        scorecard's ``already_met``); a target judged on a later figure (met late, or the latest after the target
        year) is not.

        >>> import dxanalysis as dx
        >>> dx.assess_target("fibre_households_using", target_year=2023).already_met  # met late, in 2025-H1
        False
        """
        if not self.latest_period or not math.isfinite(self.latest_value):
            return False
        ends = parse_period(self.latest_period).end
        return self.target.met_by(self.latest_value) and ends <= dt.date(self.target_year, 12, 31)

    @property
    def nowcast(self) -> bool:
        """Whether ``projected`` is a nowcast: the trend's estimate for a target year that is over with no figure."""
        return self.period_over and self.basis is None and math.isfinite(self.projected)

    def summary(self, lang: str = "en") -> str:
        """One sentence an economist can quote, in English (``"en"``) or Vietnamese (``"vi"``)."""
        from dxanalysis.present.sentences import summary_sentence  # the one upward edge: words are the present's

        return summary_sentence(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """The assessment's numbers and words (not its frames and fit), with the target's and the basis' flat names."""
        out: dict[str, Any] = {"indicator": self.indicator, "series": self.series, "geo": self.geo}
        out.update(target_value=self.target_value, target_year=self.target_year, comparator=self.comparator)
        out["document"] = self.document
        skip = {"indicator", "series", "geo", "target", "projections", "paths", "fit", "sources", "basis", "met_late"}
        skip.add("figures")
        out.update({k: v for k, v in self.__dict__.items() if k not in skip})
        out.update(basis=self.basis_value, basis_period=self.basis_period, basis_kind=self.basis_kind)
        out["met_late_in"] = self.met_late_in
        out["other_measures"] = [(b.series, b.period, b.value) for b in self.other_measures]
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
    judged_on: str | dt.date | None = None,
    calibrated: bool = True,
    extra: Any = None,
) -> TargetAssessment:
    """Assess a series of an indicator against a national target, on a date of judgement.

    Parameters
    ----------
    indicator
        A catalogue id (its figures and targets are loaded), or a Series of figures (then give ``target`` and
        ``target_year``).
    source
        The series (the measure) to assess; defaults to the one the target names, or the indicator's only series.
        Any series of the indicator can be assessed against the indicator's targets.
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
        The vintage: assess with the figures and targets known on that date, which is then also the date of
        judgement.
    judged_on
        The date of judgement alone (default: ``as_of``, else today: :func:`~dxanalysis.analysis.verdicts.today`).
    extra
        The user's own figures, as :func:`dxanalysis.series` takes them.

    Returns
    -------
    TargetAssessment
        With ``judged_on``, ``basis`` (the figure for the target period, once it is over), ``gap`` (how far the latest
        figure is from the target, positive when still to go), ``required_annual_change`` and ``required_growth_rate``
        (the pace needed from the latest figure to the target year, while it is ahead),
        ``observed_annual_change`` and ``observed_growth_rate`` (the average pace over the series; NaN over a span
        under a year), ``projected`` with ``projected_lower``/``projected_upper`` (the trend at the target year: a
        projection, or for a past year with no figure a nowcast), ``probability_met`` (targets ahead only),
        ``year_reached`` (the first year the trend meets the target, up to 2060), ``paths`` (the fixed required path
        from the baseline — the last figure known when the target was adopted — and the path re-anchored on the
        latest figure), ``projections`` (every supported model) and ``status``.

    Notes
    -----
    The status is :func:`~dxanalysis.analysis.verdicts.verdict`'s: once the target year is over (the date of
    judgement is after 31 December of it), by the figure for the target period — the annual figure, else the latest
    figure of a period ending in the year's last quarter (*as far as published*) — **met**, **met late** (a later
    figure meets it), **missed**, or **not published** (with the trend's nowcast, the first later figure that meets
    it, and the other series' figures); while it is ahead, by the projection's probability of meeting the target:
    **on track** (at least 2/3), **uncertain**, **off track** (at most 1/3), or **insufficient data** where no honest
    projection exists (too short a history, a model that cannot be fitted, a horizon beyond the tested one, an
    uninformative interval: ``caveat`` says which).

    Examples
    --------
    >>> import dxanalysis as dx
    >>> a = dx.assess_target("digital_economy_share_gdp", source="mic", target_year=2025, as_of="2024-05-01")
    >>> round(a.required_annual_change, 2), round(a.required_growth_rate, 4)
    (1.75, 0.101)
    >>> dx.assess_target("fibre_households_using", target_year=2023, judged_on="2026-12-03").status
    'met late'
    """
    as_of = as_of or None
    when = judgement_date(as_of, judged_on)
    if isinstance(indicator, pd.Series):
        if target is None or target_year is None:
            raise DxError("assessing a Series needs target=… and target_year=…")
        tgt = Target(float(target), int(target_year), comparator)
        when = judgement_date(indicator.attrs.get("as_of") or as_of, judged_on)
        return _assess(indicator, tgt, geo, model, level, calibrated, when)
    if target is not None:
        if target_year is None:
            raise DxError("a target of your own needs target_year=…")
        tgt = Target(float(target), int(target_year), comparator)
    else:
        tgt = national_target(indicator, geo, source, target_year, document, as_of)
    s = data.series(indicator, source or tgt.series or None, geo=geo, as_of=as_of, extra=extra)
    others = _other_measures(indicator, s.attrs.get("series"), geo, tgt.year, as_of, extra)
    return _assess(s, tgt, geo, model, level, calibrated, when, others)


def assess_targets(
    indicator: str,
    series: str = "",
    *,
    geo: str = "VN",
    level: float = 0.8,
    as_of: str | dt.date | None = "",
    judged_on: str | dt.date | None = None,
    model: str | None = None,
) -> list[TargetAssessment]:
    """The assessment of a series of an indicator against each of the indicator's national target years, in year
    order (the targets belong to the indicator: the statistics office's series is assessed against them too).

    With no figures, or no target, the list is empty. ``series=""`` and ``as_of=""`` (a notebook's empty
    parameters) mean the indicator's only series and the latest data.

    >>> [a.target_year for a in assess_targets("digital_economy_share_gdp", "gso")]
    [2023, 2024, 2025, 2030, 2045]
    """
    targets = data.load_targets(as_of=as_of or None)
    rows = targets[(targets["indicator"] == indicator) & (targets["geo"] == geo)]
    if rows.empty:
        return []
    s = data.series(indicator, series or None, geo=geo, as_of=as_of or None, missing="empty")
    if s.dropna().empty:
        return []
    out = []
    for year in sorted(int(y) for y in rows["year"].unique()):
        out.append(
            assess_target(
                indicator,
                source=s.attrs.get("series") or None,
                geo=geo,
                target_year=year,
                level=level,
                as_of=as_of or None,
                judged_on=judged_on,
                model=model,
            )
        )
    return out


def _other_measures(
    indicator: str, series: str | None, geo: str, year: int, as_of: str | dt.date | None, extra: Any
) -> tuple[Basis, ...]:
    """The figures for the target year of the indicator's other series (the other measures of the same thing)."""
    obs = data.load_observations(as_of=as_of, extra=extra)
    mine = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    out = []
    for other in sorted(set(mine["series"]) - {series}):
        b = basis_figure(data.series(indicator, other, geo=geo, as_of=as_of, extra=extra), year)
        if b is not None:
            out.append(b)
    return tuple(out)


def _assess(
    s: pd.Series,
    target: Target,
    geo: str,
    model: str | None,
    level: float,
    calibrated: bool,
    judged_on: dt.date,
    others: tuple[Basis, ...] = (),
) -> TargetAssessment:
    fit = _fit_or_insufficient(s, model)
    if fit.n == 0:
        raise DxError("no figures to assess")
    timing: Timing = fit.timing  # type: ignore[assignment]
    t_target = year_time(target.year, timing)
    figures = _figures(s, timing)
    last = figures.iloc[-1]  # the latest figure, even one the fit left out
    latest_v, latest_t, latest_p = float(last["value"]), float(last["time"]), str(last["period"])
    base_i = _baseline(s, fit, target.adopted)
    over = period_over(target.year, judged_on)
    basis = basis_figure(s, target.year) if over else None
    met_late = first_met_after(s, target, target.year) if over and not (basis and target.met_by(basis.value)) else None
    projecting = not over or basis is None  # a target ahead, or a nowcast of a past year with no figure
    caveat = no_projection(fit) if projecting else None  # a Refusal: why no honest projection exists
    projections = _projections(s, model or fit.model, target, t_target, level, calibrated, timing)
    projected, lo, hi, prob = math.nan, math.nan, math.nan, math.nan
    if projecting and caveat is None and t_target > latest_t:
        caveat = no_probability(fit, target.year, level=level, calibrated=calibrated)
        projected, lo, hi, prob = _projection_at_target(fit, projections)
    if over or caveat is not None:
        prob = math.nan  # a past year is judged by its figure; a refused projection gives no probability
    refusal = caveat.message if caveat is not None else None
    stopped = discontinued_measure(s.attrs.get("indicator"))
    status, reason = verdict(
        target, judged_on, basis=basis, met_later=met_late, probability=prob, refusal=refusal, discontinued=stopped
    )
    reached = year_reached(fit, target, timing) if not over and caveat is None else None
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
        **paces(fit, target, t_target, over, (latest_v, latest_t)),
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
        paths=required_paths(fit, base_i, target, t_target, timing, (latest_v, latest_t)),
        fit=fit,
        sources=fit.sources,
        judged_on=judged_on,
        basis=basis,
        met_late=met_late,
        other_measures=others,
        caveat=caveat.code if caveat is not None else None,
        figures=figures,
    )


def _figures(s: pd.Series, timing: Timing) -> pd.DataFrame:
    """Every figure of the series on the time axis, in time order: ``period, time, value``."""
    clean = pd.to_numeric(s, errors="coerce").dropna()
    times, labels = series_times(clean, timing)
    out = pd.DataFrame({"period": labels, "time": times, "value": clean.to_numpy(dtype=float)})
    return out.sort_values("time", kind="stable").reset_index(drop=True)


def _fit_or_insufficient(s: pd.Series, model: str | None) -> TrendFit:
    """The trend, or where the model cannot take these values (e.g. a share at its ceiling) no projection."""
    try:
        return fit_trend(s, model)
    except DxError as exc:
        return TrendFit.insufficient(s, str(exc), model="linear")


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


def _projection_at_target(fit: TrendFit, projections: pd.DataFrame) -> tuple[float, float, float, float]:
    """The assessed model's projection at the target year: centre, interval and probability of meeting it."""
    main = projections[(projections["model"] == fit.model) & (projections["status"] == "ok")]
    if main.empty:
        return math.nan, math.nan, math.nan, math.nan
    m = main.iloc[0]
    return float(m["projected"]), float(m["lower"]), float(m["upper"]), float(m["probability_met"])


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
    """Every model's projection at the target year, with the probability of meeting the target where the fit's
    guardrails allow one (:func:`~dxanalysis.analysis.verdicts.no_probability`)."""
    rows: list[dict[str, Any]] = []
    for model in MODELS:
        try:
            fit = fit_trend(s, model, timing=timing)
        except DxError as exc:
            rows.append({"model": model, "status": "not applicable", "message": str(exc)})
            continue
        refused = no_projection(fit)
        if refused is not None:
            rows.append({"model": model, "status": fit.status, "message": refused.message})
            continue
        caveat = no_probability(fit, target.year, level=level, calibrated=calibrated)
        if caveat is not None and caveat.code == "uncalibrated":  # calibrated=True refuses a raw interval
            rows.append({"model": model, "status": "not applicable", "message": caveat.message})
            continue
        pred = fit.predict([t_target], level=level, calibrated=calibrated).iloc[0]
        p_at_least = fit.probability_at_least(target.value, t_target, calibrated=calibrated)
        prob = (p_at_least if target.comparator == "at_least" else 1.0 - p_at_least) if caveat is None else math.nan
        rows.append(
            {
                "model": model,
                "status": "ok",
                "projected": pred["forecast"],
                "lower": pred["lower"],
                "upper": pred["upper"],
                "probability_met": prob,
                "message": caveat.message if caveat is not None else fit.message,
                "default": model == default,
            }
        )
    out = pd.DataFrame(rows).reindex(
        columns=["model", "status", "projected", "lower", "upper", "probability_met", "default", "message"]
    )
    out["default"] = out["model"] == default
    return out
