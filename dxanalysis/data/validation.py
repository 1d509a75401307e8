"""Validation of the data tables with pandera, reporting every problem at once.

A table is checked as it was read (cells as text, or as the numbers and dates a spreadsheet stores), before anything
is converted, so that each problem can name the file, the row, the column and the value exactly as the user wrote it.
Each rule is a pandera check reported against one column with a message and what would be accepted; pandera's lazy
validation collects all of them, and :func:`validate_table` turns its failure cases into :class:`Problem` records.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dxanalysis.errors import DataValidationError, Problem

__all__ = ["Rule", "TableSpec", "argued", "key_text", "validate_table"]

REQUIRED = "a value is required here"
# Spreadsheets hand dates over as "2024-04-24 00:00:00": the same key as "2024-04-24".
_MIDNIGHT = re.compile(r"[ T]00:00(?::00(?:\.0+)?)?$")


@dataclass(frozen=True)
class Rule:
    """A check of one column: ``ok(frame)`` is True where the cell is fine (missing cells are left to ``required``).

    ``explain(value, row)`` (optional) turns a failing value into a more specific message than ``message``.

    >>> rule = Rule("value:positive", "value", "not above zero", "a number above 0", lambda f: f["value"] > 0)
    >>> rule.ok(pd.DataFrame({"value": [1, -2]})).tolist()
    [True, False]
    """

    name: str
    column: str
    message: str
    accepted: str
    ok: Callable[[pd.DataFrame], pd.Series]
    explain: Callable[[Any, pd.Series], str] | None = None


@dataclass(frozen=True)
class TableSpec:
    """What a table must hold: its columns, which must be filled in, its key and its rules.

    >>> spec = TableSpec("figures", required_columns=("indicator", "value"), not_missing=("value",), key=("indicator",))
    >>> spec.required_columns
    ('indicator', 'value')
    """

    name: str
    required_columns: Sequence[str]
    optional_columns: Sequence[str] = ()
    not_missing: Sequence[str] = ()
    key: Sequence[str] = ()
    rules: Sequence[Rule] = ()
    column_help: Mapping[str, str] = field(default_factory=dict)


def is_missing(value: Any) -> bool:
    """True for an empty cell: None, NaN, NaT or blank text.

    >>> [is_missing(v) for v in (None, float("nan"), "  ", 0, "0")]
    [True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def key_text(value: Any) -> str | None:
    """A key cell as duplicates are found: without surrounding spaces, full-width digits as ASCII (Unicode NFKC),
    a midnight time part dropped, ``2023.0`` as ``2023`` (a spreadsheet's number); ``None`` for an empty cell.

    >>> [key_text(v) for v in (" VN ", "２０２４", "2024-04-24 00:00:00", 2023.0, dt.date(2024, 4, 24), "")]
    ['VN', '2024', '2024-04-24', '2023', '2024-04-24', None]
    """
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _MIDNIGHT.sub("", unicodedata.normalize("NFKC", str(value)).strip())


def argued(field: str, accepted: str) -> Rule:
    """A rule that ``field`` is given only with its ``<field>_note`` (a ceiling's argument, a discontinued measure's
    replacement and source).

    >>> f = pd.DataFrame({"ceiling": [95, 95, None], "ceiling_note": ["argued", " ", None]})
    >>> argued("ceiling", "a note").ok(f).tolist()
    [True, False, True]
    """
    note = f"{field}_note"
    return Rule(
        f"{field}:argued",
        field,
        f"given without its {note}",
        accepted,
        lambda f: pd.Series(
            [is_missing(c) or (isinstance(n, str) and bool(n.strip())) for c, n in zip(f[field], f[note], strict=True)],
            index=f.index,
        ),
    )


def cells_ok(func: Callable[[Any], object]) -> Callable[[pd.Series], pd.Series]:
    """Lift a per-cell parser into a column check: True where ``func`` accepts the cell or the cell is empty.

    >>> cells_ok(float)(pd.Series(["1.5", "one", None])).tolist()
    [True, False, True]
    """

    def check(column: pd.Series) -> pd.Series:
        def one(value: Any) -> bool:
            if is_missing(value):
                return True
            try:
                func(value)
            except (ValueError, TypeError, OverflowError):
                return False
            return True

        seen: dict[tuple[type, Any], bool] = {}

        def cached(value: Any) -> bool:  # a column repeats its values (ids, years, dates): each is parsed once
            try:
                key = (type(value), value)
                if key not in seen:
                    seen[key] = one(value)
                return seen[key]
            except TypeError:  # an unhashable cell
                return one(value)

        return column.map(cached).astype(bool)

    return check


def _blank_text_rule(column: str, accepted: str) -> Rule:
    def ok(frame: pd.DataFrame) -> pd.Series:
        return ~frame[column].map(lambda v: isinstance(v, str) and not v.strip()).astype(bool)

    return Rule(f"required:{column}", column, REQUIRED, accepted, ok)


def _widen(frame: pd.DataFrame, column: str, mask: pd.Series) -> pd.DataFrame:
    out = pd.DataFrame(True, index=frame.index, columns=frame.columns)
    out[column] = mask.reindex(frame.index).fillna(True).astype(bool).to_numpy()
    return out


def missing_columns(columns: list[Any], spec: TableSpec, *, file: str) -> list[Problem]:
    """A problem for each column ``spec`` requires and ``columns`` (the file's own, as written) lacks, naming the
    file's columns and the one probably meant when a column is misspelt.

    >>> spec = TableSpec("figures", required_columns=("indicator", "value"))
    >>> print(missing_columns(["indicator", "valeu"], spec, file="mine.csv")[0].message)
    required column is missing (the file's columns: indicator, valeu); did you mean 'valeu'?
    """
    import difflib

    have = [str(c) for c in columns]
    known = {*spec.required_columns, *spec.optional_columns}
    unread = [c for c in have if c not in known]
    problems = []
    for col in spec.required_columns:
        if col in have:
            continue
        near = difflib.get_close_matches(col, unread, n=1, cutoff=0.6)
        problems.append(
            Problem(
                file,
                None,
                col,
                None,
                f"required column is missing (the file's columns: {', '.join(have) or 'none'})"
                + (f"; did you mean {near[0]!r}?" if near else ""),
                spec.column_help.get(col, ""),
            )
        )
    return problems


def validate_table(
    frame: pd.DataFrame,
    spec: TableSpec,
    *,
    file: str,
    row_offset: int = 2,
    rows: Sequence[int] | None = None,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> list[Problem]:
    """Check ``frame`` against ``spec`` with pandera (lazily) and return every problem found.

    ``row_offset`` turns the frame's positional index into the row number a user sees: 2 for a CSV or spreadsheet
    with a header row (the first figure is row 2), 1 for the entries of a YAML list; ``rows``, when given, is the
    row number in the file of each row of the frame (a file with blank rows, or a publisher's file reshaped). Keys
    are compared as :func:`key_text` writes them, so a key written two ways is still a duplicate. ``columns`` names,
    row by row, the file's own column of a column of the frame (a publisher's year column for ``value``).

    >>> number = Rule("value:number", "value", "not a number", "a number", lambda f: cells_ok(float)(f["value"]))
    >>> spec = TableSpec("figures", required_columns=("value",), rules=[number])
    >>> [(p.row, p.value) for p in validate_table(pd.DataFrame({"value": ["1", "x"]}), spec, file="mine.csv")]
    [(3, 'x')]
    """
    import pandera.pandas as pa

    problems = missing_columns(list(frame.columns), spec, file=file)
    if problems:
        return problems  # the row checks would only repeat the same fault on every row

    frame = frame.reset_index(drop=True).astype(object)
    numbers = list(rows) if rows is not None and len(rows) == len(frame) else [i + row_offset for i in frame.index]
    # An empty cell fails pandera's own not-nullable check (below); blank text fails this rule, as an empty cell would.
    required = [_blank_text_rule(col, spec.column_help.get(col, "")) for col in spec.not_missing]
    rules = {rule.name: rule for rule in [*spec.rules, *required]}
    checks = [
        pa.Check(
            (lambda f, r=rule: _widen(f, r.column, r.ok(f))),
            name=name,
            error=name,
            ignore_na=False,  # the rules decide about empty cells themselves
        )
        for name, rule in rules.items()
    ]

    # Cells are checked by the rules, as written; no dtype is imposed on the text as read.
    schema_columns = {c: pa.Column(None, nullable=c not in spec.not_missing, required=False) for c in frame.columns}
    schema = pa.DataFrameSchema(schema_columns, checks=checks)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems += _problems_from_failures(exc.failure_cases, rules, frame, spec, file, numbers, columns or {})
    problems += _duplicate_keys(frame, spec, file, numbers, columns or {})
    return problems


def _named(columns: Mapping[str, Sequence[str]], column: str, position: int | None) -> str:
    """The file's own name of a column of the frame at a row (a publisher's year column), or the frame's."""
    names = columns.get(column)
    return column if names is None or position is None or position >= len(names) else names[position]


def _duplicate_keys(
    frame: pd.DataFrame, spec: TableSpec, file: str, numbers: Sequence[int], columns: Mapping[str, Sequence[str]]
) -> list[Problem]:
    """A problem on each row whose key (as :func:`key_text` writes it) another row has too, naming the others."""
    key = [k for k in spec.key if k in frame.columns]
    if not key or frame.empty:
        return []
    normal = pd.DataFrame({k: frame[k].map(key_text) for k in key})
    dup = normal.duplicated(keep=False).to_numpy()
    if not dup.any():
        return []
    problems = []
    for _, group in normal[dup].groupby(key, dropna=False, sort=False):
        positions = list(group.index)
        written = {tuple(str(frame.loc[i, k]) for k in key) for i in positions}
        differently = " (the same key, written differently)" if len(written) > 1 else ""
        for i in positions:
            values = [frame.loc[i, k] for k in key]
            shown = ", ".join(
                f"{k}={_plain(v)!r}" if not is_missing(v) else f"{k} empty" for k, v in zip(key, values, strict=True)
            )
            others = [numbers[j] for j in positions if j != i]
            problems.append(
                Problem(
                    file,
                    numbers[i],
                    _named(columns, key[-1], i),
                    _plain(values[-1]),
                    f"duplicate key ({shown}) also on row{'s' if len(others) > 1 else ''} "
                    f"{', '.join(map(str, others))}{differently}",
                    f"one row per ({', '.join(key)}); a revision is a new row with a later date",
                )
            )
    return problems


def _problems_from_failures(
    failures: pd.DataFrame,
    rules: Mapping[str, Rule],
    frame: pd.DataFrame,
    spec: TableSpec,
    file: str,
    numbers: Sequence[int],
    columns: Mapping[str, Sequence[str]],
) -> list[Problem]:
    problems: list[Problem] = []
    for rec in failures.to_dict("records"):
        check = str(rec.get("check"))
        index = rec.get("index")
        row = None if index is None or is_missing(index) else int(index)
        at = None if row is None else numbers[row]
        if check == "not_nullable":
            column = str(rec.get("column"))
            problems.append(
                Problem(
                    file,
                    at,
                    _named(columns, column, row),
                    None,
                    REQUIRED,
                    spec.column_help.get(column, ""),
                )
            )
            continue
        rule = rules.get(check)
        if rule is None:  # a pandera-level failure we did not define (should not happen): report it plainly
            problems.append(
                Problem(
                    file,
                    at,
                    None,
                    rec.get("failure_case"),
                    f"failed check {check}",
                )
            )
            continue
        value = rec.get("failure_case")
        if isinstance(value, dict):
            value = next(iter(value.values()), None)
        message = rule.explain(value, frame.iloc[row]) if rule.explain and row is not None else rule.message
        problems.append(
            Problem(
                file,
                at,
                _named(columns, rule.column, row),
                _plain(value),
                message,
                rule.accepted,
            )
        )
    return problems


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return value
    return value


def raise_if_problems(problems: Iterable[Problem], *, title: str | None = None) -> None:
    """Raise a :class:`~dxanalysis.DataValidationError` listing every problem, if there are any.

    >>> raise_if_problems([])
    """
    problems = list(problems)
    if problems:
        raise DataValidationError(problems, title=title)
