"""Reading tables from files without guessing and without touching them.

Files are opened read-only. CSV must be UTF-8 (with or without a byte-order mark); a file in another encoding is
refused with a message that says how to re-save it, rather than read with mangled diacritics. Cells are read as text
(CSV) or as the numbers and dates a spreadsheet stores (XLSX), so that validation can quote them as written.
"""

from __future__ import annotations

import csv
import errno
import io
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis._util import unmarked
from dxanalysis.errors import DataFileError, DataValidationError, Problem

__all__ = [
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "check_file",
    "column_name",
    "csv_records",
    "decode_text",
    "duplicate_columns",
    "read_bytes",
    "read_csv_text",
    "read_table",
    "read_text",
    "read_yaml_list",
    "shown",
    "width_problems",
]

#: Files above this size are refused before they are read (a guard against a wrong file or a hostile one). A WDI
#: topic download of every country is a few MB; 10 MB of figures is read in seconds (benchmarks/bench_files.py).
MAX_FILE_BYTES = 10 * 1024 * 1024
#: More columns than this in a header (a CSV or a sheet), or a line longer than this, is not a table of figures.
MAX_COLUMNS = 500
MAX_LINE_CHARS = 1_000_000
#: More figure rows than this in a CSV or a sheet is refused: every cell is checked, 20,000 rows in ~3 s of CPU.
MAX_ROWS = 20_000
#: An Excel workbook (a zip archive) that would expand beyond this, or by more than this ratio, is refused unread.
MAX_XLSX_EXPANDED_BYTES = 50 * 1024 * 1024
MAX_XLSX_RATIO = 200
TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def check_file(path: Path) -> None:
    """Refuse, before reading it, a path that is not a file or is larger than :data:`MAX_FILE_BYTES`.

    >>> check_file(Path("no/such/file.csv"))
    Traceback (most recent call last):
    dxanalysis.errors.DataFileError: no/such/file.csv: file not found
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataFileError(f"{shown(path)}: file not found") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(f"{shown(path)}: not a file (a folder or a device); accepted: the path of a data file")
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            f"{path}: {size / 1e6:.0f} MB is larger than the {MAX_FILE_BYTES / 1e6:.0f} MB accepted for a data file"
        )


def shown(path: Path | str, limit: int = 160) -> str:
    """A path as a message shows it: whole, or its start and end around "…" when it is very long.

    >>> shown("a" * 300 + ".csv")[-12:]
    'aaaaaaaa.csv'
    """
    text = str(path)
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-limit // 2 :]}"


def _unreadable(path: Path, exc: OSError) -> DataFileError:
    """The package's error for a file the system will not open: what the system said and what to do."""
    what = {
        errno.EACCES: "permission denied: ask for read access, or copy the file to a folder of yours",
        errno.EPERM: "permission denied: ask for read access, or copy the file to a folder of yours",
        errno.ENAMETOOLONG: "the file name is too long for the system: rename the file or move it to a shorter path",
        errno.EISDIR: "a folder, not a file; accepted: the path of a data file",
        errno.ENOTDIR: "a part of the path is a file, not a folder; accepted: the path of a data file",
        errno.ELOOP: "the path loops through symbolic links; accepted: the path of a data file",
    }.get(exc.errno or 0, f"cannot be read ({exc.strerror or exc}); check the path and that the file can be opened")
    return DataFileError(f"{shown(path)}: {what}")


def read_bytes(path: Path) -> bytes:
    """A file's bytes after :func:`check_file`; a file the system will not open is a :class:`DataFileError`.

    >>> import dxanalysis as dx
    >>> read_bytes(dx.data_dir() / "targets.csv")[:10]
    b'indicator,'
    """
    check_file(path)
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _unreadable(path, exc) from None


#: Byte-order marks and zero-width spaces, dropped from every text file read.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b"))


