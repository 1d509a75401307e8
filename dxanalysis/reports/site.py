"""The run's site: its folder, ``manifest.json``, ``index.html``, ``tables.xlsx`` and the ``latest`` pointer.

A run is written to ``<out>/.tmp-<run-id>/`` and renamed to ``<out>/<run-id>/`` when complete, so a half-written run
never carries a real name; ``<out>/latest`` then points to it (a symbolic link replaced atomically, or a ``LATEST``
text file where links are not available). A notebook whose key is the one the last complete run recorded is copied
from that run (:func:`reuse_unchanged`).

A run that does not complete (a failure, an interrupt) removes its temporary folder (:func:`discard_run`). One that
could not (the process was killed) leaves it, and the next run into the same folder removes it
(:func:`remove_stale_runs`): a live run holds a lock on a ``.lock`` file in its folder for as long as it lives (an
operating-system lock, released when the process ends however it ends), so a concurrent run's folder is never taken
for a stale one. (Where such locks are not available, on Windows, a stale folder stays.) :func:`prepare_out` says in
one line why a report folder cannot be written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import html
import json
import os
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dxanalysis._version import __version__
from dxanalysis.errors import DxError, OutputError
from dxanalysis.present.i18n import LABELS, LANGS, fmt_day, label
from dxanalysis.reports.executors import Outcome, failure_text
from dxanalysis.reports.pages import render_manifest
from dxanalysis.reports.plan import Job
from dxanalysis.reports.table_info import read_table_info
from dxanalysis.reports.workbook import workbook_sheets, write_workbook

__all__ = [
    "JobResult",
    "RunResult",
    "collect_outputs",
    "discard_run",
    "make_manifest",
    "output_error",
    "prepare_out",
    "previous_run",
    "remove_stale_runs",
    "render_index",
    "reuse_unchanged",
    "start_run",
    "write_chart_script",
    "write_run",
]


@dataclass
class JobResult:
    """One job of a run as the manifest records it.

    A failure is kept as papermill states it: the exception's name (``ename``), its message (``evalue``) and the
    number of the failing ``cell`` of the executed notebook (``None`` when no cell failed: the kernel did not start
    or died); ``notes`` are the problems met writing its report files. ``error`` is the one line said for it
    (:func:`failure_text`). ``table_info`` says what each table holds, as the notebook recorded it (its title,
    indicator, series, place, unit, dates and sources: :class:`~dxanalysis.reports.table_info.TableInfo`, without
    the columns and rows), with the name of its sheet in the workbook (``workbook_sheet``).

    >>> JobResult("probe", "probe.ipynb", "Probe", {"x": 5}, "k").status
    'pending'
    """

    slug: str
    notebook: str
    title: str
    parameters: dict[str, Any]
    key: str
    status: str = "pending"  # ok, failed, reused
    started: str | None = None
    duration: float | None = None
    error: str | None = None
    ename: str | None = None
    evalue: str | None = None
    cell: int | None = None
    notes: list[str] = field(default_factory=list)
    headline: str = ""
    figures: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    table_info: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def planned(cls, job: Job, key: str) -> JobResult:
        """The result of a job not yet run."""
        return cls(job.slug, job.notebook, job.title, job.parameters, key)

    def record(self, outcome: Outcome) -> None:
        """Take what an executor reports of this job."""
        self.status, self.started, self.duration = outcome.status, outcome.started, outcome.duration
        self.ename, self.evalue, self.cell, self.notes = (
            outcome.ename,
            outcome.evalue,
            outcome.cell,
            list(outcome.notes),
        )
        self.error = failure_text(asdict(self))


@dataclass
class RunResult:
    """What a run produced: its folder, its manifest, and the jobs that failed.

    >>> RunResult(Path("reports/r"), {"jobs": [{"slug": "a", "status": "failed"}]}).exit_code
    1
    """

    run_dir: Path
    manifest: dict[str, Any]

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [j for j in self.manifest["jobs"] if j["status"] == "failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def collect_outputs(folder: Path, result: JobResult) -> None:
    """Record what a notebook's folder holds: its headline, figures and tables (with what each holds)."""
    head = folder / "headline.txt"
    try:
        result.headline = head.read_text(encoding="utf-8").strip() if head.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:  # said on this notebook; the run goes on
        result.notes.append(f"report files: {type(exc).__name__}: {exc}")
        result.error = failure_text(asdict(result))
    result.figures = sorted(p.stem for p in (folder / "figures").glob("*.png")) if (folder / "figures").exists() else []
    result.tables = sorted(p.stem for p in (folder / "tables").glob("*.csv")) if (folder / "tables").exists() else []
    result.table_info = {}
    for table in result.tables:
        info = read_table_info(folder / "tables" / f"{table}.csv")
        if info is not None:
            result.table_info[table] = {k: v for k, v in info.to_json().items() if k not in ("columns", "rows")}


