"""The same trend models over a whole panel at once: closed-form least squares, vectorised over every series.

``fit_panel`` fits ``linear``, ``growth`` and ``logistic`` trends (and the ``drift`` benchmark) to every
(geo, indicator, series) of a long-format frame in one call, with the formulas statsmodels uses for a single series
(OLS on time, Student-t prediction intervals with n−2 degrees of freedom; for drift, weighted least squares of the
increments), computed for all series together on arrays. The numbers equal the per-series statsmodels fits of
:func:`dxanalysis.fit_trend` (checked to 1e-8 by the test suite).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.calibration import factor_grid, level_band
from dxanalysis.analysis.models import MIN_FIGURES, MIN_SPAN_YEARS, REGISTRY, check_level
from dxanalysis.analysis.scales import Scale
from dxanalysis.analysis.timeseries import independent_figures, period_freq
from dxanalysis.data.periods import period_time
from dxanalysis.errors import DxError

__all__ = ["PANEL_MODELS", "PanelFit", "fit_panel", "ols_kernel", "panel_scale"]

#: The models the panel path fits (those the registry marks as vectorised).
PANEL_MODELS = tuple(name for name, spec in REGISTRY.items() if spec.vectorised)


@dataclass(frozen=True)
class PanelFit:
    """Least-squares fits of many series on their working scale, one row per series.

    ``predict(t)`` gives centres and predictive standard errors at times ``t`` (one time per series, or a grid).

    >>> fit = ols_kernel(np.array([[2020.5, 2021.5, 2022.5]]), np.array([[1.0, 2.0, 3.5]]))
    >>> centre, se = fit.predict(np.array([2023.5]))
    >>> round(float(fit.slope[0]), 2), round(float(centre[0, 0]), 2)
    (1.25, 4.67)
    """

    n: np.ndarray
    t_mean: np.ndarray
    sxx: np.ndarray
    slope: np.ndarray
    intercept: np.ndarray  # at t_mean
    scale: np.ndarray  # residual variance
    df: np.ndarray
    t_last: np.ndarray
    z_last: np.ndarray
    drift: bool

    def predict(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        t = np.asarray(t, dtype=float)
        if t.ndim == 1:
            t = t[:, None]
        if self.drift:
            h = t - self.t_last[:, None]
            centre = self.z_last[:, None] + self.slope[:, None] * h
            var = self.scale[:, None] * np.abs(h) + h**2 * (self.scale / self.sxx)[:, None]
            return centre, np.sqrt(np.maximum(var, 0.0))
        centre = self.intercept[:, None] + self.slope[:, None] * (t - self.t_mean[:, None])
        with np.errstate(invalid="ignore", divide="ignore"):  # rows with too few points are NaN and marked invalid
            var = self.scale[:, None] * (
                1.0 + 1.0 / self.n[:, None] + (t - self.t_mean[:, None]) ** 2 / self.sxx[:, None]
            )
        return centre, np.sqrt(var)


def ols_kernel(t: np.ndarray, z: np.ndarray, mask: np.ndarray | None = None, *, drift: bool = False) -> PanelFit:
    """Closed-form fits of ``z`` on ``t`` for every row of the (series × points) arrays.

    ``mask`` marks the points that exist (rows may have different lengths; missing points are ignored). Points must
    be in time order within a row. With ``drift=True`` the model is the random walk with drift on uneven spacing:
    increments ``Δz = c·Δt + e`` with ``Var(e) = σ²·Δt``, fitted by weighted least squares as in
    :func:`dxanalysis.fit_trend`.

    >>> ols_kernel(np.array([[2020.5, 2021.5, 2023.5]]), np.array([[10.0, 12.0, 16.0]]), drift=True).slope.round(9)
    array([2.])
    """
    t = np.asarray(t, dtype=float)
    z = np.asarray(z, dtype=float)
    m = np.isfinite(z) & np.isfinite(t) if mask is None else np.asarray(mask, dtype=bool) & np.isfinite(z)
    w = m.astype(float)
    tz = np.where(m, t, 0.0)
    zz = np.where(m, z, 0.0)
    n = w.sum(axis=1)
    idx_last = np.where(m.any(axis=1), m.shape[1] - 1 - np.argmax(m[:, ::-1], axis=1), 0)
    rows = np.arange(len(n))
    t_last, z_last = tz[rows, idx_last], zz[rows, idx_last]
    with np.errstate(invalid="ignore", divide="ignore"):
        if drift:
            # increments between consecutive existing points
            dt_list, dz_list, dm_list = _increments(tz, zz, m)
            wsum = np.where(dm_list, dt_list, 0.0).sum(axis=1)  # Σ Δt
            c = np.where(dm_list, dz_list, 0.0).sum(axis=1) / wsum  # Σ Δz / Σ Δt
            resid2 = np.where(dm_list, (dz_list - c[:, None] * dt_list) ** 2 / np.where(dm_list, dt_list, 1.0), 0.0)
            k = dm_list.sum(axis=1)
            df = k - 1.0
            scale = resid2.sum(axis=1) / df
            return PanelFit(
                n=n,
                t_mean=t_last,
                sxx=wsum,
                slope=c,
                intercept=z_last,
                scale=scale,
                df=df,
                t_last=t_last,
                z_last=z_last,
                drift=True,
            )
        t_mean = tz.sum(axis=1) / n
        z_mean = zz.sum(axis=1) / n
        dt = np.where(m, t - t_mean[:, None], 0.0)
        dz = np.where(m, z - z_mean[:, None], 0.0)
        sxx = (dt * dt).sum(axis=1)
        slope = (dt * dz).sum(axis=1) / sxx
        resid = np.where(m, dz - slope[:, None] * dt, 0.0)
        df = n - 2.0
        scale = (resid * resid).sum(axis=1) / df
    return PanelFit(
        n=n,
        t_mean=t_mean,
        sxx=sxx,
        slope=slope,
        intercept=z_mean,
        scale=scale,
        df=df,
        t_last=t_last,
        z_last=z_last,
        drift=False,
    )


def _increments(t: np.ndarray, z: np.ndarray, m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Consecutive increments of the existing points of each row (rows left-aligned, padded with a mask)."""
    order = np.argsort(~m, axis=1, kind="stable")  # existing points first, in their order
    ts = np.take_along_axis(t, order, axis=1)
    zs = np.take_along_axis(z, order, axis=1)
    ms = np.take_along_axis(m, order, axis=1)
    return np.diff(ts, axis=1), np.diff(zs, axis=1), ms[:, 1:] & ms[:, :-1]


