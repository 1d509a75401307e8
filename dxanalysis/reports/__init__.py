"""The batch report: run the parameterised notebooks through papermill and write a browsable, reproducible report.

A run takes a *plan* — (notebook, parameters) jobs: the overview, one indicator notebook for every series with at least
two figures, the scenarios — validates every parameter set before any kernel starts, and hands the notebooks to an
*executor* (by default ``jobs`` workers of this process, each reusing one kernel pinned to this interpreter and wiped
clean between notebooks). It writes ``<out>/<run-id>/`` with, per notebook, the executed notebook, its HTML (code hidden
unless ``show_code``), figures (PNG and SVG), tables (CSV) and headline; for the run, ``tables.xlsx``, ``index.html``
and ``manifest.json``. The run is written to a temporary folder and moved into place when done, and ``<out>/latest``
then points to it; a run that fails or is interrupted leaves neither its temporary folder nor a kernel behind (and the
next run removes the folder of one that was killed). A notebook that fails is kept and marked; the others still run. A
notebook whose inputs (notebook file, parameters, data, package) are unchanged since the last complete run is copied
from it instead of executed, unless ``force``.

The room, by job: ``notebooks`` (the registry of the report's notebooks and their parameters), ``plan`` (the jobs),
``params`` (the checks before anything runs), ``fingerprints`` (what a result depends on), ``kernels`` (the reused,
pinned kernels), ``executors`` (where the notebooks execute: the seam), ``export`` (the HTML), ``site`` (the run's
folder, manifest, index, workbook and ``latest``) and ``outputs`` (what a notebook saves). :func:`run_report` only
orchestrates them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dxanalysis.data import data_paths
from dxanalysis.errors import DxError
from dxanalysis.reports.executors import EXECUTORS, Executor, LocalExecutor, Outcome, Progress, Task, make_executor
from dxanalysis.reports.fingerprints import data_fingerprint, job_key, package_fingerprint
from dxanalysis.reports.notebooks import NOTEBOOKS, NotebookSpec, notebook_parameters, notebook_path, notebooks_dir
from dxanalysis.reports.pages import newest_figure
from dxanalysis.reports.params import validate_plan
from dxanalysis.reports.plan import Job, build_plan, longest_first, parse_param
from dxanalysis.reports.site import (
    JobResult,
    RunResult,
    collect_outputs,
    discard_run,
    make_manifest,
    output_error,
    prepare_out,
    previous_run,
    render_index,
    reuse_unchanged,
    start_run,
    write_run,
)

__all__ = [
    "EXECUTORS",
    "NOTEBOOKS",
    "Executor",
    "Job",
    "JobResult",
    "LocalExecutor",
    "NotebookSpec",
    "Outcome",
    "RunResult",
    "Task",
    "build_plan",
    "data_fingerprint",
    "job_key",
    "notebook_parameters",
    "notebook_path",
    "notebooks_dir",
    "package_fingerprint",
    "parse_param",
    "render_index",
    "run_report",
    "validate_plan",
]


def run_report(
    *,
    out: str | Path = "reports",
    plan: Sequence[Job] | None = None,
    jobs: int | None = None,
    force: bool = False,
    show_code: bool = False,
    lang: str = "en",
    as_of: str | None = None,
    indicators: Sequence[str] | None = None,
    params: Mapping[str, Any] | None = None,
    data: Sequence[str] = (),
    decimal: str = ".",
    sheet: str | None = None,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
    executor: Executor | str = "local",
    geo: str | Sequence[str] | None = None,
    targets: str | None = None,
    cluster: str | None = None,
) -> RunResult:
    """Run the batch report and return its folder and manifest (``exit_code`` is 1 when a notebook failed).

    Parameters
    ----------
    out
        The folder that receives ``<run-id>/`` and ``latest``.
    plan
        The jobs to run; by default :func:`build_plan` with ``indicators``, ``params``, ``lang``, ``as_of``,
        ``data``, ``decimal``, ``sheet``, ``geo`` and ``targets``.
    geo, targets
        The province pages: ``None`` or ``"all"`` for every province with figures (the DTI ranks every one), or
        provinces by code or name; ``targets`` the user's file of the provinces' own targets (the
        layout of ``data/targets.csv``), read and validated before anything runs.
    data, decimal, sheet
        The user's own files (CSV/XLSX in the observation layout, WDI or OWID downloads) included in every notebook,
        the decimal mark of their numbers ("." or ",") and the sheet of Excel files (default the first).
    jobs
        How many notebooks run at once (one kernel each); default: the number of cores.
    force
        Re-run every notebook, even those whose inputs are unchanged since the last complete run.
    show_code
        Keep the code cells in the HTML (hidden by default).
    progress
        A progress bar (default: when the output is a terminal); otherwise one log line per notebook.
    log
        Where the log lines go (default: standard error).
    executor
        Where the notebooks execute: a name of :data:`EXECUTORS` (``"local"``: ``jobs`` threads of this process over
        reused kernels; made for this run and closed at its end), or an :class:`Executor` (the caller's to close).
    cluster
        Run the notebooks on a Dask cluster instead: ``"local"`` (a ``LocalCluster`` of ``jobs`` workers started
        for this run) or a scheduler's address (``"tcp://host:8786"``); see :mod:`dxanalysis.reports.cluster`.

    Examples
    --------
    >>> import dxanalysis as dx  # doctest: +SKIP
    >>> result = dx.run_report(out="reports", indicators=["digital_economy_share_gdp"], lang="vi")  # doctest: +SKIP
    >>> result.run_dir / "index.html"  # doctest: +SKIP
    """
    # absolute: papermill's own cwd= would chdir the whole process, which is not safe with several workers, so every
    # path a worker uses is absolute and papermill is never asked to change directory
    out = Path(out).resolve()
    if plan is None:
        plan = build_plan(
            indicators=indicators, params=params, lang=lang, as_of=as_of, data=data, decimal=decimal, sheet=sheet,
            geo=geo, targets=targets,
        )  # fmt: skip
    plan = validate_plan(plan)
    if not plan:
        raise DxError("the plan is empty: nothing to report")
    prepare_out(out)
    if cluster is not None:
        if executor != "local":
            raise DxError(f"cluster={cluster!r} and executor={executor!r}: accepted: one of them")
        from dxanalysis.reports.cluster import DaskExecutor  # distributed is imported for a run on a cluster only

        runner: Executor = DaskExecutor(cluster, jobs)
        owned = True
    else:
        runner, owned = make_executor(executor, jobs)
    user_files = sorted({f for j in plan for f in data_paths(str(j.parameters.get("data") or ""))})
    user_files += sorted({str(j.parameters["targets"]) for j in plan if j.parameters.get("targets")})  # fingerprinted
    data_fp, package_fp = data_fingerprint(user_files), package_fingerprint()
    previous = None if force else previous_run(out)
    try:
        run_id, tmp = start_run(out)
    except OSError as exc:
        raise output_error(out, exc) from exc
    started = time.perf_counter()
    try:
        results = [JobResult.planned(j, job_key(j, data_fp, package_fp)) for j in plan]
        todo = {r.slug: r for r in reuse_unchanged(results, previous, tmp)}
        if todo:
            took = {j["slug"]: float(j.get("duration") or 0) for j in (previous_run(out) or {}).get("jobs", [])}
            ordered = longest_first([j for j in plan if j.slug in todo], took)
            tasks = [
                Task(j.slug, str(notebook_path(j.notebook)), j.parameters, j.title, str(tmp / j.slug), show_code)
                for j in ordered
            ]
            bar = Progress(len(tasks), progress, log or _to_stderr)
            try:
                outcomes = runner.run(tasks, bar)
            finally:
                bar.close()
            for outcome in outcomes:
                todo[outcome.slug].record(outcome)
                collect_outputs(tmp / outcome.slug, todo[outcome.slug])
        facts: dict[str, Any] = {"data_fingerprint": data_fp, "data_files": user_files, "lang": lang, "as_of": as_of}
        facts["newest_figure"] = _newest(as_of, user_files, plan)
        duration = round(time.perf_counter() - started, 3)
        manifest = make_manifest(run_id, results, package=package_fp, **facts, duration=duration)
        return RunResult(write_run(out, tmp, manifest, previous, ran=bool(todo)), manifest)
    except BaseException as exc:  # a failure or an interrupt: no half-written run is left behind
        discard_run(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, DxError):
            raise output_error(out, exc) from exc
        raise
    finally:
        if owned:  # every kernel is gone when the run returns (or fails)
            runner.close()


def _newest(as_of: str | None, files: Sequence[str], plan: Sequence[Job]) -> dict[str, str] | None:
    """The newest figure of the run's data (the index's date of the data); ``None`` where it cannot be read."""
    first = plan[0].parameters
    sheet = first.get("data_sheet") or None
    try:
        return newest_figure(as_of, files, decimal=str(first.get("data_decimal") or "."), sheet=sheet)
    except DxError:  # the notebooks have said what is wrong with the files; the index then names no date
        return None


def _to_stderr(text: str) -> None:
    print(text, file=sys.stderr)
