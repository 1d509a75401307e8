"""What every publisher's reader shares: the long table a publisher's file is parsed into, the numeric cells, and
the conversion to the package's observations.

An indicator the catalogue knows (internet users, fixed broadband and mobile subscriptions) keeps its catalogue id,
as its own series (``wdi``, ``owid``); any other gets a catalogue entry built from the file's own metadata (its name
and the unit printed in it), marked as user-supplied. The publisher's last-updated date is the figures' publication
date, so a later download is a new vintage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis._util import safe_name
from dxanalysis.data.catalogue import package_tables
from dxanalysis.data.files import csv_records, read_text
from dxanalysis.data.numbers import parse_number
from dxanalysis.data.schemas import GEO
from dxanalysis.data.user import validate_observations
from dxanalysis.errors import DxError, Problem

__all__ = [
    "AGGREGATES",
    "KNOWN",
    "LONG_COLUMNS",
    "PublisherTable",
    "as_observations",
    "catalogue_entry",
    "cell_value",
    "csv_rows",
    "indicator_id",
    "place_code",
    "select_rows",
]

#: Publisher codes and names of indicators the catalogue already has.
KNOWN = {
    "IT.NET.USER.ZS": "internet_users",
    "Individuals using the Internet (% of population)": "internet_users",
    "IT.NET.BBND.P2": "fixed_broadband_subscriptions",
    "Fixed broadband subscriptions (per 100 people)": "fixed_broadband_subscriptions",
    "IT.CEL.SETS.P2": "mobile_cellular_subscriptions",
    "Mobile cellular subscriptions (per 100 people)": "mobile_cellular_subscriptions",
    "Percentage of Individuals using the Internet": "internet_users",  # the ITU's titles (WDI's source)
    "Fixed-broadband subscriptions per 100 inhabitants": "fixed_broadband_subscriptions",
}

#: The aggregates a publisher names without a code the package files them under, by the World Bank's aggregate codes
#: (the codes its WDI downloads give them): Our World in Data's world code, and the names OWID gives its aggregates of
#: the World Bank's income groups and regions (OWID computes them itself from the countries' figures).
AGGREGATES = {
    "OWID_WRL": "WLD",
    "World": "WLD",
    "Low-income countries": "LIC",
    "Lower-middle-income countries": "LMC",
    "Upper-middle-income countries": "UMC",
    "High-income countries": "HIC",
    "East Asia and Pacific (WB)": "EAS",
}

#: The columns of a publisher's long table (:class:`PublisherTable`).
LONG_COLUMNS = ["entity", "code", "indicator_code", "indicator_name", "year", "value"]


@dataclass
class PublisherTable:
    """A publisher's file as a long table: ``entity, code, indicator_code, indicator_name, year, value``, and, where
    the reader records them, ``row`` and ``column``: the row number and the column name in the file of each value, so
    that a problem names the place the user sees. ``file_columns`` names the file's own columns of the figures'
    ``geo`` and ``indicator`` (``{"geo": "Country Code"}``).

    >>> import dxanalysis as dx, pathlib
    >>> from dxanalysis.data.publishers import read_owid_table
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv"
    >>> read_owid_table(f).publisher
    'Our World in Data'
    """

    data: pd.DataFrame
    publisher: str
    file: str
    last_updated: dt.date | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: What the publisher's metadata file says of each indicator code: ``name``, ``description``, ``unit``,
    #: ``source`` and ``last_updated`` (any of them may be missing).
    indicators: dict[str, dict[str, str]] = field(default_factory=dict)
    file_columns: dict[str, str] = field(default_factory=dict)


def csv_rows(path: Path) -> list[list[str]]:
    """Every row of a CSV file, as text (UTF-8, checked as every data file is); a quoted cell never closed (a file cut
    off) is a :class:`~dxanalysis.DataFileError` naming the line (:func:`~dxanalysis.data.files.csv_records`).

    >>> import dxanalysis as dx
    >>> csv_rows(dx.data_dir() / "targets.csv")[0][:3]
    ['indicator', 'geo', 'series']
    """
    return csv_records(path, read_text(path))


def cell_value(path: Path, row: list[str], i: int, j: int, column: str, problems: list[Problem]) -> float | None:
    """The number in cell ``j`` of a row (None when empty; a problem recorded when it is not a number).

    >>> problems = []
    >>> cell_value(Path("f.csv"), ["VNM", "74.2", "", "n/a"], 2, 1, "2021", problems), len(problems)
    (74.2, 0)
    >>> cell_value(Path("f.csv"), ["VNM", "74.2", "", "n/a"], 2, 3, "2023", problems), problems[0].value
    (None, 'n/a')
    """
    cell = row[j].strip() if j < len(row) else ""
    if not cell:
        return None
    try:
        return parse_number(cell)
    except ValueError as exc:
        problems.append(Problem(str(path), i, column, cell, str(exc), "a number, or an empty cell"))
        return None


def _unit(name: str, printed: str = "") -> tuple[str, float | None, float | None, str]:
    """(unit, lower, upper, label) from the unit a publisher gives (``printed``) or prints in an indicator's name."""
    label_match = re.search(r"\(([^()]*)\)\s*$", name)
    label = printed or (label_match.group(1) if label_match else "value")
    low = label.lower()
    if "annual %" in low or "% change" in low or ("growth" in name.lower() and "%" in low):
        return "percent_change", None, None, label
    if low.startswith("% of"):
        return "percent", 0.0, 100.0, label
    if low == "%":  # a bare "%" may be a rate of change or a balance: no bounds assumed
        return "percent", None, None, label
    if "per 100" in low:
        return "per_100_people", 0.0, None, label
    return "count", None, None, label


