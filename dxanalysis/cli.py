"""The command line: ``dxanalysis report`` and ``dxanalysis validate``. It parses arguments and calls the library.

Every way out ends in one line and an exit status (:data:`EXIT_STATUSES`), never a traceback: 0 when everything ran
or every file is valid; 1 for a problem with the data (a file unreadable or invalid), a notebook that failed, a
report folder that cannot be written (disk full, read-only), or a Dask cluster that cannot be reached; 2 for a usage
error (an option, parameter, indicator or folder name refused, with what is accepted); 130 and 143 when interrupted
(Ctrl-C, SIGTERM), after removing the half-written run and shutting down the kernels. ``DXANALYSIS_DEBUG=1`` shows
the traceback for a bug report.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

from dxanalysis.data.publishers import read_any
from dxanalysis.data.user_targets import read_target_file
from dxanalysis.errors import ClusterError, DataFileError, DataValidationError, DxError, OutputError, Problem
from dxanalysis.reports import parse_param, run_report
from dxanalysis.reports.executors import configured_scheduler

__all__ = ["EXIT_STATUSES", "main"]

#: The exit statuses of both commands, as ``--help`` states them.
EXIT_STATUSES = {
    0: "everything ran (report) or every file is valid (validate)",
    1: "a problem with the data (a file unreadable or invalid), a notebook that failed, a report folder that "
    "cannot be written (disk full, read-only), or a Dask cluster (--cluster) that cannot be reached",
    2: "a usage error: an option, parameter, indicator or folder name refused (the line says what is accepted)",
    130: "interrupted (Ctrl-C); 143: stopped (SIGTERM); nothing half-written is left behind",
}


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own layout, the description wrapped as usual, and the epilog (the exit statuses) kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("exit status:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _epilog() -> str:
    import textwrap

    lines = [
        textwrap.fill(text, 78, initial_indent=f"  {code:<4d}", subsequent_indent=" " * 6)
        for code, text in EXIT_STATUSES.items()
    ]
    return "exit status:\n" + "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dxanalysis",
        description="Vietnam's national digital transformation indicators: reports and data checks.",
        epilog=_epilog(),
        formatter_class=_HelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser(
        "report",
        help="run the notebooks and write a browsable report",
        description="Run the report's parameterised notebooks (dxanalysis.reports.NOTEBOOKS: an overview, one per "
        "indicator series, the scenarios) through papermill and write reports/<run-id>/ with HTML, figures, tables, "
        "index.html and manifest.json.",
        epilog=_epilog(),
        formatter_class=_HelpFormatter,
    )
    rep.add_argument("--out", default="reports", help="folder for the runs (default: reports)")
    rep.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: the number of cores)")
    rep.add_argument(
        "--cluster",
        default=None,
        metavar="ADDRESS",
        help="run the notebooks on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' for a local "
        "cluster of --jobs workers (default: Dask's scheduler-address setting, $DASK_SCHEDULER_ADDRESS or Dask's "
        "configuration, when set; else this process's own workers)",
    )
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
        "--since",
        default=None,
        metavar="DATE",
        help="add to the overview what changed since DATE (YYYY-MM-DD): new and revised figures, changed verdicts",
    )
    rep.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="FILE",
        help="your own figures to include: CSV/XLSX in the observation layout, or a WDI or OWID download (repeatable)",
    )
    rep.add_argument(
        "--geo",
        "--provinces",
        dest="geo",
        action="append",
        default=[],
        metavar="PROVINCE",
        help="province pages for these provinces (code or name, repeatable), or 'all' for every province with "
        "figures, 63 + 34 (the default)",
    )
    rep.add_argument(
        "--targets",
        default=None,
        metavar="FILE",
        help="your provinces' own targets (CSV/XLSX in the layout of data/targets.csv, geo = the province), shown "
        "and judged on their province pages",
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
        "valid, 1 otherwise (2 for a usage error). The files are opened read-only; every file is checked, whatever "
        "the problems of the others.",
        epilog=_epilog(),
        formatter_class=_HelpFormatter,
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
        except (DxError, OSError) as exc:  # unreadable, or not what was asked (a WDI file lacking Viet Nam): said
            problems.append(Problem(name, None, None, None, _one_line(exc).removeprefix(f"{name}: ")))
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
    if args.since and args.indicator:
        raise DxError("--since adds a section to the overview, which --indicator leaves out; accepted: --since alone")
    if args.since:
        params["since"] = args.since  # the overview's parameter, checked with the others before anything runs
    if args.jobs is not None and args.jobs < 1:
        raise DxError(f"--jobs {args.jobs}: accepted: 1 or more")
    for name in args.data:  # a file the report cannot use is a problem with the data (exit 1), whatever its kind
        try:
            read_any(name, decimal=args.decimal, sheet=args.sheet)
        except (DataFileError, DataValidationError):
            raise
        except DxError as exc:  # not what was asked of it, e.g. a WDI download with no row for Viet Nam
            raise DataFileError(str(exc)) from exc
    if args.targets:  # a bad targets file is a problem with the data (exit 1), said before anything runs
        read_target_file(args.targets)
    cluster = args.cluster
    if cluster is None:  # Dask's own setting for the scheduler: DASK_SCHEDULER_ADDRESS, or Dask's configuration
        cluster, origin = configured_scheduler()
        if cluster:
            print(f"dxanalysis: the Dask scheduler at {cluster} (from {origin}; --cluster overrides it)")
    result = run_report(
        out=args.out,
        jobs=args.jobs,
        cluster=cluster,
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
        geo=args.geo or None,
        targets=args.targets,
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


def _one_line(exc: BaseException) -> str:
    """What the system or the library said, as the command line says it (an OSError with its file)."""
    if isinstance(exc, OSError) and not isinstance(exc, DxError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc)


def _status(exc: Exception) -> int:
    """The exit status of an error: 1 for the data and the machine, 2 for usage."""
    if isinstance(exc, DataFileError | DataValidationError | OutputError | ClusterError):
        return 1
    if isinstance(exc, DxError):
        return 2
    return 1  # an OSError the library did not name (an unreadable file), or a bug (said in one line all the same)


class _Stopped(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that every clean-up of an interrupt runs."""


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's arguments); returns the exit status.

    >>> main(["report", "--param", "horizn=2035"])
    2
    """
    args = _parser().parse_args(argv)
    try:
        with _sigterm_interrupts():
            if args.command == "report":
                return _report(args)
            return _validate(args)
    except KeyboardInterrupt as exc:
        stopped = isinstance(exc, _Stopped)
        print(
            f"dxanalysis: {'stopped' if stopped else 'interrupted'}; no report was written under a real name and no "
            "half-written one is left",
            file=sys.stderr,
        )
        return 143 if stopped else 130
    except Exception as exc:
        if os.environ.get("DXANALYSIS_DEBUG"):
            raise
        status = _status(exc)
        if isinstance(exc, DxError | OSError):
            print(f"dxanalysis: {_one_line(exc)}", file=sys.stderr)
        else:
            print(
                f"dxanalysis: internal error, {type(exc).__name__}: {exc} (run again with DXANALYSIS_DEBUG=1 for the "
                "traceback, and report it)",
                file=sys.stderr,
            )
        return status


if __name__ == "__main__":
    sys.exit(main())
