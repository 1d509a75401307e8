"""The user's own targets for a province: a file in the layout of ``data/targets.csv``, read and validated by the
rules of the package's targets, with every problem named by file, row, column and value.

A province's own plan (a provincial resolution, a people's committee's plan) sets its targets; the package ships
only the national ones. The file is the user's: its ``source`` is any text (the file's name when left out), not an
entry of ``data/sources.yml``, and ``geo`` must be a province, written by code or by name (``"Đà Nẵng"``,
``"Da Nang"``, ``VN-DN``), of either map. The file is opened read-only and never written to.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.data.catalogue import package_tables
from dxanalysis.data.files import column_name, duplicate_columns, read_table
from dxanalysis.data.numbers import parse_number
from dxanalysis.data.periods import parse_publication_date
from dxanalysis.data.provinces import province
from dxanalysis.data.schemas import TARGET_COLUMNS, target_spec
from dxanalysis.data.validation import Rule, is_missing, validate_table
from dxanalysis.errors import DataValidationError, DxError, Problem

__all__ = ["TARGET_FILE_REQUIRED", "read_target_file"]

#: The columns a user's targets file must have; the others of ``data/targets.csv`` may be left out.
TARGET_FILE_REQUIRED = ("indicator", "geo", "year", "value")
_PROVINCE_HELP = "a province of Viet Nam by code (VN-DN, VN-DNM) or name (Đà Nẵng, Da Nang): see dx.provinces()"


def _province_or_none(text: Any) -> str | None:
    if is_missing(text):
        return None
    try:
        code = province(str(text))
    except DxError:
        return None
    return code


def _user_spec(file: str) -> Any:
    """The package's targets rules, for a user's file: any source, the optional columns optional, ``geo`` a
    province."""
    spec = target_spec(package_tables().catalogue, set())
    rules = [r for r in spec.rules if r.name not in ("source:known", "geo:format")]
    rules.append(
        Rule(
            "geo:province",
            "geo",
            "not a province",
            _PROVINCE_HELP,
            lambda f: f["geo"].map(lambda v: is_missing(v) or _province_or_none(v) is not None).astype(bool),
        )
    )
    optional = [c for c in TARGET_COLUMNS if c not in TARGET_FILE_REQUIRED]
    return dataclasses.replace(
        spec,
        name=file,
        required_columns=list(TARGET_FILE_REQUIRED),
        optional_columns=optional,
        not_missing=list(TARGET_FILE_REQUIRED),
        rules=rules,
    )


def read_target_file(path: str | os.PathLike[str], *, geo: str | None = None) -> pd.DataFrame:
    """A user's targets file (CSV or XLSX in the layout of ``data/targets.csv``), validated and typed.

    Required columns: ``indicator`` (a catalogue id), ``geo`` (a province, by code or name), ``year``, ``value``.
    Optional: ``series`` (empty: every series), ``comparator`` (``at_least`` / ``at_most``; empty: the indicator's
    direction, at least where higher is better), ``document`` (empty: the file's name), ``adopted`` (a date),
    ``source`` (any text; empty: the file's name), ``evidence``, ``note``. Every problem is raised at once as a
    :class:`~dxanalysis.DataValidationError` naming the file, the row, the column and the value. ``geo`` keeps only
    that province's targets (by code or name). Returned with ``geo`` as the province's code, ``year`` an integer,
    ``value`` a float, and the columns of :func:`dxanalysis.load_targets`.

    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "danang.csv"
    >>> _ = f.write_text("indicator,geo,year,value\\ndti_rank,Đà Nẵng,2025,1\\n", encoding="utf-8")
    >>> read_target_file(f)[["geo", "year", "value", "comparator", "document"]].values.tolist()
    [['VN-DN', 2025, 1.0, 'at_most', 'danang.csv']]
    >>> _ = f.write_text("indicator,geo,year,value\\ndti_rank,Atlantis,2025,one\\n", encoding="utf-8")
    >>> try:
    ...     read_target_file(f)
    ... except DataValidationError as exc:
    ...     print([(p.row, p.column, p.value) for p in exc.problems])
    [(2, 'geo', 'Atlantis'), (2, 'value', 'one')]
    """
    path = Path(path)
    file = str(path)
    frame = read_table(path)
    rows = frame.attrs.pop("rows", None)
    duplicate_columns([str(c) for c in frame.columns], file=file)
    frame.columns = [column_name(c) for c in frame.columns]
    frame = frame[[c for c in frame.columns if c in TARGET_COLUMNS]].copy()
    if frame.empty and set(TARGET_FILE_REQUIRED) <= set(frame.columns):
        raise DataValidationError(
            [Problem(file, None, None, None, "the file has a header but no targets", "one row per target")]
        )
    for col in TARGET_COLUMNS:  # an optional column left out is an empty one (the rules then have nothing to check)
        if col not in frame.columns and col not in TARGET_FILE_REQUIRED:
            frame[col] = [None] * len(frame)
    problems = validate_table(frame, _user_spec(file), file=file, rows=None if rows is None else rows.tolist())
    if problems:
        raise DataValidationError(problems)
    out = _typed(frame, path)
    if geo is not None:
        out = out[out["geo"] == province(geo)].reset_index(drop=True)
    return out


def _typed(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    catalogue = package_tables().catalogue.set_index("id")

    def cell(column: str, default: Any = "") -> pd.Series:
        if column not in frame.columns:
            return pd.Series([default] * len(frame), index=frame.index, dtype=object)
        return frame[column].map(lambda v: default if is_missing(v) else str(v).strip())

    indicator = cell("indicator")
    direction = indicator.map(lambda i: "at_least" if bool(catalogue.at[i, "higher_is_better"]) else "at_most")
    comparator = cell("comparator", None).where(lambda c: c.notna(), direction)
    adopted = cell("adopted", None).map(lambda v: None if v is None else parse_publication_date(v).known_by)
    out = pd.DataFrame(
        {
            "indicator": indicator.astype(str),
            "geo": frame["geo"].map(lambda v: province(str(v))).astype(str),
            "series": cell("series").astype(str),
            "year": frame["year"].map(lambda v: int(parse_number(v))).astype("int64"),
            "value": frame["value"].map(parse_number).astype(float),
            "comparator": comparator.astype(str),
            "document": cell("document", path.name).astype(str),
            "adopted": pd.to_datetime(adopted).astype("datetime64[ns]"),
            "source": cell("source", path.name).astype(str),
            "evidence": cell("evidence").astype(str),
            "note": cell("note").astype(str),
        }
    )
    return out.sort_values(["indicator", "geo", "year"], kind="stable").reset_index(drop=True)
