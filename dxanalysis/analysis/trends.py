"""Trend models for short annual and sub-annual series, each with prediction intervals.

Every model is fitted with statsmodels on a *working scale* — the level (``linear``, ``drift``), the logarithm
(``growth``) or the logit toward a ceiling (``logistic``) — where it gives, for any time, a centre, a predictive
standard error and degrees of freedom. Intervals, the probability of crossing a value and the calibration of the
intervals are then one piece of code for all models: the bounds are the centre plus and minus the Student-t quantile
times the standard error times the calibration factor, transformed back to the indicator's unit. Back-transformed
bounds keep their coverage; the point forecast of ``growth`` and ``logistic`` is then the median, not the mean.

A fit counts one figure per period (:func:`~dxanalysis.analysis.timeseries.independent_figures`: the same estimate
quoted for 2024-H1 and 2024 counts once) and records those it left out. A history under three independent figures or
two years is *too short* for a trend: the fit keeps the figures and projects nothing. Fewer points than a model needs
give an explicit ``insufficient data`` result, never a made-up line. The models themselves are declared in
:mod:`dxanalysis.analysis.models`, their fit functions in :mod:`dxanalysis.analysis.fits`, their scales in
:mod:`dxanalysis.analysis.scales`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis.analysis.models import (
    FIT_STATUSES,
    MIN_FIGURES,
    MIN_SPAN_YEARS,
    MODELS,
    REGISTRY,
    check_level,
    model_spec,
)
from dxanalysis.analysis.scales import Scale
from dxanalysis.analysis.timeseries import annual_pace, independent_figures, series_figures, series_times
from dxanalysis.analysis.trendfit import TrendFit
from dxanalysis.data.periods import Timing
from dxanalysis.errors import DxError

__all__ = [
    "MODELS",
    "TrendFit",
    "compare_trends",
    "default_model",
    "fit_trend",
    "plausible_ceiling",
    "series_times",
]

#: Fewest points each model needs for an interval (from :data:`~dxanalysis.analysis.models.REGISTRY`).
MIN_POINTS = {name: spec.min_points for name, spec in REGISTRY.items()}


# ----------------------------------------------------------------------------------------------------------------------
# Fitting


def default_model(unit: str | None, lower: float | None = None, upper: float | None = None) -> str:
    """The model used when none is given, chosen by the back-test of ``benchmarks/calibrate_intervals.py``.

    On real ICT series the random walk with drift gave the most accurate point forecasts 1 to 3 years ahead for
    shares and for levels alike, ahead of the linear trend and of constant growth (the errors are in
    ``benchmarks/README.md``). So: ``drift_logit`` for a bounded share (drift on the logit scale, the most accurate
    model that can never pass the bound), ``drift`` otherwise.

    >>> default_model("percent", 0.0, 100.0), default_model("number")
    ('drift_logit', 'drift')
    """
    if unit == "percent" and upper is not None and not math.isnan(upper):
        return "drift_logit"
    return "drift"


def fit_trend(
    s: pd.Series,
    model: str | None = None,
    *,
    scale: str | None = None,
    ceiling: float | None = None,
    timing: Timing | None = None,
) -> TrendFit:
    """Fit a trend to one series and return a :class:`TrendFit` to forecast from.

    Parameters
    ----------
    s
        Values indexed by year, period label (``"2024-04"``), date or fractional year: the output of
        :func:`dxanalysis.series`, or any such Series. Missing values are dropped.
    model
        ``"linear"`` (OLS on time: percentage points a year, Student-t intervals with n−2 d.f.), ``"growth"`` (OLS
        on the logarithm: a constant growth rate), ``"logistic"`` (OLS on the logit of value / ceiling: a share that
        can never pass its ceiling), ``"drift"`` (random walk with drift, the forecasting benchmark; ``"drift_log"``
        and ``"drift_logit"`` on the log or logit scale), ``"ets"`` (exponential smoothing, for series of 10 or
        more annual figures). ``None`` picks the default for the indicator's kind (:func:`default_model`). The
        models are declared in :data:`dxanalysis.analysis.models.REGISTRY`.
    scale
        For ``"drift"``: ``"level"`` (the default), ``"log"`` or ``"logit"``.
    ceiling
        The logit models' ceiling (``logistic``, ``drift_logit``); defaults to :func:`plausible_ceiling`: the
        catalogue's ``ceiling`` of a saturating take-up (95 for households using fibre), else the indicator's upper
        bound (100 for a percentage).
    timing
        ``"end"`` (a stock) or ``"period"`` (a flow): where each figure sits in its period; defaults to the
        indicator's.

    Returns
    -------
    TrendFit
        Status ``ok``; ``too_short`` where the independent figures number under
        :data:`~dxanalysis.analysis.models.MIN_FIGURES` or span under
        :data:`~dxanalysis.analysis.models.MIN_SPAN_YEARS` years (the figures, no projection); ``insufficient_data``
        where the model needs more figures. Figures repeating a period are left out (``TrendFit.left_out``).

    Examples
    --------
    >>> import pandas as pd, dxanalysis as dx
    >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]), model="linear")
    >>> round(fit.params["slope"], 3)
    2.295
    >>> dx.fit_trend(dx.series("mobile_5g_population_coverage")).status
    'too_short'
    """
    figures = series_figures(s, timing)
    attrs: dict[str, Any] = {str(k): v for k, v in s.attrs.items()}
    upper = attrs.get("upper")
    if model is None:
        model = default_model(attrs.get("unit"), attrs.get("lower"), upper)
    if scale is not None:
        if model != "drift" or scale not in ("level", "log", "logit"):
            raise DxError(f"scale={scale!r} applies to model='drift' only; accepted: 'level', 'log' or 'logit'")
        model = {"level": "drift", "log": "drift_log", "logit": "drift_logit"}[scale]
    spec = model_spec(model)
    if spec.scale == "logit":
        if ceiling is None:
            ceiling = plausible_ceiling(attrs)
        if ceiling is None:
            raise DxError(f"the {model} model needs a ceiling: the indicator has no upper bound, so pass ceiling=…")
    if spec.scale == "log" and attrs.get("unit") == "percent_change":
        raise DxError(
            f"the {model} model makes the level grow by a constant factor, which a rate of change (here "
            f"{attrs.get('indicator') or 'the series'}, in % change) does not: it can be zero or negative; "
            "accepted: linear, drift or ets"
        )
    working = Scale(spec.scale, ceiling)
    times, values, labels = figures["times"], figures["values"], figures["labels"]
    n = len(values)
    if n >= 2 and (n < MIN_FIGURES or times[-1] - times[0] < MIN_SPAN_YEARS - 1e-9):
        return _too_short(model, working, figures)
    _check_values(model, working, values, labels)
    if n < spec.min_points:
        return TrendFit(
            model=model,
            status=FIT_STATUSES.insufficient_data,
            point_kind=working.point_kind,
            working_scale=working,
            message=f"insufficient data: {n} figure{'s' if n != 1 else ''}, the {model} model needs {spec.min_points}",
            **figures,
        )
    params, state = spec.fit(times, working.forward(values))
    if ceiling is not None:
        params["ceiling"] = float(ceiling)
    return TrendFit(
        model=model,
        status=FIT_STATUSES.ok,
        message=spec.description,
        params=params,
        point_kind=working.point_kind,
        working_scale=working,
        state=state,
        **figures,
    )


def plausible_ceiling(attrs: dict[str, Any]) -> float | None:
    """The ceiling a logit model saturates at, from a series' attributes: its ``ceiling``, else the catalogue's
    ``ceiling`` for its indicator (a take-up where 100% is not credible, argued in the entry's ``ceiling_note``), else
    its upper bound; ``None`` for an unbounded indicator.

    >>> import dxanalysis as dx
    >>> plausible_ceiling(dx.series("fibre_households_using").attrs), plausible_ceiling({"upper": 100.0})
    (95.0, 100.0)
    """
    for value in (attrs.get("ceiling"), _catalogue_ceiling(attrs.get("indicator")), attrs.get("upper")):
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    return None


def _catalogue_ceiling(indicator: Any) -> float | None:
    if not isinstance(indicator, str):
        return None
    from dxanalysis import data

    value = (data.catalogue_entry(indicator) or {}).get("ceiling")
    return float(value) if value is not None and pd.notna(value) else None


def _check_values(model: str, scale: Scale, values: np.ndarray, labels: list[str]) -> None:
    outside = scale.outside(values)
    if not outside.any():
        return
    bad = ", ".join(f"{lab}: {v:g}" for lab, v, out in zip(labels, values, outside, strict=True) if out)
    if scale.name == "log":
        raise DxError(
            f"the {model} model needs positive values; not positive: {bad}; accepted: values > 0, or model='linear'"
        )
    raise DxError(
        f"the {model} model needs values strictly between 0 and the ceiling {float(scale.ceiling):g}; outside: "  # type: ignore[arg-type]
        f"{bad}; accepted: a higher ceiling=…, or model='linear'"
    )


def _too_short(model: str, scale: Scale, figures: dict[str, Any]) -> TrendFit:
    t, v, labels = figures["times"], figures["values"], figures["labels"]
    n, span = len(v), float(t[-1] - t[0])
    pace = annual_pace(v[0], t[0], v[-1], t[-1])
    return TrendFit(
        model=model,
        status=FIT_STATUSES.too_short,
        message=f"too short a history for a trend: {n} independent figures spanning {span:.2g} years "
        f"({labels[0]}–{labels[-1]}); a trend needs at least {MIN_FIGURES} over {MIN_SPAN_YEARS:g} years or more",
        params={"change_per_year": pace.change, "growth_per_year": pace.growth},
        point_kind=scale.point_kind,
        working_scale=scale,
        **figures,
    )


# ----------------------------------------------------------------------------------------------------------------------
# Comparison by back-test


def compare_trends(
    s: pd.Series,
    models: Sequence[str] | None = None,
    *,
    holdout: int = 1,
    level: float = 0.8,
    ceiling: float | None = None,
    calibrated: bool = True,
) -> pd.DataFrame:
    """Every model the series supports, side by side, with a back-test of each.

    The back-test holds out the last ``holdout`` figures, fits each model on the rest, forecasts the held-out
    figures and scores the error (``backtest_mae``: mean absolute error, in the indicator's unit) and whether the
    interval at ``level`` covered them (``backtest_covered``: share of held-out figures inside). Nothing is chosen
    silently: the table is for the reader to judge.

    The fits and the back-test count one figure per period
    (:func:`~dxanalysis.analysis.timeseries.independent_figures`): a held-out figure is never forecast from a copy of
    itself quoted for another window.

    Returns one row per model: ``model, status, n, slope, forecast_next, lower_next, upper_next, at_bound_next`` (the
    model passes the indicator's range next year and its forecast is held at the bound), ``caveat_next`` (why next
    year's projection carries no probability, or ``None``: :meth:`TrendFit.caveat`), ``ceiling`` (a logit model's,
    :func:`plausible_ceiling`; NaN for the others), ``calibrated`` (``False`` for
    a raw interval: a model with no calibration factors, such as ``ets``, is shown raw and its message says so),
    ``backtest_mae, backtest_covered, message``.

    >>> import dxanalysis as dx
    >>> table = dx.compare_trends(dx.series("fibre_households_using"))
    >>> table.loc[table.model == "ets", "status"].item()  # half-year figures among the annual ones
    'not applicable'
    """
    check_level(level)
    models = list(models) if models is not None else list(MODELS)
    rows = []
    for model in models:
        try:
            fit = fit_trend(s, model, ceiling=ceiling)
        except DxError as exc:
            rows.append({"model": model, "status": "not applicable", "n": int(s.notna().sum()), "message": str(exc)})
            continue
        # a model the calibration never measured (ets) is shown raw and says so, never raw under a calibrated name
        raw = calibrated and not fit.calibrated_model
        row: dict[str, Any] = {
            "model": model,
            "status": fit.status,
            "n": fit.n,
            "message": fit.message + ("; raw interval: no calibration factors for this model" if raw else ""),
            "slope": fit.params.get("slope", math.nan),
            "ceiling": fit.params.get("ceiling", math.nan),
            "calibrated": calibrated and not raw,
        }
        if fit.ok:
            nxt = fit.forecast(horizon=1, level=level, calibrated=calibrated and not raw).iloc[0]
            row.update(
                forecast_next=nxt["forecast"],
                lower_next=nxt["lower"],
                upper_next=nxt["upper"],
                at_bound_next=bool(nxt["at_bound"]),
                caveat_next=nxt["caveat"],
            )
        row.update(
            _backtest(s, model, holdout=holdout, level=level, ceiling=ceiling, calibrated=calibrated and not raw)
        )
        rows.append(row)
    columns = [
        "model",
        "status",
        "n",
        "slope",
        "forecast_next",
        "lower_next",
        "upper_next",
        "at_bound_next",
        "caveat_next",
        "ceiling",
        "calibrated",
        "backtest_mae",
        "backtest_covered",
        "message",
    ]
    return pd.DataFrame(rows).reindex(columns=columns)


def _backtest(
    s: pd.Series, model: str, *, holdout: int, level: float, ceiling: float | None, calibrated: bool
) -> dict[str, float]:
    clean, _ = independent_figures(s)
    if len(clean) - holdout < MIN_POINTS.get(model, 3):
        return {"backtest_mae": math.nan, "backtest_covered": math.nan}
    train = clean.iloc[:-holdout].copy()
    train.attrs = dict(s.attrs)
    try:
        fit = fit_trend(train, model, ceiling=ceiling)
    except DxError:
        return {"backtest_mae": math.nan, "backtest_covered": math.nan}
    if fit.status != "ok":
        return {"backtest_mae": math.nan, "backtest_covered": math.nan}
    test = clean.iloc[-holdout:]
    times, _ = series_times(test, fit.timing)  # type: ignore[arg-type]
    pred = fit.predict(times, level=level, calibrated=calibrated)
    actual = test.to_numpy(dtype=float)
    inside = (actual >= pred["lower"].to_numpy()) & (actual <= pred["upper"].to_numpy())
    return {
        "backtest_mae": float(np.mean(np.abs(actual - pred["forecast"].to_numpy()))),
        "backtest_covered": float(inside.mean()),
    }
