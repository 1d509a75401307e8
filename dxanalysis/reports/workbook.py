"""``tables.xlsx``: every table of a run in one workbook an analyst can filter, sort and cite.

- The first sheet is the **index**: one row per sheet, linked to it, with what it holds in full (the notebook, the
  table, the indicator's id and name, the series, the place, the unit, the date the data are as of, the date of
  judgement, its rows and its sources). A **sources** sheet lists every source cited, with its publisher, title,
  date and address.
- Each table has a sheet named by what it holds: indicator, series, place and table (``digi econ share gdp mic VN
  trend``), within Excel's 31 characters and unique regardless of case. Its first row is the header, so that a filter
  and ``pandas.read_excel`` see the table as it is; its unit, place, series and the date the data are as of are
  **columns** (before the table's own), not lines above it: an analyst filtering or stacking the sheets keeps them
  on every row. Its sources are the last column.
- No cell is a formula: a text is written as a text whatever its first character (``=``, ``+``, ``-``, ``@`` from a
  user's or a publisher's file), and marked with Excel's quote prefix, so that editing the cell keeps it a text.

Everything is read from the tables' records (:mod:`dxanalysis.reports.table_info`), never guessed from file names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis._util import unmarked
from dxanalysis.present.i18n import LANGS, label
from dxanalysis.reports.table_info import TableInfo, read_table_info

__all__ = ["FORMULA_STARTS", "sheet_name", "workbook_sheets", "write_workbook"]

#: The first characters that make a spreadsheet read a typed-in text as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Excel's longest sheet name, and longest cell text.
SHEET_NAME_LIMIT, CELL_LIMIT = 31, 32_767

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # what an XML cell cannot hold (openpyxl refuses it)


def _short(text: str, limit: int) -> str:
    """Words shortened to fit ``limit`` characters: the longest word loses a letter first (never below three), then
    words are dropped from the end."""
    words = [w for w in re.split(r"[\s_]+", text) if w]
    while len(" ".join(words)) > limit and any(len(w) > 3 for w in words):
        i = max(range(len(words)), key=lambda k: len(words[k]))
        words[i] = words[i][:-1]
    while len(" ".join(words)) > limit and len(words) > 1:
        words.pop()
    return " ".join(words)[:limit].strip()


def sheet_name(parts: Sequence[str], taken: Sequence[str]) -> str:
    """A sheet's name from what it holds (the first part shortened most), at most 31 characters, without the
    characters Excel refuses, and unique among ``taken`` regardless of case (``~2``, ``~3`` … where needed).

    >>> sheet_name(["digital_economy_share_gdp", "mic", "VN", "trends"], [])
    'dig econ shar gdp mic VN trends'
    >>> sheet_name(["overview", "", "", "scorecard"], ["Overview scorecard"])
    'overview scorecard~2'
    """
    clean = [re.sub(r"[^A-Za-z0-9 _.,()&-]+", "", unmarked(p) if not p.isascii() else p).strip() for p in parts]
    head, *rest = [p for p in clean if p] or ["sheet"]
    tail = [_short(rest[-1], 12)] if rest else []
    middle = [_short(p, 8) for p in rest[:-1]]
    room = SHEET_NAME_LIMIT - len(" ".join(["", *middle, *tail]))
    base = " ".join([_short(head, max(room, 6)), *middle, *tail]).strip()[:SHEET_NAME_LIMIT].strip() or "sheet"
    lowered = {t.lower() for t in taken}
    name, n = base, 1
    while name.lower() in lowered:
        n += 1
        name = f"{base[: SHEET_NAME_LIMIT - len(str(n)) - 1].rstrip()}~{n}"
    return name


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """One cell, never a formula: texts are texts (quote-prefixed where a spreadsheet would read a formula),
    numbers that are not finite are left empty."""
    cell = ws.cell(row=row, column=column)
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return cell
    if isinstance(value, bool | int | float):
        cell.value = value
        return cell
    text = _ILLEGAL.sub("", str(value))[:CELL_LIMIT]
    cell.value = text
    cell.data_type = "s"  # openpyxl takes a text starting with "=" for a formula: it is a text
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # and stays one when an analyst edits it
    return cell


def _typed(text: str, kind: str) -> Any:
    """A CSV field as its column's kind."""
    if text == "":
        return None
    try:
        if kind == "number":
            return float(text)
        if kind == "integer":
            return int(float(text))
        if kind == "boolean" and text in ("True", "False"):
            return text == "True"
    except ValueError:
        pass
    return text


def _read(path: Path, info: TableInfo | None) -> tuple[list[str], list[list[Any]]]:
    """A saved table's header and rows, each field as its column's kind (every field a text where unknown)."""
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    header = [str(c) for c in frame.columns]
    kinds = dict(info.columns) if info else {}
    rows = [[_typed(v, kinds.get(c, "text")) for c, v in zip(header, values, strict=True)] for values in frame.values]
    return header, rows


def _tx(key: str, lang: str) -> str:
    return label(f"workbook_{key}", lang)


