"""The command line: ``dxanalysis report`` and ``dxanalysis validate``. It parses arguments and calls the library.

Errors a user can cause end in one line naming what is wrong and what is accepted (exit status 2), never a traceback;
``DXANALYSIS_DEBUG=1`` shows the traceback for a bug report.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from dxanalysis.data.publishers import read_any
from dxanalysis.errors import DataFileError, DataValidationError, DxError, Problem
from dxanalysis.reports import parse_param, run_report

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dxanalysis",
        description="Vietnam's national digital transformation indicators: reports and data checks.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser(
        "report",
        help="run the notebooks and write a browsable report",
        description="Run the report's parameterised notebooks (dxanalysis.reports.NOTEBOOKS: an overview, one per "
        "indicator series, the scenarios) through papermill and write reports/<run-id>/ with HTML, figures, tables, "
        "index.html and manifest.json.",
    )
    rep.add_argument("--out", default="reports", help="folder for the runs (default: reports)")
    rep.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: the number of cores)")
    rep.add_argument(
        "--indicator", action="append", default=[], metavar="ID", help="only this indicator's notebooks (repeatable)"
    )
    rep.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a notebook parameter for every notebook that has it, e.g. horizon=2030 (repeatable)",
    )
    rep.add_argument("--lang", default="en", choices=["en", "vi"], help="language of the report (default: en)")
    rep.add_argument(
        "--as-of", default=None, metavar="DATE", help="the report as it could have been written on DATE (YYYY-MM-DD)"
    )
    rep.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="FILE",
        help="your own figures to include: CSV/XLSX in the observation layout, or a WDI or OWID download (repeatable)",
    )
    _file_options(rep, "your --data files")
    rep.add_argument("--force", action="store_true", help="re-run every notebook, even unchanged ones")
    rep.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")
    rep.add_argument("--no-progress", action="store_true", help="log lines instead of a progress bar")
    val = sub.add_parser(
        "validate",
        help="check your own figures' files and list every problem",
        description="Read each file as the reports would (the observation layout as dx.read_observations reads it, "
        "a World Bank WDI download as dx.read_wdi, an Our World in Data CSV as dx.read_owid) and print every problem "
        "at once (file, row, column, value, what is wrong and what is accepted). Exit status 0 when every file is "
        "valid, 1 otherwise. The files are opened read-only.",
    )
    val.add_argument(
        "files", nargs="+", metavar="FILE", help="CSV or XLSX files in the observation layout, WDI or OWID downloads"
    )
    _file_options(val, "the files")
    return parser


def _file_options(command: argparse.ArgumentParser, files: str) -> None:
    """How the user's files are read: the same two options for `report --data` and `validate`."""
    command.add_argument(
        "--decimal",
        default=".",
        choices=[".", ","],
        help=f"decimal separator of the numbers in {files} (',' for Vietnamese usage)",
    )
    command.add_argument(
        "--sheet",
        default=None,
        help=f"the sheet to read in {files} that are Excel workbooks: a name, or a number from 0 (default: the first)",
    )


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _validate(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    for name in args.files:
        try:
            frame = read_any(name, decimal=args.decimal, sheet=args.sheet)
        except DataValidationError as exc:
            problems += exc.problems
        except DataFileError as exc:
            problems.append(Problem(name, None, None, None, str(exc).removeprefix(f"{name}: ")))
        else:
            print(f"ok  {name}: {_n(len(frame), 'figure')} of {_n(frame['indicator'].nunique(), 'indicator')}")
    if problems:
        width = max(len(p.location()) for p in problems)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:")
        for p in problems:
            value = "" if p.value is None else f" [{p.value!r}]"
            accepted = f" — accepted: {p.accepted}" if p.accepted else ""
            print(f"  {p.location():{width}s}  {p.message}{value}{accepted}")
    return 1 if problems else 0


def _report(args: argparse.Namespace) -> int:
    params = dict(parse_param(p) for p in args.param)
    if args.jobs is not None and args.jobs < 1:
        raise DxError(f"--jobs {args.jobs}: accepted: 1 or more")
    result = run_report(
        out=args.out,
        jobs=args.jobs,
        force=args.force,
        show_code=args.show_code,
        lang=args.lang,
        as_of=args.as_of,
        indicators=args.indicator or None,
        params=params or None,
        data=args.data,
        decimal=args.decimal,
        sheet=args.sheet,
        progress=False if args.no_progress else None,
    )
    jobs = result.manifest["jobs"]
    counts = {s: sum(j["status"] == s for j in jobs) for s in ("ok", "reused", "failed")}
    print(
        f"{_n(len(jobs), 'notebook')}: {counts['ok']} run, {counts['reused']} unchanged (reused), "
        f"{counts['failed']} failed"
    )
    for j in result.failed:
        print(f"FAILED {j['slug']}: {j['error']}  (see {result.run_dir / j['slug'] / 'notebook.ipynb'})")
    print(f"Open {result.run_dir / 'index.html'}")
    return result.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "report":
            return _report(args)
        if args.command == "validate":
            return _validate(args)
    except DxError as exc:
        if os.environ.get("DXANALYSIS_DEBUG"):
            raise
        print(f"dxanalysis: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("dxanalysis: interrupted; no report was written under a real name", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