def catalogue_entry(indicator: str, name: str, publisher: str, file: str, info: dict[str, str]) -> dict[str, Any]:
    """A catalogue entry for an indicator the catalogue lacks, from the file and its publisher's metadata (``info``:
    name, description, unit, source); its unit and bounds are read from the unit printed.

    >>> e = catalogue_entry("wdi_x", "Secure servers (per 100 people)", "World Bank", "wdi.csv", {})
    >>> e["unit"], e["lower"], e["pillar"]
    ('per_100_people', 0.0, 'other')
    """
    name = info.get("name") or name
    unit, lower, upper, label = _unit(name, info.get("unit", ""))
    said = " ".join(f"{info[k].rstrip('.')}." for k in ("description", "source") if info.get(k))
    said = f"{said} " if said else ""
    return {
        "id": indicator,
        "name_en": name,
        "name_vi": name,
        "pillar": "other",
        "unit": unit,
        "unit_label_en": label,
        "unit_label_vi": label,
        "lower": lower,
        "upper": upper,
        "higher_is_better": True,
        "timing": "period",
        "measures_en": f"{said}From {publisher} ({Path(file).name}); not in the package's catalogue, so "
        "built from the file's own metadata (whether higher is better is not known).",
        "measures_vi": f"{said}Từ {publisher} ({Path(file).name}); không có trong danh mục của gói, nên "
        "lấy từ siêu dữ liệu của chính tệp.",
        "related": None,
    }


def indicator_id(prefix: str, code: str) -> str:
    """A snake_case id from a publisher's code or column name; long ones keep a short hash, so they stay distinct.

    >>> indicator_id("wdi", "IT.NET.SECR.P6")
    'wdi_it_net_secr_p6'
    """

    def snake(text: str) -> str:
        return re.sub(r"_+", "_", safe_name(text, limit=200).replace("-", "_")).strip("_")

    stem = snake(code)
    if len(stem) > 40 and " - " in code:  # OWID's SDG headers end with what tells the columns apart
        stem = snake(code.rsplit(" - ", 1)[1])
    if len(stem) > 40:
        stem = f"{stem[:40].rstrip('_')}_{hashlib.sha1(code.encode()).hexdigest()[:6]}"
    return f"{prefix}_{stem}"


def place_code(code: str, entity: str = "") -> str:
    """The ``geo`` a publisher's place is filed under: ``VN`` for Vietnam, another country's ISO 3166 alpha-3 code,
    or the World Bank's code of an aggregate (:data:`AGGREGATES`); empty when the place has none the package accepts
    (OWID's continents, ITU's Ascension).

    >>> place_code("VNM"), place_code("tha"), place_code("OWID_WRL", "World")
    ('VN', 'THA', 'WLD')
    >>> place_code("", "Lower-middle-income countries")
    'LMC'
    >>> place_code("", "Asia"), place_code("OWID_KOS", "Kosovo")
    ('', '')
    """
    code, entity = code.strip(), entity.strip()
    mapped = AGGREGATES.get(code) or AGGREGATES.get(entity) if not code or code.startswith("OWID_") else None
    geo = mapped or ("VN" if code.upper() == "VNM" else code.upper())
    return geo if GEO.fullmatch(geo) else ""


