"""Two rules every table and sentence shares: what counts as a missing value, and how many decimals a figure needs.

A figure published as ``16.5`` is quoted as ``16.5``, a target of ``20`` as ``20``, never ``20.0``: the decimals
shown are the fewest that write every value of a group exactly (at most two). Formatting them in a language is
:mod:`dxanalysis.present.i18n`'s job.

A saved table (CSV, the workbook) keeps more: each number as published (the fewest decimals, up to
:data:`PUBLISHED_DECIMALS`, that write it exactly: ``18.3`` stays ``18.3``, an index of ``0.7709`` keeps its four),
and a number no such decimals write, a model's output or a ratio, at :data:`MODEL_DECIMALS` (:func:`round_figures`).
Float noise from arithmetic (``16.5 - 14.3`` is ``2.1999999999999993``) is written as the figure it is (``2.2``).

>>> decimals_needed([16.5, 20])
1
>>> is_missing(float("nan")), as_float("n/a")
(True, nan)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

__all__ = [
    "MODEL_DECIMALS",
    "MOST_DECIMALS",
    "PUBLISHED_DECIMALS",
    "as_float",
    "decimals_needed",
    "exact_decimals",
    "is_missing",
    "round_figures",
]

#: The most decimals a figure is written with in a sentence or a heading, however it was published.
MOST_DECIMALS = 2

#: The most decimals a published figure is kept with in a saved table; a number that needs more is a computation.
PUBLISHED_DECIMALS = 6

#: The decimals of a computed number (a projection, a bound, a ratio) in a saved table, unless a table states others.
MODEL_DECIMALS = 3


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
        if all(_written_with(v, digits) for v in numbers):
            return digits
    return MOST_DECIMALS


def _written_with(value: float, digits: int) -> bool:
    """Whether ``digits`` decimals write the value exactly, float noise aside (a relative error of 1e-14, at least
    1e-9: what a few sums and differences of published figures leave)."""
    return abs(round(value, digits) - value) < max(1e-9, 1e-14 * abs(value))


def exact_decimals(value: object, most: int = PUBLISHED_DECIMALS) -> int | None:
    """The fewest decimals (0 to ``most``) that write the value exactly; ``None`` when none do or it is no number.

    >>> exact_decimals(18.3), exact_decimals(16.5 - 14.3), exact_decimals(20.0), exact_decimals(1 / 3)
    (1, 1, 0, None)
    """
    v = as_float(value)
    if not math.isfinite(v):
        return None
    return next((d for d in range(most + 1) if _written_with(v, d)), None)


def round_figures(frame: pd.DataFrame, decimals: int = MODEL_DECIMALS) -> pd.DataFrame:
    """A copy of a table for saving, every decimal number as published: the fewest decimals (up to
    :data:`PUBLISHED_DECIMALS`) that write it exactly, else ``decimals`` (a computed number). Other columns, and
    missing values, are left as they are.

    >>> t = pd.DataFrame({"gap": [16.5 - 14.3, 0.7709], "projected": [1 / 3, 20.0], "name": ["a", "b"]})
    >>> round_figures(t).to_dict("list")
    {'gap': [2.2, 0.7709], 'projected': [0.333, 20.0], 'name': ['a', 'b']}
    """
    out = frame.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if pd.api.types.is_float_dtype(col):
            rounded = col.map(lambda v: v if is_missing(v) else _rounded(float(v), decimals)).astype(col.dtype)
            out.isetitem(i, rounded.array)
    return out


def _rounded(value: float, decimals: int) -> float:
    digits = exact_decimals(value)
    return round(value, decimals if digits is None else digits)
