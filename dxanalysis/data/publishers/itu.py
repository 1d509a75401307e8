"""The ITU's spreadsheets (World Telecommunication/ICT Indicators), as the ITU published them.

``read_itu_table`` reads the yearly legacy BIFF ``.xls`` files (one sheet ``Final``: a title row, a row of years,
one economy per row, named only; one or several blocks of years side by side, each under its own title; notes and
source columns after them) through ``xlrd``, and the ``.xlsx`` core household indicators (four header rows, numbers
stored as text, ``...`` for missing, a "Year of data" column per indicator) through openpyxl. The ITU names the
economies and gives no codes: :func:`itu_iso3` maps a name to its ISO 3166 alpha-3 code with ``pycountry`` and a
short table of the ITU's own spellings. ``read_itu`` turns the figures into observations (series ``itu``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.data.files import MAX_COLUMNS, MAX_ROWS, MAX_XLSX_EXPANDED_BYTES, MAX_XLSX_RATIO, check_file
from dxanalysis.data.publishers.common import PublisherTable, as_observations, select_rows
from dxanalysis.errors import DataFileError

__all__ = ["ITU_NAMES", "itu_iso3", "read_itu", "read_itu_table", "sniff_itu_file"]

#: The ITU's spellings that ISO 3166 (``pycountry``) does not know, with the alpha-3 code of the ISO 3166 entry
#: they name (Netherlands Antilles: the withdrawn code of ISO 3166-3). Ascension has no code of its own (ISO 3166
#: counts it in Saint Helena, Ascension and Tristan da Cunha), so it keeps an empty code and its name.
ITU_NAMES = {
    "Ascension": "",
    "Bolivia (Plurinational State of)": "BOL",
    "Central African Rep.": "CAF",
    "Cocos Keeling Islands": "CCK",
    "Congo (Rep. of the)": "COG",
    "Curacao": "CUW",
    "Dem. People's Rep. of Korea": "PRK",
    "Dem. Rep. of the Congo": "COD",
    "Dominican Rep.": "DOM",
    "Falkland (Malvinas) Is.": "FLK",
    "Hong Kong, China": "HKG",
    "Iran (Islamic Republic of)": "IRN",
    "Korea (Rep. of)": "KOR",
    "Lao P.D.R.": "LAO",
    "Macao, China": "MAC",
    "Micronesia": "FSM",
    "Nepal (Republic of)": "NPL",
    "Neth. Antilles": "ANT",
    "Norfolk Islands": "NFK",
    "Northern Marianas": "MNP",
    "Palestine": "PSE",
    "St. Helena": "SHN",
    "St. Pierre & Miquelon": "SPM",
    "Turkey": "TUR",
    "Turks & Caicos Is.": "TCA",
    "Vatican": "VAT",
    "Virgin Islands (US)": "VIR",
}

_MONTHS = {dt.date(2000, m, 1).strftime("%b").lower(): m for m in range(1, 13)}
_BIFF = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature every BIFF8 workbook starts with


def itu_iso3(name: str) -> str:
    """The ISO 3166 alpha-3 code of an economy as the ITU names it (empty when ISO 3166 gives it none).

    >>> itu_iso3("Viet Nam"), itu_iso3("Korea (Rep. of)"), itu_iso3("Ascension")
    ('VNM', 'KOR', '')
    """
    import pycountry

    name = name.strip()
    if name in ITU_NAMES:
        return ITU_NAMES[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return ""


def _released(path: Path) -> str | None:
    """The release the ITU writes into its file names: ``revised27082019`` (a day), else ``Jun2019`` (a month)."""
    stem = path.stem
    revised = re.search(r"revised(\d{2})(\d{2})(\d{4})", stem)
    if revised:
        day, month, year = (int(g) for g in revised.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    month_year = re.search(r"(?<![A-Za-z])([A-Za-z]{3})(\d{4})(?!\d)", stem)
    if month_year and month_year.group(1).lower() in _MONTHS:
        return f"{int(month_year.group(2)):04d}-{_MONTHS[month_year.group(1).lower()]:02d}"
    return None


def _cell(row: int, col: int) -> str:
    """A spreadsheet cell's name, e.g. ``B3``."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 1900 <= value <= 2100:
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*(19|20)\d{2}\s*", value):
        return int(value)
    return None


