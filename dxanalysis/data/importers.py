"""The files economists already have, as observations: the World Bank's WDI download and Our World in Data charts.

``read_wdi`` and ``read_owid`` read a publisher's file as it was downloaded (see :mod:`dxanalysis.data.publishers` for
the layouts), keep the countries asked for, and return tidy observations that :func:`dxanalysis.load_observations`
and :func:`dxanalysis.series` merge in memory (``extra=``). An indicator the catalogue knows (internet users, fixed
broadband and mobile subscriptions) keeps its catalogue id, as its own series (``wdi`` or ``owid``); any other gets a
catalogue entry built from the file's own metadata (its name and the unit printed in it), marked as user-supplied.
The publisher's last-updated date is the figures' publication date, so a later download is a new vintage.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis._util import safe_name
from dxanalysis.data.publishers import PublisherTable, read_owid_table, read_wdi_table
from dxanalysis.errors import DxError

__all__ = ["read_any", "read_owid", "read_wdi"]

#: Publisher codes and names of indicators the catalogue already has.
KNOWN = {
    "IT.NET.USER.ZS": "internet_users",
    "Individuals using the Internet (% of population)": "internet_users",
    "IT.NET.BBND.P2": "fixed_broadband_subscriptions",
    "Fixed broadband subscriptions (per 100 people)": "fixed_broadband_subscriptions",
    "IT.CEL.SETS.P2": "mobile_cellular_subscriptions",
    "Mobile cellular subscriptions (per 100 people)": "mobile_cellular_subscriptions",
}


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


def _entry(indicator: str, name: str, publisher: str, file: str, info: dict[str, str]) -> dict[str, Any]:
    """A catalogue entry for an indicator the catalogue lacks, from the file and its publisher's metadata."""
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


def _indicator_id(prefix: str, code: str) -> str:
    """A snake_case id from a publisher's code or column name; long ones keep a short hash, so they stay distinct."""
    import hashlib

    def snake(text: str) -> str:
        return re.sub(r"_+", "_", safe_name(text, limit=200).replace("-", "_")).strip("_")

    stem = snake(code)
    if len(stem) > 40 and " - " in code:  # OWID's SDG headers end with what tells the columns apart
        stem = snake(code.rsplit(" - ", 1)[1])
    if len(stem) > 40:
        stem = f"{stem[:40].rstrip('_')}_{hashlib.sha1(code.encode()).hexdigest()[:6]}"
    return f"{prefix}_{stem}"


def _geo(code: str) -> str:
    return "VN" if code.upper() == "VNM" else code.upper()


def _as_observations(
    table: PublisherTable,
    keep: pd.Series,
    *,
    series: str,
    prefix: str,
    source: Callable[[str | None], str],
    published: str | None,
) -> pd.DataFrame:
    """Tidy observations of the rows kept; an indicator's own last-updated date (OWID's metadata) overrides the
    file's, and ``source`` labels the figures of a publication date."""
    from dxanalysis.data import _package, _validated_user_frame

    rows = table.data[keep]
    known = set(_package().catalogue["id"])
    entries: dict[str, dict[str, Any]] = {}
    ids = []
    for code, name in zip(rows["indicator_code"], rows["indicator_name"], strict=True):
        indicator = KNOWN.get(code) or KNOWN.get(name) or _indicator_id(prefix, code)
        if indicator not in known and indicator not in entries:
            entries[indicator] = _entry(indicator, name, table.publisher, table.file, table.indicators.get(code, {}))
        ids.append(indicator)
    dates = [table.indicators.get(code, {}).get("last_updated", published) for code in rows["indicator_code"]]
    dates = [d[:10] if d else None for d in dates]
    frame = pd.DataFrame(
        {
            "indicator": ids,
            "geo": [_geo(c) for c in rows["code"]],
            "period": rows["year"].astype(str).to_numpy(),
            "series": series,
            "value": rows["value"].to_numpy(),
            "status": "actual",
            "source": [source(d) for d in dates],
            "published": dates,
            "note": [f"{Path(table.file).name}: {e}" for e in rows["entity"]],
        }
    )
    return _validated_user_frame(frame, file=table.file, decimal=".", catalogue_extra=list(entries.values()))


def _select(table: PublisherTable, wanted: str | Iterable[str] | None, what: str) -> pd.Series:
    if wanted is None:
        return pd.Series(True, index=table.data.index)
    names = {w.lower() for w in ([wanted] if isinstance(wanted, str) else wanted)}
    keep = table.data["code"].str.lower().isin(names) | table.data["entity"].str.lower().isin(names)
    if not keep.any():
        available = sorted(set(table.data["code"].replace("", pd.NA).dropna()) | set(table.data["entity"]))
        raise DxError(
            f"{table.file}: no {what} {', '.join(sorted(names))}; the file has: {', '.join(available[:40])}"
            + (" …" if len(available) > 40 else "")
        )
    return keep


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
        ISO3 codes or names (``"VNM"`` or ``"Viet Nam"``); ``None`` keeps every row, aggregates included.
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
    keep = _select(table, country, "country")
    updated = table.last_updated.isoformat() if table.last_updated else None

    def label(date: str | None) -> str:
        return "World Bank, World Development Indicators" + (f" (last updated {date})" if date else "")

    return _as_observations(table, keep, series="wdi", prefix="wdi", source=label, published=updated)


def read_owid(path: str | os.PathLike[str], entity: str | Iterable[str] | None = "Vietnam") -> pd.DataFrame:
    """An Our World in Data grapher CSV as tidy observations (series ``owid``), for one entity or several.

    The chart's metadata JSON beside the file (``<name>.metadata.json``), when present, dates each column's figures
    by its ``lastUpdated`` and gives an indicator the catalogue lacks its title, description, unit and citation;
    without it the figures carry no publication date (and stay out of ``as_of`` views).

    Examples
    --------
    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv"
    >>> owid = dx.read_owid(f)
    >>> dx.series("fixed_broadband_subscriptions", source="owid", extra=owid).round(1).to_dict()
    {2019: 15.5, 2020: 17.3, 2021: 19.8}
    """
    table = read_owid_table(Path(path))
    keep = _select(table, entity, "entity")
    updated = None
    for value in _walk(table.metadata):
        if isinstance(value, dict) and isinstance(value.get("lastUpdated"), str):
            updated = value["lastUpdated"][:10]
            break

    def label(date: str | None) -> str:
        return "Our World in Data" + (f" (last updated {date})" if date else "")

    return _as_observations(table, keep, series="owid", prefix="owid", source=label, published=updated)


def _walk(obj: Any) -> Iterable[Any]:
    yield obj
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)


def read_any(path: str | os.PathLike[str], *, decimal: str = ".", sheet: str | int | None = None) -> pd.DataFrame:
    """A user's file of any layout the package reads, recognised by its first lines: a WDI download (Vietnam), an
    OWID grapher CSV (Vietnam), or the observation layout (CSV or XLSX).

    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv"
    >>> sorted(set(dx.importers.read_any(f)["series"]))
    ['owid']
    """
    from dxanalysis.data import read_observations

    p = Path(path)
    if p.suffix.lower() in (".csv", ".txt") and p.is_file():
        with open(p, "rb") as fh:
            head = fh.read(4096).decode("utf-8-sig", errors="replace").lstrip()
        first = head.splitlines()[0] if head else ""
        if "Country Name" in head and ("Data Source" in first or first.replace('"', "").startswith("Country Name")):
            return read_wdi(p)
        if first.replace('"', "").startswith("Entity,Code,Year"):
            return read_owid(p)
    return read_observations(p, decimal=decimal, sheet=sheet)
