"""The user's own figures: validated by the rules of the package's observations, with defaults for the columns a
user may leave out, and merged with the package's figures in memory (a figure in two places is refused).

The user's files are opened read-only and never written to.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.data.catalogue import package_tables, typed_observations, with_user_entries
from dxanalysis.data.files import column_name, duplicate_columns, read_table
from dxanalysis.data.schemas import OBSERVATION_COLUMNS, OBSERVATION_KEY, OUTPUT_COLUMNS, observation_spec
from dxanalysis.data.validation import key_text, missing_columns, validate_table
from dxanalysis.data.vietnamese import vietnamese_cells
from dxanalysis.data.vocabularies import figure_status
from dxanalysis.errors import DataValidationError, DxError, Problem

__all__ = [
    "USER_DEFAULTS",
    "ObservationInput",
    "merge_observations",
    "read_observation_file",
    "user_frames",
    "validate_observations",
]

#: What a user's figure is when its file leaves the column out.
USER_DEFAULTS = {"geo": "VN", "series": "user", "status": "actual"}
#: The user's figures as the loading functions take them: a file's path, or a frame.
ObservationInput = str | os.PathLike[str] | pd.DataFrame


def validate_observations(
    frame: pd.DataFrame,
    *,
    file: str,
    decimal: str = ".",
    catalogue_extra: list[dict[str, Any]] | None = None,
    rows: Sequence[int] | None = None,
    columns: Mapping[str, Sequence[str]] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """The user's figures (one row per figure, cells as written) validated and typed as the package's observations.

    Column names are matched without regard to case or surrounding spaces; missing ``geo``, ``series`` and
    ``status`` take :data:`USER_DEFAULTS`, a missing ``source`` the name of ``file``; statuses may be written in
    Vietnamese (``ước tính``). ``catalogue_extra`` are catalogue entries for indicators the catalogue lacks (built
    from a publisher's metadata). Every problem is reported at once, as a :class:`~dxanalysis.DataValidationError`
    naming ``file``, the row, the column and the value. ``lang="vi"`` reads Vietnamese periods, dates and province
    names (:func:`~dxanalysis.data.vietnamese.vietnamese_cells`). ``rows`` is each row's number in the file (by
    default the header is row 1 and the frame's rows follow it), ``columns`` the file's own name of a column, row by
    row, where the file names it otherwise (a publisher's layout). A column written twice (``value`` and ``Value``)
    is refused.

    >>> mine = pd.DataFrame({"Indicator": ["internet_users"], "Period": ["2025"], "Value": ["81,2"],
    ...                      "Status": ["ước tính"]})
    >>> validate_observations(mine, file="mine.csv", decimal=",")[["value", "status", "series", "source"]].values
    array([[81.2, 'estimate', 'user', 'mine.csv']], dtype=object)
    """
    frame = frame.copy()
    duplicate_columns([str(c) for c in frame.columns], file=file)
    frame.columns = [column_name(c) for c in frame.columns]
    catalogue = with_user_entries(package_tables().catalogue, catalogue_extra)
    spec = observation_spec(catalogue, None, decimal=decimal, require_evidence=False, name=file)
    missing = missing_columns(list(frame.columns), spec, file=file)  # named as the file has its columns
    if missing:
        raise DataValidationError(missing)
    frame = frame[[c for c in frame.columns if c in OBSERVATION_COLUMNS]]
    n = len(frame)
    for col, default in USER_DEFAULTS.items():
        if col not in frame.columns:
            frame[col] = [default] * n
    frame["status"] = frame["status"].map(figure_status)
    if "source" not in frame.columns:
        frame["source"] = [Path(file).name] * n
    for col in ("published", "evidence", "note"):
        if col not in frame.columns:
            frame[col] = [None] * n
    if n == 0 and {"indicator", "period", "value"} <= set(frame.columns):
        raise DataValidationError(
            [
                Problem(
                    file,
                    None,
                    None,
                    None,
                    "the file has a header but no figures",
                    "one row per figure below the header",
                )
            ]
        )
    vi_problems: list[Problem] = []
    if lang == "vi":
        frame, vi_problems = vietnamese_cells(frame, file=file, rows=rows)
    named = {(p.row, p.column) for p in vi_problems}  # an unknown province is said once, with the closest names
    problems = vi_problems + [
        p for p in validate_table(frame, spec, file=file, rows=rows, columns=columns) if (p.row, p.column) not in named
    ]
    if problems:
        raise DataValidationError(problems)
    for col in ("indicator", "geo", "period", "series"):  # the key as found unique: full-width digits as ASCII
        frame[col] = frame[col].map(lambda v: v if not isinstance(v, str) else key_text(v))
    out = typed_observations(frame, file=file, decimal=decimal)
    out.attrs["dxanalysis"] = "observations"
    out.attrs["catalogue"] = list(catalogue_extra or [])
    return out


def read_observation_file(
    path: str | os.PathLike[str],
    *,
    decimal: str | None = None,
    sheet: str | int | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """A CSV or XLSX file in the observation layout, validated (:func:`validate_observations`).

    ``lang="vi"``: a Vietnamese file (periods, dates, status words, province names, and numbers with a decimal comma
    unless ``decimal`` says otherwise); ``decimal=","`` alone says the same. ``lang`` must be ``None``, ``"en"`` or
    ``"vi"``.

    The public entry is :func:`dxanalysis.read_observations`, which documents the layout.

    >>> import dxanalysis as dx, pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = f.write_text("indicator,period,value\\ninternet_users,2025,81.2\\n", encoding="utf-8")
    >>> read_observation_file(f)["value"].tolist()
    [81.2]
    """
    if lang not in (None, "en", "vi"):
        raise DxError(f"lang={lang!r}; accepted: 'vi' for a file written in Vietnamese, 'en', or None")
    lang = lang or ("vi" if decimal == "," else None)
    decimal = decimal or ("," if lang == "vi" else ".")
    path = Path(path)
    frame = read_table(path, sheet=sheet)
    rows = frame.attrs.pop("rows", None)
    return validate_observations(
        frame, file=str(path), decimal=decimal, rows=None if rows is None else rows.tolist(), lang=lang
    )


def user_frames(extra: ObservationInput | Iterable[ObservationInput], *, decimal: str = ".") -> list[pd.DataFrame]:
    """The user's figures of an ``extra=`` argument, one validated frame per item (a path, a frame, or a list):
    frames already validated are taken as they are, paths are read in the observation layout.

    >>> mine = pd.DataFrame({"indicator": ["internet_users"], "period": ["2025"], "value": [81.2]})
    >>> [len(f) for f in user_frames([mine, mine])]
    [1, 1]
    """
    if isinstance(extra, str | os.PathLike | pd.DataFrame):
        items: list[Any] = [extra]
    elif isinstance(extra, Iterable) and not isinstance(extra, bytes | Mapping):
        items = list(extra)
    else:
        raise DxError(
            f"extra={_short_repr(extra)} is a {type(extra).__name__}; accepted: a file path, a DataFrame, or a list "
            "of them"
        )
    frames = []
    for i, item in enumerate(items):
        if isinstance(item, pd.DataFrame):
            if item.attrs.get("dxanalysis") == "observations" and list(item.columns) == OUTPUT_COLUMNS:
                frames.append(item)
            else:
                frames.append(validate_observations(item, file=f"<DataFrame extra[{i}]>", decimal=decimal))
        elif isinstance(item, str | os.PathLike):
            frames.append(read_observation_file(item, decimal=decimal))
        else:
            raise DxError(
                f"extra[{i}]={_short_repr(item)} is a {type(item).__name__}; accepted: a file path, a DataFrame, "
                "or a list of them"
            )
    return frames


def merge_observations(package: pd.DataFrame, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The package's observations and the user's in one frame; a figure (same indicator, geo, period, series and
    publication date) that comes from two places is refused, naming both.

    >>> package = package_tables().observations
    >>> mine = user_frames(pd.DataFrame({"indicator": ["internet_users"], "period": ["2025"], "value": [81.2]}))
    >>> len(merge_observations(package, mine)) == len(package) + 1
    True
    """
    merged = pd.concat([package, *frames], ignore_index=True)
    dup = merged.duplicated(list(OBSERVATION_KEY), keep=False)
    if dup.any():
        problems = []
        for _, group in merged[dup].groupby(list(OBSERVATION_KEY), dropna=False, sort=False):
            first = group.iloc[0]
            for _, row in group.iloc[1:].iterrows():
                problems.append(
                    Problem(
                        row["file"],
                        None,
                        "value",
                        row["value"],
                        f"the figure for {row['indicator']} {row['geo']} {row['period']} (series {row['series']}, "
                        f"published {_date(row['published'])}) is also in {first['file']} "
                        f"(value {first['value']:g}, source {first['source']})",
                        "one figure per (indicator, geo, period, series, published): give yours another series name "
                        "or a publication date",
                    )
                )
        raise DataValidationError(problems, title="the same figure comes from more than one file")
    return merged


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _date(value: Any) -> str:
    return "unknown" if pd.isna(value) else pd.Timestamp(value).date().isoformat()
