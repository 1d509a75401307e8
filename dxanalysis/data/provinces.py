"""Viet Nam's provinces on both maps: the 63 before 1 July 2025 (ISO 3166-2:VN codes and names from ``pycountry``,
with its misspellings corrected) and the 34 after the merger of Resolution 202/2025/QH15, with the sourced mapping.

A province may be written by its code (``VN-DN``), by its name with or without diacritics (``"Đà Nẵng"``,
``"Da Nang"``, ``"TP. Đà Nẵng"``) or by its old name (``"Quảng Nam"``). A figure for an old province stays what it was,
under its old code; :func:`provinces` says which new province it belongs to. A name that both maps use (Đà Nẵng was
a city and is the merged city) means the old province for a date before 1 July 2025, the new one from that day.

The merged provinces had no ISO 3166-2 code in ``pycountry`` 26.2.16: the package writes each as the code of the
province whose name it kept followed by ``M`` (``VN-DNM``: Đà Nẵng with Quảng Nam). The 11 provinces the merger left
unchanged keep their codes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from dxanalysis._cache import cached_pickle, fingerprint
from dxanalysis.data.catalogue import data_dir, validation_code
from dxanalysis.data.files import read_csv_text
from dxanalysis.errors import DataFileError, UnknownProvinceError, did_you_mean

__all__ = ["MERGER_DATE", "normalise_name", "province", "provinces", "resolve_geo"]

#: The day the 34 provinces' governments began to work (Resolution 202/2025/QH15, Article 2).
MERGER_DATE = dt.date(2025, 7, 1)
_CODE = re.compile(r"^(VN(-[0-9A-Z]{2,3})?|[A-Z]{3})$")
_PREFIXES = ("thanh pho ", "tp ", "tinh ")
_SUFFIXES = (" city", " province", " municipality")
#: Other names people write, normalised (:func:`normalise_name`) -> the code on the map before the merger.
_ALIASES = {
    "thua thien hue": "VN-26",
    "hue city": "VN-26",
    "hcm": "VN-SG",
    "tphcm": "VN-SG",
    "hcmc": "VN-SG",
    "sai gon": "VN-SG",
    "saigon": "VN-SG",
    "brvt": "VN-43",
    "vung tau": "VN-43",
    "ha noi capital": "VN-HN",
    "hanoi": "VN-HN",
    "danang": "VN-DN",
}


def normalise_name(text: str) -> str:
    """A place name as compared: lower case, without diacritics (đ as d), hyphens and dots, or "tỉnh"/"TP." before it.

    >>> normalise_name("TP. Hồ Chí Minh"), normalise_name("Thừa Thiên - Huế"), normalise_name("Tỉnh Đắk Lắk")
    ('ho chi minh', 'thua thien hue', 'dak lak')
    """
    s = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    s = re.sub(r"[-._,()]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    for prefix in _PREFIXES:
        if s.startswith(prefix):
            s = s[len(prefix) :]
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
    return s


def provinces(map: str = "all") -> pd.DataFrame:
    """The province catalogue: one row per province of a map, ``"63"`` (before 1 July 2025), ``"34"`` (after), or
    ``"all"`` (both, the 63 first).

    Columns: ``code``, ``name``, ``name_ascii``, ``kind`` (province or city), ``map``, ``successor`` and
    ``successor_name`` (the province of the other map it became; itself for one left unchanged), ``members`` (for a
    province of 34: the codes of the 63 it was formed from, ``;``-separated), ``source`` and ``evidence`` (the
    merger's text that says so), ``note``.

    >>> import dxanalysis as dx
    >>> p = dx.provinces()
    >>> p.set_index("code").loc["VN-27", ["name", "successor", "successor_name"]].tolist()
    ['Quảng Nam', 'VN-DNM', 'Đà Nẵng']
    >>> len(dx.provinces("63")), len(dx.provinces("34"))
    (63, 34)
    """
    if map not in ("all", "63", "34"):
        raise UnknownProvinceError(f"map={map!r}; accepted: '63', '34' or 'all'")
    table = _tables(str(data_dir()))
    return table[table["map"] == map].reset_index(drop=True) if map != "all" else table.copy()


def province(name: str, *, on: str | dt.date | None = None) -> str:
    """The code of a province written by name (with or without diacritics, an old name too) or by code.

    ``on``: the date the name refers to. A name on both maps (Đà Nẵng, Hải Phòng, Tuyên Quang …) gives the old
    province before 1 July 2025 and when ``on`` is not given (the map of the curated figures), the merged one from
    that day. An unknown name raises :class:`~dxanalysis.UnknownProvinceError` with the closest names.

    >>> import dxanalysis as dx
    >>> dx.province("Da Nang"), dx.province("Đà Nẵng", on="2025-12-31"), dx.province("tỉnh Kiên Giang")
    ('VN-DN', 'VN-DNM', 'VN-47')
    >>> try:
    ...     dx.province("Quang Nm")
    ... except dx.UnknownProvinceError as exc:
    ...     print(exc)
    unknown province 'Quang Nm': did you mean 'Quảng Nam', 'Quảng Ninh', 'Quảng Ngãi'?
    """
    text = str(name).strip()
    table = _tables(str(data_dir()))
    if text.upper() in set(table["code"]):
        return text.upper()
    key = normalise_name(text)
    old, new = _names(str(data_dir()))
    after = on is not None and pd.Timestamp(on).date() >= MERGER_DATE
    if after and key in new:
        return new[key]
    if key in old:
        return old[key]
    if key in new:
        return new[key]
    shown = dict(zip(table["name_ascii"].map(normalise_name), table["name"], strict=True))
    close = did_you_mean(key, list(shown), n=3)
    for k, v in shown.items():
        close = close.replace(repr(k), repr(v))
    raise UnknownProvinceError(f"unknown province {text!r}: {close or 'see dx.provinces() for the names and codes'}")


def resolve_geo(geo: str, *, on: str | dt.date | None = None) -> str:
    """A ``geo`` as the data write it: a code as given (``VN``, ``VN-DN``, ``THA``, upper-cased), a province's name as
    its code (:func:`province`).

    >>> resolve_geo("VN"), resolve_geo("vn-sg"), resolve_geo("Hà Nội"), resolve_geo("THA")
    ('VN', 'VN-SG', 'VN-HN', 'THA')
    """
    text = str(geo).strip()
    if _CODE.match(text.upper()) and (text.isupper() or text.upper().startswith("VN")):
        return text.upper()
    return province(text, on=on)


@functools.lru_cache(maxsize=4)
def _tables(folder: str) -> pd.DataFrame:
    """Both maps' catalogue, kept on disk under a hash of the two files, of the code that reads them and of
    ``pycountry``'s version (whose database of every country's subdivisions takes longer to load than the rest)."""
    base = Path(folder)
    files = [base / "provinces.csv", base / "provinces_2025.csv"]
    key = fingerprint(files, validation_code(), f"pycountry {version('pycountry')}")
    return cached_pickle("provinces", key, lambda: _read_tables(base))


def _read_tables(base: Path) -> pd.DataFrame:
    import pycountry

    try:
        old = read_csv_text(base / "provinces.csv").fillna("")
        new = read_csv_text(base / "provinces_2025.csv").fillna("")
    except DataFileError as exc:
        raise UnknownProvinceError(f"the province catalogue cannot be read: {exc}") from exc
    iso = {s.code: s for s in pycountry.subdivisions.get(country_code="VN")}  # type: ignore[no-untyped-call]
    new_names = dict(zip(new["code"], new["name"], strict=True))
    old_rows = []
    for r in old.itertuples(index=False):
        sub = iso.get(r.code)
        name = r.name or (unicodedata.normalize("NFC", sub.name) if sub is not None else r.code)
        kind = "city" if (sub is not None and sub.type == "Municipality") or r.code == "VN-26" else "province"
        old_rows.append(
            {
                "code": r.code,
                "name": name,
                "kind": kind,
                "map": "63",
                "successor": r.new_code,
                "successor_name": new_names.get(r.new_code, ""),
                "members": "",
                "source": r.source,
                "evidence": r.evidence,
                "note": r.note,
            }
        )
    members: dict[str, list[str]] = {}
    for code, new_code in zip(old["code"].astype(str), old["new_code"].astype(str), strict=True):
        members.setdefault(new_code, []).append(code)
    new_rows = [
        {
            "code": r.code,
            "name": r.name,
            "kind": r.kind,
            "map": "34",
            "successor": r.code,
            "successor_name": r.name,
            "members": ";".join(members.get(str(r.code), [])),
            "source": r.source,
            "evidence": r.evidence,
            "note": "",
        }
        for r in new.itertuples(index=False)
    ]
    out = pd.DataFrame(old_rows + new_rows)
    out.insert(2, "name_ascii", out["name"].map(lambda s: normalise_name(s).title()))
    return out


@functools.lru_cache(maxsize=4)
def _names(folder: str) -> tuple[dict[str, str], dict[str, str]]:
    """Normalised names -> code, on the old map and on the new one."""
    table = _tables(folder)
    old = {normalise_name(n): c for n, c in zip(table["name"], table["code"], strict=True) if c in _old(table)}
    old.update(_ALIASES)
    iso_spelling = {"kien giang": "VN-47", "thua thien": "VN-26"}
    old.update({k: v for k, v in iso_spelling.items() if k not in old})
    new = {
        normalise_name(n): c for n, c, m in zip(table["name"], table["code"], table["map"], strict=True) if m == "34"
    }
    return old, new


def _old(table: pd.DataFrame) -> set[str]:
    return set(table.loc[table["map"] == "63", "code"])
