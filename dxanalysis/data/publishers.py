"""Parsers for the files statistical publishers hand out, in their original layouts.

``read_wdi_table`` reads the World Bank's World Development Indicators CSV download (with or without its four
preamble lines, as served or re-saved by Excel, one indicator or a topic file of many); ``read_owid_table`` reads an
Our World in Data grapher CSV (``Entity,Code,Year,<value columns>``). Both return a long table — one row per entity,
indicator and year with a value — and the file's own metadata (publisher, last-updated date, indicator names), and
refuse with a clear message what they cannot read. They never guess a layout they do not recognise.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.data.files import _check_file, _decode
from dxanalysis.data.numbers import parse_number
from dxanalysis.errors import DataFileError, DataValidationError, Problem

__all__ = ["PublisherTable", "read_owid_table", "read_wdi_table"]

WDI_KEYS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
OWID_KEYS = ["Entity", "Code", "Year"]


@dataclass
class PublisherTable:
    """A publisher's file as a long table: ``entity, code, indicator_code, indicator_name, year, value``."""

    data: pd.DataFrame
    publisher: str
    file: str
    last_updated: dt.date | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: What the publisher's metadata file says of each indicator code: ``name``, ``description``, ``unit``,
    #: ``source`` and ``last_updated`` (any of them may be missing).
    indicators: dict[str, dict[str, str]] = field(default_factory=dict)


def _rows(path: Path) -> list[list[str]]:
    _check_file(path)
    with open(path, "rb") as fh:
        text = _decode(path, fh.read())
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise DataFileError(f"{path}: not a readable CSV file ({exc})") from None


def _wdi_date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _cell_value(path: Path, row: list[str], i: int, j: int, column: str, problems: list[Problem]) -> float | None:
    """The number in cell ``j`` of a row (None when empty; a problem recorded when it is not a number)."""
    cell = row[j].strip() if j < len(row) else ""
    if not cell:
        return None
    try:
        return parse_number(cell)
    except ValueError as exc:
        problems.append(Problem(str(path), i, column, cell, str(exc), "a number, or an empty cell"))
        return None


def _wdi_indicator_metadata(side: Path) -> dict[str, dict[str, str]]:
    """The ``Metadata_Indicator_…`` CSV of a WDI download: each code's name, definition and source organisation."""
    rows = _rows(side)
    header = [c.strip() for c in rows[0]] if rows else []
    if header[:2] != ["INDICATOR_CODE", "INDICATOR_NAME"]:
        raise DataFileError(
            f"{side}: not a WDI indicator metadata file: the header must start INDICATOR_CODE,INDICATOR_NAME "
            "(accepted: the Metadata_Indicator_… CSV that comes in the same download)"
        )
    out = {}
    for r in rows[1:]:
        rec = dict(zip(header, (c.strip() for c in r), strict=False))
        if rec.get("INDICATOR_CODE"):
            fields = {"name": "INDICATOR_NAME", "description": "SOURCE_NOTE", "source": "SOURCE_ORGANIZATION"}
            out[rec["INDICATOR_CODE"]] = {k: rec[v] for k, v in fields.items() if rec.get(v)}
    return out


def wdi_metadata_path(path: str | Path) -> Path:
    """Where a WDI download's indicator metadata sits: ``Metadata_Indicator_<file name>`` beside it.

    >>> wdi_metadata_path("downloads/API_IT.NET.USER.ZS_DS2_en_csv_v2.csv").name
    'Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2.csv'
    """
    path = Path(path)
    return path.with_name(f"Metadata_Indicator_{path.name}")


def owid_metadata_path(path: str | Path) -> Path:
    """Where an OWID chart's metadata sits: ``<name>.metadata.json`` beside its CSV.

    >>> owid_metadata_path("downloads/internet-speeds.csv").name
    'internet-speeds.metadata.json'
    """
    path = Path(path)
    return path.with_name(path.name.removesuffix(".csv") + ".metadata.json")


