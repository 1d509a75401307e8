"""What a Dask worker does for a report run: the kernels' :class:`KernelPlugin` and the task it runs,
:func:`execute_payloads`; and what the client sends it, a :class:`Payload` a notebook.

A :class:`Payload` carries everything the notebook needs (no shared filesystem is assumed): the notebook's bytes, its
parameters, and the user's data files (the ``data`` parameter's files, and the WDI and OWID metadata read from beside
them: a :class:`DataBundle`) by content and SHA-256. On the worker, :class:`KernelPlugin` (a Dask ``WorkerPlugin``)
holds one :class:`~.kernels.KernelWorker` per worker thread: started on the thread's first notebook, pinned to the
worker's own interpreter (:func:`~.kernels.ensure_kernelspec`), reused and reset between notebooks exactly as
locally, shut down with the worker. The worker writes the data files to a private cache keyed by their hash (keeping
their names), points the ``data`` parameter there, runs the notebook into a private folder, writes its
``report.html`` and sends back the :class:`~.executors.Outcome` with every file it made. A worker whose
:func:`package_identity` is not the payload's refuses the notebook: a failed outcome saying both, never a result
computed by other code.

The client's side, which sends the payloads and writes what comes back, is :mod:`dxanalysis.reports.cluster`; both
are imported only for a run on a cluster.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import distributed
from distributed import WorkerPlugin

from dxanalysis._util import write_atomic
from dxanalysis.data import data_parameter, data_paths
from dxanalysis.data.publishers import owid_metadata_path, wdi_metadata_path
from dxanalysis.reports.executors import Outcome, Task
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
    "PLUGIN_NAME",
    "DataBundle",
    "KernelPlugin",
    "Payload",
    "as_sent",
    "execute_payloads",
    "make_payload",
    "package_identity",
    "remove_stale_caches",
    "worker_identity",
]

#: The name the kernels' worker plugin is registered under.
PLUGIN_NAME = "dxanalysis-kernels"


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
    write_atomic(path, content)


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


def as_sent(bundle: DataBundle) -> DataBundle:
    """A user's file as a task's result on the cluster: sent once, kept by the scheduler with the task (so a worker's
    death loses nothing: the task runs again), and fetched by each worker whose notebooks need it."""
    return bundle


def worker_identity(dask_worker: Any) -> str | None:
    """The worker's :func:`package_identity`, as its kernels' plugin found it; ``None`` without the plugin."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return getattr(plugin, "identity", None)
