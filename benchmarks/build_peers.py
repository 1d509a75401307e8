"""Build ``data/observations_peers.csv``: Vietnam beside the ASEAN members and the world and lower-middle-income
aggregates, on the ITU / World Bank indicators, read from the publishers' own files by the package's own readers.

    python benchmarks/build_peers.py ../shared/external-data [data/observations_peers.csv]

Every figure carries over as the file gives it (its cell's text is the ``value`` and the ``evidence``), with the
publisher's release as its source (WDI's "Last Updated Date", the ITU's release in its file name) and that release's
date as ``published``. Vietnam's own figures stay in ``data/observations.csv`` (its national series, on which the
report's trends and verdicts are fitted): a figure sits in one file only. The files themselves stay where they are.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dxanalysis.analysis.peers import AGGREGATE_GEOS
from dxanalysis.analysis.peers import ASEAN as PEERS_ASEAN
from dxanalysis.data.publishers import place_code, read_itu_table, read_owid_table, read_wdi_table
from dxanalysis.data.publishers.common import KNOWN, PublisherTable, csv_rows

#: The members of ASEAN as the publishers' files code them (ISO 3166 alpha-3: Vietnam ``VNM``), from the peers page's
#: own list (Timor-Leste the eleventh since 26 October 2025: vietnamnews.vn, "Timor-Leste officially becomes ASEAN's
#: 11th member", 2025-10-26), and the aggregates beside them (the World Bank's codes).
ASEAN = tuple("VNM" if geo == "VN" else geo for geo in PEERS_ASEAN)
AGGREGATE_CODES = AGGREGATE_GEOS
FIRST_YEAR = 2000
COLUMNS = ["indicator", "geo", "period", "series", "value", "status", "source", "published", "evidence", "note"]


@dataclass(frozen=True)
class Release:
    """One publisher's file: which of its figures are taken, and the source entry they cite."""

    file: str
    reader: str  # "wdi", "itu" or "owid"
    source: str
    published: str
    places: tuple[str, ...] = (*ASEAN, *AGGREGATE_CODES)


RELEASES = (
    Release("wdi_IT.NET.USER.ZS_excel-resaved.csv", "wdi", "wdi_internet_users_2026_07_13", "2026-07-13"),
    Release("wdi_IT.NET.USER.ZS.csv", "wdi", "wdi_internet_users_2023_05_10", "2023-05-10"),
    Release("wdi_IT.NET.BBND.P2.csv", "wdi", "wdi_fixed_broadband_2019_07_10", "2019-07-10"),
    Release("wdi_IT.CEL.SETS.P2.csv", "wdi", "wdi_mobile_cellular_2023_03_01", "2023-03-01"),
    Release("itu_Individuals_Internet_2000-2018_Jun2019.xls", "itu", "itu_internet_users_2019_06", "2019-06"),
    Release(
        "itu_Fixed_broadband_2000-2018_Jun2019_revised27082019.xls",
        "itu",
        "itu_fixed_broadband_2019_08_27",
        "2019-08-27",
    ),
    # the only file with the lower-middle-income aggregate (OWID's own aggregate of the World Bank's group)
    Release(
        "owid_share-of-individuals-using-the-internet.csv",
        "owid",
        "owid_internet_users_2025_08_07",
        "2025-08-07",
        ("LMC",),
    ),
)


def _table(path: Path, reader: str) -> PublisherTable:
    if reader == "wdi":
        return read_wdi_table(path)
    if reader == "owid":
        return read_owid_table(path)
    return read_itu_table(path)


def _raw_cells(path: Path, table: PublisherTable) -> list[str]:
    """Each figure's cell as the file writes it (a CSV's text; a spreadsheet's stored number)."""
    if "row" not in table.data:
        return [repr(float(v)) for v in table.data["value"]]
    rows = csv_rows(path)
    header_at = next(i for i, r in enumerate(rows) if r and r[0].strip().lstrip("\ufeff") in ("Country Name", "Entity"))
    header = [c.strip() for c in rows[header_at]]
    cells = zip(table.data["row"], table.data["column"], strict=True)
    return [rows[int(r) - 1][header.index(str(c))].strip() for r, c in cells]


def release_rows(folder: Path, release: Release) -> pd.DataFrame:
    """The figures a release gives of the peers, in the observation layout."""
    path = folder / release.file
    table = _table(path, release.reader)
    data = table.data.assign(raw=_raw_cells(path, table))
    data = data.assign(geo=[place_code(c, e) for c, e in zip(data["code"], data["entity"], strict=True)])
    wanted = {("VN" if p == "VNM" else p) for p in release.places}
    known = {k.lower(): v for k, v in KNOWN.items()}
    data = data.assign(
        indicator=[
            known.get(c.lower()) or known.get(n.lower())
            for c, n in zip(data["indicator_code"], data["indicator_name"], strict=True)
        ]
    )
    data = data[data["geo"].isin(wanted) & data["indicator"].notna() & (data["year"] >= FIRST_YEAR)]
    aggregate = {"LMC": "Our World in Data's aggregate of the World Bank's lower-middle-income countries; "}
    return pd.DataFrame(
        {
            "indicator": data["indicator"],
            "geo": data["geo"],
            "period": data["year"].astype(str),
            "series": "itu",
            "value": data["raw"],
            "status": "actual",
            "source": release.source,
            "published": release.published,
            "evidence": [f"{e}, {y}: {v}" for e, y, v in zip(data["entity"], data["year"], data["raw"], strict=True)],
            "note": [
                f"{aggregate.get(g, '')}{release.file}, {e} ({i}); carried over by benchmarks/build_peers.py"
                for g, e, i in zip(data["geo"], data["entity"], data["indicator_code"], strict=True)
            ],
        }
    )


def build(folder: Path, releases: Iterable[Release] = RELEASES) -> pd.DataFrame:
    """Every release's figures of Vietnam's peers, sorted.

    Vietnam's own figures are left out: its national series are ``data/observations.csv``'s (the trends and verdicts
    of the report are fitted on them, and a figure sits in one file only), and the peers page reads them there.
    """
    frame = pd.concat([release_rows(folder, r) for r in releases], ignore_index=True)
    frame = frame[frame["geo"] != "VN"]
    return frame.sort_values(["indicator", "geo", "period", "published"], kind="stable").reset_index(drop=True)


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    repo = Path(__file__).resolve().parent.parent
    out = Path(argv[1]) if len(argv) > 1 else repo / "data" / "observations_peers.csv"
    frame = build(Path(argv[0]))
    frame.to_csv(out, index=False, columns=COLUMNS, lineterminator="\n")
    print(
        f"{out}: {len(frame)} figures of {frame['geo'].nunique()} places on {frame['indicator'].nunique()} indicators"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
