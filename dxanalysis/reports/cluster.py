"""The plan's notebooks on a Dask cluster: :class:`DaskExecutor`, the same seam as the local executor.

Only where a notebook executes changes: the plan, the parameter checks, the fingerprints and reuse, the run folder,
the manifest, the index and the workbook stay the runner's. The executor sends each :class:`~.executors.Task` to the
cluster as a :class:`Payload` that carries everything the notebook needs (no shared filesystem is assumed): the
notebook's bytes, its parameters, and the user's data files (the ``data`` parameter's files, and the WDI and OWID
metadata read from beside them) by content and SHA-256. Each of those files is read once a run and sent to the
cluster once, as a task of its own whose result every notebook that names it is handed (the scheduler keeps the
task, so a worker's death loses no file: Dask runs it again), not once a notebook. On the worker,
:class:`KernelPlugin` (a Dask ``WorkerPlugin``) holds one :class:`~.kernels.KernelWorker` per worker thread: started
on the thread's first notebook, pinned to the worker's own interpreter (:func:`~.kernels.ensure_kernelspec`), reused
and reset between notebooks exactly as locally, shut down with the worker. The worker writes the data files to a
private cache keyed by their hash (keeping their names), points the ``data`` parameter there, runs the notebook into
a private folder, writes its ``report.html`` and sends back the :class:`~.executors.Outcome` with every file it
made; the client writes them into the task's folder inside the run's temporary folder (so the runner's atomic move
still holds).

- A worker whose dxanalysis (its version, code and shipped data: :func:`package_identity`) is not the client's, or
  that has none, stops the run before any notebook is sent (:class:`~dxanalysis.errors.ClusterError`, naming the
  worker); one that joins later refuses each notebook: a failed outcome saying both, never a result computed by
  other code.
- The executor keeps as many tasks on the cluster as it has worker threads (the next is sent as one ends), so the
  scheduler never holds a thousand payloads, and a worker's death counts against the task it was running, not
  against a queue of others waiting on it (Dask counts a death against every task assigned to the worker).
- A task is one notebook, or in a large plan a few (:func:`chunk_size`: up to :data:`CHUNK_MAX`, run one after
  the other on the thread's kernel, reset between them as always): each Dask task costs the scheduler, the worker
  and the client a few milliseconds of CPU, which on a machine of few cores the kernels lack. The chunks shrink to
  one notebook as the plan's end nears, so the workers finish together, and a small plan is never cut. One
  notebook's error fails that notebook alone; the notebooks of a chunk that failed as a whole (its worker died, its
  payload did not reach the worker) are sent again one by one, so only the notebook at fault fails.
- A worker that dies mid-notebook: the scheduler gives the notebook to another worker. ``--cluster local`` allows
  one retry (``distributed.scheduler.allowed-failures`` = 1), so a notebook whose worker died twice is a failed
  outcome and the run goes on; on an existing cluster its scheduler's own setting governs (Dask's default is 3).
- An interrupt cancels every notebook not yet done, closes a cluster the executor started, and lets the interrupt
  through (the runner then discards its temporary folder).
- The ``LocalCluster`` it starts has :data:`LOCAL_CLUSTER_CONFIG`: less of Dask's periodic work, which on two cores
  competes with the kernels.

``distributed`` is imported only by this module, which the runner imports only for a run on a cluster.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import hashlib
import importlib.util
import logging
import os
import shutil
import sys
import tempfile
import threading
import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import dask
import distributed
from distributed import WorkerPlugin

from dxanalysis._version import __version__
from dxanalysis.data import data_parameter, data_paths
from dxanalysis.data.publishers import owid_metadata_path, wdi_metadata_path
from dxanalysis.errors import ClusterError
from dxanalysis.reports.executors import Outcome, Progress, Task, configured_scheduler
from dxanalysis.reports.export import HtmlExporter
from dxanalysis.reports.fingerprints import data_fingerprint, package_fingerprint
from dxanalysis.reports.kernels import (
    KernelWorker,
    close_all,
    ensure_kernelspec,
    remove_dead_folders,
    remove_stale_sockets,
)

__all__ = [
    "CACHE_PREFIX",
    "CHUNKS_PER_THREAD",
    "CHUNK_MAX",
    "LOCAL",
    "LOCAL_CLUSTER_CONFIG",
    "PLUGIN_NAME",
    "DaskExecutor",
    "DataBundle",
    "KernelPlugin",
    "Payload",
    "chunk_size",
    "cluster_address",
    "execute_payloads",
    "local_cluster_config",
    "make_payload",
    "package_identity",
    "remove_stale_caches",
]

#: The ``--cluster`` address of a ``LocalCluster`` on this machine, started and closed by the executor.
LOCAL = "local"

#: The most notebooks one Dask task runs, and how many tasks per worker thread a plan must still have left before
#: its notebooks are sent more than one a task (see :func:`chunk_size`).
CHUNK_MAX, CHUNKS_PER_THREAD = 4, 8

#: Dask's configuration for the ``LocalCluster`` the executor starts (a cluster of your own keeps its own, and so do
#: the settings you gave Dask yourself: :func:`local_cluster_config`): one retry
#: elsewhere for a notebook whose worker died, and less of Dask's periodic work, which on a machine of few cores
#: competes with the kernels for the CPU (measured in ``benchmarks/bench_cluster.py``: 6-9 ms of CPU a notebook, 3-5 %
#: of a run on two cores). The executor keeps one task per worker thread, so there is nothing to steal; a
#: notebook runs in its kernel, so the worker's sampling profiler would only see it wait; the event loop's health,
#: the system monitor (the dashboard's CPU and memory plots) and the worker's memory limits are checked less often
#: (every 0.5, 2 and 1 s instead of 20 ms, 0.5 s and 100 ms).
LOCAL_CLUSTER_CONFIG = {
    "distributed.scheduler.allowed-failures": 1,
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
#: The name the kernels' worker plugin is registered under.
PLUGIN_NAME = "dxanalysis-kernels"


def local_cluster_config() -> dict[str, Any]:
    """:data:`LOCAL_CLUSTER_CONFIG` but for the settings the user gave Dask (a configuration file, a ``DASK_``
    variable, ``dask.config.set``) at a value other than Dask's default: those are the user's to keep.

    >>> with dask.config.set({"distributed.scheduler.allowed-failures": 5}):
    ...     "distributed.scheduler.allowed-failures" in local_cluster_config()
    False
    >>> local_cluster_config() == LOCAL_CLUSTER_CONFIG
    True
    """
    defaults = dask.config.merge(*dask.config.defaults)
    return {
        key: value
        for key, value in LOCAL_CLUSTER_CONFIG.items()
        if dask.config.get(key, None) == dask.config.get(key, None, config=defaults)
    }


def cluster_address(address: str | None) -> tuple[str, str]:
    """The cluster to use and where that choice came from: ``address`` itself, else Dask's own setting
    ``scheduler-address`` (the ``DASK_SCHEDULER_ADDRESS`` variable, or Dask's configuration), else a local cluster.

    >>> cluster_address("tcp://10.0.0.5:8786")
    ('tcp://10.0.0.5:8786', 'given')
    """
    if address:
        return address, "given"
    configured, origin = configured_scheduler()
    return (configured, origin) if configured else (LOCAL, "default")


def package_identity() -> str:
    """What a worker must share with the client to compute the same results: dxanalysis's version, a hash of its
    code and shipped tables, and a hash of the package's data files.

    >>> package_identity().startswith("dxanalysis ")
    True
    """
    return f"dxanalysis {package_fingerprint()}, data {data_fingerprint()}"


@dataclass(frozen=True)
class DataBundle:
    """One of the user's data files and the publisher's metadata beside it, by name and content; ``key`` is the
    SHA-256 of them all (the folder they are written to on a worker, so a changed byte is a new folder).

    >>> b = DataBundle.read(Path(__file__))
    >>> b.names == (Path(__file__).name,) and len(b.key) == 64
    True
    """

    names: tuple[str, ...]
    contents: tuple[bytes, ...]
    key: str

    @classmethod
    def read(cls, path: Path) -> DataBundle:
        """The file at ``path`` with its WDI or OWID metadata file, when one sits beside it."""
        files = [path, *(p for p in (wdi_metadata_path(path), owid_metadata_path(path)) if p != path and p.is_file())]
        contents = tuple(p.read_bytes() for p in files)
        digest = hashlib.sha256()
        for p, content in zip(files, contents, strict=True):
            digest.update(f"{p.name}\0{hashlib.sha256(content).hexdigest()}\0".encode())
        return cls(tuple(p.name for p in files), contents, digest.hexdigest())


@dataclass(frozen=True)
class Payload:
    """What a worker is sent for one task: the task, its notebook's bytes, the user's data files, the user's targets
    file (a province page's ``targets`` parameter, when it names a file), and the client's :func:`package_identity`.

    >>> Payload(Task("probe", "/nb/probe.ipynb", {"x": 5}, "Probe", "/out/probe"), b"{}", (), "dxanalysis 1").data
    ()
    """

    task: Task
    notebook: bytes
    data: tuple[DataBundle, ...]
    identity: str
    targets: DataBundle | None = None


def make_payload(
    task: Task,
    identity: str,
    read: Callable[[Path], bytes] = Path.read_bytes,
    bundle: Callable[[Path], DataBundle] = DataBundle.read,
) -> Payload:
    """The payload of ``task``: its notebook (``read``) and the files of its ``data`` parameter (and of ``targets``
    where it names a file; ``bundle``), read on this machine.

    >>> import dxanalysis.reports as r
    >>> p = make_payload(Task("s", str(r.notebook_path("scenarios.ipynb")), {}, "S", "/out/s"), "id")
    >>> p.notebook[:1], p.data
    (b'{', ())
    """
    files = data_paths(str(task.parameters.get("data") or ""))
    targets = task.parameters.get("targets")
    own = bundle(Path(targets)) if isinstance(targets, str) and targets and Path(targets).is_file() else None
    return Payload(task, read(Path(task.notebook)), tuple(bundle(Path(f)) for f in files), identity, own)


def _write_once(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` unless it is there (atomically: a concurrent writer never sees half a file)."""
    if path.is_file():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    part.write_bytes(content)
    os.replace(part, path)


class KernelPlugin(WorkerPlugin):
    """On each Dask worker: one reused kernel per worker thread, a private cache of the notebooks and data files it
    was sent, and the worker's :func:`package_identity`.

    >>> KernelPlugin().name
    'dxanalysis-kernels'
    """

    name = PLUGIN_NAME
    idempotent = True  # registered again by a second run's client: the worker keeps its kernels

    def setup(self, worker: Any = None) -> None:
        ensure_kernelspec()  # the kernel is this worker's own interpreter, whatever kernels its machine has
        remove_stale_sockets()  # those of a worker that was killed here before
        remove_stale_caches()
        self.root = Path(tempfile.mkdtemp(prefix=f"{CACHE_PREFIX}{os.getpid()}-"))
        self.identity = package_identity()
        self._kernels: dict[int, KernelWorker] = {}
        self._exporters: dict[tuple[int, bool], HtmlExporter] = {}
        self._lock = threading.Lock()
        self.notebooks = 0  # executed on this worker, refused ones not counted

    def teardown(self, worker: Any = None) -> None:
        with self._lock:
            kernels, self._kernels = list(self._kernels.values()), {}
        for kernel in kernels:
            kernel.close()
        close_all()
        shutil.rmtree(self.root, ignore_errors=True)

    def execute(self, payload: Payload) -> tuple[Outcome, dict[str, bytes]]:
        """Run the payload's notebook on this thread's kernel; its outcome and every file it made, by relative path."""
        task = payload.task
        outcome = Outcome(task.slug, "failed", None, 0.0)
        if payload.identity != self.identity:
            outcome.ename = "DxError"
            outcome.evalue = (
                f"this worker's package is not the client's (worker: {self.identity}; client: {payload.identity}): "
                f"install the same dxanalysis on every worker"
            )
            return outcome, {}
        work = Path(tempfile.mkdtemp(prefix="run-", dir=self.root))
        try:
            digest = hashlib.sha256(payload.notebook).hexdigest()
            notebook = self.root / "notebooks" / digest / Path(task.notebook).name
            _write_once(notebook, payload.notebook)
            parameters = dict(task.parameters)
            if payload.data:  # the cached copies, one per line as the runner writes them
                parameters["data"] = data_parameter(self._cached(bundle) for bundle in payload.data)
            if payload.targets is not None:  # the province's own targets, by content too
                parameters["targets"] = str(self._cached(payload.targets))
            folder = work / task.slug
            thread = threading.get_ident()
            try:
                kernel = self._kernels.get(thread) or self._start_kernel(thread)
                execution, executed = kernel.run(notebook, parameters, folder)
                with self._lock:
                    self.notebooks += 1
                fields = asdict(execution)
                fields.pop("broken")
                outcome = Outcome(task.slug, **fields)
                if kernel.broken:  # the next notebook of this thread gets a new kernel
                    with self._lock:
                        self._kernels.pop(thread, None)
                    kernel.close()
            except Exception as exc:  # the kernel would not start: this notebook fails, the others go on
                outcome.ename, outcome.evalue = type(exc).__name__, str(exc)
                traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None
                return outcome, _files(folder)
            try:
                outcome.notes += self._exporter(thread, task.show_code).export(folder, task.title, executed)
            except Exception as exc:  # no HTML: said on the notebook, whose own results still stand
                outcome.notes.append(f"HTML export failed: {type(exc).__name__}: {exc}")
            return outcome, _files(folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _start_kernel(self, thread: int) -> KernelWorker:
        kernel = KernelWorker()
        with self._lock:
            self._kernels[thread] = kernel
        return kernel

    def _exporter(self, thread: int, show_code: bool) -> HtmlExporter:
        if (thread, show_code) not in self._exporters:
            self._exporters[thread, show_code] = HtmlExporter(show_code)
        return self._exporters[thread, show_code]

    def _cached(self, bundle: DataBundle) -> Path:
        folder = self.root / "data" / bundle.key
        for name, content in zip(bundle.names, bundle.contents, strict=True):
            _write_once(folder / name, content)
        return folder / bundle.names[0]


#: The prefix of a worker's private folder (its cache and its notebooks' folders) in the temporary directory,
#: followed by the worker's process id.
CACHE_PREFIX = "dxanalysis-worker-"


def remove_stale_caches() -> list[Path]:
    """Remove the private folders of workers that no longer run (killed with no chance to clean up); returns them.

    >>> isinstance(remove_stale_caches(), list)
    True
    """
    return remove_dead_folders(CACHE_PREFIX)


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def chunk_size(waiting: int, threads: int) -> int:
    """How many of the ``waiting`` notebooks the next task carries, on a cluster of ``threads`` worker threads: as
    many as leave at least :data:`CHUNKS_PER_THREAD` tasks per thread, at most :data:`CHUNK_MAX`, at least one.

    >>> [chunk_size(n, 2) for n in (1000, 64, 63, 32, 31, 10)]
    [4, 4, 3, 2, 1, 1]
    """
    return max(1, min(CHUNK_MAX, waiting // (CHUNKS_PER_THREAD * max(1, threads))))


def execute_payloads(
    payloads: Sequence[Payload],
    data: Sequence[Sequence[DataBundle]] = (),
    targets: Sequence[DataBundle | None] = (),
) -> list[tuple[Outcome, dict[str, bytes]]]:
    """The task a Dask worker runs: each payload's notebook in turn on this thread's kernel (:class:`KernelPlugin`),
    its outcome and files; ``data`` and ``targets``, when given, are each payload's files (sent to the cluster once,
    as tasks of their own, and handed over by Dask).

    >>> execute_payloads([make_payload(Task("s", __file__, {}, "S", "/out/s"), "id")])  # doctest: +SKIP
    """
    plugin = distributed.get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, KernelPlugin)
    results = []
    for i, payload in enumerate(payloads):
        files = tuple(data[i]) if i < len(data) else ()
        own = targets[i] if i < len(targets) else None
        if files or own is not None:
            payload = dataclasses.replace(payload, data=files, targets=own)
        try:
            results.append(plugin.execute(payload))
        except Exception as exc:  # e.g. the worker's disk is full: this notebook fails, the chunk's others stand
            traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None
            outcome = Outcome(payload.task.slug, "failed", None, 0.0, type(exc).__name__, str(exc))
            results.append((outcome, {}))
    return results


def _as_sent(bundle: DataBundle) -> DataBundle:
    """A user's file as a task's result on the cluster: sent once, kept by the scheduler with the task (so a worker's
    death loses nothing: the task runs again), and fetched by each worker whose notebooks need it."""
    return bundle


@dataclass
class DaskExecutor:
    """The notebooks on a Dask cluster: ``address`` ``"local"`` starts a ``LocalCluster`` of ``jobs`` worker
    processes (one thread, so one kernel, each) on its first run and closes it with :meth:`close`; a scheduler's
    address (``tcp://host:8786``) uses that cluster as it is, with as many kernels per worker as it has threads.

    >>> DaskExecutor("tcp://127.0.0.1:8786", 2).address
    'tcp://127.0.0.1:8786'
    """

    address: str = LOCAL
    jobs: int | None = None
    timeout: str | float | None = None
    client: Any = field(default=None, init=False, repr=False)
    cluster: Any = field(default=None, init=False, repr=False)
    allowed_failures: int | None = field(default=None, init=False)
    files_sent: int = field(default=0, init=False)  # the user's files the last run sent to the cluster (once each)
    tasks_sent: int = field(default=0, init=False)  # the Dask tasks of the last run's notebooks (see chunk_size)

    def connect(self, say: Callable[[str], None] = lambda _: None) -> Any:
        """The cluster's client (started on first use), with the kernels' plugin on every worker."""
        if self.client is not None:
            return self.client
        timeout = self.timeout or dask.config.get("distributed.comm.timeouts.connect")
        try:
            if self.address == LOCAL:
                dashboard = "127.0.0.1:0"  # the scheduler's HTTP routes; the dashboard itself when bokeh is installed
                with dask.config.set(local_cluster_config()):  # the scheduler and the workers' nannies read it here
                    self.cluster = distributed.LocalCluster(
                        n_workers=self.jobs or os.cpu_count() or 1,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address=dashboard,
                        silence_logs=logging.ERROR,
                    )
                self.client = distributed.Client(self.cluster, set_as_default=False)
            else:
                self.client = distributed.Client(self.address, timeout=timeout, set_as_default=False)
            self._prepare_workers()
            self.allowed_failures = self.client.run_on_scheduler(_allowed_failures)
        except ClusterError:
            self.close()
            raise
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(
                f"the Dask scheduler at {self.address} cannot be reached ({exc}); accepted: the address of a "
                "running scheduler (tcp://host:8786) or 'local'"
            ) from exc
        except RuntimeError as exc:  # a LocalCluster whose workers would not start
            self.close()
            if self.address != LOCAL:
                raise
            raise ClusterError(
                f"the local Dask cluster did not start ({exc}); a script that starts one must guard its own start "
                "with `if __name__ == '__main__':` (its workers are new processes that import it)"
            ) from exc
        except BaseException:
            self.close()
            raise
        say(f"Dask cluster at {self.client.scheduler.address}: {_dashboard(self.client)}")
        if not self.client.nthreads():
            say("the cluster has no worker yet: the notebooks wait for one")
        return self.client

    def _prepare_workers(self) -> None:
        """The kernels' plugin on every worker (and on every worker that joins later: the scheduler keeps it), checked
        on each before any notebook is sent: a worker without the package cannot load it, and a worker whose package
        is not the client's would refuse every notebook (one that joins later still does, notebook by notebook)."""
        mine = package_identity()
        accepted = (
            f"accepted: workers with the client's dxanalysis ({mine}), e.g. pip install "
            f"dxanalysis=={__version__} on each (docs/reports.md, Running on an existing cluster)"
        )
        try:
            self.client.register_plugin(KernelPlugin(), name=PLUGIN_NAME)
            identities = self.client.run(_worker_identity)
        except (OSError, TimeoutError):
            raise
        except Exception as exc:  # a worker without the package: neither the plugin nor the check loads there
            raise ClusterError(
                f"a worker of the Dask cluster at {self.address} cannot load dxanalysis ({exc}); {accepted}"
            ) from exc
        lacking = sorted(worker for worker, identity in identities.items() if identity is None)
        if lacking:
            raise ClusterError(f"the Dask workers at {', '.join(lacking)} have no dxanalysis plugin; {accepted}")
        other = sorted((worker, identity) for worker, identity in identities.items() if identity != mine)
        if other:  # said before a notebook is sent, not as a thousand failed notebooks
            worker, identity = other[0]
            more = f" and {len(other) - 1} more" if len(other) > 1 else ""
            raise ClusterError(
                f"the dxanalysis of the Dask worker at {worker}{more} is not the client's (worker: {identity}); "
                f"{accepted}"
            )

    def run(self, tasks: Sequence[Task], progress: Progress) -> list[Outcome]:
        """Send every task to the cluster (a few notebooks a Dask task in a large plan: :func:`chunk_size`) and write
        each notebook's files into its folder as its task completes."""
        client = self.connect(progress.say)
        identity = package_identity()
        notebooks: dict[Path, bytes] = {}
        bundles: dict[Path, DataBundle] = {}
        sent: dict[str, Any] = {}  # the user's files on the cluster, by content: their futures

        def read(path: Path) -> bytes:  # each notebook file is read once, whatever the plan's size
            if path not in notebooks:
                notebooks[path] = path.read_bytes()
            return notebooks[path]

        def bundle(path: Path) -> DataBundle:  # each of the user's files too
            if path not in bundles:
                bundles[path] = DataBundle.read(path)
            return bundles[path]

        def on_cluster(b: DataBundle) -> Any:  # and sent once, not with every notebook
            if b.key not in sent:
                sent[b.key] = client.submit(_as_sent, b, key=f"dxanalysis-data-{b.key[:16]}", pure=False)
            return sent[b.key]

        waiting = collections.deque(tasks)
        alone: set[str] = set()  # the notebooks of a chunk that failed as a whole: sent again one a task
        pending: dict[Any, list[Task]] = {}
        outcomes: list[Outcome] = []
        self.tasks_sent = 0
        try:
            done = distributed.as_completed([], loop=client.loop)

            def submit() -> None:  # as many tasks on the cluster as it has threads to run them, no more
                threads = max(1, sum(client.nthreads().values()))
                while waiting and len(pending) < threads:
                    chunk = [waiting.popleft()]
                    if chunk[0].slug not in alone:
                        size = chunk_size(len(waiting) + 1, threads)
                        while len(chunk) < size and waiting and waiting[0].slug not in alone:
                            chunk.append(waiting.popleft())
                    payloads = [make_payload(task, identity, read, bundle) for task in chunk]
                    key = f"dxanalysis-{chunk[0].slug}-{uuid.uuid4().hex[:8]}"
                    future = client.submit(
                        execute_payloads,
                        [dataclasses.replace(p, data=(), targets=None) for p in payloads],
                        [tuple(on_cluster(b) for b in p.data) for p in payloads],
                        [on_cluster(p.targets) if p.targets is not None else None for p in payloads],
                        key=key,
                        pure=False,
                    )
                    self.tasks_sent += 1
                    pending[future] = chunk
                    done.add(future)

            submit()
            for future in done:
                chunk = pending.pop(future)
                if future.status == "error" and len(chunk) > 1:  # which notebook of it failed the task: each alone
                    alone.update(task.slug for task in chunk)
                    waiting.extendleft(reversed(chunk))
                    future.release()
                    submit()
                    continue
                submit()  # the next notebooks start while these ones' files are written
                for outcome in self._collect(future, chunk):
                    outcomes.append(outcome)
                    progress.finish(outcome)
                future.release()
        except BaseException:  # interrupted (or the cluster lost): nothing of this run goes on on the cluster
            with contextlib.suppress(Exception):
                client.cancel([*pending, *sent.values()], force=True)
            self.close()
            raise
        self.files_sent = len(sent)
        for future in sent.values():  # the cluster forgets the user's files with the run
            future.release()
        return outcomes

    def _collect(self, future: Any, chunk: Sequence[Task]) -> list[Outcome]:
        """The outcomes of a task's notebooks, each notebook's files written into its folder."""
        try:
            results = future.result()
        except distributed.KilledWorker as exc:
            times = "twice" if self.allowed_failures == 1 else f"{(self.allowed_failures or 0) + 1} times"
            evalue = f"the worker running it died {times} (the scheduler's allowed-failures); {exc}"
            results = [(Outcome(task.slug, "failed", None, 0.0, "KilledWorker", evalue), {}) for task in chunk]
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # the task itself could not run (the payload did not reach the worker; a
            # cancellation on the cluster's side): its notebooks fail, the run goes on
            results = [(Outcome(task.slug, "failed", None, 0.0, type(exc).__name__, str(exc)), {}) for task in chunk]
        return [self._write(outcome, files, task) for (outcome, files), task in zip(results, chunk, strict=True)]

    def _write(self, outcome: Outcome, files: dict[str, bytes], task: Task) -> Outcome:
        folder = Path(task.folder)
        for name, content in files.items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts:  # never outside the task's folder
                outcome.notes.append(f"a file outside the notebook's folder was not written: {name}")
                continue
            path = folder.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return outcome

    def close(self) -> None:
        """Close the client, and the ``LocalCluster`` when this executor started it (its workers' kernels with it)."""
        client, cluster, self.client, self.cluster = self.client, self.cluster, None, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()


def _allowed_failures(dask_scheduler: Any) -> int:
    return int(dask_scheduler.allowed_failures)


def _worker_identity(dask_worker: Any) -> str | None:
    """The worker's :func:`package_identity`, as its kernels' plugin found it; ``None`` without the plugin."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return getattr(plugin, "identity", None)


def _has_bokeh() -> bool:
    return importlib.util.find_spec("bokeh") is not None


def _dashboard(client: Any) -> str:
    try:  # the scheduler's HTTP server answers in any case; the dashboard is there when it has bokeh
        link = client.dashboard_link if client.run_on_scheduler(_has_bokeh) else None
    except Exception:
        link = None
    return f"dashboard {link}" if link else "no dashboard (it needs bokeh installed beside the scheduler)"
