"""Where a plan's notebooks execute: the executor seam, and the local executor (threads over reused kernels).

An :class:`Executor` is given the notebooks to run as :class:`Task` objects and gives back one :class:`Outcome`
each; both are plain, picklable data, so an executor may run the notebooks in other processes or on other machines.
Everything else of a run (the plan, the parameter checks, the fingerprints and reuse, the run folder, the manifest,
the index, the workbook) is the runner's and the same whatever the executor. :data:`EXECUTORS` names the executors
``run_report(executor=...)`` and the command line can choose by name.

The contract of ``run(tasks, progress)``:

- every task's files end up in its ``folder`` (a folder of the run being written, on the runner's machine):
  ``notebook.ipynb`` as executed, ``report.html``, and what the notebook saves there (``figures/``, ``tables/``,
  ``headline.txt``);
- a notebook that fails is an outcome with ``status="failed"`` (never an exception), and the others still run;
- ``progress.start(task)`` (optional) and ``progress.finish(outcome)`` are called as notebooks start and end, from
  any thread;
- ``close()`` releases what the executor holds (the local one waits for its kernels to end); the runner calls it once
  the run's last files are written, for an executor it made from a name;
- an interrupt (``KeyboardInterrupt``, or the command line's SIGTERM) in ``run`` leaves nothing running: the local
  executor takes no further notebook, shuts down every kernel and removes their sockets before it lets the
  interrupt through.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dxanalysis.errors import DxError
from dxanalysis.reports.export import HtmlExporter
from dxanalysis.reports.kernels import (
    KernelWorker,
    close_all,
    close_thread_loop,
    ensure_kernelspec,
    remove_stale_sockets,
)

__all__ = [
    "EXECUTORS",
    "Executor",
    "LocalExecutor",
    "Outcome",
    "Progress",
    "Task",
    "configured_scheduler",
    "dask_executor",
    "failure_text",
    "make_executor",
]


@dataclass(frozen=True)
class Task:
    """One notebook to execute: the notebook file, its parameters, and the folder its files go to.

    >>> Task("probe", "/nb/probe.ipynb", {"x": 5}, "Probe", "/out/.tmp-r/probe").folder
    '/out/.tmp-r/probe'
    """

    slug: str
    notebook: str
    parameters: dict[str, Any]
    title: str
    folder: str
    show_code: bool = False


@dataclass
class Outcome:
    """How a task went: ``ok`` or ``failed``, when it started, how long it took; for a failure papermill's structured
    account (``ename``, ``evalue``, the failing ``cell`` when one failed); ``notes`` on its report files.

    >>> Outcome("probe", "failed", None, 0.0, "DxError", "the kernel could not be prepared").cell is None
    True
    """

    slug: str
    status: str
    started: str | None
    duration: float
    ename: str | None = None
    evalue: str | None = None
    cell: int | None = None
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The one line said for it in a log: its failure and its notes."""
        return failure_text(asdict(self)) or ""


def failure_text(job: Mapping[str, Any]) -> str | None:
    """The one line said for a job's failure and for the problems met writing its files (None when there are none);
    a job recorded with no structured failure keeps its own ``error``.

    >>> failure_text({"ename": "ValueError", "evalue": "deliberately broken", "cell": 3, "notes": []})
    'ValueError: deliberately broken (cell 3 of the executed notebook)'
    """
    parts = []
    if job.get("ename"):
        where = f" (cell {job['cell']} of the executed notebook)" if job.get("cell") is not None else ""
        parts.append(f"{job['ename']}: {job.get('evalue') or ''}{where}")
    parts += [f"[{note}]" for note in job.get("notes") or []]
    return " ".join(parts) if parts else job.get("error")


class Executor(Protocol):
    """What runs a plan's notebooks (see the module's description of the contract)."""

    def run(self, tasks: Sequence[Task], progress: Progress) -> list[Outcome]: ...

    def close(self) -> None: ...