def decode_text(path: Path, raw: bytes) -> str:
    """The text of a file's bytes: UTF-8, or a refusal saying how to re-save it. Byte-order marks are dropped
    wherever they stand (a file saved twice starts with two; files joined end to end carry one inside), and so are
    zero-width spaces: invisible characters that would make two spellings of one name differ.

    >>> decode_text(Path("mine.csv"), "\ufeffchỉ tiêu,10 m\ufeffbps".encode())
    'chỉ tiêu,10 mbps'
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
    return text.translate(_INVISIBLE)


def read_text(path: Path) -> str:
    """A text file's content, checked (:func:`check_file`) and decoded (:func:`decode_text`); opened read-only.

    >>> import dxanalysis as dx
    >>> read_text(dx.data_dir() / "targets.csv").startswith("indicator,")
    True
    """
    return decode_text(path, read_bytes(path))


def _sniff_separator(header: str) -> str:
    """',' or ';' (Excel in Vietnamese and other decimal-comma locales writes ';'), from the header line."""
    counts = {sep: len(next(csv.reader([header], delimiter=sep), [])) for sep in (",", ";", "\t")}
    return max(counts, key=lambda s: (counts[s], s == ","))


def _unpadded(cell: str) -> str:
    """A quoted cell with spaces outside its quotes (``, "2019" ,`` as hand edits and some exporters write) is the
    quoted text, as a spreadsheet reads it; the csv module would keep the quotes as part of the cell.

    >>> _unpadded(' "2019" '), _unpadded('"a ""b"" c"  '), _unpadded(' plain '), _unpadded('" 5"')
    ('2019', 'a "b" c', ' plain ', '" 5"')
    """
    if cell[:1] not in " \t" and cell[-1:] not in " \t":
        return cell
    inner = cell.strip(" \t")
    if len(inner) >= 2 and inner[0] == inner[-1] == '"' and '"' not in inner[1:-1].replace('""', ""):
        return inner[1:-1].replace('""', '"')
    return cell


def csv_records(path: Path, text: str, sep: str = ",") -> list[list[str]]:
    """Every record of a CSV text (a blank line is an empty record, so that the position of a record is the row
    number a spreadsheet shows, less one). A quoted cell that is never closed — a file cut off mid-cell — or a quote
    in the middle of a quoted cell is a :class:`DataFileError` naming the line, never read as some other value.

    >>> csv_records(Path("mine.csv"), 'a,b\\n\\n"x, y",2\\n')
    [['a', 'b'], [], ['x, y', '2']]
    >>> csv_records(Path("cut.csv"), 'a,b\\n"70')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    dxanalysis.errors.DataFileError: cut.csv: line 2: a quoted cell is opened and never closed...
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    out: list[list[str]] = []
    line = 0
    try:
        for record in reader:
            out.append([_unpadded(c) for c in record])
            line = reader.line_num
    except csv.Error as exc:
        at = line + 1
        if "end of data" in str(exc) or "newline inside string" in str(exc):
            raise DataFileError(
                f"{shown(path)}: line {at}: a quoted cell is opened and never closed, so the file is cut off "
                "(an interrupted download or copy?) or a closing quote is missing; accepted: a complete file, "
                "each quoted cell closed by a quote"
            ) from None
        raise DataFileError(
            f"{shown(path)}: line {at}: not a readable CSV row ({exc}); accepted: cells separated by {sep!r}, "
            'a cell holding the separator or a quote in double quotes, its quotes doubled ("")'
        ) from None
    return out


def width_problems(path: Path, records: list[list[str]], header_at: int = 0) -> list[Problem]:
    """A problem for every row (after the header at position ``header_at``) with more or fewer fields than the
    header: a short row is a row cut off, not empty cells; a long one would shift every column after the extra
    separator. An empty trailing field is accepted where the header has one too (the file's own layout, as in the
    World Bank's downloads).

    >>> [p.message[:28] for p in width_problems(Path("mine.csv"), [["a", "b"], ["1", "2", ""], [], ["3"]])]
    ['has 3 fields, the header 2: ', 'has 1 field, the header 2: t']
    """
    width = len(records[header_at]) if len(records) > header_at else 0
    problems = []
    for i in range(header_at + 1, len(records)):
        n = len(records[i])
        if n == width or not any(c.strip() for c in records[i]):
            continue
        why = (
            "a separator too many (a trailing one, as Excel may write, or one inside a cell that is not quoted)"
            if n > width
            else "the row is cut short (the file cut off, or a separator missing)"
        )
        problems.append(
            Problem(
                str(path),
                i + 1,
                None,
                None,
                f"has {n} field{'s' if n != 1 else ''}, the header {width}: {why}",
                f"as many fields as the header, {width}",
            )
        )
    return problems


