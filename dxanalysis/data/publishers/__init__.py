"""The files economists already have, read as they were downloaded: one module per publisher.

Each publisher's module (:mod:`~dxanalysis.data.publishers.wdi`, :mod:`~dxanalysis.data.publishers.owid`) parses
its layout (``read_*_table``), knows where its metadata file sits, and turns the figures of the places asked for into
tidy observations (``read_*``) that :func:`dxanalysis.load_observations` and :func:`dxanalysis.series` merge in memory.
:data:`READERS` lists them, so that :func:`read_any` recognises a file by its first lines; a new publisher is one
new module and one entry there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dxanalysis.data.publishers.common import AGGREGATES, KNOWN, PublisherTable, place_code
from dxanalysis.data.publishers.itu import ITU_NAMES, itu_iso3, read_itu, read_itu_table, sniff_itu_file
from dxanalysis.data.publishers.owid import OWID_KEYS, owid_metadata_path, read_owid, read_owid_table, sniff_owid
from dxanalysis.data.publishers.wdi import WDI_KEYS, read_wdi, read_wdi_table, sniff_wdi, wdi_metadata_path
from dxanalysis.data.user import read_observation_file

__all__ = [
    "AGGREGATES",
    "ITU_NAMES",
    "KNOWN",
    "OWID_KEYS",
    "READERS",
    "WDI_KEYS",
    "PublisherTable",
    "Reader",
    "itu_iso3",
    "owid_metadata_path",
    "place_code",
    "read_any",
    "read_itu",
    "read_itu_table",
    "read_owid",
    "read_owid_table",
    "read_wdi",
    "read_wdi_table",
    "wdi_metadata_path",
]


@dataclass(frozen=True)
class Reader:
    """How one publisher's file is recognised and read.

    ``sniff`` is given the file's first characters (a byte-order mark and leading blank lines dropped) and says
    whether the layout is this publisher's; ``read`` reads the file as tidy observations of Vietnam. A publisher
    of spreadsheets is recognised by ``sniff_file``, given the file's path (``sniff`` is then never true).

    >>> READERS["owid"].sniff("Entity,Code,Year,Internet users")
    True
    """

    name: str
    sniff: Callable[[str], bool]
    read: Callable[[Path], pd.DataFrame]
    sniff_file: Callable[[Path], bool] | None = None


#: The publishers' layouts :func:`read_any` recognises, tried in this order; the observation layout is the fallback.
READERS: dict[str, Reader] = {
    "wdi": Reader("wdi", sniff_wdi, read_wdi),
    "owid": Reader("owid", sniff_owid, read_owid),
    "itu": Reader("itu", lambda head: False, read_itu, sniff_itu_file),
}


def read_any(path: str | os.PathLike[str], *, decimal: str = ".", sheet: str | int | None = None) -> pd.DataFrame:
    """A user's file of any layout the package reads, recognised by its first lines: a publisher's download of
    :data:`READERS` (its figures for Vietnam), or else the observation layout (CSV or XLSX).

    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "owid_minimal.csv"
    >>> sorted(set(read_any(f)["series"]))
    ['owid']
    """
    p = Path(path)
    if p.suffix.lower() in (".xls", ".xlsx") and p.is_file():
        for reader in READERS.values():
            if reader.sniff_file is not None and reader.sniff_file(p):
                return reader.read(p)
    if p.suffix.lower() in (".csv", ".txt") and p.is_file():
        with open(p, "rb") as fh:
            head = fh.read(4096).decode("utf-8-sig", errors="replace").lstrip()
        for reader in READERS.values():
            if reader.sniff(head):
                return reader.read(p)
    return read_observation_file(p, decimal=decimal, sheet=sheet)
