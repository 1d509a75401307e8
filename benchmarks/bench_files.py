"""The largest files the readers accept: time and peak memory of reading them (issue 14).

Writes, to a temporary folder, the largest accepted observation CSV (``MAX_ROWS`` figures, under ``MAX_FILE_BYTES``)
and workbook (``MAX_ROWS`` rows), and a WDI topic download of every country, then reads each in a fresh process
(``dx.read_observations`` / ``dx.read_wdi``: parsing, every check, the typed frame) and prints a table of the median
time and the peak resident memory of that process (``resource.getrusage``) above the memory of the process before
the read. ``--rows`` measures a smaller file (for a quick run).

    .venv/bin/python benchmarks/bench_files.py --repeats 3
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import tempfile
import time
from pathlib import Path


def write_csv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("indicator,geo,period,series,value,status,source,published\n")
        for i in range(rows):
            fh.write(f"internet_users,VN,{1990 + i % 35},s{i // 35},{(i % 997) / 10:.1f},actual,my notes,2026-01-15\n")


def write_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["indicator", "geo", "period", "series", "value", "status", "source", "published"])
    for i in range(rows):
        ws.append(
            [
                "internet_users",
                "VN",
                str(1990 + i % 35),
                f"s{i // 35}",
                (i % 997) / 10,
                "actual",
                "my notes",
                "2026-01-15",
            ]
        )
    wb.save(path)


def write_wdi(path: Path, countries: int, indicators: int) -> None:
    years = list(range(1960, 2025))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('"Data Source","World Development Indicators",\n\n"Last Updated Date","2026-07-01",\n\n')
        fh.write(
            ",".join(
                f'"{c}"' for c in ["Country Name", "Country Code", "Indicator Name", "Indicator Code", *map(str, years)]
            )
            + ",\n"
        )
        for c in range(countries):
            code = "VNM" if c == 0 else f"C{c:02d}"[:3].upper().ljust(3, "X")
            for k in range(indicators):
                cells = [f'"{(c * 7 + k + y) % 90 + 1.5}"' for y in years]
                fh.write(
                    f'"Country {c}","{code}","Indicator {k} (% of population)","X.IND.{k}",' + ",".join(cells) + ",\n"
                )


def _measure(kind: str, path: str, out: mp.Queue) -> None:
    import dxanalysis as dx

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    frame = dx.read_wdi(path) if kind == "wdi" else dx.read_observations(path)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.put((seconds, (peak - before) / 1024, len(frame)))


def measure(kind: str, path: Path, repeats: int) -> tuple[float, float, int]:
    ctx = mp.get_context("spawn")
    runs = []
    for _ in range(repeats):
        queue: mp.Queue = ctx.Queue()
        proc = ctx.Process(target=_measure, args=(kind, str(path), queue))
        proc.start()
        runs.append(queue.get())
        proc.join()
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def main() -> None:
    from dxanalysis.data import files

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--rows", type=int, default=files.MAX_ROWS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [
            ("observations CSV", "csv", folder / "big.csv", write_csv),
            ("observations workbook", "xlsx", folder / "big.xlsx", write_workbook),
        ]
        print(f"| file | rows | MB | s (median of {args.repeats}) | peak MB | figures read |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, kind, path, write in cases:
            write(path, args.rows)
            seconds, peak, n = measure(kind, path, args.repeats)
            print(f"| {label} | {args.rows:,} | {path.stat().st_size / 1e6:.1f} | {seconds:.2f} | {peak:.0f} | {n:,} |")
        wdi = folder / "wdi_topic.csv"
        write_wdi(wdi, 266, 20)
        seconds, peak, n = measure("wdi", wdi, args.repeats)
        print(
            f"| WDI topic download (266 places x 20 indicators x 65 years) | {266 * 20:,} | "
            f"{wdi.stat().st_size / 1e6:.1f} | {seconds:.2f} | {peak:.0f} | {n:,} |"
        )
        assert max(p.stat().st_size for p in folder.iterdir()) <= files.MAX_FILE_BYTES, "a case is over the cap"


if __name__ == "__main__":
    main()