class Progress:
    """A progress bar (default: when the output is a terminal), or one log line per notebook.

    >>> lines = []
    >>> p = Progress(1, False, lines.append)
    >>> p.finish(Outcome("probe", "ok", None, 1.25))
    >>> lines
    ['[1/1] ok     probe (1.2 s)']
    """

    def __init__(self, total: int, bar: bool | None, say: Callable[[str], None]):
        self.total, self.say = total, say
        self.done = self.failed = self.running = 0
        self._lock = threading.Lock()
        self._bar = None
        if sys.stderr.isatty() if bar is None else bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc="notebooks", unit="nb", file=sys.stderr)

    def start(self, task: Task) -> None:
        with self._lock:
            self.running += 1

    def finish(self, outcome: Outcome) -> None:
        with self._lock:
            self.done += 1
            self.running = max(0, self.running - 1)
            self.failed += outcome.status == "failed"
            try:
                if self._bar is not None:
                    self._bar.set_postfix(failed=self.failed, running=self.running)
                    self._bar.update(1)
                else:
                    mark = "ok" if outcome.status == "ok" else "FAILED"
                    text = outcome.text()
                    self.say(
                        f"[{self.done}/{self.total}] {mark:6s} {outcome.slug} ({outcome.duration:.1f} s)"
                        + (f": {text}" if text else "")
                    )
            except Exception:  # a progress line that cannot be written loses nothing of the run
                traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


class LocalExecutor:
    """The notebooks on ``jobs`` threads of this process, each driving one kernel reused from notebook to notebook
    (wiped clean between them), pinned to this interpreter; one more thread writes each notebook's HTML while the
    kernels go on. A worker whose kernel dies gets a new one for its next notebook.

    >>> LocalExecutor(jobs=2).jobs
    2
    """

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or os.cpu_count() or 1
        self._closing: list[threading.Thread] = []
        self._stop = threading.Event()

    def run(self, tasks: Sequence[Task], progress: Progress) -> list[Outcome]:
        """Execute the tasks (in the order given, ``jobs`` at a time); kernels start shutting down when done."""
        ensure_kernelspec()
        remove_stale_sockets()
        self._stop.clear()
        work: queue.Queue[Task] = queue.Queue()
        for task in tasks:
            work.put(task)
        exports: queue.Queue[tuple[Task, Outcome, Any] | None] = queue.Queue()
        outcomes: list[Outcome] = []
        writer = threading.Thread(target=self._exporter, args=(exports, outcomes, progress), daemon=True)
        writer.start()
        threads = [
            threading.Thread(target=self._worker, args=(work, exports, progress), daemon=True)
            for _ in range(max(1, min(self.jobs, len(tasks))))
        ]
        for t in threads:
            t.start()
        try:
            for t in threads:
                t.join()
            exports.put(None)
            writer.join()
        except BaseException:  # interrupted: no further notebook starts, and no kernel is left running
            self._abort(work, threads)
            raise
        return outcomes

    def _abort(self, work: queue.Queue[Task], threads: Sequence[threading.Thread]) -> None:
        self._stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                work.get_nowait()
        close_all()  # the workers' papermill calls then fail at once, and their threads end
        for t in threads:
            t.join(timeout=5)
        close_all()  # a kernel a worker was starting at that moment
        self.close()

    def close(self) -> None:
        """Wait until every kernel is shut down."""
        while self._closing:
            self._closing.pop().join()

    def _worker(
        self, work: queue.Queue[Task], exports: queue.Queue[tuple[Task, Outcome, Any] | None], progress: Progress
    ) -> None:
        w: KernelWorker | None = None
        try:
            while not self._stop.is_set():
                try:
                    task = work.get_nowait()
                except queue.Empty:
                    return
                progress.start(task)
                outcome, executed = Outcome(task.slug, "failed", None, 0.0), None
                try:
                    if w is None:
                        w = KernelWorker()
                    execution, executed = w.run(Path(task.notebook), task.parameters, Path(task.folder))
                    fields = asdict(execution)
                    fields.pop("broken")
                    outcome = Outcome(task.slug, **fields)
                except Exception as exc:  # the kernel would not start: this job fails, the others go on
                    outcome.ename, outcome.evalue = type(exc).__name__, str(exc)
                    traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None
                    if w is not None:
                        w.broken = True
                finally:
                    exports.put((task, outcome, executed))  # its HTML is written while the kernel goes on
                if w is not None and w.broken:
                    w.close()
                    w = None
        finally:
            if w is not None:  # shut down while the run's last files are written (not a daemon: it always finishes)
                closer = threading.Thread(target=_shut_down, args=(w,), name="dx-kernel-shutdown", daemon=False)
                closer.start()
                self._closing.append(closer)
            close_thread_loop()  # the loop papermill ran this thread's notebooks on

    @staticmethod
    def _exporter(
        exports: queue.Queue[tuple[Task, Outcome, Any] | None], outcomes: list[Outcome], progress: Progress
    ) -> None:
        exporters: dict[bool, HtmlExporter | str] = {}
        while (item := exports.get()) is not None:
            task, outcome, executed = item
            if task.show_code not in exporters:
                try:
                    exporters[task.show_code] = HtmlExporter(task.show_code)
                except Exception as exc:  # no HTML at all: said on every notebook, whose own results still stand
                    exporters[task.show_code] = f"HTML export failed: {type(exc).__name__}: {exc}"
            exporter = exporters[task.show_code]
            if isinstance(exporter, str):
                outcome.notes.append(exporter)
            else:
                try:
                    outcome.notes += exporter.export(Path(task.folder), task.title, executed)
                except Exception as exc:  # one notebook's report could not be written: said on it, the others go on
                    outcome.notes.append(f"report files: {type(exc).__name__}: {exc}")
            outcomes.append(outcome)
            progress.finish(outcome)


