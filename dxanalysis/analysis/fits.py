"""The fit function of each trend model, and the fitted quantities it keeps to forecast from.

A fit function takes the times (fractional years) and the values on the model's working scale and returns the
reported parameters (a dict) and a *fitted state*: a small frozen dataclass of plain numbers (and, for ETS, the
statsmodels results) whose ``predict(times)`` gives the centre and the predictive standard error on the working scale.
A state holds no closure, so a :class:`~dxanalysis.TrendFit` pickles and can cross a process boundary.

statsmodels is imported by the fit functions only, when a model is fitted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from dxanalysis.errors import DxError

__all__ = [
    "DriftState",
    "ETSState",
    "FittedState",
    "OLSState",
    "TwoPointState",
    "fit_drift",
    "fit_ets",
    "fit_ols",
    "fit_two_points",
]


@runtime_checkable
class FittedState(Protocol):
    """What a fitted model keeps: enough to give the centre and standard error at any time.

    >>> isinstance(TwoPointState(slope=1.0, t_last=2022.5, z_last=12.0), FittedState)
    True
    """

    def predict(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Centre and predictive standard error on the working scale (``None``: no interval)."""
        ...


@dataclass(frozen=True)
class OLSState:
    """Least squares on time, centred at ``t_mean``: ``params`` (intercept at ``t_mean``, slope), their covariance
    ``cov`` and the residual variance ``sigma2``. The prediction is statsmodels' ``get_prediction(...).se_obs``,
    computed the same way from the same numbers.

    >>> _, state = fit_ols(np.array([2021.5, 2022.5, 2023.5]), np.array([11.91, 14.26, 16.5]))
    >>> state.t_mean, state.n, state.df
    (2022.5, 3, 1.0)
    """

    t_mean: float
    params: np.ndarray
    cov: np.ndarray
    sigma2: float
    n: int
    sxx: float
    df: float

    def predict(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        t = np.asarray(times, dtype=float)
        x = np.column_stack([np.ones(t.shape), t - self.t_mean])  # statsmodels' add_constant(t - t_mean)
        centre = np.dot(x, self.params)
        var_mean = (x * np.dot(self.cov, x.T).T).sum(1)
        return np.asarray(centre), np.asarray(np.sqrt(var_mean + self.sigma2))


@dataclass(frozen=True)
class DriftState:
    """Random walk with drift from the last figure (``t_last``, ``z_last``): drift ``slope`` with variance
    ``slope_var``, increments' variance ``sigma2`` per year.

    >>> centre, se = DriftState(2.0, 0.25, 1.0, t_last=2023.5, z_last=16.0, df=2.0).predict(np.array([2025.5]))
    >>> float(centre[0]), float(se[0])
    (20.0, 1.7320508075688772)
    """

    slope: float
    slope_var: float
    sigma2: float
    t_last: float
    z_last: float
    df: float

    def predict(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        h = np.asarray(times, dtype=float) - self.t_last
        centre = self.z_last + self.slope * h
        se = np.sqrt(np.maximum(self.sigma2 * np.abs(h) + h**2 * self.slope_var, 0.0))
        return centre, se


@dataclass(frozen=True)
class ETSState:
    """Exponential smoothing: the statsmodels ETS ``results`` (they pickle), on an annual series ending at
    ``t_last``. Times up to the last figure give the fitted values with the residual standard error.

    >>> years = np.arange(2012.5, 2024.5)
    >>> _, state = fit_ets(years, 20 + 3 * np.arange(12.0) + np.tile([0.5, -0.5], 6))
    >>> state.n, state.t_last
    (12, 2023.5)
    """

    results: Any
    times: np.ndarray
    t_last: float
    n: int

    def predict(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        from scipy import stats

        tt = np.asarray(times, dtype=float)
        steps_ahead = np.rint(tt - self.t_last).astype(int)
        if (steps_ahead < 1).any():
            fitted = np.interp(tt, self.times, self.results.fittedvalues)
            return fitted, np.full(tt.shape, math.sqrt(self.results.mse))
        n = self.n
        frame = self.results.get_prediction(start=n, end=n + int(steps_ahead.max()) - 1).summary_frame(alpha=0.2)
        mean = frame["mean"].to_numpy()[steps_ahead - 1]
        se = (frame["pi_upper"].to_numpy()[steps_ahead - 1] - mean) / stats.norm.ppf(0.9)
        return mean, se


@dataclass(frozen=True)
class TwoPointState:
    """The change between two figures, extrapolated from the last one (``t_last``, ``z_last``): no interval.

    >>> TwoPointState(slope=1.0, t_last=2022.5, z_last=12.0).predict(np.array([2024.5]))
    (array([14.]), None)
    """

    slope: float
    t_last: float
    z_last: float

    def predict(self, times: np.ndarray) -> tuple[np.ndarray, None]:
        return self.z_last + self.slope * (np.asarray(times) - self.t_last), None


def fit_ols(t: np.ndarray, z: np.ndarray) -> tuple[dict[str, float], OLSState]:
    """Least squares of ``z`` on time (statsmodels OLS, time centred on its mean).

    >>> params, state = fit_ols(np.array([2021.5, 2022.5, 2023.5]), np.array([11.91, 14.26, 16.5]))
    >>> round(params["slope"], 3), round(float(state.predict(np.array([2024.5]))[0][0]), 2)
    (2.295, 18.81)
    """
    from statsmodels.regression.linear_model import OLS  # not statsmodels.api: lighter to import
    from statsmodels.tools.tools import add_constant

    t0 = float(t.mean())
    res = OLS(z, add_constant(t - t0)).fit()
    params = {
        "intercept": float(res.params[0] - res.params[1] * t0),
        "slope": float(res.params[1]),
        "slope_se": float(res.bse[1]),
        "scale": float(res.scale),
        "df": float(res.df_resid),
    }
    with np.errstate(invalid="ignore", divide="ignore"):  # a series exactly on a line has no residual variance
        params["r2"] = float(res.rsquared)
    state = OLSState(
        t_mean=t0,
        params=np.asarray(res.params, dtype=float),
        cov=np.asarray(res.cov_params(), dtype=float),
        sigma2=float(res.scale),
        n=len(z),
        sxx=float(((t - t0) ** 2).sum()),
        df=float(res.df_resid),
    )
    return params, state


def fit_drift(t: np.ndarray, z: np.ndarray) -> tuple[dict[str, float], DriftState]:
    """Random walk with drift on uneven spacing: increments Δz = c·Δt + e, Var(e) = σ²·Δt (weighted least squares).

    >>> params, _ = fit_drift(np.array([2020.5, 2021.5, 2023.5]), np.array([10.0, 12.0, 16.0]))
    >>> round(params["slope"], 9)
    2.0
    """
    from statsmodels.regression.linear_model import WLS

    dt, dz = np.diff(t), np.diff(z)
    res = WLS(dz, dt, weights=1.0 / dt).fit()
    c, sigma2, var_c = float(res.params[0]), float(res.scale), float(res.bse[0] ** 2)
    state = DriftState(
        slope=c, slope_var=var_c, sigma2=sigma2, t_last=float(t[-1]), z_last=float(z[-1]), df=float(res.df_resid)
    )
    return {"slope": c, "slope_se": math.sqrt(var_c), "scale": sigma2, "df": float(res.df_resid)}, state


def fit_ets(t: np.ndarray, z: np.ndarray) -> tuple[dict[str, float], ETSState]:
    """Exponential smoothing with additive error and trend (statsmodels ETS), for one figure a year with no gaps.

    >>> params, _ = fit_ets(np.arange(2012.5, 2024.5), 20 + 3 * np.arange(12.0) + np.tile([0.5, -0.5], 6))
    >>> sorted(params), params["df"]
    (['aic', 'df', 'scale'], inf)
    """
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    steps = np.diff(t)
    if not np.allclose(steps, 1.0, atol=0.01):
        raise DxError("the ETS model needs one figure a year with no gaps; accepted: an annual series (freq='year')")
    res = ETSModel(pd.Series(z), error="add", trend="add").fit(disp=False)
    state = ETSState(results=res, times=np.asarray(t, dtype=float), t_last=float(t[-1]), n=len(z))
    return {"scale": float(res.mse), "df": math.inf, "aic": float(res.aic)}, state


def fit_two_points(t: np.ndarray, z: np.ndarray) -> tuple[dict[str, float], TwoPointState]:
    """The slope between two figures on the working scale (the reported change is the caller's, in the unit).

    >>> fit_two_points(np.array([2020.5, 2022.5]), np.array([10.0, 12.0]))[0]
    {'slope': 1.0}
    """
    slope = float((z[1] - z[0]) / (t[1] - t[0]))
    return {"slope": slope}, TwoPointState(slope=slope, t_last=float(t[1]), z_last=float(z[1]))