def read_csv_text(path: Path, text: str | None = None) -> pd.DataFrame:
    """Every cell as text (empty cells as missing), columns named as in the header. Every row must have as many
    fields as the header (:func:`width_problems`); blank rows are skipped, and the frame's ``attrs["rows"]`` holds
    each row's number in the file (the header is row 1), so that problems name the row the user sees.

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
    first = next((line for line in text.splitlines() if line.strip()), "")
    sep = _sniff_separator(first)
    n_columns = len(next(csv.reader([first], delimiter=sep), []))
    if n_columns > MAX_COLUMNS:
        raise DataFileError(
            f"{path}: the header has {n_columns:,} columns; accepted: a table of figures with at most {MAX_COLUMNS}"
        )
    records = csv_records(path, text, sep)
    header_at = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if header_at is None:  # separators, quotes and spaces only: not one name or figure
        raise DataFileError(
            f"{path}: no column names and no figures, only separators or quotes; "
            "accepted: a header row and one row per figure"
        )
    problems = width_problems(path, records, header_at)
    if problems:
        raise DataValidationError(problems, title=f"{path}: rows with more or fewer fields than the header")
    header = records[header_at]
    keep = [i for i in range(header_at + 1, len(records)) if any(c.strip() for c in records[i])]
    if len(keep) > MAX_ROWS:
        raise DataFileError(
            f"{path}: {len(keep):,} rows of figures; accepted: at most {MAX_ROWS:,} (split the file, or keep the "
            "places and years you need)"
        )
    frame = pd.DataFrame([[c if c != "" else None for c in records[i]] for i in keep], columns=header, dtype=object)
    if not keep:
        frame = pd.DataFrame(columns=header, dtype=object)
    frame.attrs["rows"] = np.asarray([i + 1 for i in keep], dtype=np.int64)  # an array: pandas copies attrs often
    return frame


def read_table(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """A table from a CSV or an Excel workbook (the first sheet, or ``sheet`` by name or number).

    Column names are matched without regard to case or surrounding spaces, so ``value`` and ``Value`` are the same
    column, and a column written twice is refused (:func:`duplicate_columns`). ``attrs["rows"]`` holds each row's
    number in the file.

    >>> import dxanalysis as dx
    >>> list(read_table(dx.data_dir() / "targets.csv").columns[:3])
    ['indicator', 'geo', 'series']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise DataFileError(
            f"{shown(path)}: files ending in {suffix or '(nothing)'} are not read; "
            f"accepted: {', '.join(TABLE_SUFFIXES)}"
        )
    check_file(path)
    frame = read_csv_text(path) if suffix in (".csv", ".txt") else _read_excel(path, sheet)
    rows = frame.attrs.get("rows")
    written = [str(c) for c in frame.columns]
    unnamed = [j for j, c in enumerate(written) if not column_name(c) and frame.iloc[:, j].isna().all()]
    if unnamed:  # an empty trailing column of the file's own layout (a separator ending every row)
        frame = frame.drop(columns=frame.columns[unnamed])
        written = [c for j, c in enumerate(written) if j not in unnamed]
    duplicate_columns(written, file=str(path))
    frame.columns = [column_name(c) for c in written]
    if rows is not None:
        frame.attrs["rows"] = rows
    return frame


def column_name(written: object) -> str:
    """A column's name as the readers match it: without case, surrounding spaces or stray byte-order marks.

    >>> column_name("\ufeff Value ")
    'value'
    """
    return str(written).replace("\ufeff", "").replace("\u200b", "").strip().lower()


def duplicate_columns(columns: list[str], *, file: str) -> None:
    """Refuse a table whose header names a column twice (``value,value``, or ``value,Value``, which read alike):
    which of the two holds the figures cannot be known.

    >>> duplicate_columns(["indicator", "value", "Value "], file="mine.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    dxanalysis.errors.DataFileError: mine.csv: duplicate column 'value': columns 2 and 3 ('value', 'Value ')...
    """
    seen: dict[str, list[int]] = {}
    for j, c in enumerate(columns):
        if column_name(c):
            seen.setdefault(column_name(c), []).append(j)
    twice = {name: js for name, js in seen.items() if len(js) > 1}
    if twice:
        parts = [
            f"duplicate column {name!r}: columns {' and '.join(str(j + 1) for j in js)} "
            f"({', '.join(repr(columns[j]) for j in js)})"
            for name, js in twice.items()
        ]
        raise DataFileError(
            f"{shown(file)}: {'; '.join(parts)}; accepted: each column once (names are matched without regard to "
            "case or spaces)"
        )