def panel_scale(model: str, ceilings: np.ndarray) -> Scale:
    """A model's working scale for a panel: the logit's ceiling is one per row (series), broadcast over its points.

    >>> panel_scale("logistic", np.array([100.0, 50.0])).forward(np.array([[50.0], [25.0]])).ravel().tolist()
    [0.0, 0.0]
    """
    name = REGISTRY[model].scale
    return Scale(name, np.asarray(ceilings, dtype=float)[:, None] if name == "logit" else None)


def fit_panel(
    frame: pd.DataFrame,
    models: Sequence[str] = ("linear", "growth", "logistic"),
    *,
    horizon: int = 5,
    level: float = 0.8,
    ceiling: float | None = None,
    calibrated: bool = True,
) -> pd.DataFrame:
    """Fit trend models to every (geo, indicator, series) of a long-format panel and forecast each.

    Parameters
    ----------
    frame
        Long format with columns ``geo``, ``indicator``, ``series``, ``value`` and either ``period`` (labels, as in
        :func:`dxanalysis.load_observations`) or ``year``. Several vintages of one figure are not allowed: pass one
        vintage (the default of ``load_observations``). A series mixing frequencies counts one figure per period,
        as :func:`dxanalysis.fit_trend` does (:func:`~dxanalysis.analysis.timeseries.independent_figures`: the
        ministry's 18.3 quoted for 2024-H1 and for 2024 counts once).
    models
        Any of ``linear``, ``growth``, ``logistic``, ``drift``, ``drift_log``, ``drift_logit``.
    horizon
        Years forecast after each series' last figure.
    ceiling
        The logit models' ceiling; defaults to each indicator's ``ceiling`` in the catalogue (a saturating take-up's
        plausible ceiling), else its upper bound (series without one are not fitted with the logit models).

    Returns
    -------
    pandas.DataFrame
        One row per series, model and forecast year: ``geo, indicator, series, model`` (categorical), ``n, slope,
        scale, df, year, time, forecast, lower, upper, at_bound``: forecasts and intervals are held inside each
        indicator's range, and ``at_bound`` marks where the model went beyond it (as :meth:`TrendFit.predict`
        does). Series with too short a history (under three independent figures or two years, as
        :func:`dxanalysis.fit_trend`'s ``too_short``), or values the model cannot take (non-positive for ``growth``,
        outside (0, ceiling) for ``logistic``), have ``n`` and NaN results.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> out = dx.fit_panel(dx.load_observations(), models=["linear"], horizon=1)
    >>> row = out[(out.indicator == "digital_economy_share_gdp") & (out.series == "gso")].iloc[0]
    >>> int(row.year), round(float(row.forecast), 2) > 13
    (2026, True)
    """
    from scipy import stats

    unknown = [m for m in models if m not in PANEL_MODELS]
    if unknown:
        raise DxError(f"unknown panel model(s) {unknown}; accepted: {', '.join(PANEL_MODELS)}")
    check_level(level)
    keys = ["geo", "indicator", "series"]
    missing = [c for c in [*keys, "value"] if c not in frame.columns]
    if missing or not ({"period", "year"} & set(frame.columns)):
        raise DxError(f"the panel needs columns geo, indicator, series, value and period or year; missing: {missing}")
    if "period" in frame.columns:
        frame = _independent_rows(frame, keys)
    # Every key is factorised once; its codes serve the grouping, the metadata lookups and the output's categories.
    key_codes, key_uniques = zip(*(pd.factorize(frame[k]) for k in keys), strict=True)
    combined = np.zeros(len(frame), dtype=np.int64)
    for c, u in zip(key_codes, key_uniques, strict=True):
        combined = combined * (len(u) + 1) + c
    codes, first = _first_rows(combined)
    ind_codes, indicators = key_codes[1], key_uniques[1]
    meta = _panel_meta(list(indicators), ceiling)
    is_end = (meta["timing"].to_numpy() == "end")[ind_codes]
    if "period" in frame.columns:  # the time of each row, computed once per distinct (period, timing)
        per_codes, periods = pd.factorize(frame["period"].astype(str))
        pair_codes, pair_first = _first_rows(per_codes * 2 + is_end)
        pair_times = np.array(
            [period_time(periods[per_codes[i]], "end" if is_end[i] else "period") for i in pair_first]
        )
        time = pair_times[pair_codes]
    else:  # annual figures given by year: at the year's end (a stock) or its middle (a flow)
        time = frame["year"].to_numpy(dtype=float) + np.where(is_end, 1.0, 0.5)
    value = frame["value"].to_numpy(dtype=float)
    order = np.lexsort((time, codes))
    codes, time, value = codes[order], time[order], value[order]
    if ((np.diff(codes) == 0) & (np.diff(time) == 0)).any():
        raise DxError("the panel has two figures at one time for a series (several vintages?); pass one vintage")
    n_series = len(first)
    starts = np.searchsorted(codes, np.arange(n_series))
    pos = np.arange(len(codes)) - starts[codes]
    width = int(pos.max()) + 1 if len(pos) else 0
    t = np.full((n_series, width), np.nan)
    y = np.full((n_series, width), np.nan)
    t[codes, pos], y[codes, pos] = time, value
    series_ind = ind_codes[first]
    ceilings = meta["upper"].to_numpy(dtype=float)[series_ind]
    range_lo = meta["lower"].to_numpy(dtype=float)[series_ind][:, None]
    range_hi = meta["range_upper"].to_numpy(dtype=float)[series_ind][:, None]
    offset = np.where(is_end[first], 1.0, 0.5)
    last_at = width - 1 - np.argmax(np.isfinite(y)[:, ::-1], axis=1) if width else np.zeros(n_series, dtype=int)
    last_value = y[np.arange(n_series), last_at] if width else np.full(n_series, np.nan)
    bands = [level_band(v, lo, hi) for v, lo, hi in zip(last_value, range_lo[:, 0], range_hi[:, 0], strict=True)]
    # too short a history for a trend (fit_trend's status too_short): no forecast, as for a single series
    observed = np.where(np.isfinite(y), t, np.nan)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a series with no figure has no span
        span = np.nanmax(observed, axis=1) - np.nanmin(observed, axis=1) if width else np.zeros(n_series)
    long_enough = (np.isfinite(y).sum(axis=1) >= MIN_FIGURES) & (span >= MIN_SPAN_YEARS - 1e-9)

    out = []
    for model in models:
        scale = panel_scale(model, ceilings)
        z = scale.forward(y)
        valid_rows = ~(np.isnan(z) & np.isfinite(y)).any(axis=1)  # every existing value usable on this scale
        fit = ols_kernel(t, z, np.isfinite(y), drift=REGISTRY[model].method == "drift")
        ok = valid_rows & (fit.df >= 1) & np.isfinite(fit.slope) & long_enough
        if scale.name == "logit":
            ok &= np.isfinite(ceilings)
        last_year = np.floor(fit.t_last - offset + 1e-9)
        years = last_year[:, None] + np.arange(1, horizon + 1)[None, :]
        tt = years + offset[:, None]
        centre, se = fit.predict(tt)
        dfs, df_inv = np.unique(np.where(ok, fit.df, 1.0), return_inverse=True)
        q = stats.t.ppf(0.5 + level / 2, dfs)[df_inv][:, None]
        k = np.ones_like(se)
        if calibrated:
            k = factor_grid(model, range(1, horizon + 1), level, fit.n, bands)  # by window and level band
        fc = scale.inverse(centre)
        lo = scale.inverse(centre - q * k * se)
        hi = scale.inverse(centre + q * k * se)
        bad = ~ok[:, None]
        fc, lo, hi = (np.where(bad, np.nan, a) for a in (fc, lo, hi))
        at_bound = (fc < range_lo) | (fc > range_hi)  # held inside the indicator's range, as TrendFit.predict does
        outside = (lo > range_hi) | (hi < range_lo)  # the whole interval past a bound: no interval
        fc, lo, hi = (np.clip(a, range_lo, range_hi) for a in (fc, lo, hi))
        lo, hi = np.where(outside, np.nan, lo), np.where(outside, np.nan, hi)
        block = pd.DataFrame(
            {
                "n": np.repeat(fit.n.astype(int), horizon),
                "slope": np.repeat(np.where(ok, fit.slope, np.nan), horizon),
                "scale": np.repeat(np.where(ok, fit.scale, np.nan), horizon),
                "df": np.repeat(np.where(ok, fit.df, np.nan), horizon),
                "year": years.ravel().astype(int),
                "time": tt.ravel(),
                "forecast": fc.ravel(),
                "lower": lo.ravel(),
                "upper": hi.ravel(),
                "at_bound": at_bound.ravel(),
            }
        )
        out.append(block)
    # the keys, repeated per forecast year, are built once (as categories) and shared by every model's block
    rep = np.tile(np.repeat(np.arange(n_series), horizon), len(models))
    keys_out = pd.DataFrame(index=pd.RangeIndex(len(rep)))
    for name, kc, ku in zip(keys, key_codes, key_uniques, strict=True):
        keys_out[name] = pd.Categorical.from_codes(kc[first][rep], categories=pd.Index(ku).astype(str))
    keys_out["model"] = pd.Categorical(np.repeat(list(models), n_series * horizon), categories=list(models))
    return pd.concat([keys_out, pd.concat(out, ignore_index=True)], axis=1)


