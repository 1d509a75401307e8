"""Trend models for short annual and sub-annual series, each with prediction intervals.

Every model is fitted with statsmodels on a *working scale* — the level (``linear``, ``drift``), the logarithm
(``growth``) or the logit toward a ceiling (``logistic``) — where it gives, for any time, a centre, a predictive
standard error and degrees of freedom. Intervals, the probability of crossing a value and the calibration of the
intervals are then one piece of code for all models: the bounds are the centre plus and minus the Student-t quantile
times the standard error times the calibration factor, transformed back to the indicator's unit. Back-transformed
bounds keep their coverage; the point forecast of ``growth`` and ``logistic`` is then the median, not the mean.

Fewer points than a model needs give an explicit ``insufficient data`` result, never a made-up line; two points give
the two-point change only, flagged, with no interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis.data.periods import Timing, decimal_year, parse_period, period_time, year_time
from dxanalysis.errors import DxError

__all__ = ["MODELS", "TrendFit", "compare_trends", "default_model", "fit_trend", "series_times"]

#: Every model, as (how it is fitted, the working scale). ``drift_log`` and ``drift_logit`` are the random walk with
#: drift on the log or logit scale (also ``fit_trend(s, "drift", scale="logit")``).
MODEL_SPECS: dict[str, tuple[str, str]] = {
    "linear": ("ols", "identity"),
    "growth": ("ols", "log"),
    "logistic": ("ols", "logit"),
    "drift": ("drift", "identity"),
    "drift_log": ("drift", "log"),
    "drift_logit": ("drift", "logit"),
    "ets": ("ets", "identity"),
}
MODELS: tuple[str, ...] = tuple(MODEL_SPECS)
#: Fewest points each model needs for an interval (ETS: level, trend and their smoothing need a longer series).
MIN_POINTS = {m: (10 if m == "ets" else 3) for m in MODELS}
MODEL_NAMES = {
    "linear": "linear trend (percentage points a year)",
    "growth": "constant growth (log-linear)",
    "logistic": "saturating (logistic toward the ceiling)",
    "drift": "random walk with drift",
    "drift_log": "random walk with drift on the log scale",
    "drift_logit": "random walk with drift on the logit scale (bounded by the ceiling)",
    "ets": "exponential smoothing (ETS, additive trend)",
    "two_points": "two-point change (no interval)",
}


# ----------------------------------------------------------------------------------------------------------------------
# Time axis


def series_times(s: pd.Series, timing: Timing | None = None) -> tuple[np.ndarray, list[str]]:
    """The times (fractional years) and period labels of a series' index.

    The index may hold years (``2021``), period labels (``"2024-04"``, ``"2024-H1"``), dates or fractional years.
    ``timing`` (``"end"`` for a stock, ``"period"`` for a flow) places each period on the axis; it defaults to the
    series' ``attrs["timing"]`` (set by :func:`dxanalysis.series`), else ``"period"``.
    """
    timing = timing or s.attrs.get("timing") or "period"
    times, labels = [], []
    for key in s.index:
        if isinstance(key, pd.Timestamp | np.datetime64):
            day = pd.Timestamp(key).date()
            times.append(decimal_year(day))
            labels.append(day.isoformat())
        elif isinstance(key, float | np.floating) and not float(key).is_integer():
            times.append(float(key))
            labels.append(f"{float(key):.2f}")
        else:
            try:
                p = parse_period(key)
            except ValueError:
                raise DxError(
                    f"the series' index value {key!r} is not a time; accepted: years (2021), period labels "
                    "('2024-04', '2024-H1'), dates, or fractional years"
                ) from None
            times.append(period_time(p.label, timing))
            labels.append(p.label)
    return np.asarray(times, dtype=float), labels


# ----------------------------------------------------------------------------------------------------------------------
# Working scales


@dataclass(frozen=True)
class _Scale:
    """A monotone transform of the values: the model is linear (and its errors Student-t) on this scale."""

    name: str
    ceiling: float | None = None

    def forward(self, y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        if self.name == "log":
            return np.asarray(np.log(y), dtype=float)
        if self.name == "logit":
            assert self.ceiling is not None
            return np.asarray(np.log(y / (self.ceiling - y)), dtype=float)
        return y

    def inverse(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        if self.name == "log":
            return np.asarray(np.exp(z), dtype=float)
        if self.name == "logit":
            assert self.ceiling is not None
            from scipy.special import expit

            return np.asarray(self.ceiling * expit(z), dtype=float)
        return z


# ----------------------------------------------------------------------------------------------------------------------
# The result


@dataclass
class TrendFit:
    """A fitted trend: what was fitted, on what data, and a way to forecast with intervals.

    Attributes
    ----------
    model
        ``linear``, ``growth``, ``logistic``, ``drift``, ``ets``; ``two_points`` when only two figures exist.
    status
        ``ok``, ``two_points`` (a change between two figures, no interval) or ``insufficient_data``.
    message
        Why the status is what it is, in words.
    n, period_covered, vintage
        Number of figures, the first and last period, and the data vintage (``as_of`` or the latest publication).
    params
        The fitted parameters on the working scale (``slope``, ``intercept``, ``scale``, ``df``, ``ceiling``, ...).
    point_kind
        ``mean`` or ``median``: what the ``forecast`` column holds (the back-transform of a mean is a median).

    Examples
    --------
    >>> import pandas as pd, dxanalysis as dx
    >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]), model="growth")
    >>> fit.status, fit.n, fit.period_covered, fit.point_kind
    ('ok', 3, ('2021', '2023'), 'median')
    """

    model: str
    status: str
    message: str
    n: int
    period_covered: tuple[str, str] | None
    vintage: str | None
    indicator: str | None
    series: str | None
    unit: str | None
    timing: str
    times: np.ndarray
    values: np.ndarray
    labels: list[str]
    params: dict[str, float] = field(default_factory=dict)
    point_kind: str = "mean"
    calibration: dict[str, Any] = field(default_factory=dict)
    #: the indicator's range (0-100 for a share), from the series' attributes: forecasts are held inside it
    bounds: tuple[float, float] = (-math.inf, math.inf)
    _scale: _Scale = field(default_factory=lambda: _Scale("identity"), repr=False)
    _predict: Any = field(default=None, repr=False)  # time array -> (centre, se) on the working scale

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def last_time(self) -> float:
        return float(self.times[-1]) if len(self.times) else math.nan

    def __repr__(self) -> str:
        covered = f"{self.period_covered[0]}–{self.period_covered[1]}" if self.period_covered else "no data"
        what = f"{self.indicator or 'series'}" + (f" ({self.series})" if self.series else "")
        return f"<TrendFit {self.model} of {what}: {self.status}, n={self.n}, {covered}; {self.message}>"

    # -- forecasting ---------------------------------------------------------------------------------------------

    def predict(
        self, times: Sequence[float] | np.ndarray, *, level: float = 0.8, calibrated: bool = True
    ) -> pd.DataFrame:
        """Forecast at arbitrary times (fractional years): ``time, forecast, lower, upper, at_bound``.

        A model on the level or log scale knows nothing of the indicator's range: a linear trend of a share runs past
        100%. Its forecast and interval are held inside :attr:`bounds`: the ends of the interval are the quantiles of
        the forecast distribution censored at the bounds (the clipped quantiles), and the forecast is the bound where
        the model's own forecast lies beyond it, which ``at_bound`` marks. Where the whole interval lies beyond a
        bound, the model says nothing about the range the indicator can take: the interval is missing (NaN) rather
        than a point that would look certain. A model on the logit scale (``drift_logit``, ``logistic``) stays
        inside the range by construction and is the better choice for a share close to its ceiling.
        """
        _check_level(level)
        t = np.asarray(times, dtype=float)
        nan = np.full(t.shape, np.nan)
        if self.status == "insufficient_data":
            return pd.DataFrame({"time": t, "forecast": nan, "lower": nan, "upper": nan, "at_bound": False})
        centre, se = self._predict(t)
        point = self._scale.inverse(centre)
        lower, upper = nan, nan
        if self.status != "two_points" and se is not None:
            from scipy import stats

            q = stats.t.ppf(0.5 + level / 2, self.params["df"])
            k = self.calibration_factor(t, level) if calibrated else np.ones_like(t)
            lower = self._scale.inverse(centre - q * k * se)
            upper = self._scale.inverse(centre + q * k * se)
        low, high = self.bounds
        beyond = (point < low) | (point > high)
        outside = (lower > high) | (upper < low)  # the whole interval past one bound
        return pd.DataFrame(
            {
                "time": t,
                "forecast": np.clip(point, low, high),
                "lower": np.where(outside, np.nan, np.clip(lower, low, high)),
                "upper": np.where(outside, np.nan, np.clip(upper, low, high)),
                "at_bound": beyond,
            }
        )

    def forecast(
        self,
        until: int | None = None,
        *,
        horizon: int | None = None,
        level: float = 0.8,
        calibrated: bool = True,
    ) -> pd.DataFrame:
        """Forecast each year after the last figure up to ``until`` (a year) or for ``horizon`` years.

        Returns one row per year: ``year``, ``time`` (where that year's figure sits on the axis), ``forecast`` (the
        mean, or the median for ``growth`` and ``logistic``: see ``point_kind``), ``lower`` and ``upper`` (the
        prediction interval at ``level``, calibrated unless ``calibrated=False``), all held inside the indicator's
        range, and ``at_bound`` (the model's own forecast went beyond it: see :meth:`predict`).

        Examples
        --------
        >>> import pandas as pd, dxanalysis as dx
        >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]), model="linear")
        >>> fit.forecast(until=2025)[["year", "forecast"]].round(2).to_dict("list")
        {'year': [2024, 2025], 'forecast': [18.81, 21.11]}
        """
        if self.status == "insufficient_data":
            raise DxError(f"cannot forecast: {self.message}")
        last_year = self.last_figure_year()
        if until is None and horizon is None:
            horizon = 5
        if until is None:
            assert horizon is not None
            until = last_year + horizon
        if until <= last_year:
            raise DxError(
                f"until={until} is not after the last figure ({self.labels[-1]}); accepted: a year after {last_year}"
            )
        years = np.arange(last_year + 1, until + 1)
        times = np.array([year_time(int(y), self.timing) for y in years])  # type: ignore[arg-type]
        out = self.predict(times, level=level, calibrated=calibrated)
        out.insert(0, "year", years.astype(int))
        return out

    def last_figure_year(self) -> int:
        """The year of the last figure's time (the last whole year the data describe)."""
        t = self.last_time - (1.0 if self.timing == "end" else 0.5)
        return math.floor(t + 1e-9)

    def probability_at_least(self, value: float, time: float, *, calibrated: bool = True) -> float:
        """The probability, under the model's predictive distribution, that the figure at ``time`` is >= ``value``.

        The predictive distribution is the model's Student-t on its working scale, widened by the calibration
        factor of 80% intervals at that horizon (unless ``calibrated=False``).
        """
        if self.status != "ok":
            return math.nan
        from scipy import stats

        if self._scale.name == "logit" and self._scale.ceiling is not None and value >= self._scale.ceiling:
            return 0.0
        if self._scale.name in ("log", "logit") and value <= 0:
            return 1.0
        centre, se = self._predict(np.array([time]))
        k = self.calibration_factor(np.array([time]), 0.8)[0] if calibrated else 1.0
        gap = float(self._scale.forward(np.array([value]))[0]) - centre[0]
        if not se[0] > 0:  # at the last figure itself there is no uncertainty left
            return 1.0 if gap <= 0 else 0.0
        return float(1.0 - stats.t.cdf(gap / (k * se[0]), self.params["df"]))

    def calibration_factor(self, times: np.ndarray, level: float) -> np.ndarray:
        """How much wider than raw the interval is made at each time (1 where no calibration applies)."""
        from dxanalysis.analysis.calibration import factor

        horizons = np.maximum(np.asarray(times, dtype=float) - self.last_time, 0.0)
        return np.array([factor(self.model, h, level) for h in horizons])

    def fitted(self) -> pd.DataFrame:
        """The figures with the model's fitted values: ``period, time, value, fitted``."""
        centre, _ = self._predict(self.times) if self.status != "insufficient_data" else (self.times * np.nan, None)
        return pd.DataFrame(
            {"period": self.labels, "time": self.times, "value": self.values, "fitted": self._scale.inverse(centre)}
        )


