"""What the figures look up about an indicator (its name, unit, range and timing, from the catalogue) and about the
numbers they print (finite or not, how many decimals).

An indicator the catalogue does not know (a bare series of the user's) still draws: its name and unit fall back to
what the caller has, its range to the whole line, its timing to the period's middle.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from dxanalysis import data
from dxanalysis.data.periods import Timing, period_time
from dxanalysis.present import i18n

__all__ = [
    "bounds_of",
    "check_indicator",
    "decimals",
    "display_name",
    "display_unit",
    "finite",
    "indicator_meta",
    "is_rank",
    "last_year",
    "timing_of",
]


def indicator_meta(indicator: str | None) -> dict[str, Any]:
    """The catalogue row of an indicator (empty for an unknown one)."""
    row = data.catalogue_entry(indicator) if indicator else None
    return dict(row) if row is not None else {}


def display_name(indicator: str | None, lang: str, fallback: str = "") -> str:
    """The indicator's name in the language, or ``fallback`` (else the id) for one the catalogue does not know."""
    if indicator and indicator_meta(indicator):
        return i18n.indicator_name(indicator, lang)
    return fallback or (indicator or "")


def display_unit(indicator: str | None, lang: str, fallback: str | None = None) -> str:
    """The indicator's unit in the language, or ``fallback`` for one the catalogue does not know."""
    if indicator and indicator_meta(indicator):
        return i18n.unit_label(indicator, lang)
    return fallback or ""


def timing_of(indicator: str | None, fallback: str = "period") -> Timing:
    """Where in its period an indicator's figure sits: ``"end"`` for a stock, ``"period"`` (the middle) for a flow."""
    value = indicator_meta(indicator).get("timing", fallback)
    return "end" if value == "end" else "period"


def is_rank(indicator: str | None) -> bool:
    """True for a rank (1 is best, drawn at the top)."""
    return bool(indicator_meta(indicator).get("unit") == "rank")


def finite(x: Any) -> bool:
    """True for a finite number (False for a missing value or a text)."""
    try:
        return bool(np.isfinite(float(x)))
    except (TypeError, ValueError):
        return False


def bounds_of(indicator: str | None) -> tuple[float, float]:
    """The indicator's range (a share's 0 and 100); infinite where the catalogue sets none."""
    meta = indicator_meta(indicator)
    lo = float(meta.get("lower", math.nan)) if finite(meta.get("lower")) else -math.inf
    hi = float(meta.get("upper", math.nan)) if finite(meta.get("upper")) else math.inf
    return lo, hi


def decimals(values: Iterable[float]) -> int:
    """Decimals to show for these values: as many as the figures carry, at most 2 (none for large counts)."""
    v = [float(x) for x in values if finite(x)]
    if not v:
        return 1
    if max(abs(x) for x in v) >= 1000:
        return 0
    for d in range(3):
        if all(abs(round(x, d) - x) < 1e-9 for x in v):
            return d
    return 2


def last_year(period: str, timing: Timing) -> int:
    """The last whole year a figure describes (as the assessment counts it)."""
    return math.floor(period_time(period, timing) - (1.0 if timing == "end" else 0.5) + 1e-9)


def check_indicator(indicator: str) -> None:
    """Refuse an indicator the catalogue does not know."""
    i18n.indicator_name(indicator)  # raises UnknownIndicatorError with close matches
