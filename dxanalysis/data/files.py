"""Reading tables from files without guessing and without touching them.

Files are opened read-only. CSV must be UTF-8 (with or without a byte-order mark); a file in another encoding is
refused with a message that says how to re-save it, rather than read with mangled diacritics. Cells are read as text
(CSV) or as the numbers and dates a spreadsheet stores (XLSX), so that validation can quote them as written.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis._util import unmarked
from dxanalysis.errors import DataFileError

__all__ = ["MAX_FILE_BYTES", "check_file", "decode_text", "read_csv_text", "read_table", "read_text", "read_yaml_list"]

#: Files above this size are refused before they are read (a guard against a wrong file or a hostile one).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: More columns than this in a header, or a line longer than this, is not a table of figures.
MAX_COLUMNS = 500
MAX_LINE_CHARS = 1_000_000
#: An Excel workbook (a zip archive) that would expand beyond this, or by more than this ratio, is refused unread.
MAX_XLSX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_XLSX_RATIO = 200
TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def check_file(path: Path) -> None:
    """Refuse, before reading it, a path that is not a file or is larger than :data:`MAX_FILE_BYTES`.

    >>> check_file(Path("no/such/file.csv"))
    Traceback (most recent call last):
    dxanalysis.errors.DataFileError: no/such/file.csv: file not found
    """
    if not path.exists():
        raise DataFileError(f"{path}: file not found")
    if not path.is_file():
        raise DataFileError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            f"{path}: {size / 1e6:.0f} MB is larger than the {MAX_FILE_BYTES / 1e6:.0f} MB accepted for a data file"
        )


def decode_text(path: Path, raw: bytes) -> str:
    """The text of a file's bytes: UTF-8 (a byte-order mark dropped), or a refusal saying how to re-save it.

    >>> decode_text(Path("mine.csv"), "\ufeffchỉ tiêu".encode())
    'chỉ tiêu'
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            f"{path}: not UTF-8 text (byte 0x{raw[exc.start]:02X} on line {line}); "
            "accepted: UTF-8, with or without BOM — in Excel, save as 'CSV UTF-8 (Comma delimited)'"
        ) from None
    if "\x00" in text:
        raise DataFileError(f"{path}: contains NUL bytes, so it is not a text (CSV) file")
    return text


def read_text(path: Path) -> str:
    """A text file's content, checked (:func:`check_file`) and decoded (:func:`decode_text`); opened read-only.

    >>> import dxanalysis as dx
    >>> read_text(dx.data_dir() / "targets.csv").startswith("indicator,")
    True
    """
    check_file(path)
    with open(path, "rb") as fh:
        return decode_text(path, fh.read())


def _sniff_separator(text: str) -> str:
    """',' or ';' (Excel in Vietnamese and other decimal-comma locales writes ';'), from the header line."""
    header = next(iter(text.splitlines()), "")
    counts = {sep: len(next(csv.reader([header], delimiter=sep), [])) for sep in (",", ";", "\t")}
    return max(counts, key=lambda s: (counts[s], s == ","))


def read_csv_text(path: Path, text: str | None = None) -> pd.DataFrame:
    """Every cell as text (empty cells as missing), columns named as in the header.

    >>> read_csv_text(Path("mine.csv"), "indicator;value\\ninternet_users;80,2\\n").to_dict("records")
    [{'indicator': 'internet_users', 'value': '80,2'}]
    """
    if text is None:
        text = read_text(path)
    if not text.strip():
        raise DataFileError(f"{path}: the file is empty; accepted: a header row and one row per figure")
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise DataFileError(
                f"{path}: line {number} is {len(line):,} characters long; accepted: lines under {MAX_LINE_CHARS:,}"
            )
    sep = _sniff_separator(text)
    n_columns = len(next(csv.reader([next(iter(text.splitlines()), "")], delimiter=sep), []))
    if n_columns > MAX_COLUMNS:
        raise DataFileError(
            f"{path}: the header has {n_columns:,} columns; accepted: a table of figures with at most {MAX_COLUMNS}"
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        raise DataFileError(f"{path}: not a readable CSV table ({exc})") from None
    return frame


def read_table(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """A table from a CSV or an Excel workbook (the first sheet, or ``sheet`` by name or number).

    >>> import dxanalysis as dx
    >>> list(read_table(dx.data_dir() / "targets.csv").columns[:3])
    ['indicator', 'geo', 'series']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise DataFileError(
            f"{path}: files ending in {suffix or '(nothing)'} are not read; accepted: {', '.join(TABLE_SUFFIXES)}"
        )
    check_file(path)
    frame = read_csv_text(path) if suffix in (".csv", ".txt") else _read_excel(path, sheet)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def _read_excel(path: Path, sheet: str | int | None) -> pd.DataFrame:
    import zipfile

    if not zipfile.is_zipfile(path):
        raise DataFileError(f"{path}: not an Excel .xlsx workbook (it is not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataFileError(f"{path}: not a readable Excel workbook ({exc})") from None
    size = max(path.stat().st_size, 1)
    if expanded > MAX_XLSX_EXPANDED_BYTES or expanded / size > MAX_XLSX_RATIO:
        raise DataFileError(
            f"{path}: the workbook would expand to {expanded / 1e6:,.0f} MB ({expanded / size:,.0f} times its size); "
            f"accepted: workbooks that expand to under {MAX_XLSX_EXPANDED_BYTES / 1e6:.0f} MB"
        )
    try:
        with open(path, "rb") as fh:
            try:
                frame = pd.read_excel(fh, sheet_name=0 if sheet is None else sheet, dtype=object, engine="openpyxl")
            except ValueError:
                if not (isinstance(sheet, str) and sheet.strip().isdigit()):
                    raise
                fh.seek(0)  # no sheet of that name: "1" is the second sheet
                frame = pd.read_excel(fh, sheet_name=int(sheet), dtype=object, engine="openpyxl")
    except ValueError as exc:
        if sheet is not None:
            raise DataFileError(f"{path}: no sheet {sheet!r}{_sheet_hint(path, sheet)}") from None
        raise DataFileError(f"{path}: not a readable Excel workbook ({exc})") from None
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DataFileError(f"{path}: not a readable Excel workbook ({exc})") from None
    # Text cells keep their text; blank text is missing, as in a CSV.
    return frame.map(lambda v: None if isinstance(v, str) and not v.strip() else v)


def _sheet_hint(path: Path, sheet: str | int) -> str:
    """What the workbook has instead of a missing sheet: its sheets, and the one meant if only marks differ."""
    import difflib

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with open(path, "rb") as fh:
            names = list(load_workbook(fh, read_only=True).sheetnames)
    except Exception:  # the hint is a courtesy: the missing sheet is the error
        return ""

    near = [n for n in names if unmarked(n).strip() == unmarked(sheet).strip()] or difflib.get_close_matches(
        str(sheet), names, n=1
    )
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"{hint}; accepted: a sheet name ({', '.join(map(repr, names))}) or its number from 0"


def read_yaml_list(path: Path) -> list[dict[str, Any]]:
    """A YAML file holding a list of mappings, read with the safe loader (no tags, nothing executed).

    >>> import dxanalysis as dx
    >>> "id" in read_yaml_list(dx.data_dir() / "indicators.yml")[0]
    True
    """
    import yaml

    text = read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise DataFileError(f"{path}: expected a list of entries (each starting with '- id: …')")
    return data