def read_wdi_table(path: str | Path, metadata: str | Path | None = None) -> PublisherTable:
    """The World Bank's WDI CSV download as a long table, with its last-updated date as the vintage.

    The indicator metadata CSV of the same download (``Metadata_Indicator_<file name>`` beside the file, or the
    ``metadata`` path given) adds each indicator's definition and source organisation.
    """
    path = Path(path)
    rows = _rows(path)
    header_at = next((i for i, r in enumerate(rows) if [c.strip() for c in r[:4]] == WDI_KEYS), None)
    if header_at is None:
        raise DataFileError(
            f"{path}: not a World Bank WDI download: no header row starting "
            f"{', '.join(WDI_KEYS)} (accepted: the CSV of data.worldbank.org, with or without its preamble)"
        )
    meta: dict[str, Any] = {}
    for r in rows[:header_at]:
        if len(r) >= 2 and r[0].strip():
            meta[r[0].strip()] = r[1].strip()
    last_updated = _wdi_date(meta.get("Last Updated Date", "")) if "Last Updated Date" in meta else None
    header = [c.strip() for c in rows[header_at]]
    year_cols = [(j, int(c)) for j, c in enumerate(header) if re.fullmatch(r"\d{4}", c)]
    if not year_cols:
        raise DataFileError(f"{path}: the WDI header has no year columns (1960, 1961, …)")
    records, problems = [], []
    for i, r in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(c.strip() for c in r):
            continue
        if len(r) < 4:
            problems.append(Problem(str(path), i, None, ",".join(r)[:60], "a short row", "one row per country"))
            continue
        name, code, ind_name, ind_code = (c.strip() for c in r[:4])
        for j, year in year_cols:
            value = _cell_value(path, r, i, j, str(year), problems)
            if value is not None:
                records.append((name, code, ind_code, ind_name, year, value))
    if problems:
        raise DataValidationError(problems)
    data = pd.DataFrame(records, columns=["entity", "code", "indicator_code", "indicator_name", "year", "value"])
    side = Path(metadata) if metadata is not None else wdi_metadata_path(path)
    indicators = _wdi_indicator_metadata(side) if metadata is not None or side.is_file() else {}
    return PublisherTable(
        data, meta.get("Data Source") or "World Development Indicators", str(path), last_updated, meta, indicators
    )


def read_owid_table(path: str | Path) -> PublisherTable:
    """An Our World in Data grapher CSV as a long table (one indicator per value column).

    The metadata JSON that OWID serves beside a chart's CSV (``<name>.metadata.json``) is read when present.
    """
    path = Path(path)
    rows = _rows(path)
    if not rows or [c.strip() for c in rows[0][:3]] != OWID_KEYS or len(rows[0]) < 4:
        raise DataFileError(
            f"{path}: not an Our World in Data grapher CSV: the header must start Entity,Code,Year and name at "
            "least one value column"
        )
    header = [c.strip() for c in rows[0]]
    records, problems = [], []
    for i, r in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in r):
            continue
        entity, code, year_text = (c.strip() for c in [*r, "", "", ""][:3])
        try:
            year = int(year_text)
        except ValueError:
            problems.append(Problem(str(path), i, "Year", year_text, "not a year", "a year such as 2021"))
            continue
        for j in range(3, len(header)):
            value = _cell_value(path, r, i, j, header[j], problems)
            if value is not None:
                records.append((entity, code, header[j], header[j], year, value))
    if problems:
        raise DataValidationError(problems)
    data = pd.DataFrame(records, columns=["entity", "code", "indicator_code", "indicator_name", "year", "value"])
    data = data.sort_values(["entity", "indicator_code", "year"], kind="stable").reset_index(drop=True)
    meta: dict[str, Any] = {}
    side = owid_metadata_path(path)
    if side.is_file():
        _check_file(side)
        try:
            meta = json.loads(side.read_bytes().decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise DataFileError(f"{side}: not a readable metadata JSON ({exc})") from None
        if not isinstance(meta, dict):
            raise DataFileError(f"{side}: not an Our World in Data metadata JSON (accepted: an object with 'columns')")
    return PublisherTable(data, "Our World in Data", str(path), None, meta, _owid_indicator_metadata(meta))


def _owid_indicator_metadata(meta: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each value column's entry in an OWID chart's metadata JSON: title, description, unit, citation, date."""
    columns = meta.get("columns")
    out: dict[str, dict[str, str]] = {}
    if not isinstance(columns, dict):
        return out
    fields = {
        "name": "titleShort",
        "description": "descriptionShort",
        "unit": "unit",
        "source": "citationShort",
        "last_updated": "lastUpdated",
    }
    for column, info in columns.items():
        if isinstance(info, dict):
            out[str(column).strip()] = {
                k: str(info[v]).strip() for k, v in fields.items() if isinstance(info.get(v), str) and info[v].strip()
            }
    return out
