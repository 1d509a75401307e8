"""What a saved table holds, recorded beside it by the notebook that made it: ``tables/<name>.json``.

The workbook of a run (:mod:`dxanalysis.reports.workbook`) names its sheets and fills its index from these records,
never from file names: the indicator and its full name, the series (who produced it), the place, the unit, the date
the data are as of and the date of judgement, the sources of the figures, and each column's kind (so that a text
such as ``"-5"`` or ``"=1+2"`` read back from the CSV stays a text). Everything is resolved in the notebook's kernel,
where the user's own files are loaded: the runner, which has not read them, only reads the record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.verdicts import judgement_date
from dxanalysis.errors import DxError
from dxanalysis.present import i18n
from dxanalysis.present.i18n import LABELS, check_lang, label
from dxanalysis.present.numbers import MODEL_DECIMALS, is_missing
from dxanalysis.present.provinces import province_name

__all__ = ["TableInfo", "column_kinds", "describe_table", "read_table_info"]


@dataclass(frozen=True)
class TableInfo:
    """What one saved table holds (see the module's text); ``rows`` has one entry per row of a table whose rows are
    each a series (the scorecard), with that row's ``indicator``, ``series``, ``geo``, ``unit`` and ``sources``.

    >>> TableInfo("trend_models", "Trend models", indicator="internet_users").to_json()["indicator"]
    'internet_users'
    """

    name: str
    title: str
    sheet: str = ""
    lang: str = "en"
    indicator: str = ""
    indicator_name: str = ""
    series: str = ""
    series_name: str = ""
    geo: str = ""
    geo_name: str = ""
    unit: str = ""
    as_of: str = ""
    as_of_given: bool = False
    judged_on: str = ""
    decimals: int = MODEL_DECIMALS
    sources: tuple[dict[str, str], ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    rows: tuple[dict[str, str], ...] = field(default=(), repr=False)

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready values."""
        return asdict(self)

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> TableInfo:
        """A record read back; unknown keys are ignored and missing ones take their defaults.

        >>> TableInfo.from_json({"name": "a", "title": "A", "columns": [["x", "number"]], "later": 1}).columns
        (('x', 'number'),)
        """
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in record.items() if k in known}
        values["sources"] = tuple(dict(s) for s in values.get("sources", ()))
        values["columns"] = tuple((str(c), str(k)) for c, k in values.get("columns", ()))
        values["rows"] = tuple(dict(r) for r in values.get("rows", ()))
        return cls(**{"title": str(record.get("name", "")), **values})


