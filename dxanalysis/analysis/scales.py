"""The working scales of the trend models: the level, the logarithm, and the logit toward a ceiling.

A model is linear, with Student-t errors, on its working scale; its centre and interval bounds are then transformed
back to the indicator's unit. The transforms are monotone, so a back-transformed bound keeps its coverage (and a
back-transformed mean is a median). One implementation serves a single series (:func:`dxanalysis.fit_trend`), a whole
panel (:func:`dxanalysis.fit_panel`, where the ceiling may differ by row) and the calibration back-test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = ["SCALE_NAMES", "Scale", "ScaleName"]

ScaleName = Literal["identity", "log", "logit"]
#: ``identity`` (the level), ``log`` (a constant growth rate), ``logit`` (a share bounded by a ceiling).
SCALE_NAMES: tuple[ScaleName, ...] = ("identity", "log", "logit")


@dataclass(frozen=True)
class Scale:
    """A monotone transform of the values, on which a trend model is linear.

    Parameters
    ----------
    name
        ``"identity"``, ``"log"`` or ``"logit"``.
    ceiling
        The logit's upper bound (``logit(y) = log(y / (ceiling - y))``): a number, or an array that broadcasts
        against the values (one ceiling per row of a panel: ``ceilings[:, None]``). Unused by the other scales.

    Values the scale cannot take (zero or less for ``log``; outside (0, ceiling) for ``logit``) are NaN on it:
    :meth:`outside` finds them, so a caller can refuse them by name first.

    Examples
    --------
    >>> s = Scale("logit", ceiling=100.0)
    >>> z = s.forward([50.0, 90.0])
    >>> [round(float(v), 4) for v in z], [round(float(v), 6) for v in s.inverse(z)]
    ([0.0, 2.1972], [50.0, 90.0])
    >>> Scale("log").outside([2.0, 0.0, -1.0]).tolist()
    [False, True, True]
    """

    name: ScaleName = "identity"
    ceiling: float | np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.name not in SCALE_NAMES:
            raise ValueError(f"scale {self.name!r}; accepted: {', '.join(SCALE_NAMES)}")
        if self.name == "logit" and self.ceiling is None:
            raise ValueError("the logit scale needs a ceiling")

    @property
    def point_kind(self) -> Literal["mean", "median"]:
        """What the back-transform of the working scale's mean is: ``mean`` on the level, else ``median``."""
        return "mean" if self.name == "identity" else "median"

    def outside(self, y: np.ndarray | list[float]) -> np.ndarray:
        """Which values the scale cannot take (a boolean array; missing values are not outside)."""
        y = np.asarray(y, dtype=float)
        with np.errstate(invalid="ignore"):
            if self.name == "log":
                return np.asarray(y <= 0)
            if self.name == "logit":
                return np.asarray((y <= 0) | (y >= np.asarray(self.ceiling, dtype=float)))
        return np.zeros(y.shape, dtype=bool)

    def forward(self, y: np.ndarray | list[float]) -> np.ndarray:
        """The values on the working scale (NaN where the scale cannot take them)."""
        y = np.asarray(y, dtype=float)
        if self.name == "identity":
            return y
        ok = ~self.outside(y)
        with np.errstate(invalid="ignore", divide="ignore"):  # a row of a panel with no ceiling is NaN throughout
            if self.name == "log":
                return np.asarray(np.where(ok, np.log(np.where(ok, y, 1.0)), np.nan), dtype=float)
            c = np.asarray(self.ceiling, dtype=float)
            return np.asarray(
                np.where(ok, np.log(np.where(ok, y, 1.0) / np.where(ok, c - y, 1.0)), np.nan), dtype=float
            )

    def inverse(self, z: np.ndarray | list[float]) -> np.ndarray:
        """Values on the working scale back in the indicator's unit."""
        z = np.asarray(z, dtype=float)
        if self.name == "log":
            return np.asarray(np.exp(z), dtype=float)
        if self.name == "logit":
            from scipy.special import expit  # scipy is loaded when a model is fitted, not with the package

            return np.asarray(np.asarray(self.ceiling, dtype=float) * expit(z), dtype=float)
        return z
