"""The result of a trend fit, in statsmodels' manner: plain fitted quantities, forecasts computed from them.

A :class:`TrendFit` records what was fitted and on what data (figures, vintage, sources), its status, and the fitted
state of :mod:`dxanalysis.analysis.fits`: no closure, so a fit pickles. :func:`dxanalysis.fit_trend` makes one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dxanalysis.analysis.calibration import (
    REVISED_STATUSES,
    REVISION_RMS,
    factor,
    factors,
    level_band,
    tested_horizons,
)
from dxanalysis.analysis.fits import FittedState
from dxanalysis.analysis.models import CAVEATS, FIT_STATUSES, MODELS, UNINFORMATIVE_SHARE, check_level
from dxanalysis.analysis.scales import Scale
from dxanalysis.analysis.timeseries import LeftOut, Pace, annual_pace, figure_year, series_figures
from dxanalysis.data.periods import Timing, year_time
from dxanalysis.errors import DxError

__all__ = ["TrendFit"]


@dataclass
class TrendFit:
    """A fitted trend: what was fitted, on what data, and the fitted quantities to forecast from.

    Attributes
    ----------
    model
        ``linear``, ``growth``, ``logistic``, ``drift``, ``drift_log``, ``drift_logit``, ``ets`` (``two_points`` in
        results made before two figures became too short a history).
    status
        ``ok``, ``too_short`` (too short a history for a trend: under three independent figures or two years; the
        figures are kept, nothing is projected) or ``insufficient_data`` (the model could not be fitted)
        (:data:`~dxanalysis.analysis.models.FIT_STATUSES`).
    message
        Why the status is what it is, in words.
    n, period_covered, vintage
        Number of figures, the first and last period, and the data vintage (``as_of`` or the latest publication).
    sources
        The source ids of the figures the fit used (from the series' ``attrs["source"]``), in the figures' order.
    left_out
        The figures of the series the fit did not count, each a :class:`~dxanalysis.analysis.timeseries.LeftOut`
        (period, reason, the figure kept instead): one figure per period
        (:func:`~dxanalysis.analysis.timeseries.independent_figures`).
    last_status
        The status of the last figure fitted (``actual``, ``estimate``, ``provisional``, ``projection``; empty where
        the series does not say): a last figure that is not actual may be revised, which widens the calibrated
        interval (:attr:`revision_se`).
    params
        The fitted parameters on the working scale (``slope``, ``intercept``, ``scale``, ``df``, ``ceiling``, ...).
    point_kind
        ``mean`` or ``median``: what the ``forecast`` column holds (the back-transform of a mean is a median).
    working_scale
        The :class:`~dxanalysis.analysis.scales.Scale` the model is linear on.
    state
        The fitted quantities (:mod:`dxanalysis.analysis.fits`: slope, intercept, mean time, Sxx, σ², df, or the
        statsmodels ETS results); ``None`` when nothing could be fitted. Plain data: a fit pickles.

    Examples
    --------
    >>> import pandas as pd, dxanalysis as dx
    >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]), model="growth")
    >>> fit.status, fit.n, fit.period_covered, fit.point_kind
    ('ok', 3, ('2021', '2023'), 'median')
    >>> fit.caveat(2025), fit.caveat(2040)
    (None, 'beyond_tested_horizon')
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
    sources: tuple[str, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    last_status: str = ""
    params: dict[str, float] = field(default_factory=dict)
    point_kind: str = "mean"
    #: the indicator's range (0-100 for a share), from the series' attributes: forecasts are held inside it
    bounds: tuple[float, float] = (-math.inf, math.inf)
    working_scale: Scale = field(default_factory=Scale, repr=False)
    state: FittedState | None = field(default=None, repr=False)

    @classmethod
    def insufficient(
        cls, s: pd.Series, message: str, *, model: str = "linear", timing: Timing | None = None
    ) -> TrendFit:
        """A fit that could not be made: the series' figures and the reason, no forecast.

        >>> import pandas as pd
        >>> fit = TrendFit.insufficient(pd.Series([99.0, 100.0, 100.0], index=[2022, 2023, 2024]), "at the ceiling")
        >>> fit.status, fit.n, fit.message
        ('insufficient_data', 3, 'at the ceiling')
        """
        figures = series_figures(s, timing)
        return cls(model=model, status=FIT_STATUSES.insufficient_data, message=message, **figures)

    @property
    def ok(self) -> bool:
        return self.status == FIT_STATUSES.ok

    @property
    def last_time(self) -> float:
        return float(self.times[-1]) if len(self.times) else math.nan

    @property
    def span(self) -> float:
        """Years from the first figure's time to the last's (0 for one figure, NaN for none)."""
        return float(self.times[-1] - self.times[0]) if len(self.times) else math.nan

    @property
    def calibrated_model(self) -> bool:
        """Whether the shipped calibration table holds factors for this model (``calibration.factors()``)."""
        return self.model in tested_horizons()

    @property
    def tested_horizon(self) -> float:
        """The furthest horizon (years after the last figure) the calibration back-test measured for this model, read
        from the shipped factors (0 for a model with none): further ahead a projection carries no probability."""
        return tested_horizons().get(self.model, 0.0)

    @property
    def revision_se(self) -> float:
        """The error of a revision of the last figure on the working scale, added in quadrature to the calibrated
        predictive standard error: :data:`~dxanalysis.analysis.calibration.REVISION_RMS` of the figure where the last
        figure is an estimate, provisional or a projection, else 0.

        >>> import pandas as pd, dxanalysis as dx
        >>> s = pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023])
        >>> s.attrs["status"] = {2021: "actual", 2022: "actual", 2023: "estimate"}
        >>> round(dx.fit_trend(s, model="linear").revision_se, 3), dx.fit_trend(s.iloc[:2].rename(None)).revision_se
        (0.545, 0.0)
        """
        if self.last_status not in REVISED_STATUSES or not len(self.values):
            return 0.0
        v = float(self.values[-1])
        eps = 1e-6 * max(abs(v), 1.0)
        slope = np.diff(self.working_scale.forward(np.array([v - eps, v + eps])))[0] / (2 * eps)
        out = abs(float(slope)) * REVISION_RMS * abs(v)
        return out if math.isfinite(out) else 0.0

    def _spread(self, se: np.ndarray, k: np.ndarray | float, calibrated: bool) -> np.ndarray:
        """The predictive standard error on the working scale: the raw one times the calibration factor, and, when
        calibrated, the revision error of the last figure added in quadrature (:attr:`revision_se`)."""
        spread = np.asarray(k * se, dtype=float)
        return np.sqrt(spread**2 + self.revision_se**2) if calibrated else spread

    def observed_pace(self) -> Pace:
        """The pace a year from the first figure to the last (:func:`~dxanalysis.analysis.timeseries.annual_pace`:
        NaN over a span under a year).

        >>> import pandas as pd
        >>> TrendFit.insufficient(pd.Series([26.0, 90.0], index=["2025-Q2", "2025-12"]), "short").observed_pace()
        Pace(change=nan, growth=nan)
        """
        if len(self.values) < 2:
            return Pace(math.nan, math.nan)
        return annual_pace(self.values[0], self.times[0], self.values[-1], self.times[-1])

    def __repr__(self) -> str:
        covered = f"{self.period_covered[0]}–{self.period_covered[1]}" if self.period_covered else "no data"
        what = f"{self.indicator or 'series'}" + (f" ({self.series})" if self.series else "")
        return f"<TrendFit {self.model} of {what}: {self.status}, n={self.n}, {covered}; {self.message}>"

    def summary(self) -> str:
        """What was fitted, on what data, and with what result, as text to print.

        >>> import dxanalysis as dx
        >>> print(dx.fit_trend(dx.series("digital_economy_share_gdp", "mic", as_of="2024-05-01"), "linear").summary())
        model       linear
        indicator   digital_economy_share_gdp (mic)
        status      ok: linear trend (percentage points a year)
        figures     3, 2021–2023
        vintage     as of 2024-05-01
        sources     kontum_2024_04_24
        parameters  intercept -4627.41, slope 2.295, slope_se 0.0317543, scale 0.00201667, df 1, r2 0.999809
        revision    the last figure is an estimate: calibrated intervals widened by a revision error of 3.3% of it
        """
        covered = "–".join(self.period_covered) if self.period_covered else "none"
        what = (self.indicator or "a series") + (f" ({self.series})" if self.series else "")
        rows = {
            "model": self.model,
            "indicator": what,
            "status": f"{self.status}: {self.message}",
            "figures": f"{self.n}, {covered}",
            "vintage": self.vintage or "not known",
            "sources": ", ".join(self.sources) or "not known",
            "parameters": ", ".join(f"{k} {v:.6g}" for k, v in self.params.items()) or "none",
        }
        if self.revision_se:
            rows["revision"] = (
                f"the last figure is {'an' if self.last_status[0] in 'aeiou' else 'a'} {self.last_status}: calibrated "
                f"intervals widened by a revision error of {REVISION_RMS:.1%} of it"
            )
        return "\n".join(f"{k:<11s} {v}" for k, v in rows.items())

    # -- forecasting ---------------------------------------------------------------------------------------------

    def _centre_se(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        if self.state is None:
            return np.full(np.shape(times), np.nan), None
        return self.state.predict(times)

    def predict(
        self, times: Sequence[float] | np.ndarray, *, level: float = 0.8, calibrated: bool = True
    ) -> pd.DataFrame:
        """Forecast at arbitrary times (fractional years): ``time, forecast, lower, upper, at_bound, caveat``.

        A model on the level or log scale knows nothing of the indicator's range: a linear trend of a share runs past
        100%. Its forecast and interval are held inside :attr:`bounds`: the ends of the interval are the quantiles of
        the forecast distribution censored at the bounds (the clipped quantiles), and the forecast is the bound where
        the model's own forecast lies beyond it, which ``at_bound`` marks. Where the whole interval lies beyond a
        bound, the model says nothing about the range the indicator can take: the interval is missing (NaN) rather
        than a point that would look certain. A model on the logit scale (``drift_logit``, ``logistic``) stays
        inside the range by construction and is the better choice for a share close to its ceiling.

        ``caveat`` is ``None`` where the projection may carry a probability, else the reason it may not
        (:meth:`caveat`). ``calibrated=True`` on a model the calibration table has no factors for (``ets``, unless
        they were measured) raises :class:`~dxanalysis.DxError`: its interval would be raw under a calibrated name.
        """
        check_level(level)
        t = np.asarray(times, dtype=float)
        nan = np.full(t.shape, np.nan)
        if self.state is None or self.status in (FIT_STATUSES.insufficient_data, FIT_STATUSES.too_short):
            return pd.DataFrame({"time": t, "forecast": nan, "lower": nan, "upper": nan, "at_bound": False}).assign(
                caveat=pd.Series([self.status] * len(t), dtype=object)
            )
        self._check_calibrated(calibrated)
        centre, se = self._centre_se(t)
        point = self.working_scale.inverse(centre)
        lower, upper = nan, nan
        if self.status != FIT_STATUSES.two_points and se is not None:
            from scipy import stats

            q = stats.t.ppf(0.5 + level / 2, self.params["df"])
            k = self.calibration_factor(t, level) if calibrated else np.ones_like(t)
            spread = self._spread(se, k, calibrated)
            lower = self.working_scale.inverse(centre - q * spread)
            upper = self.working_scale.inverse(centre + q * spread)
        low, high = self.bounds
        beyond = (point < low) | (point > high)
        outside = (lower > high) | (upper < low)  # the whole interval past one bound
        out = pd.DataFrame(
            {
                "time": t,
                "forecast": np.clip(point, low, high),
                "lower": np.where(outside, np.nan, np.clip(lower, low, high)),
                "upper": np.where(outside, np.nan, np.clip(upper, low, high)),
                "at_bound": beyond,
            }
        )
        caveats = self._caveats(t, out["forecast"], out["lower"], out["upper"], calibrated)
        out["caveat"] = pd.Series(caveats, index=out.index, dtype=object)  # None where none applies
        return out

    def _check_calibrated(self, calibrated: bool) -> None:
        if calibrated and self.model in MODELS and not self.calibrated_model:
            raise DxError(
                f"the {self.model} model has no calibration factors (calibration_factors.csv measures none for it), "
                "so its interval cannot be calibrated; accepted: calibrated=False for its raw interval (labelled "
                "uncalibrated), or a calibrated model: " + ", ".join(sorted(set(factors()["model"]) & set(MODELS)))
            )

    @property
    def admissible_range(self) -> tuple[float, float]:
        """The range a projection can take: the lower bound to the logit's ceiling (or the upper bound)."""
        low, high = self.bounds
        ceiling = self.working_scale.ceiling
        if self.working_scale.name == "logit" and ceiling is not None and np.ndim(ceiling) == 0:
            high = min(high, float(ceiling))
        return low, high

    def _caveats(
        self, t: np.ndarray, point: pd.Series, lower: pd.Series, upper: pd.Series, calibrated: bool
    ) -> list[str | None]:
        low, high = self.admissible_range
        width = (upper - lower).to_numpy(dtype=float)
        if math.isfinite(low) and math.isfinite(high):
            uninformative = width >= UNINFORMATIVE_SHARE * (high - low)
        elif math.isfinite(low):  # unbounded above: the range from the bound to twice the forecast's distance
            uninformative = width >= UNINFORMATIVE_SHARE * 2 * (point.to_numpy(dtype=float) - low)
        elif math.isfinite(high):
            uninformative = width >= UNINFORMATIVE_SHARE * 2 * (high - point.to_numpy(dtype=float))
        else:
            uninformative = np.zeros(t.shape, dtype=bool)
        beyond = (t - self.last_time) > self.tested_horizon + 1e-6
        out: list[str | None] = []
        for i in range(len(t)):
            if self.status == FIT_STATUSES.two_points or math.isnan(width[i]):
                out.append(CAVEATS.no_interval)
            elif not calibrated or not self.calibrated_model:
                out.append(CAVEATS.uncalibrated)
            elif uninformative[i]:
                out.append(CAVEATS.uninformative)
            elif beyond[i]:
                out.append(CAVEATS.beyond_tested_horizon)
            else:
                out.append(None)
        return out

    def caveat(self, year: int, *, level: float = 0.8, calibrated: bool = True) -> str | None:
        """Why the projection for ``year`` may carry no probability, or ``None`` where it may.

        The reason codes (:data:`~dxanalysis.analysis.models.CAVEATS`): ``too_short`` and ``insufficient_data`` (no
        projection), ``no_interval``, ``uncalibrated`` (a raw interval), ``uninformative`` (the interval at
        ``level`` covers at least 90% of the admissible range, the lower bound to the ceiling; for a range unbounded
        above, of the range from the bound to twice the forecast), ``beyond_tested_horizon`` (further after the
        last figure than the calibration measured: :attr:`tested_horizon`). The first that applies is returned.

        >>> import dxanalysis as dx
        >>> dx.fit_trend(dx.series("mobile_5g_population_coverage")).caveat(2030)
        'too_short'
        """
        if self.status in (FIT_STATUSES.insufficient_data, FIT_STATUSES.too_short):
            return self.status
        if calibrated and self.model in MODELS and not self.calibrated_model:
            return CAVEATS.uncalibrated
        time = year_time(int(year), self.timing)  # type: ignore[arg-type]
        value = self.predict([time], level=level, calibrated=calibrated)["caveat"].iloc[0]
        return None if pd.isna(value) else str(value)

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
        range, ``at_bound`` (the model's own forecast went beyond it: see :meth:`predict`) and ``caveat`` (``None``,
        or why that year's projection carries no probability: :meth:`caveat`).

        Examples
        --------
        >>> import pandas as pd, dxanalysis as dx
        >>> fit = dx.fit_trend(pd.Series([11.91, 14.26, 16.5], index=[2021, 2022, 2023]), model="linear")
        >>> fit.forecast(until=2025)[["year", "forecast"]].round(2).to_dict("list")
        {'year': [2024, 2025], 'forecast': [18.81, 21.11]}
        """
        if self.state is None or self.status in (FIT_STATUSES.insufficient_data, FIT_STATUSES.too_short):
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
        return figure_year(self.last_time, self.timing)

    def probability_at_least(
        self, value: float, time: float, *, calibrated: bool = True, guarded: bool = True
    ) -> float:
        """The probability, under the model's predictive distribution, that the figure at ``time`` is >= ``value``.

        The predictive distribution is the model's Student-t on its working scale, widened by the calibration
        factor of 80% intervals at that horizon and by the revision error of an estimated last figure (unless
        ``calibrated=False``: :attr:`revision_se`). NaN where the fit is not ``ok`` and,
        unless ``guarded=False``, where the 80% projection at ``time`` has a caveat (:meth:`caveat`: uninformative,
        beyond the tested horizon, uncalibrated).
        """
        if self.status != FIT_STATUSES.ok:
            return math.nan
        if guarded and pd.notna(self.predict([time], calibrated=calibrated)["caveat"].iloc[0]):
            return math.nan
        self._check_calibrated(calibrated)
        from scipy import stats

        scale = self.working_scale
        if scale.name == "logit" and scale.ceiling is not None and value >= float(scale.ceiling):
            return 0.0
        if scale.name in ("log", "logit") and value <= 0:
            return 1.0
        centre, se = self._centre_se(np.array([time]))
        assert se is not None
        k = self.calibration_factor(np.array([time]), 0.8)[0] if calibrated else 1.0
        gap = float(scale.forward(np.array([value]))[0]) - centre[0]
        spread = float(self._spread(se[:1], k, calibrated)[0])
        if not spread > 0:  # at the last figure itself there is no uncertainty left
            return 1.0 if gap <= 0 else 0.0
        return float(1.0 - stats.t.cdf(gap / spread, self.params["df"]))

    def calibration_factor(self, times: np.ndarray, level: float) -> np.ndarray:
        """How much wider than raw the interval is made at each time (1 where no calibration applies), for the
        number of figures fitted and the level band of the last one (:func:`~dxanalysis.analysis.calibration.factor`).
        """
        horizons = np.maximum(np.asarray(times, dtype=float) - self.last_time, 0.0)
        band = level_band(float(self.values[-1]), *self.bounds) if len(self.values) else None
        return np.array([factor(self.model, h, level, n=len(self.values), band=band) for h in horizons])

    def fitted(self) -> pd.DataFrame:
        """The figures with the model's fitted values: ``period, time, value, fitted``."""
        centre, _ = self._centre_se(self.times)
        return pd.DataFrame(
            {
                "period": self.labels,
                "time": self.times,
                "value": self.values,
                "fitted": self.working_scale.inverse(centre),
            }
        )