def _first_rows(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group codes of integer keys (in order of first appearance), and each group's first row."""
    group, _ = pd.factorize(keys)
    first = np.full(group.max() + 1 if len(group) else 0, -1, dtype=np.int64)
    rows = np.arange(len(group))[::-1]
    first[group[::-1]] = rows  # the last write per group is its first row
    return group, first


def _independent_rows(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The rows a fit counts: for a series whose periods mix frequencies (H1 and annual, a date and its year), one
    figure per period by :func:`~dxanalysis.analysis.timeseries.independent_figures`; other series as they are."""
    periods = frame["period"].astype(str)
    freq = periods.map({p: period_freq(p) for p in periods.unique()})
    mixed = freq.groupby([frame[k] for k in keys], observed=True, sort=False).transform("nunique") > 1
    if not mixed.any():
        return frame
    frame, periods, mixed = frame.reset_index(drop=True), periods.reset_index(drop=True), mixed.reset_index(drop=True)
    timing = data.indicators().set_index("id")["timing"]
    drop: list[object] = []
    for key, part in frame[mixed.to_numpy()].groupby(keys, sort=False):
        s = pd.Series(part["value"].to_numpy(dtype=float), index=periods[part.index].to_numpy())
        _, left_out = independent_figures(s, "end" if timing.get(key[1]) == "end" else "period")
        gone = {x.period for x in left_out}
        drop += [i for i, p in zip(part.index, periods[part.index], strict=True) if p in gone]
    return frame.drop(index=drop)


def _panel_meta(indicators: Sequence[str], ceiling: float | None) -> pd.DataFrame:
    """Per indicator: its range (``lower``, ``range_upper``: the catalogue's, else unbounded), the logit models'
    ceiling (``upper``: the catalogue's ``ceiling``, else its upper bound, or a given ceiling) and its timing (a
    flow's by default)."""
    cat = data.indicators().set_index("id")
    if "ceiling" not in cat.columns:
        cat["ceiling"] = np.nan
    meta = pd.DataFrame(index=pd.Index(list(indicators), name="id"))
    meta["lower"] = cat["lower"].reindex(meta.index).astype(float).fillna(-np.inf)
    meta["range_upper"] = cat["upper"].reindex(meta.index).astype(float).fillna(np.inf)
    # a saturating take-up's plausible ceiling where the catalogue argues one, else the upper bound
    meta["upper"] = cat["ceiling"].astype(float).fillna(cat["upper"].astype(float)).reindex(meta.index)
    meta["timing"] = cat["timing"].reindex(meta.index).fillna("period")
    if ceiling is not None:
        meta["upper"] = float(ceiling)
    return meta