def previous_run(out: Path) -> dict[str, Any] | None:
    """The manifest of the run ``latest`` points to, if it is complete (its folder as ``_dir``)."""
    latest = out / "latest"
    target = latest.resolve() if latest.exists() else None
    if target is None or not (target / "manifest.json").exists():
        return None
    try:
        manifest: dict[str, Any] = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    except ValueError:
        return None
    manifest["_dir"] = str(target)
    return manifest if manifest.get("complete") else None


try:
    import fcntl
except ImportError:  # pragma: no cover  (Windows: no advisory locks, a killed run's folder stays)
    fcntl = None  # type: ignore[assignment]

#: The temporary folders of runs being written, and the lock each holds.
_LOCKS: dict[Path, int] = {}
LOCK_FILE = ".lock"
TMP_PREFIX = ".tmp-"


def prepare_out(out: Path) -> None:
    """Create the report folder ``out`` if missing; a one-line error when it cannot be (a ``DxError`` for a path that
    cannot name a folder, an :class:`~dxanalysis.errors.OutputError` for a folder that cannot be written).

    >>> prepare_out(Path("/dev/null"))
    Traceback (most recent call last):
    dxanalysis.errors.DxError: the report folder /dev/null is a file; accepted: a folder (created if missing)
    """
    try:
        if out.exists() and not out.is_dir():
            raise DxError(f"the report folder {out} is a file; accepted: a folder (created if missing)")
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DxError(f"the report folder {out} is inside a file; accepted: a folder (created if missing)") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise DxError(
                f"the report folder's name is too long for this system ({len(str(out))} characters); accepted: "
                "a shorter path (each name at most 255 bytes)"
            ) from None
        raise output_error(out, exc) from exc


def output_error(out: Path, exc: OSError) -> OutputError:
    """The one line said when ``out`` cannot be written: what the system said, and what to do.

    >>> str(output_error(Path("r"), OSError(28, "No space left on device")))
    'cannot write the report in r: no space left on the disk; free some space or choose another --out'
    """
    if exc.errno == errno.ENOSPC:
        why = "no space left on the disk; free some space or choose another --out"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = f"the folder cannot be written ({exc.strerror}); choose another --out"
    else:
        why = f"{exc.strerror or exc}; choose another --out"
    return OutputError(f"cannot write the report in {out}: {why}")


def start_run(out: Path) -> tuple[str, Path]:
    """A new run's id (the time, made unique) and its temporary folder, created and locked (stale ones of dead runs
    removed first)."""
    remove_stale_runs(out)
    base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        run_id = base if n == 1 else f"{base}-{n}"
        tmp = out / f"{TMP_PREFIX}{run_id}"
        n += 1
        if (out / run_id).exists():
            continue
        try:
            tmp.mkdir()  # atomic: two runs started in the same second get two ids
        except FileExistsError:
            continue
        break
    try:
        fd = os.open(tmp / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(fd, f"{os.getpid()}\n".encode())
    _LOCKS[tmp] = fd
    return run_id, tmp


def _unlock(tmp: Path) -> None:
    fd = _LOCKS.pop(tmp, None)
    if fd is not None:
        try:
            (tmp / LOCK_FILE).unlink(missing_ok=True)
        finally:
            os.close(fd)


def discard_run(tmp: Path) -> None:
    """Remove a run's temporary folder (the run did not complete) and release its lock; never raises."""
    with contextlib.suppress(OSError):
        _unlock(tmp)
    shutil.rmtree(tmp, ignore_errors=True)


def remove_stale_runs(out: Path, min_age: float = 60.0) -> list[Path]:
    """Remove the temporary folders of runs that died in ``out``; returns them.

    A folder is stale when no process holds its lock; one without a lock file (a run that is creating it at this
    very moment, or one written by an older version) only when it has not changed for ``min_age`` seconds.

    >>> remove_stale_runs(Path("no such folder"))
    []
    """
    removed: list[Path] = []
    if fcntl is None or not out.is_dir():
        return removed
    for folder in out.glob(f"{TMP_PREFIX}*"):
        if folder.is_dir() and not folder.is_symlink() and _stale(folder, min_age):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _stale(folder: Path, min_age: float) -> bool:
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR)
    except FileNotFoundError:
        try:
            return time.time() - folder.stat().st_mtime > min_age
        except OSError:
            return False
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # a live run holds it
        return False
    finally:
        os.close(fd)
    return True