def as_observations(
    table: PublisherTable,
    keep: pd.Series,
    *,
    series: str,
    prefix: str,
    source: Callable[[str | None], str],
    published: str | None,
) -> pd.DataFrame:
    """Tidy observations of the rows kept; an indicator's own last-updated date (OWID's metadata) overrides the
    file's, and ``source`` labels the figures of a publication date.

    >>> import dxanalysis as dx, pathlib
    >>> from dxanalysis.data.publishers import read_owid_table
    >>> table = read_owid_table(pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv")
    >>> obs = as_observations(table, select_rows(table, "Vietnam", "entity"), series="owid", prefix="owid",
    ...                       source=lambda date: "OWID", published=None)
    >>> "fixed_broadband_subscriptions" in set(obs["indicator"]), set(obs["series"])
    (True, {'owid'})
    """
    rows = table.data[keep]
    known_ids = {k.lower(): v for k, v in KNOWN.items()}  # a header re-cased is the same indicator
    known = set(package_tables().catalogue["id"])
    entries: dict[str, dict[str, Any]] = {}
    ids = []
    for code, name in zip(rows["indicator_code"], rows["indicator_name"], strict=True):
        indicator = known_ids.get(code.lower()) or known_ids.get(name.lower()) or indicator_id(prefix, code)
        if indicator not in known and indicator not in entries:
            entries[indicator] = catalogue_entry(
                indicator, name, table.publisher, table.file, table.indicators.get(code, {})
            )
        ids.append(indicator)
    dates = [table.indicators.get(code, {}).get("last_updated", published) for code in rows["indicator_code"]]
    dates = [d[:10] if d else None for d in dates]
    frame = pd.DataFrame(
        {
            "indicator": ids,
            "geo": [place_code(c, e) for c, e in zip(rows["code"], rows["entity"], strict=True)],
            "period": rows["year"].astype(str).to_numpy(),
            "series": series,
            "value": rows["value"].to_numpy(),
            "status": "actual",
            "source": [source(d) for d in dates],
            "published": dates,
            "note": [f"{Path(table.file).name}: {e}" for e in rows["entity"]],
        }
    )
    n = len(frame)
    where: dict[str, list[str]] = {k: [v] * n for k, v in table.file_columns.items()}
    if "column" in rows:
        where["value"] = where["period"] = [str(c) for c in rows["column"]]
    return validate_observations(
        frame,
        file=table.file,
        decimal=".",
        catalogue_extra=list(entries.values()),
        rows=[int(r) for r in rows["row"]] if "row" in rows else None,
        columns=where,
    )


def select_rows(table: PublisherTable, wanted: str | Iterable[str] | None, what: str) -> pd.Series:
    """Which rows of the table are of the places ``wanted`` (codes, names or the ``geo`` they are filed under, any
    case; ``None``: every place the package can file, :func:`place_code`). Every place asked for is kept: a
    :class:`~dxanalysis.DxError` names those the file lacks (listing the file's places) or cannot file.

    >>> import dxanalysis as dx, pathlib
    >>> from dxanalysis.data.publishers import read_owid_table
    >>> table = read_owid_table(pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv")
    >>> int(select_rows(table, "vnm", "entity").sum()) == int((table.data["code"] == "VNM").sum())
    True
    >>> select_rows(table, ["VNM", "THA"], "entity")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    dxanalysis.errors.DxError: ...owid_minimal.csv: no entity THA; the file has: OWID_WRL, VNM, Vietnam, World
    """
    data = table.data
    geo = pd.Series([place_code(c, e) for c, e in zip(data["code"], data["entity"], strict=True)], index=data.index)
    if wanted is None:
        return geo != ""
    asked = {w.strip().lower(): w.strip() for w in ([wanted] if isinstance(wanted, str) else wanted)}
    names = set(asked)
    columns = (data["code"].str.lower(), data["entity"].str.lower(), geo.str.lower())
    found = {n for n in names if any(col.eq(n).any() for col in columns)}
    if found != names:
        available = sorted(set(data["code"].replace("", pd.NA).dropna()) | set(data["entity"]))
        missing = ", ".join(asked[n] for n in sorted(names - found))
        raise DxError(
            f"{table.file}: no {what} {missing}; the file has: {', '.join(available[:40])}"
            + (" …" if len(available) > 40 else "")
        )
    keep = columns[0].isin(names) | columns[1].isin(names) | columns[2].isin(names)
    unfiled = sorted(set(data.loc[keep & (geo == ""), "entity"]))
    if unfiled:
        raise DxError(
            f"{table.file}: {', '.join(unfiled)} has no code the package can file its figures under (accepted: a "
            "country with an ISO 3166 alpha-3 code, or one of the aggregates " + ", ".join(sorted(AGGREGATES)) + ")"
        )
    return keep