def _shut_down(worker: KernelWorker) -> None:
    worker.close()
    close_thread_loop()


def configured_scheduler() -> tuple[str | None, str]:
    """The Dask scheduler Dask's own setting ``scheduler-address`` names (the ``DASK_SCHEDULER_ADDRESS`` variable, or
    Dask's configuration files), and where it was found; ``(None, "")`` when it names none. ``dask`` is imported for
    its configuration only (not ``distributed``).

    >>> import os
    >>> saved = os.environ.pop("DASK_SCHEDULER_ADDRESS", None)
    >>> os.environ["DASK_SCHEDULER_ADDRESS"] = "tcp://10.0.0.5:8786"
    >>> configured_scheduler()
    ('tcp://10.0.0.5:8786', 'DASK_SCHEDULER_ADDRESS')
    >>> del os.environ["DASK_SCHEDULER_ADDRESS"]
    >>> import dask
    >>> with dask.config.set({"scheduler-address": "tcp://10.0.0.6:8786"}):
    ...     configured_scheduler()
    ('tcp://10.0.0.6:8786', "Dask's configuration")
    >>> os.environ.update({"DASK_SCHEDULER_ADDRESS": saved} if saved else {})
    """
    if os.environ.get("DASK_SCHEDULER_ADDRESS"):  # as it is now (Dask reads its variables once, when imported)
        return os.environ["DASK_SCHEDULER_ADDRESS"], "DASK_SCHEDULER_ADDRESS"
    import dask.config

    configured = dask.config.get("scheduler-address", None)
    return (str(configured), "Dask's configuration") if configured else (None, "")


def dask_executor(jobs: int | None) -> Executor:
    """The notebooks on a Dask cluster (:class:`~dxanalysis.reports.cluster.DaskExecutor`): the scheduler Dask's own
    setting names (``DASK_SCHEDULER_ADDRESS``), else a ``LocalCluster`` of ``jobs`` workers started for the run.

    >>> dask_executor(2).jobs  # doctest: +SKIP
    2
    """
    from dxanalysis.reports.cluster import DaskExecutor, cluster_address  # distributed only for a run on a cluster

    return DaskExecutor(cluster_address(None)[0], jobs)


#: The executors ``run_report(executor=...)`` knows by name: name -> a maker taking the number of workers.
EXECUTORS: dict[str, Callable[[int | None], Executor]] = {"local": LocalExecutor, "dask": dask_executor}


def make_executor(executor: Executor | str, jobs: int | None) -> tuple[Executor, bool]:
    """The executor ``executor`` names (made with ``jobs`` workers; then ``True``: the caller closes it), or the
    executor given itself (``False``: its owner closes it).

    >>> make_executor("local", 2)[0].jobs
    2
    """
    if not isinstance(executor, str):
        return executor, False
    if executor not in EXECUTORS:
        raise DxError(f"no executor {executor!r}; accepted: {', '.join(EXECUTORS)}")
    return EXECUTORS[executor](jobs), True
