"""The package's own exceptions.

Every error a user can cause (a bad file, an unknown indicator, a malformed value) is raised as a subclass of
:class:`DxError`, with a message that names the file, row, column and value at fault and what would be accepted.
Catch ``dx.DxError`` to handle all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ClusterError",
    "DataFileError",
    "DataValidationError",
    "DxError",
    "OutputError",
    "Problem",
    "UnknownIndicatorError",
    "UnknownSeriesError",
    "did_you_mean",
]


class DxError(Exception):
    """Base class of every error dxanalysis raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where it is, what is there, and what would be accepted.

    ``row`` is the row number a spreadsheet shows (the header is row 1, the first figure row 2); for a YAML file it
    is the entry number (1 for the first entry). ``None`` where the problem concerns the whole file or a column.

    >>> print(Problem("mine.csv", 3, "value", "abc", "not a number", "a number such as 80.2"))
    mine.csv, row 3, column 'value': not a number (value: 'abc'); accepted: a number such as 80.2
    """

    file: str
    row: int | None
    column: str | None
    value: Any
    message: str
    accepted: str = ""

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"{'entry' if self.file.endswith(('.yml', '.yaml')) else 'row'} {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.value is not None and self.value == self.value:  # skip None and NaN
            text += f" (value: {_show(self.value)})"
        if self.accepted:
            text += f"; accepted: {self.accepted}"
        return text


def _show(value: Any, limit: int = 80) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DataValidationError(DxError, ValueError):
    """A data file (the package's own or the user's) breaks one or more rules.

    All problems are collected before raising, so one run shows every one of them. ``problems`` holds them as
    :class:`Problem` records; :meth:`to_frame` gives them as a table.
    """

    def __init__(self, problems: Iterable[Problem], *, title: str | None = None, limit: int = 50):
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.file, p.row if p.row is not None else -1, p.column or "")
        )
        files = sorted({p.file for p in self.problems})
        n = len(self.problems)
        head = title or f"{n} problem{'s' if n != 1 else ''} in {', '.join(files)}"
        lines = [head + ":"]
        lines += [f"  - {p}" for p in self.problems[:limit]]
        if n > limit:
            lines.append(f"  … and {n - limit} more (see the exception's .problems or .to_frame())")
        super().__init__("\n".join(lines))

    def to_frame(self) -> pd.DataFrame:
        """The problems as a table: file, row, column, value, message, accepted."""
        import pandas as pd

        return pd.DataFrame(
            [(p.file, p.row, p.column, p.value, p.message, p.accepted) for p in self.problems],
            columns=["file", "row", "column", "value", "message", "accepted"],
        )


class DataFileError(DxError, OSError):
    """A file cannot be read at all: missing, not a supported format, not UTF-8, empty, too large."""


class UnknownIndicatorError(DxError, LookupError):
    """An indicator id that the catalogue (and the user's files) do not know."""

    def __init__(self, indicator: str, known: Sequence[str]):
        self.indicator = indicator
        hint = did_you_mean(indicator, known) or "see dx.indicators()['id']"
        super().__init__(f"unknown indicator {indicator!r}: {hint}")


def did_you_mean(word: object, known: Iterable[str], n: int = 5) -> str:
    """``"did you mean 'a', 'b'?"`` for the names of ``known`` close to ``word`` (empty when none is close).

    >>> did_you_mean("horizn", ["horizon", "lang"])
    "did you mean 'horizon'?"
    """
    import difflib

    close = difflib.get_close_matches(str(word), list(known), n=n, cutoff=0.5)
    return f"did you mean {', '.join(repr(c) for c in close)}?" if close else ""


class OutputError(DxError, OSError):
    """A report's folder cannot be written: the disk is full, the folder is read-only or not the user's."""


class ClusterError(DxError, ConnectionError):
    """The Dask cluster a report was sent to cannot be used: its scheduler does not answer, or a local one would not
    start."""


class UnknownSeriesError(DxError, LookupError):
    """A series (who produced the figures) that an indicator does not have, or a choice left open."""


class UnknownProvinceError(DxError, LookupError):
    """A province's name or code that the province catalogue does not know (:func:`dxanalysis.province`)."""