def _number(path: Path, sheet: str, r: int, c: int, value: Any) -> float | None:
    """A cell's number (None when empty or ``...``); a text that is not a number is refused, naming the cell."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if text in ("", "...", "..", "NULL", "-"):
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise DataFileError(
            f"{path}: sheet {sheet!r}, cell {_cell(r, c)}: {text!r} is not a number "
            "(accepted: a number, an empty cell or '...')"
        ) from None


def _legacy(path: Path) -> list[tuple[str, str, str, int, float]]:
    """The ``Final`` sheet of a yearly BIFF file: every block of years under its title in row 1."""
    import xlrd

    with open(path, "rb") as fh:
        if fh.read(8) != _BIFF:
            raise DataFileError(
                f"{path}: not a legacy Excel (BIFF) workbook (accepted: the ITU's .xls as downloaded, "
                "or its .xlsx core household indicators)"
            )
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:  # xlrd raises its own errors and struct/compdoc errors for a damaged file
        raise DataFileError(f"{path}: a damaged Excel (BIFF) workbook ({exc})") from None
    if "Final" not in book.sheet_names():
        raise DataFileError(
            f"{path}: no sheet 'Final' (the sheets are {', '.join(book.sheet_names())}; accepted: the ITU's yearly "
            "file, whose figures are in sheet 'Final')"
        )
    sheet = book.sheet_by_name("Final")
    if sheet.nrows > MAX_ROWS or sheet.ncols > MAX_COLUMNS:
        raise DataFileError(
            f"{path}: sheet 'Final' is larger than the {MAX_ROWS:,} rows and {MAX_COLUMNS} columns accepted"
        )
    if sheet.nrows < 3:
        raise DataFileError(f"{path}: sheet 'Final' has no data below its two header rows")
    titles, years = sheet.row_values(0), sheet.row_values(1)
    columns: list[tuple[int, str, int]] = []
    title = ""
    for c in range(sheet.ncols):
        if c < len(titles) and str(titles[c]).strip():
            title = str(titles[c]).strip()
        year = _year(years[c]) if c < len(years) else None
        if year is not None and title and not title.lower().startswith("metadata"):
            columns.append((c, title, year))
    if not columns:
        raise DataFileError(
            f"{path}: sheet 'Final', row 2: no years (accepted: a title in row 1 over the years 2000, 2001, … in row 2)"
        )
    records = []
    for r in range(2, sheet.nrows):
        entity = str(sheet.cell_value(r, 0)).strip()
        if not entity:
            continue
        for c, title, year in columns:
            value = _number(path, "Final", r, c, sheet.cell_value(r, c))
            if value is not None:
                records.append((entity, title, title, year, value))
    return records


def _household(path: Path) -> list[tuple[str, str, str, int, float]]:
    """The core household indicators: ``(HHn)`` codes in row 3, a value, a footnote and its year of data each."""
    import zipfile

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    if not zipfile.is_zipfile(path):
        raise DataFileError(f"{path}: not an Excel .xlsx workbook (it is not a zip archive)")
    with zipfile.ZipFile(path) as zf:
        expanded = sum(info.file_size for info in zf.infolist())
    if expanded > MAX_XLSX_EXPANDED_BYTES or expanded / max(path.stat().st_size, 1) > MAX_XLSX_RATIO:
        raise DataFileError(
            f"{path}: the workbook would expand to {expanded / 1e6:,.0f} MB; accepted: workbooks that expand to under "
            f"{MAX_XLSX_EXPANDED_BYTES / 1e6:.0f} MB"
        )
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged archive or sheet fails inside zipfile, zlib or the XML parser
        raise DataFileError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    try:
        for ws in book.worksheets:
            head = [list(r) for r in ws.iter_rows(max_row=10, values_only=True)]  # the header rows decide
            at = next((i for i, r in enumerate(head) if any(_hh(v) for v in r)), None)
            if at is None or at < 1:
                continue
            rows: list[list[Any]] = []
            for r in ws.iter_rows(values_only=True):
                if len(rows) >= MAX_ROWS or len(r) > MAX_COLUMNS:
                    raise DataFileError(
                        f"{path}: sheet {ws.title!r} is larger than the {MAX_ROWS:,} rows and {MAX_COLUMNS} columns "
                        "accepted"
                    )
                rows.append(list(r))
            return _household_rows(path, ws.title, rows, at)
    finally:
        book.close()
    raise DataFileError(
        f"{path}: no sheet with the ITU's (HH1)…(HH10) indicator codes in its header rows (accepted: the ITU's "
        "Core Household Indicators workbook, or a yearly .xls file)"
    )


def _hh(value: Any) -> str | None:
    match = re.fullmatch(r"\s*\((HH\w+)\)\s*", str(value)) if value is not None else None
    return match.group(1) if match else None


def _household_rows(path: Path, sheet: str, rows: list[list[Any]], at: int) -> list[tuple[str, str, str, int, float]]:
    group = ""
    indicators = []
    groups, codes = rows[at - 1], rows[at]
    labels = rows[at + 1] if len(rows) > at + 1 else []
    for c, value in enumerate(codes):
        if c < len(groups) and groups[c] and str(groups[c]).strip():
            group = str(groups[c]).strip()
        code = _hh(value)
        if code is None:
            continue
        label = str(labels[c]).strip() if c < len(labels) and labels[c] else code
        year_col = next(
            (k for k in range(c + 1, min(c + 4, len(codes))) if str(codes[k] or "").strip() == "Year"), None
        )
        if year_col is None:
            raise DataFileError(
                f"{path}: sheet {sheet!r}, cell {_cell(at, c)}: ({code}) has no 'Year' column beside it"
            )
        indicators.append((c, year_col, code, f"{group} {label.lower()}".strip() if group else label))
    records = []
    for r in range(at + 2, len(rows)):
        row = rows[r]
        entity = str(row[1]).strip() if len(row) > 1 and row[1] is not None else ""
        if not entity or not isinstance(row[0], int | float):  # the footnotes below the table have no number
            continue
        for c, year_col, code, name in indicators:
            value = _number(path, sheet, r, c, row[c] if c < len(row) else None)
            if value is None:
                continue
            year = _year(row[year_col] if year_col < len(row) else None)
            if year is None:
                raise DataFileError(
                    f"{path}: sheet {sheet!r}, cell {_cell(r, year_col)}: {entity}'s {code} has a value but no year "
                    "of data (accepted: a year such as 2018)"
                )
            records.append((entity, code, name, year, value))
    return records


def sniff_itu_file(path: Path) -> bool:
    """Whether a spreadsheet is one of the ITU's: a BIFF ``.xls`` with a sheet ``Final``, or an ``.xlsx`` whose
    header rows carry the ``(HH1)``… codes.

    >>> import dxanalysis as dx, pathlib
    >>> fixtures = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures"
    >>> sniff_itu_file(fixtures / "itu_core_household_Jun2019.xlsx"), sniff_itu_file(fixtures / "wdi_minimal.csv")
    (True, False)
    """
    try:
        read_itu_table(path)
    except DataFileError:
        return False
    return True


def read_itu_table(path: str | os.PathLike[str], released: dt.date | None = None) -> PublisherTable:
    """One of the ITU's spreadsheets as a long table, economies with their ISO 3166 alpha-3 codes.

    ``released`` is the ITU's release date (the figures' vintage); by default it is read from the file name as the
    ITU wrote it (``…_Jun2019.xls``: June 2019, dated its 1st in ``last_updated`` and ``"2019-06"`` in
    ``metadata["released"]``; ``…_revised27082019.xls``: 27 August 2019).

    >>> import dxanalysis as dx, pathlib
    >>> fixtures = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures"
    >>> t = read_itu_table(fixtures / "itu_core_household_Jun2019.xlsx")
    >>> t.last_updated, t.data.loc[t.data.code == "VNM", ["indicator_code", "year", "value"]].values.tolist()[0]
    (datetime.date(2019, 6, 1), ['HH4', 2018, 32.9])
    """
    path = Path(path)
    check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        records = _legacy(path)
    elif suffix in (".xlsx", ".xlsm"):
        records = _household(path)
    else:
        raise DataFileError(f"{path}: not an ITU spreadsheet (accepted: the ITU's .xls or .xlsx files)")
    data = pd.DataFrame(records, columns=["entity", "indicator_code", "indicator_name", "year", "value"])
    codes = {name: itu_iso3(name) for name in data["entity"].unique()}
    data.insert(1, "code", data["entity"].map(codes).astype(str))
    data["year"] = data["year"].astype(int)
    release = released.isoformat() if released else _released(path)
    last_updated = dt.date.fromisoformat(release if len(release) == 10 else f"{release}-01") if release else None
    return PublisherTable(data, "ITU", str(path), last_updated, {"released": release})


def read_itu(
    path: str | os.PathLike[str],
    country: str | Iterable[str] | None = "VNM",
    *,
    released: dt.date | None = None,
) -> pd.DataFrame:
    """One of the ITU's spreadsheets as tidy observations (series ``itu``), for one economy or several.

    Parameters
    ----------
    path
        The ITU's yearly ``.xls`` (e.g. ``Individuals_Internet_2000-2018_Jun2019.xls``) or its Core Household
        Indicators ``.xlsx``.
    country
        ISO3 codes or the ITU's names (``"VNM"`` or ``"Viet Nam"``); ``None`` keeps every economy with a code.
    released
        The release date, when the file name no longer carries it.

    Examples
    --------
    >>> import dxanalysis as dx, pathlib
    >>> fixtures = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures"
    >>> obs = read_itu(fixtures / "itu_core_household_Jun2019.xlsx")
    >>> sorted(set(obs["indicator"])), set(obs["series"]), set(obs["published_precision"])
    (['itu_hh4', 'itu_hh6', 'itu_hh7'], {'itu'}, {'month'})
    """
    table = read_itu_table(path, released)
    keep = select_rows(table, country, "economy")
    updated = table.metadata.get("released")  # a month ("2019-06") when the ITU named only the month

    def label(date: str | None) -> str:
        return "ITU, World Telecommunication/ICT Indicators" + (f" (release of {date})" if date else "")

    return as_observations(table, keep, series="itu", prefix="itu", source=label, published=updated)