def _check_level(level: float) -> None:
    if not (isinstance(level, int | float) and 0 < level < 1):
        raise DxError(f"level={level!r} is not a probability; accepted: a number strictly between 0 and 1, e.g. 0.8")


# ----------------------------------------------------------------------------------------------------------------------
# Fitting


def default_model(unit: str | None, lower: float | None = None, upper: float | None = None) -> str:
    """The model used when none is given, chosen by the back-test of ``benchmarks/calibrate_intervals.py``.

    On 17 real ICT series the random walk with drift gave the most accurate point forecasts 1 to 3 years ahead for
    shares and for levels alike (median error 4-13% of the last figure, against 6-15% for the linear trend and
    9-30% for constant growth). So: ``drift_logit`` for a bounded share (drift on the logit scale, the most accurate
    model that can never pass the bound), ``drift`` otherwise.
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
        more annual figures). ``None`` picks the default for the indicator's kind (:func:`default_model`).
    scale
        For ``"drift"``: ``"level"`` (the default), ``"log"`` or ``"logit"``.
    ceiling
        The logistic model's upper bound; defaults to the indicator's upper bound (100 for a percentage).
    timing
        ``"end"`` (a stock) or ``"period"`` (a flow): where each figure sits in its period; defaults to the
        indicator's.

    Examples
    --------
    >>> import pandas as pd, dxanalysis as dx
    >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]), model="linear")
    >>> round(fit.params["slope"], 3)
    2.295
    """
    if not isinstance(s, pd.Series):
        raise DxError(f"fit_trend needs a pandas Series of values indexed by time, not a {type(s).__name__}")
    attrs: dict[str, Any] = {str(k): v for k, v in s.attrs.items()}
    s = pd.to_numeric(s, errors="coerce").dropna()
    timing = timing or attrs.get("timing") or "period"
    times, labels = series_times(s, timing)
    order = np.argsort(times, kind="stable")
    times, labels = times[order], [labels[i] for i in order]
    values = s.to_numpy(dtype=float)[order]
    if len(np.unique(times)) != len(times):
        raise DxError(
            "the series has two figures at the same time "
            f"({', '.join(sorted({lab for lab, t in zip(labels, times, strict=True) if (times == t).sum() > 1}))}); "
            "accepted: one figure per period (choose one series and one vintage)"
        )
    upper = attrs.get("upper")
    lower = attrs.get("lower")
    if model is None:
        model = default_model(attrs.get("unit"), lower, upper)
    if scale is not None:
        if model != "drift" or scale not in ("level", "log", "logit"):
            raise DxError(f"scale={scale!r} applies to model='drift' only; accepted: 'level', 'log' or 'logit'")
        model = {"level": "drift", "log": "drift_log", "logit": "drift_logit"}[scale]
    if model not in MODELS:
        raise DxError(f"unknown model {model!r}; accepted: {', '.join(MODELS)}")
    how, scale_name = MODEL_SPECS[model]
    if scale_name == "logit":
        if ceiling is None:
            ceiling = upper if upper is not None and not math.isnan(upper) else None
        if ceiling is None:
            raise DxError(f"the {model} model needs a ceiling: the indicator has no upper bound, so pass ceiling=…")
    base: dict[str, Any] = dict(
        n=len(values),
        period_covered=(labels[0], labels[-1]) if labels else None,
        vintage=_vintage(attrs),
        indicator=attrs.get("indicator"),
        series=attrs.get("series"),
        unit=attrs.get("unit"),
        timing=timing,
        times=times,
        values=values,
        labels=labels,
        bounds=(_bound(lower, -math.inf), _bound(upper, math.inf)),
    )
    if scale_name == "log" and attrs.get("unit") == "percent_change":
        raise DxError(
            f"the {model} model makes the level grow by a constant factor, which a rate of change (here "
            f"{attrs.get('indicator') or 'the series'}, in % change) does not: it can be zero or negative; "
            "accepted: linear, drift or ets"
        )
    _check_values(model, scale_name, values, labels, ceiling)
    working = _Scale(scale_name, ceiling)
    point_kind = "median" if working.name != "identity" else "mean"
    n = len(values)
    if n < 2:
        return TrendFit(
            model=model,
            status="insufficient_data",
            point_kind=point_kind,
            _scale=working,
            message=f"insufficient data: {n} figure{'s' if n != 1 else ''}, the {model} model needs "
            f"{MIN_POINTS[model]}",
            **base,
        )
    if n < MIN_POINTS[model]:
        if n == 2 and model != "ets":
            return _two_points(model, working, base)
        return TrendFit(
            model=model,
            status="insufficient_data",
            point_kind=point_kind,
            _scale=working,
            message=f"insufficient data: {n} figures, the {model} model needs {MIN_POINTS[model]}",
            **base,
        )
    z = working.forward(values)
    if how == "drift":
        params, predict = _fit_drift(times, z)
    elif how == "ets":
        params, predict = _fit_ets(times, values)
    else:
        params, predict = _fit_ols(times, z)
    if ceiling is not None:
        params["ceiling"] = float(ceiling)
    return TrendFit(
        model=model,
        status="ok",
        message=MODEL_NAMES[model],
        params=params,
        point_kind=point_kind,
        _scale=working,
        _predict=predict,
        **base,
    )


