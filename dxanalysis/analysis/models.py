"""The trend models, each declared once: its working scale, its fit function, how many figures it needs, whether the
panel path vectorises it, its label and whether its intervals are calibrated.

:data:`REGISTRY` is read by :func:`dxanalysis.fit_trend`, :func:`dxanalysis.fit_panel`, the calibration back-test
(``benchmarks/calibrate_intervals.py``), the reader's tables and the labels (``model_<name>`` in
``dxanalysis.present.i18n.LABELS``). Adding a model is one :class:`ModelSpec` here, its fit function (in
:mod:`dxanalysis.analysis.fits`), its two labels and, if it is calibrated, its rows of ``calibration_factors.csv``.

The arguments that choose a model or an interval are checked here too (:func:`parse_models`, :func:`model_spec`,
:func:`check_level`), so the library, the notebooks and the report runner refuse the same things in the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np

from dxanalysis.analysis.fits import FittedState, fit_drift, fit_ets, fit_ols
from dxanalysis.analysis.scales import ScaleName
from dxanalysis.errors import DxError

__all__ = [
    "CAVEATS",
    "FIT_STATUSES",
    "MIN_FIGURES",
    "MIN_SPAN_YEARS",
    "MODELS",
    "REGISTRY",
    "UNINFORMATIVE_SHARE",
    "Caveats",
    "FitStatuses",
    "ModelSpec",
    "check_level",
    "model_spec",
    "parse_models",
]


class FitStatuses(NamedTuple):
    """The statuses of a :class:`~dxanalysis.TrendFit` (not those of a target: see ``assessment.TARGET_STATUSES``).

    >>> FIT_STATUSES.ok, "too_short" in FIT_STATUSES
    ('ok', True)
    """

    ok: str = "ok"
    #: kept for old results only: :func:`dxanalysis.fit_trend` no longer extrapolates two figures (too short)
    two_points: str = "two_points"
    insufficient_data: str = "insufficient_data"
    #: too short a history for a trend: under :data:`MIN_FIGURES` independent figures or :data:`MIN_SPAN_YEARS` years
    too_short: str = "too_short"


#: ``ok``, ``two_points``, ``insufficient_data``, ``too_short``: ``FIT_STATUSES.ok``, or ``status in FIT_STATUSES``.
FIT_STATUSES = FitStatuses()

#: A trend needs at least this many independent figures (one per period: ``timeseries.independent_figures``) ...
MIN_FIGURES = 3
#: ... spanning at least this many years, from the first figure's time to the last's; else it is too short a history.
MIN_SPAN_YEARS = 2.0


class Caveats(NamedTuple):
    """Why a projection may not carry a probability (:meth:`dxanalysis.TrendFit.caveat`): a reason code each.

    - ``too_short``: too short a history for a trend (no projection at all);
    - ``insufficient_data``: the model could not be fitted (too few figures for it, or values it cannot take);
    - ``no_interval``: the fit gives no interval (an old two-point result);
    - ``uncalibrated``: the interval is raw, not widened by measured calibration factors;
    - ``uninformative``: the interval covers (nearly, at least :data:`UNINFORMATIVE_SHARE`) the admissible range;
    - ``beyond_tested_horizon``: further ahead than the calibration back-test measured.

    >>> CAVEATS.beyond_tested_horizon, "uninformative" in CAVEATS
    ('beyond_tested_horizon', True)
    """

    too_short: str = "too_short"
    insufficient_data: str = "insufficient_data"
    no_interval: str = "no_interval"
    uncalibrated: str = "uncalibrated"
    uninformative: str = "uninformative"
    beyond_tested_horizon: str = "beyond_tested_horizon"


#: The reason codes of :class:`Caveats`.
CAVEATS = Caveats()
#: An interval covering at least this share of the admissible range (lower bound to ceiling) is uninformative.
UNINFORMATIVE_SHARE = 0.9

FitFunction = Callable[[np.ndarray, np.ndarray], tuple[dict[str, float], FittedState]]


@dataclass(frozen=True)
class ModelSpec:
    """One trend model.

    Attributes
    ----------
    name
        The model's name, as :func:`dxanalysis.fit_trend` takes it.
    scale
        The working scale the model is linear on (:class:`~dxanalysis.analysis.scales.Scale`).
    fit
        ``fit(times, values on the working scale) -> (params, fitted state)``.
    min_points
        Fewest figures for an interval (two figures give the two-point change instead, where ``two_points``).
    vectorised
        Whether :func:`dxanalysis.fit_panel` fits it for a whole panel at once (closed-form least squares).
    calibrated
        Whether ``calibration_factors.csv`` holds its interval factors (else its intervals are raw).
    description
        The message of a fit that succeeded, in words.
    method
        ``ols``, ``drift`` or ``ets``: the kind of fit (the panel path has a kernel for the first two).
    two_points
        Whether two figures give the two-point change on the model's scale (else: insufficient data).

    Examples
    --------
    >>> spec = REGISTRY["drift_logit"]
    >>> spec.scale, spec.min_points, spec.vectorised, spec.label_key
    ('logit', 3, True, 'model_drift_logit')
    """

    name: str
    scale: ScaleName
    fit: FitFunction
    min_points: int
    vectorised: bool
    calibrated: bool
    description: str
    method: Literal["ols", "drift", "ets"]
    two_points: bool = True

    @property
    def label_key(self) -> str:
        """The model's key in ``dxanalysis.present.i18n.LABELS``."""
        return f"model_{self.name}"


