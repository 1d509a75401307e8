"""Files as Vietnamese provinces write them: dates ``15/01/2025``, periods ``6 tháng đầu năm 2025``, ``Quý II/2025``,
``năm 2024``, ``tháng 4/2024``, and provinces by name (``Đà Nẵng``), read as the package's labels and codes.

Used by :func:`dxanalysis.read_observations` with ``lang="vi"`` (or ``decimal=","``, which says the file is
Vietnamese). A cell that is already in the package's form passes unchanged; one that is neither is left as written,
so validation names it and what is accepted (a province's name with the closest names).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dxanalysis.data.periods import parse_period
from dxanalysis.data.provinces import normalise_name, resolve_geo
from dxanalysis.errors import Problem, UnknownProvinceError

__all__ = ["VI_PERIODS", "vi_date", "vi_period", "vietnamese_cells"]

VI_PERIODS = (
    "năm 2024, 6 tháng đầu năm 2025 / 6 tháng cuối năm 2025, Quý II/2025 (or quý 2 năm 2025), tháng 4/2024, 15/01/2025"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DAY = re.compile(r"^(?:ngay )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DAY_WORDS = re.compile(r"^(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})$")
_MONTH = re.compile(r"^(?:thang )?(\d{1,2})[/.-](\d{4})$|^thang (\d{1,2}) nam (\d{4})$")
_YEAR = re.compile(r"^(?:nam |ca nam )?(\d{4})$")
_HALF = re.compile(r"^6 thang (dau|cuoi) nam (\d{4})$")
_QUARTER = re.compile(r"^quy (iv|iii|ii|i|[1-4])(?: nam |/)(\d{4})$")


def _key(text: Any) -> str:
    s = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    s = re.sub(r"\s*/\s*", "/", s)
    return re.sub(r"\s+", " ", s).strip()


def vi_date(text: Any) -> Any:
    """A Vietnamese date as ``YYYY-MM-DD`` (a month as ``YYYY-MM``); anything else as written.

    >>> vi_date("15/01/2025"), vi_date("ngày 5 tháng 3 năm 2024"), vi_date("01/2025"), vi_date("2025-01-15")
    ('2025-01-15', '2024-03-05', '2025-01', '2025-01-15')
    """
    if not isinstance(text, str):
        return text
    k = _key(text)
    m = _DAY.match(k) or _DAY_WORDS.match(k)
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = _MONTH.match(k)
    if m:
        month, year = (m[1], m[2]) if m[1] else (m[3], m[4])
        return f"{year}-{int(month):02d}"
    return text


def vi_period(text: Any) -> Any:
    """A Vietnamese period as the package's label; anything else as written.

    >>> [vi_period(p) for p in ("năm 2024", "6 tháng đầu năm 2025", "Quý II/2025", "quý 4 năm 2024", "tháng 4/2024")]
    ['2024', '2025-H1', '2025-Q2', '2024-Q4', '2024-04']
    """
    if not isinstance(text, str):
        return text
    k = _key(text)
    if m := _YEAR.match(k):
        return m[1]
    if m := _HALF.match(k):
        return f"{m[2]}-H{1 if m[1] == 'dau' else 2}"
    if m := _QUARTER.match(k):
        return f"{m[2]}-Q{_ROMAN[m[1]]}"
    day = vi_date(text)
    return day if day is not text else text


def vietnamese_cells(
    frame: pd.DataFrame, *, file: str, rows: Sequence[int] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """The frame with its Vietnamese periods, dates and province names read (:func:`vi_period`, :func:`vi_date`,
    :func:`~dxanalysis.province`: a name on both maps is read for the period's end), and a problem for each province
    name that is not known, with the closest names.

    >>> f = pd.DataFrame({"period": ["Quý II/2025"], "published": ["15/07/2025"], "geo": ["Da Nang"]})
    >>> vietnamese_cells(f, file="mine.csv")[0].to_dict("records")
    [{'period': '2025-Q2', 'published': '2025-07-15', 'geo': 'VN-DN'}]
    """
    out = frame.copy()
    problems: list[Problem] = []
    if "period" in out:
        out["period"] = out["period"].map(vi_period)
    if "published" in out:
        out["published"] = out["published"].map(vi_date)
    if "geo" in out:
        numbers = list(rows) if rows is not None else list(range(2, len(out) + 2))
        geos = []
        for i, (geo, period) in enumerate(zip(out["geo"], out.get("period", [None] * len(out)), strict=True)):
            if not isinstance(geo, str) or not normalise_name(geo):
                geos.append(geo)
                continue
            try:
                end = parse_period(period).end if period is not None else None
            except (ValueError, TypeError):
                end = None
            try:
                geos.append(resolve_geo(geo, on=end))
            except UnknownProvinceError as exc:
                geos.append(geo)
                problems.append(Problem(file, numbers[i], "geo", geo, str(exc), "a province's name or code, or VN"))
        out["geo"] = geos
    return out, problems