def _read_excel(path: Path, sheet: str | int | None) -> pd.DataFrame:
    import zipfile

    if not zipfile.is_zipfile(path):
        raise DataFileError(f"{shown(path)}: not an Excel .xlsx workbook (it is not a zip archive)")
    damaged = f"{shown(path)}: a damaged Excel workbook"
    what_to_do = "open it in Excel and save it again (or export the sheet as CSV UTF-8)"
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DataFileError(f"{damaged} ({exc}); {what_to_do}") from None
    if any(info.flag_bits & 0x1 for info in members):
        raise DataFileError(
            f"{shown(path)}: the workbook is encrypted (password-protected); {what_to_do} without a password"
        )
    expanded = sum(info.file_size for info in members)
    size = max(path.stat().st_size, 1)
    if expanded > MAX_XLSX_EXPANDED_BYTES or expanded / size > MAX_XLSX_RATIO:
        raise DataFileError(
            f"{shown(path)}: the workbook would expand to {expanded / 1e6:,.0f} MB ({expanded / size:,.0f} times its "
            f"size); accepted: workbooks that expand to under {MAX_XLSX_EXPANDED_BYTES / 1e6:.0f} MB"
        )
    try:
        with open(path, "rb") as fh:
            try:
                frame = _excel_sheet(path, fh, 0 if sheet is None else sheet)
            except _NoSheet:
                if not (isinstance(sheet, str) and sheet.strip().isdigit()):
                    raise
                fh.seek(0)  # no sheet of that name: "1" is the second sheet
                frame = _excel_sheet(path, fh, int(sheet))
    except DataFileError:
        raise
    except _NoSheet:
        raise DataFileError(f"{shown(path)}: no sheet {sheet!r}{_sheet_hint(path, sheet or 0)}") from None
    except PermissionError as exc:
        raise _unreadable(path, exc) from None
    except Exception as exc:  # a damaged archive or sheet fails inside zipfile, zlib or the XML parser, in many ways
        raise DataFileError(f"{damaged} ({type(exc).__name__}: {_short(exc)}); {what_to_do}") from None
    return frame


class _NoSheet(LookupError):
    """The workbook has no sheet of the name or number asked for."""


def _short(exc: BaseException, limit: int = 120) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _excel_sheet(path: Path, fh: Any, sheet: str | int) -> pd.DataFrame:
    """One sheet, its first row as the header, held to the limits of a CSV (columns, rows)."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(fh, read_only=True, data_only=True)
    try:
        names = list(book.sheetnames)
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise _NoSheet(sheet)
            ws = book[names[sheet]]
        elif sheet in names:
            ws = book[sheet]
        else:
            raise _NoSheet(sheet)
        ws.reset_dimensions()  # the size a workbook claims is not trusted: the rows are counted as they are read
        values: list[list[Any]] = []
        numbers: list[int] = []
        header: list[Any] | None = None
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if len(row) > MAX_COLUMNS and any(v is not None for v in row[MAX_COLUMNS:]):
                raise DataFileError(
                    f"{shown(path)}: row {number} of the sheet has {len(row):,} columns; accepted: a table of figures "
                    f"with at most {MAX_COLUMNS}"
                )
            cells = [None if v is None or (isinstance(v, str) and not v.strip()) else v for v in row[:MAX_COLUMNS]]
            if header is None:
                if any(v is not None for v in cells):
                    header = ["" if v is None else str(v) for v in cells]
                continue
            if not any(v is not None for v in cells):
                continue
            values.append(cells)
            numbers.append(number)
            if len(values) > MAX_ROWS:
                raise DataFileError(
                    f"{shown(path)}: more than {MAX_ROWS:,} rows of figures; accepted: at most {MAX_ROWS:,} (split "
                    "the workbook, or keep the places and years you need)"
                )
    finally:
        book.close()
    header = header or []
    width = max([len(header), *(len(v) for v in values)]) if values or header else 0
    while len(header) < width:
        header.append("")
    frame = pd.DataFrame([v + [None] * (width - len(v)) for v in values], columns=header, dtype=object)
    if not values:
        frame = pd.DataFrame(columns=header, dtype=object)
    frame.attrs["rows"] = np.asarray(numbers, dtype=np.int64)
    return frame


def _sheet_hint(path: Path, sheet: str | int) -> str:
    """What the workbook has instead of a missing sheet: its sheets, and the one meant if only marks differ."""
    import difflib

    from openpyxl import load_workbook

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