def column_kinds(frame: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Each column's kind as the workbook writes it: ``boolean``, ``integer``, ``number`` or ``text``.

    >>> column_kinds(pd.DataFrame({"a": [True], "b": [2], "c": [1.5], "d": ["=x"]}))
    (('a', 'boolean'), ('b', 'integer'), ('c', 'number'), ('d', 'text'))
    """
    kinds = []
    for i, column in enumerate(frame.columns):
        col = frame.iloc[:, i]
        if pd.api.types.is_bool_dtype(col):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(col):
            kind = "integer"
        elif pd.api.types.is_numeric_dtype(col):
            kind = "number"
        else:
            kind = "text"
        kinds.append((str(column), kind))
    return tuple(kinds)


def _iso(value: Any) -> str:
    if is_missing(value) or value in ("", None):
        return ""
    return pd.Timestamp(value).date().isoformat()


def _source_records(ids: Iterable[str]) -> tuple[dict[str, str], ...]:
    """Each cited source as the data describe it (a source a user's file names in words is kept as its words)."""
    wanted = list(dict.fromkeys(str(s) for s in ids if not is_missing(s) and str(s).strip()))
    known = data.load_sources().set_index("id")
    records = []
    for sid in wanted:
        row = known.loc[sid] if sid in known.index else None
        records.append(
            {
                "id": sid,
                "publisher": "" if row is None or is_missing(row["publisher"]) else str(row["publisher"]),
                "title": sid if row is None or is_missing(row["title"]) else str(row["title"]),
                "date": "" if row is None else _iso(row["date"]),
                "url": "" if row is None or is_missing(row["url"]) else str(row["url"]),
            }
        )
    return tuple(records)


def _figures(
    observations: pd.DataFrame, indicator: str, series: str = "", geo: str = ""
) -> tuple[list[str], list[Any], list[str]]:
    """The sources, publication dates and series of the figures of an indicator (a series, a place)."""
    rows = observations[observations["indicator"] == indicator]
    if series:
        rows = rows[rows["series"].isin(series.split(","))]
    if geo:
        rows = rows[rows["geo"] == geo]
    return list(rows["source"]), list(rows["published"]), list(dict.fromkeys(rows["series"]))


def describe_table(
    frame: pd.DataFrame,
    name: str,
    *,
    lang: str = "en",
    as_of: str | dt.date | None = None,
    about: pd.Series | Sequence[pd.Series] | None = None,
    rows: pd.DataFrame | None = None,
    indicator: str = "",
    series: str = "",
    geo: str = "",
    unit: str = "",
    sources: Iterable[str] = (),
    targets: bool = False,
    title: str = "",
    sheet: str = "",
    decimals: int = MODEL_DECIMALS,
) -> TableInfo:
    """The record of a table about to be saved (:meth:`dxanalysis.reports.outputs.ReportOutput.table` explains the
    arguments): what is not given is found in the data as they stand ``as_of``.

    >>> import dxanalysis as dx
    >>> s = dx.series("digital_economy_share_gdp", "mic", as_of="2025-03-01")
    >>> info = describe_table(pd.DataFrame({"x": [1.5]}), "trend_models", about=s)
    >>> info.indicator_name, info.series_name, info.geo, info.unit, info.as_of
    ('Digital economy share of GDP', 'Ministry (MIC)', 'VN', '% of GDP', '2025-02-06')
    >>> sorted(s["id"] for s in info.sources)[:1]
    ['dongnai_2024_mic_h1_report']
    >>> describe_table(pd.DataFrame({"rank": [1]}), "dti", indicator="dti_score", geo="VN-DN", lang="vi").geo_name
    'Đà Nẵng'
    """
    lang = check_lang(lang)
    day = data.parse_as_of(as_of).date() if as_of else None
    about_list = [] if about is None else [about] if isinstance(about, pd.Series) else list(about)
    cited: list[str] = [*sources]
    published: list[Any] = []
    producers: list[str] = [series] if series else []
    for s in about_list:
        indicator = indicator or str(s.attrs.get("indicator") or "")
        geo = geo or str(s.attrs.get("geo") or "")
        if s.attrs.get("series") and not series:
            producers.append(str(s.attrs["series"]))
        cited += [str(v) for v in (s.attrs.get("source") or {}).values()]
        published += list((s.attrs.get("published") or {}).values())
    observations = data.load_observations(as_of=day)
    if indicator and not about_list:
        found, when, by = _figures(observations, indicator, series, geo)
        cited, published = cited + found, published + when
        producers = producers or by
    goals = data.load_targets(as_of=day) if targets else None
    if goals is not None and indicator:
        cited += list(goals.loc[(goals["indicator"] == indicator) & ((goals["geo"] == geo) if geo else True), "source"])
    per_row: list[dict[str, str]] = []
    if rows is not None:
        if len(rows) != len(frame):
            raise DxError(f"table {name}: {len(rows)} rows describe its {len(frame)} rows; accepted: one for each")
        for _, row in rows.iterrows():
            place = str(row.get("geo") or "VN")
            found, when, _by = _figures(observations, str(row["indicator"]), str(row.get("series") or ""), place)
            if goals is not None and not is_missing(row.get("target_year")):  # the row's target, where it has one
                mine = (goals["indicator"] == row["indicator"]) & (goals["year"] == row["target_year"])
                found += list(goals.loc[mine & (goals["geo"] == place), "source"])
            cited, published = cited + found, published + when
            per_row.append(
                {
                    "indicator": str(row["indicator"]),
                    "indicator_name": i18n.indicator_name(str(row["indicator"]), lang),
                    "series": str(row.get("series") or ""),
                    "series_name": i18n.series_name(str(row.get("series") or ""), lang),
                    "geo": place,
                    "geo_name": province_name(place, lang),
                    "unit": i18n.unit_label(str(row["indicator"]), lang),
                    "sources": "; ".join(dict.fromkeys(found)),
                }
            )
    producer = ",".join(dict.fromkeys(p for s in producers for p in s.split(",") if p))
    newest = max((pd.Timestamp(p) for p in published if not is_missing(p)), default=None)
    if newest is None and day is None:
        newest = observations["published"].max()
    today = judgement_date(None, None)  # the package's one reading of the clock
    return TableInfo(
        name=name,
        title=title or (label(f"table_{name}", lang) if f"table_{name}" in LABELS else name.replace("_", " ")),
        sheet=sheet,
        lang=lang,
        indicator=indicator,
        indicator_name=i18n.indicator_name(indicator, lang) if indicator else "",
        series=producer,
        series_name=", ".join(i18n.series_name(p, lang) for p in producer.split(",") if p),
        geo=geo,
        geo_name=province_name(geo, lang) if geo else "",
        unit=unit or (i18n.unit_label(indicator, lang) if indicator else ""),
        as_of=day.isoformat() if day else _iso(newest),
        as_of_given=day is not None,
        judged_on=(day or today).isoformat(),
        decimals=decimals,
        sources=_source_records(cited),
        columns=column_kinds(frame),
        rows=tuple(per_row),
    )


def read_table_info(path: Path) -> TableInfo | None:
    """The record beside a saved table (``<name>.json`` next to ``<name>.csv``), or ``None`` when there is none or it
    cannot be read (a run written by an older version: its workbook sheet says only the table's name).

    >>> read_table_info(Path("no such table.csv")) is None
    True
    """
    record = path.with_suffix(".json")
    try:
        return TableInfo.from_json(json.loads(record.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, AttributeError):
        return None