def reuse_unchanged(results: Sequence[JobResult], previous: Mapping[str, Any] | None, tmp: Path) -> list[JobResult]:
    """Copy from the previous complete run every job whose key it recorded (ok or reused); returns the others."""
    reusable = {j["slug"]: j for j in (previous or {}).get("jobs", []) if j["status"] in ("ok", "reused")}
    todo = []
    for res in results:
        old = reusable.get(res.slug)
        if old and old["key"] == res.key and previous and (Path(previous["_dir"]) / res.slug).is_dir():
            shutil.copytree(Path(previous["_dir"]) / res.slug, tmp / res.slug)
            res.status, res.started, res.duration = "reused", old.get("started"), 0.0
            collect_outputs(tmp / res.slug, res)
        else:
            todo.append(res)
    return todo


def make_manifest(run_id: str, results: Sequence[JobResult], **facts: Any) -> dict[str, Any]:
    """The run's manifest: the package, the run, the facts given (data fingerprint and files, lang, as_of, duration)
    and every job."""
    return {
        "dxanalysis_version": __version__,
        "package": facts.pop("package"),
        "run_id": run_id,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        **facts,
        "complete": True,
        "jobs": [asdict(r) for r in results],
    }


def write_run(out: Path, tmp: Path, manifest: Mapping[str, Any], previous: Mapping[str, Any] | None, ran: bool) -> Path:
    """Write the workbook, manifest (JSON and its page) and index into ``tmp``, move it to its real name and point
    ``latest`` to it."""
    results = manifest["jobs"]
    old_book = Path(previous["_dir"]) / "tables.xlsx" if previous else None
    same_plan = previous is not None and [j["slug"] for j in previous.get("jobs", [])] == [r["slug"] for r in results]
    if not ran and same_plan and old_book is not None and old_book.is_file():  # nothing ran: the same workbook
        shutil.copy2(old_book, tmp / "tables.xlsx")
    else:
        write_workbook(tmp, results, str(manifest.get("lang") or "en"))
    for res, path, _info, name in workbook_sheets(tmp, results, str(manifest.get("lang") or "en")):
        if path.stem in res.get("table_info", {}):  # the manifest says which sheet holds each table
            res["table_info"][path.stem]["workbook_sheet"] = name
    write_chart_script(tmp, results)
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    (tmp / "manifest.html").write_text(render_manifest(manifest), encoding="utf-8")
    (tmp / "index.html").write_text(render_index(manifest), encoding="utf-8")
    run_dir = out / str(manifest["run_id"])
    _unlock(tmp)
    tmp.rename(run_dir)  # a half-written run never carries a real name
    point_latest(out, manifest["run_id"])
    return run_dir


def write_chart_script(run: Path, results: Sequence[Mapping[str, Any]]) -> Path | None:
    """Plotly's JavaScript, once in the run folder, when a page of the run has an interactive chart (ran now or
    reused from the previous run); returns its path.

    >>> write_chart_script(Path("no such run"), []) is None
    True
    """
    pages = [run / str(r["slug"]) / "report.html" for r in results]
    if not any(p.is_file() and 'class="dx-plot"' in p.read_text(encoding="utf-8") for p in pages):
        return None
    from dxanalysis.present.chart_script import write_javascript  # not the figures: no matplotlib to write a file

    return write_javascript(run)


def point_latest(out: Path, run_id: str) -> None:
    """Make ``<out>/latest`` name the run (atomically: it always names a complete run)."""
    latest = out / "latest"
    tmp_link = out / f".latest-{run_id}"
    try:
        if tmp_link.is_symlink() or tmp_link.exists():
            tmp_link.unlink()
        tmp_link.symlink_to(run_id, target_is_directory=True)
        os.replace(tmp_link, latest)
    except OSError:  # no symbolic links on this system: a text file names the run
        if latest.is_symlink():
            latest.unlink()
        (out / "LATEST").write_text(run_id + "\n", encoding="utf-8")


def _data_date(manifest: Mapping[str, Any], lang: str) -> str:
    """The date the run's data stand at: the newest figure's publication date (and the ``as_of`` date when given)."""

    def day(text: Any) -> str:
        try:
            return fmt_day(dt.date.fromisoformat(str(text)), lang)
        except ValueError:
            return str(text)

    newest = manifest.get("newest_figure") or {}
    parts = [label("report_as_of_given", lang, date=day(manifest["as_of"]))] if manifest.get("as_of") else []
    if newest.get("published"):
        parts.append(label("report_newest", lang, date=day(newest["published"])))
    text = "; ".join(parts) or f"{label('report_as_of', lang)} {label('report_latest', lang)}"
    return text[:1].upper() + text[1:]