def _fit(ws: Any, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def _write_sheet(ws: Any, header: list[str], rows: list[list[Any]], info: TableInfo | None, lang: str) -> None:
    """A table with its context as columns before it and its sources after it."""
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    own = {h.lower() for h in header}
    context = [
        (_tx("indicator", lang), "indicator_name"),
        (_tx("series", lang), "series_name"),
        (_tx("geo", lang), "geo_name"),
        (_tx("unit", lang), "unit"),
        (_tx("as_of", lang), "as_of"),
    ]
    context = [(h, k) for h, k in context if h.lower() not in own]
    full = [h for h, _ in context] + header + [_tx("sources", lang)]
    for c, text in enumerate(full, start=1):
        _put(ws, 1, c, text).font = Font(bold=True)
    table_sources = "; ".join(s["id"] for s in info.sources) if info else ""
    widths = [len(h) for h in full]
    table_facts = {k: getattr(info, k) for _, k in context} if info else {}
    for r, values in enumerate(rows, start=2):
        per_row = info.rows[r - 2] if info and len(info.rows) == len(rows) else {}
        facts = {**table_facts, **per_row}
        line = [facts.get(k, "") for _, k in context] + values + [per_row.get("sources", table_sources)]
        for c, value in enumerate(line, start=1):
            _put(ws, r, c, value)
            widths[c - 1] = max(widths[c - 1], min(60, len(str(value)) if value is not None else 0))
    _fit(ws, widths)


def workbook_sheets(
    folder: Path, results: Sequence[Mapping[str, Any]], lang: str = "en"
) -> list[tuple[Mapping[str, Any], Path, TableInfo | None, str]]:
    """Each table of the run that is there, with its record and the name of its sheet: (job, CSV file, record,
    sheet), in the order of the run. The workbook's sheets, and the manifest's ``sheet`` of each table, are these.

    >>> workbook_sheets(Path("no such run"), [{"slug": "a", "tables": ["t"]}])
    []
    """
    lang = lang if lang in LANGS else "en"
    taken = [_tx("index_sheet", lang), _tx("sources_sheet", lang)]
    found = []
    for res in results:
        for table in res.get("tables", []):
            path = folder / res["slug"] / "tables" / f"{table}.csv"
            if not path.exists():
                continue
            info = read_table_info(path)
            if info and info.indicator:  # an indicator's table: indicator, series, place, table
                parts = [info.indicator, info.series.replace(",", " "), info.geo, info.sheet or path.stem]
            else:  # a table of several indicators (the overview's, the scenarios'): the notebook and the table
                parts = [str(res["slug"]), info.sheet if info and info.sheet else path.stem]
            name = sheet_name(parts, taken)
            taken.append(name)
            found.append((res, path, info, name))
    return found


def write_workbook(folder: Path, results: Sequence[Mapping[str, Any]], lang: str = "en") -> None:
    """Every table of the run in one Excel workbook: an index sheet, a sheet per table, a sources sheet (see the
    module's text). Nothing is written when the run has no table.

    >>> write_workbook(Path("no such run"), [])
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink  # type: ignore[import-untyped]

    lang = lang if lang in LANGS else "en"
    found = workbook_sheets(folder, results, lang)
    if not found:
        return
    book = Workbook()
    index = book.active
    index.title = _tx("index_sheet", lang)
    columns = ["sheet", "notebook", "table", "indicator_id", "indicator", "series", "geo", "unit", "as_of",
               "judged_on", "rows", "sources"]  # fmt: skip
    for c, key in enumerate(columns, start=1):
        _put(index, 1, c, _tx(key, lang)).font = Font(bold=True)
    widths = [len(_tx(k, lang)) for k in columns]
    cited: dict[str, Mapping[str, str]] = {}
    for r, (res, path, info, name) in enumerate(found, start=2):
        header, rows = _read(path, info)
        _write_sheet(book.create_sheet(name), header, rows, info, lang)
        for s in info.sources if info else ():
            cited.setdefault(s["id"], s)
        line = [
            name,
            f"{res.get('title', '')} ({res.get('notebook', '')})",
            info.title if info else path.stem,
            info.indicator if info else "",
            info.indicator_name if info else "",
            info.series_name if info else "",
            info.geo_name if info else "",
            info.unit if info else "",
            info.as_of if info else "",
            info.judged_on if info else "",
            len(rows),
            "; ".join(s["id"] if s["title"] == s["id"] else f"{s['id']}: {s['title']}" for s in info.sources)
            if info
            else "",
        ]
        for c, value in enumerate(line, start=1):
            _put(index, r, c, value)
            widths[c - 1] = max(widths[c - 1], min(60, len(str(value))))
        link = index.cell(row=r, column=1)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1", display=name)
        link.style = "Hyperlink"
        link.data_type = "s"
    _fit(index, widths)
    _write_sources(book.create_sheet(_tx("sources_sheet", lang)), cited, lang)
    book.save(folder / "tables.xlsx")


def _write_sources(ws: Any, cited: Mapping[str, Mapping[str, str]], lang: str) -> None:
    """Every source the workbook cites, once; web addresses are links."""
    from openpyxl.styles import Font

    keys = ["id", "publisher", "title", "date", "url"]
    for c, key in enumerate(keys, start=1):
        _put(ws, 1, c, _tx(f"source_{key}", lang)).font = Font(bold=True)
    widths = [len(_tx(f"source_{k}", lang)) for k in keys]
    for r, source in enumerate(cited.values(), start=2):
        for c, key in enumerate(keys, start=1):
            value = source.get(key, "")
            cell = _put(ws, r, c, value)
            widths[c - 1] = max(widths[c - 1], min(60, len(value)))
            if key == "url" and re.match(r"https?://", value):
                cell.hyperlink = value
                cell.style = "Hyperlink"
                cell.data_type = "s"
    _fit(ws, widths)
