"""Two rules every table and sentence shares: what counts as a missing value, and how many decimals a figure needs.

A figure published as ``16.5`` is quoted as ``16.5``, a target of ``20`` as ``20``, never ``20.0``: the decimals
shown are the fewest that write every value of a group exactly (at most two). Formatting them in a language is
:mod:`dxanalysis.present.i18n`'s job.

>>> decimals_needed([16.5, 20])
1
>>> is_missing(float("nan")), as_float("n/a")
(True, nan)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

__all__ = ["MOST_DECIMALS", "as_float", "decimals_needed", "is_missing"]

#: The most decimals a figure is written with in a sentence or a heading, however it was published.
MOST_DECIMALS = 2


def is_missing(x: object) -> bool:
    """True for a value that is not there: ``None``, ``NaN``, ``pandas.NA`` or ``NaT``.

    Anything else, a list or a text included, is a value (a text is the caller's to read).

    >>> is_missing(None), is_missing(pd.NA), is_missing(0.0), is_missing("")
    (True, True, False, False)
    """
    try:
        return bool(pd.isna(x))  # type: ignore[call-overload]
    except (TypeError, ValueError):  # not a scalar
        return False


def as_float(x: object) -> float:
    """The value as a float, or ``NaN`` where it is not a number (a missing value, a text such as ``"n/a"``).

    >>> as_float("2.5"), as_float(None)
    (2.5, nan)
    """
    try:
        return float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def decimals_needed(values: Iterable[object]) -> int:
    """The fewest decimals (0 to :data:`MOST_DECIMALS`) that write each of the values exactly.

    Values that are not finite numbers are left out of the count; with none left, 0.

    >>> decimals_needed([20, 30]), decimals_needed([11.91, 16.5]), decimals_needed([1 / 3])
    (0, 2, 2)
    """
    numbers = [v for v in map(as_float, values) if math.isfinite(v)]
    for digits in range(MOST_DECIMALS):
        if all(abs(round(v, digits) - v) < 1e-9 for v in numbers):
            return digits
    return MOST_DECIMALS