#: The figures an index row shows first: what the page is about before its details (the others follow by name).
INDEX_FIGURES = ("scorecard", "dashboard", "history", "trends", "lines")


def _figure_rank(name: str) -> tuple[int, str]:
    return (INDEX_FIGURES.index(name) if name in INDEX_FIGURES else len(INDEX_FIGURES), name)


def render_index(manifest: Mapping[str, Any]) -> str:
    """``index.html`` of a run: the date of its data (the newest figure's publication), every notebook with its
    status, headline, readable thumbnails and files (all text escaped); run times and fingerprints are on the
    manifest's page.

    >>> page = render_index({"run_id": "r", "dxanalysis_version": "0", "data_fingerprint": "f", "jobs": [],
    ...                      "newest_figure": {"published": "2026-01-06"}})
    >>> "<h1>dxanalysis report</h1>" in page, "Newest figure published 6 January 2026" in page
    (True, True)
    """
    lang = str(manifest.get("lang")) if manifest.get("lang") in LANGS else "en"

    def tx(key: str) -> str:
        return label(f"report_{key}", lang) if f"report_{key}" in LABELS else key

    e = html.escape
    rows = []
    for j in manifest["jobs"]:
        status = j["status"]
        badge = {"ok": "ok", "reused": "reused", "failed": "failed"}.get(status, "pending")
        slug = e(j["slug"])
        links = [
            f'<a href="{slug}/report.html">{e(tx("open"))}</a>',
            f'<a href="{slug}/notebook.ipynb">{e(tx("ipynb"))}</a>',
        ]
        figs = " ".join(
            f'<a href="{slug}/figures/{e(f)}.png"><img src="{slug}/figures/{e(f)}.png" alt="{e(f)}" loading="lazy"></a>'
            for f in sorted(j.get("figures", []), key=_figure_rank)[:4]
        )
        tables = ", ".join(f'<a href="{slug}/tables/{e(t)}.csv">{e(t)}</a>' for t in j.get("tables", []))
        failure = failure_text(j)
        error = f'<div class="error">{e(failure)}</div>' if failure else ""
        rows.append(
            f'<tr class="{badge}"><td><b>{e(j["title"])}</b><br><code>{e(j["notebook"])}</code></td>'
            f'<td><span class="badge {badge}">{e(tx(status))}</span></td>'
            f"<td>{e(j.get('headline') or '')}{error}</td>"
            f"<td>{' · '.join(links)}<br><small>{e(tx('tables'))}: {tables or '—'}</small></td></tr>"
            # the figures under the row, across the page, each wide enough to read
            + (f'<tr class="figs"><td colspan="4"><div class="thumbs">{figs}</div></td></tr>' if figs else "")
        )
    meta = f"<b>{e(_data_date(manifest, lang))}</b> · {e(tx('run'))} {e(manifest['run_id'])}"
    workbook = (
        f'<a href="tables.xlsx">{e(tx("workbook"))}</a> · ' if any(j.get("tables") for j in manifest["jobs"]) else ""
    )
    return f"""<!doctype html>
<html lang="{e(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{e(tx("title"))} {e(manifest["run_id"])}</title>
<style>
body{{font-family:system-ui,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1500px;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.6rem;vertical-align:top;
text-align:left}}th{{background:#f4f4f4}}.badge{{padding:.1rem .5rem;border-radius:.8rem;font-size:.85rem}}
.ok .badge{{background:#d7f0dd}}.reused .badge{{background:#e3ecf7}}.failed .badge{{background:#f9d6d5}}
.error{{color:#a4000f;font-family:monospace;font-size:.85rem;margin:.3rem 0}}
tr:has(+ tr.figs) td{{border-bottom:none}}.thumbs{{display:flex;flex-wrap:wrap;gap:.6rem}}
.thumbs img{{width:350px;max-width:100%;height:auto;border:1px solid #ddd}}small{{color:#666}}
</style></head><body>
<h1>{e(tx("title"))}</h1><p>{meta}</p><p>{workbook}<a href="manifest.html">{e(tx("manifest"))}</a></p>
<table><thead><tr><th>{e(tx("notebook"))}</th><th>{e(tx("status"))}</th><th>{e(tx("headline"))}</th>
<th>{e(tx("files"))}</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table></body></html>
"""