def _spec(name: str, scale: ScaleName, method: Literal["ols", "drift"], description: str) -> ModelSpec:
    fit = fit_ols if method == "ols" else fit_drift
    return ModelSpec(name, scale, fit, 3, vectorised=True, calibrated=True, description=description, method=method)


#: Every trend model by name, in the order tables list them. ``drift_log`` and ``drift_logit`` are the random walk with
#: drift on the log or logit scale (also ``fit_trend(s, "drift", scale="logit")``).
REGISTRY: dict[str, ModelSpec] = {
    "linear": _spec("linear", "identity", "ols", "linear trend (percentage points a year)"),
    "growth": _spec("growth", "log", "ols", "constant growth (log-linear)"),
    "logistic": _spec("logistic", "logit", "ols", "saturating (logistic toward the ceiling)"),
    "drift": _spec("drift", "identity", "drift", "random walk with drift"),
    "drift_log": _spec("drift_log", "log", "drift", "random walk with drift on the log scale"),
    "drift_logit": _spec(
        "drift_logit", "logit", "drift", "random walk with drift on the logit scale (bounded by the ceiling)"
    ),
    # level, trend and their smoothing need a longer series than a line does
    "ets": ModelSpec(
        "ets",
        "identity",
        fit_ets,
        10,
        vectorised=False,
        calibrated=False,
        description="exponential smoothing (ETS, additive trend)",
        method="ets",
        two_points=False,
    ),
}
#: The models' names (``dx.MODELS``).
MODELS: tuple[str, ...] = tuple(REGISTRY)


def model_spec(name: str) -> ModelSpec:
    """The :class:`ModelSpec` of a model, or :class:`~dxanalysis.DxError` naming the accepted ones.

    >>> model_spec("growth").scale
    'log'
    """
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise DxError(f"unknown model {name!r}; accepted: {', '.join(MODELS)}") from None


def parse_models(text: str) -> list[str] | None:
    """A notebook's ``models`` parameter: comma-separated model names, or empty for every supported model.

    Raises :class:`~dxanalysis.DxError` naming an unknown model and the accepted ones.

    Examples
    --------
    >>> parse_models(""), parse_models("linear, drift_logit")
    (None, ['linear', 'drift_logit'])
    """
    if not isinstance(text, str):
        raise DxError(f"models must be text such as 'linear,drift', not a {type(text).__name__}")
    names = [m.strip() for m in text.split(",") if m.strip()]
    if not names:
        return None
    unknown = [m for m in names if m not in REGISTRY]
    if unknown:
        raise DxError(
            f"unknown model(s) {', '.join(map(repr, unknown))} in models={text!r}; accepted: {', '.join(MODELS)} "
            "(comma-separated), or empty for all"
        )
    return names


def check_level(level: Any) -> float:
    """The probability of a prediction interval, checked: a number strictly between 0 and 1.

    Raises :class:`~dxanalysis.DxError` otherwise, in the words every function taking ``level=`` uses.

    >>> check_level(0.8)
    0.8
    >>> check_level(80)
    Traceback (most recent call last):
    ...
    dxanalysis.errors.DxError: level=80 is not a probability; accepted: a number strictly between 0 and 1, e.g. 0.8
    """
    if not (isinstance(level, int | float) and 0 < level < 1):
        raise DxError(f"level={level!r} is not a probability; accepted: a number strictly between 0 and 1, e.g. 0.8")
    return float(level)
