"""The user's files made part of every load for a session: what a notebook's ``data`` parameter names.

:func:`use_data` registers them (validated at once, and refused at once when a figure is also in the package's data
or in another file); :func:`using_data` does the same for one ``with`` block, which is how the report runner checks a
plan against the files it names without disturbing the session.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from dxanalysis.data.catalogue import package_tables
from dxanalysis.data.publishers import read_any
from dxanalysis.data.user import ObservationInput, merge_observations, user_frames

__all__ = ["data_parameter", "data_paths", "session_frames", "use_data", "using_data"]

#: The user's files made part of every load by use_data() (validated observation frames).
_SESSION: list[pd.DataFrame] = []


def session_frames() -> list[pd.DataFrame]:
    """The user's figures :func:`use_data` made part of every load, one validated frame per file (a new list).

    >>> session_frames()
    []
    """
    return list(_SESSION)


def use_data(
    files: ObservationInput | Iterable[ObservationInput] | None,
    *,
    decimal: str = ".",
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Make the user's own figures part of every load from now on: observations, series, the catalogue, the reports.

    ``files`` are paths (or one string of paths, one per line or comma-separated, as a notebook parameter gives
    them: :func:`data_paths`) to the user's CSV or XLSX files in the observation layout, the World Bank's WDI
    downloads or Our World in Data's CSVs (recognised by their layout), or frames already read; ``None`` or ``""``
    goes back to the package's data alone. ``sheet`` picks the sheet of Excel files (a name, or a number from 0;
    default the first). The files are validated at once (every problem reported) and never modified. Returns the
    figures read.

    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "wdi_minimal.csv"
    >>> len(dx.use_data(str(f)))
    3
    >>> "wdi" in set(dx.load_observations()["series"])
    True
    >>> _ = dx.use_data(None)  # back to the package's data alone
    """
    if files is None or (isinstance(files, str) and not files.strip()):
        _SESSION.clear()
        return package_tables().observations.iloc[0:0].copy()
    if isinstance(files, str):
        items: list[ObservationInput] = list(data_paths(files))
    elif isinstance(files, os.PathLike | pd.DataFrame):
        items = [files]
    else:
        items = list(files)
    if isinstance(sheet, str):
        sheet = sheet.strip() or None  # a sheet named "2024" is found by name first, then as a number
    frames = [
        read_any(item, decimal=decimal, sheet=sheet)
        if not isinstance(item, pd.DataFrame)
        else user_frames(item, decimal=decimal)[0]
        for item in items
    ]
    merge_observations(package_tables().observations, frames)  # a figure in two files is refused now, not later
    _SESSION[:] = frames
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {"catalogue": [e for f in frames for e in f.attrs.get("catalogue", [])]}
    return out


def data_paths(text: str) -> list[str]:
    """The file paths of a ``data`` parameter: one per line (as the report runner writes them, each ending its line,
    so a name may hold a comma), or comma-separated (as a person types them).

    >>> data_paths("a.csv, b.xlsx"), data_paths("số liệu, 2024.csv\\nb.csv")
    (['a.csv', 'b.xlsx'], ['số liệu, 2024.csv', 'b.csv'])
    """
    if "\n" not in text and Path(text.strip()).is_file():
        return [text.strip()]  # one file, whose name may hold a comma
    parts = text.splitlines() if "\n" in text else text.split(",")
    return [p.strip() for p in parts if p.strip()]


def data_parameter(paths: Iterable[str | os.PathLike[str]]) -> str:
    """The ``data`` parameter naming ``paths``: one per line, each ending its line (what :func:`data_paths` reads
    back, a name holding a comma included).

    >>> data_paths(data_parameter(["số liệu, 2024.csv", "b.csv"]))
    ['số liệu, 2024.csv', 'b.csv']
    """
    return "".join(f"{os.fspath(p)}\n" for p in paths)


@contextlib.contextmanager
def using_data(files: str, *, decimal: str = ".", sheet: str | int | None = None) -> Iterator[None]:
    """:func:`use_data` for the duration of a ``with`` block: only the files named here count inside it, and the
    session's own files come back afterwards.

    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "wdi_minimal.csv"
    >>> with using_data(str(f)):
    ...     "wdi" in set(dx.load_observations()["series"])
    True
    >>> "wdi" in set(dx.load_observations()["series"])
    False
    """
    saved = list(_SESSION)
    try:
        _SESSION.clear()  # only the files named here: not those a session registered before
        if files:
            use_data(files, decimal=decimal, sheet=sheet)
        yield
    finally:
        _SESSION[:] = saved