def _vintage(attrs: dict[str, Any]) -> str | None:
    if attrs.get("as_of"):
        return f"as of {attrs['as_of']}"
    published = [p for p in (attrs.get("published") or {}).values() if p is not None and not pd.isna(p)]
    return f"latest (figures published up to {max(published).date()})" if published else None


def _check_values(model: str, scale: str, values: np.ndarray, labels: list[str], ceiling: float | None) -> None:
    if scale == "log" and (values <= 0).any():
        bad = [f"{lab}: {v:g}" for lab, v in zip(labels, values, strict=True) if v <= 0]
        raise DxError(
            f"the {model} model needs positive values; not positive: {', '.join(bad)}; "
            "accepted: values > 0, or model='linear'"
        )
    if scale == "logit" and ceiling is not None:
        bad = [f"{lab}: {v:g}" for lab, v in zip(labels, values, strict=True) if not 0 < v < ceiling]
        if bad:
            raise DxError(
                f"the {model} model needs values strictly between 0 and the ceiling {ceiling:g}; outside: "
                f"{', '.join(bad)}; accepted: a higher ceiling=…, or model='linear'"
            )


def _bound(value: Any, default: float) -> float:
    """A bound from a series' attributes (missing or NaN: none)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(v) else v


def _two_points(model: str, scale: _Scale, base: dict[str, Any]) -> TrendFit:
    t, v = base["times"], base["values"]
    z = scale.forward(v)
    slope = float((z[1] - z[0]) / (t[1] - t[0]))

    def predict(tt: np.ndarray) -> tuple[np.ndarray, None]:
        return z[1] + slope * (np.asarray(tt) - t[1]), None

    per_year = float((v[1] - v[0]) / (t[1] - t[0]))
    growth = float((v[1] / v[0]) ** (1 / (t[1] - t[0])) - 1) if v[0] > 0 and v[1] > 0 else math.nan
    return TrendFit(
        model="two_points",
        status="two_points",
        message=f"only two figures: the two-point change ({per_year:+.3g} a year"
        + (f", {growth:+.2%} a year" if not math.isnan(growth) else "")
        + f") extrapolated on the {model} model's scale, with no interval",
        params={"slope": slope, "change_per_year": per_year, "growth_per_year": growth},
        point_kind="median" if scale.name != "identity" else "mean",
        _scale=scale,
        _predict=predict,
        **base,
    )


def _fit_ols(t: np.ndarray, z: np.ndarray) -> tuple[dict[str, float], Any]:
    from statsmodels.regression.linear_model import OLS  # not statsmodels.api: a quarter second less to import
    from statsmodels.tools.tools import add_constant

    t0 = float(t.mean())
    res = OLS(z, add_constant(t - t0)).fit()

    def predict(tt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = add_constant(np.asarray(tt, dtype=float) - t0, has_constant="add")
        pred = res.get_prediction(x)
        return np.asarray(pred.predicted_mean), np.asarray(pred.se_obs)

    params = {
        "intercept": float(res.params[0] - res.params[1] * t0),
        "slope": float(res.params[1]),
        "slope_se": float(res.bse[1]),
        "scale": float(res.scale),
        "df": float(res.df_resid),
    }
    with np.errstate(invalid="ignore", divide="ignore"):  # a series exactly on a line has no residual variance
        params["r2"] = float(res.rsquared)
    return params, predict


def _fit_drift(t: np.ndarray, z: np.ndarray) -> tuple[dict[str, float], Any]:
    """Random walk with drift on uneven spacing: increments Δz = c·Δt + e, Var(e) = σ²·Δt (weighted least squares)."""
    from statsmodels.regression.linear_model import WLS

    dt, dz = np.diff(t), np.diff(z)
    res = WLS(dz, dt, weights=1.0 / dt).fit()
    c, sigma2, var_c = float(res.params[0]), float(res.scale), float(res.bse[0] ** 2)
    t_last, z_last = float(t[-1]), float(z[-1])

    def predict(tt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        h = np.asarray(tt, dtype=float) - t_last
        centre = z_last + c * h
        se = np.sqrt(np.maximum(sigma2 * np.abs(h) + h**2 * var_c, 0.0))
        return centre, se

    return {"slope": c, "slope_se": math.sqrt(var_c), "scale": sigma2, "df": float(res.df_resid)}, predict


def _fit_ets(t: np.ndarray, y: np.ndarray) -> tuple[dict[str, float], Any]:
    from scipy import stats
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    steps = np.diff(t)
    if not np.allclose(steps, 1.0, atol=0.01):
        raise DxError("the ETS model needs one figure a year with no gaps; accepted: an annual series (freq='year')")
    res = ETSModel(pd.Series(y), error="add", trend="add").fit(disp=False)
    t_last, n = float(t[-1]), len(y)
    z80 = stats.norm.ppf(0.9)

    def predict(tt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        tt = np.asarray(tt, dtype=float)
        steps_ahead = np.rint(tt - t_last).astype(int)
        if (steps_ahead < 1).any():
            fitted = np.interp(tt, t, res.fittedvalues)
            return fitted, np.full(tt.shape, math.sqrt(res.mse))
        frame = res.get_prediction(start=n, end=n + int(steps_ahead.max()) - 1).summary_frame(alpha=0.2)
        mean = frame["mean"].to_numpy()[steps_ahead - 1]
        se = (frame["pi_upper"].to_numpy()[steps_ahead - 1] - mean) / z80
        return mean, se

    return {"scale": float(res.mse), "df": math.inf, "aic": float(res.aic)}, predict


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

    Returns one row per model: ``model, status, n, slope, forecast_next, lower_next, upper_next, at_bound_next`` (the
    model passes the indicator's range next year and its forecast is held at the bound), ``backtest_mae,
    backtest_covered, message``.

    >>> import dxanalysis as dx
    >>> table = dx.compare_trends(dx.series("fibre_households_using"))
    >>> table.loc[table.model == "ets", "status"].item()
    'insufficient_data'
    """
    _check_level(level)
    models = list(models) if models is not None else [m for m in MODELS if m != "ets"] + ["ets"]
    rows = []
    for model in models:
        try:
            fit = fit_trend(s, model, ceiling=ceiling)
        except DxError as exc:
            rows.append({"model": model, "status": "not applicable", "n": int(s.notna().sum()), "message": str(exc)})
            continue
        row: dict[str, Any] = {
            "model": model,
            "status": fit.status,
            "n": fit.n,
            "message": fit.message,
            "slope": fit.params.get("slope", math.nan),
        }
        if fit.status != "insufficient_data":
            nxt = fit.forecast(horizon=1, level=level, calibrated=calibrated).iloc[0]
            row.update(
                forecast_next=nxt["forecast"],
                lower_next=nxt["lower"],
                upper_next=nxt["upper"],
                at_bound_next=bool(nxt["at_bound"]),
            )
        row.update(_backtest(s, model, holdout=holdout, level=level, ceiling=ceiling, calibrated=calibrated))
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
        "backtest_mae",
        "backtest_covered",
        "message",
    ]
    return pd.DataFrame(rows).reindex(columns=columns)


def _backtest(
    s: pd.Series, model: str, *, holdout: int, level: float, ceiling: float | None, calibrated: bool
) -> dict[str, float]:
    clean = s.dropna()
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
