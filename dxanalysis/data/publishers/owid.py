"""Our World in Data's grapher CSVs (``Entity,Code,Year,<value columns>``), with the metadata JSON served beside them.

``read_owid_table`` parses the file into a long table (one indicator per value column) with the chart's metadata;
``read_owid`` turns it into the package's observations (series ``owid``), dated by the metadata's ``lastUpdated``.
A file that is not a grapher CSV is refused with a clear message, never guessed at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.data.files import read_bytes, width_problems
from dxanalysis.data.periods import DATE_FORMATS, parse_period, parse_publication_date
from dxanalysis.data.publishers.common import (
    LONG_COLUMNS,
    PublisherTable,
    as_observations,
    cell_value,
    csv_rows,
    select_rows,
)
from dxanalysis.errors import DataFileError, DataValidationError, Problem

__all__ = ["OWID_KEYS", "owid_metadata_path", "read_owid", "read_owid_table", "sniff_owid"]

OWID_KEYS = ["Entity", "Code", "Year"]


def sniff_owid(head: str) -> bool:
    """Whether a file's first line is a grapher CSV's header (``Entity,Code,Year,…``).

    >>> sniff_owid("Entity,Code,Year,Share of the population using the Internet"), sniff_owid("indicator,period")
    (True, False)
    """
    first = head.splitlines()[0] if head else ""
    return first.replace('"', "").startswith("Entity,Code,Year")


def owid_metadata_path(path: str | Path) -> Path:
    """Where an OWID chart's metadata sits: ``<name>.metadata.json`` beside its CSV.

    >>> owid_metadata_path("downloads/internet-speeds.csv").name
    'internet-speeds.metadata.json'
    """
    path = Path(path)
    return path.with_name(path.name.removesuffix(".csv") + ".metadata.json")


def read_owid_table(path: str | Path) -> PublisherTable:
    """An Our World in Data grapher CSV as a long table (one indicator per value column).

    The metadata JSON that OWID serves beside a chart's CSV (``<name>.metadata.json``) is read when present.

    >>> import dxanalysis as dx, pathlib
    >>> t = read_owid_table(pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv")
    >>> sorted(set(t.data["entity"]))
    ['Vietnam', 'World']
    """
    path = Path(path)
    rows = csv_rows(path)
    if not rows or [c.strip() for c in rows[0][:3]] != OWID_KEYS or len(rows[0]) < 4:
        raise DataFileError(
            f"{path}: not an Our World in Data grapher CSV: the header must start Entity,Code,Year and name at "
            "least one value column"
        )
    header = [c.strip() for c in rows[0]]
    records: list[tuple[Any, ...]] = []
    problems = width_problems(path, rows)
    short = {p.row for p in problems}
    for i, r in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in r) or i in short:
            continue
        entity, code, year_text = (c.strip() for c in r[:3])
        try:
            year = int(year_text)
        except ValueError:
            problems.append(Problem(str(path), i, "Year", year_text, "not a year", "a year such as 2021"))
            continue
        for j in range(3, len(header)):
            value = cell_value(path, r, i, j, header[j], problems)
            if value is not None:
                records.append((entity, code, header[j], header[j], year, value, i, header[j]))
    if problems:
        raise DataValidationError(problems)
    data = pd.DataFrame(records, columns=[*LONG_COLUMNS, "row", "column"])
    data = data.sort_values(["entity", "indicator_code", "year"], kind="stable").reset_index(drop=True)
    meta: dict[str, Any] = {}
    side = owid_metadata_path(path)
    if side.is_file():
        try:
            meta = json.loads(read_bytes(side).decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise DataFileError(f"{side}: not a readable metadata JSON ({exc})") from None
        if not isinstance(meta, dict):
            raise DataFileError(f"{side}: not an Our World in Data metadata JSON (accepted: an object with 'columns')")
        _check_dates(side, meta)
    return PublisherTable(
        data, "Our World in Data", str(path), None, meta, _owid_indicator_metadata(meta), {"geo": "Code"}
    )


def _check_dates(side: Path, meta: dict[str, Any]) -> None:
    """Every ``lastUpdated`` of the metadata JSON is a date, not after today: a bad one is the JSON's fault, and is
    blamed on it, not on the CSV whose figures it dates."""
    import datetime as dt

    problems = []
    for value in _walk(meta):
        if not isinstance(value, dict) or "lastUpdated" not in value:
            continue
        date = value["lastUpdated"]
        text = date[:10] if isinstance(date, str) else date
        try:
            when = parse_publication_date(text)
        except (ValueError, TypeError):
            problems.append(Problem(str(side), None, "lastUpdated", date, "not a date", DATE_FORMATS))
            continue
        earliest = parse_period(when.label).start
        if earliest > dt.date.today():
            problems.append(
                Problem(
                    str(side),
                    None,
                    "lastUpdated",
                    date,
                    f"a date in the future (today is {dt.date.today().isoformat()})",
                    "the date the chart's data were last updated, today or earlier",
                )
            )
    if problems:
        raise DataValidationError(problems)


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


def read_owid(path: str | os.PathLike[str], entity: str | Iterable[str] | None = "Vietnam") -> pd.DataFrame:
    """An Our World in Data grapher CSV as tidy observations (series ``owid``), for one entity or several.

    The chart's metadata JSON beside the file (``<name>.metadata.json``), when present, dates each column's figures
    by its ``lastUpdated`` and gives an indicator the catalogue lacks its title, description, unit and citation;
    without it the figures carry no publication date (and stay out of ``as_of`` views).

    Parameters
    ----------
    path
        The grapher CSV as downloaded.
    entity
        The places, by OWID's name or code, or by the ``geo`` they are filed under (the World Bank's aggregate codes
        for OWID's aggregates: ``"LMC"``, ``"WLD"``, :data:`~dxanalysis.data.publishers.AGGREGATES`). Every place
        asked for is kept, and one the file lacks is an error; ``None`` keeps every place the package can file (not
        OWID's continents).

    Examples
    --------
    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv"
    >>> owid = dx.read_owid(f)
    >>> dx.series("fixed_broadband_subscriptions", source="owid", extra=owid).round(1).to_dict()
    {2019: 15.5, 2020: 17.3, 2021: 19.8}
    """
    table = read_owid_table(Path(path))
    keep = select_rows(table, entity, "entity")
    updated = None
    for value in _walk(table.metadata):
        if isinstance(value, dict) and isinstance(value.get("lastUpdated"), str):
            updated = value["lastUpdated"][:10]
            break

    def label(date: str | None) -> str:
        return "Our World in Data" + (f" (last updated {date})" if date else "")

    return as_observations(table, keep, series="owid", prefix="owid", source=label, published=updated)


def _walk(obj: Any) -> Iterable[Any]:
    yield obj
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)
