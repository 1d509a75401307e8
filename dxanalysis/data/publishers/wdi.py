"""The World Bank's World Development Indicators CSV download, as the World Bank serves it.

``read_wdi_table`` parses the file (with or without its four preamble lines, as served or re-saved by Excel, one
indicator or a topic file of many) into a long table with the file's own metadata (publisher, last-updated date, the
indicator metadata CSV of the same download); ``read_wdi`` turns it into the package's observations (series
``wdi``). A file that is not a WDI download is refused with a clear message, never guessed at.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.data.files import csv_records, read_text, width_problems
from dxanalysis.data.publishers.common import (
    LONG_COLUMNS,
    PublisherTable,
    as_observations,
    cell_value,
    csv_rows,
    select_rows,
)
from dxanalysis.errors import DataFileError, DataValidationError

__all__ = ["WDI_KEYS", "read_wdi", "read_wdi_table", "sniff_wdi", "wdi_metadata_path"]

WDI_KEYS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]


def sniff_wdi(head: str) -> bool:
    """Whether a file's first characters are a WDI download's: its preamble (``Data Source``) or its header.

    >>> sniff_wdi('"Country Name","Country Code","Indicator Name","Indicator Code","2019"'), sniff_wdi("a,b")
    (True, False)
    """
    first = head.splitlines()[0] if head else ""
    return "Country Name" in head and ("Data Source" in first or first.replace('"', "").startswith("Country Name"))


def _wdi_date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _wdi_indicator_metadata(side: Path) -> dict[str, dict[str, str]]:
    """The ``Metadata_Indicator_…`` CSV of a WDI download: each code's name, definition and source organisation."""
    rows = csv_rows(side)
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


def read_wdi_table(path: str | Path, metadata: str | Path | None = None) -> PublisherTable:
    """The World Bank's WDI CSV download as a long table, with its last-updated date as the vintage.

    The indicator metadata CSV of the same download (``Metadata_Indicator_<file name>`` beside the file, or the
    ``metadata`` path given) adds each indicator's definition and source organisation.

    >>> import dxanalysis as dx, pathlib
    >>> t = read_wdi_table(pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "wdi_minimal.csv")
    >>> t.last_updated, sorted(set(t.data["code"]))
    (datetime.date(2023, 5, 10), ['THA', 'VNM', 'WLD'])
    """
    path = Path(path)
    text = read_text(path)
    rows = csv_records(path, text)
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
    records: list[tuple[Any, ...]] = []
    problems = width_problems(path, rows, header_at)
    short = {p.row for p in problems}
    for i, r in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(c.strip() for c in r) or i in short:
            continue
        name, code, ind_name, ind_code = (c.strip() for c in r[:4])
        for j, year in year_cols:
            value = cell_value(path, r, i, j, str(year), problems)
            if value is not None:
                records.append((name, code, ind_code, ind_name, year, value, i, header[j]))
    if problems:
        raise DataValidationError(problems)
    if not text.endswith(("\n", "\r")):  # the World Bank ends every line, the last too, with a line break
        raise DataFileError(
            f"{path}: the file ends in the middle of line {text.count(chr(10)) + 1} (no line break after it), so the "
            "download was cut off and its last figures would be wrong or missing; accepted: the complete file as "
            "data.worldbank.org serves it (download it again)"
        )
    data = pd.DataFrame(records, columns=[*LONG_COLUMNS, "row", "column"])
    side = Path(metadata) if metadata is not None else wdi_metadata_path(path)
    indicators = _wdi_indicator_metadata(side) if metadata is not None or side.is_file() else {}
    return PublisherTable(
        data,
        meta.get("Data Source") or "World Development Indicators",
        str(path),
        last_updated,
        meta,
        indicators,
        {"geo": "Country Code", "indicator": "Indicator Code"},
    )


def read_wdi(
    path: str | os.PathLike[str],
    country: str | Iterable[str] | None = "VNM",
    *,
    metadata: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """The World Bank's WDI CSV download as tidy observations (series ``wdi``), for one country or several.

    Parameters
    ----------
    path
        The CSV as downloaded from data.worldbank.org (with or without its preamble, or re-saved by Excel).
    country
        ISO3 codes or names (``"VNM"`` or ``"Viet Nam"``), every one kept (one the file lacks is an error);
        ``None`` keeps every row, aggregates included (``WLD``, ``LMC``: the World Bank's codes).
    metadata
        The download's ``Metadata_Indicator_…`` CSV, if it is not beside the file under its original name: an
        indicator the catalogue lacks takes its definition and source organisation from it.

    Examples
    --------
    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "wdi_minimal.csv"
    >>> wdi = dx.read_wdi(f)
    >>> float(dx.series("internet_users", source="wdi", extra=wdi).loc[2021])
    74.20999985
    """
    table = read_wdi_table(Path(path), Path(metadata) if metadata is not None else None)
    keep = select_rows(table, country, "country")
    updated = table.last_updated.isoformat() if table.last_updated else None

    def label(date: str | None) -> str:
        return "World Bank, World Development Indicators" + (f" (last updated {date})" if date else "")

    return as_observations(table, keep, series="wdi", prefix="wdi", source=label, published=updated)
