"""The plan's notebooks on a Dask cluster: :class:`DaskExecutor`, the same seam as the local executor.

Only where a notebook executes changes: the plan, the parameter checks, the fingerprints and reuse, the run folder,
the manifest, the index and the workbook stay the runner's. The executor sends each :class:`~.executors.Task` to the
cluster as a :class:`~.workers.Payload` that carries everything the notebook needs (no shared filesystem is assumed),
run on a worker by the kernels' plugin (:mod:`dxanalysis.reports.workers`). Each of the user's data files is read
once a run and sent to the cluster once, as a task of its own whose result every notebook that names it is handed
(the scheduler keeps the task, so a worker's death loses no file: Dask runs it again), not once a notebook. The
client writes each notebook's files into the task's folder inside the run's temporary folder (so the runner's atomic
move still holds).

- A worker whose dxanalysis (its version, code and shipped data: :func:`~.workers.package_identity`) is not the
  client's, or that has none, stops the run before any notebook is sent (:class:`~dxanalysis.errors.ClusterError`,
  naming the worker); one that joins later refuses each notebook.
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

``distributed`` is imported only by this module and :mod:`~dxanalysis.reports.workers`, which the runner imports
only for a run on a cluster (an import-linter contract keeps it out of the data, analysis and present rooms).
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import importlib.util
import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import dask
import distributed

from dxanalysis._version import __version__
from dxanalysis.errors import ClusterError
from dxanalysis.reports.executors import Outcome, Progress, Task, configured_scheduler
from dxanalysis.reports.workers import (
    PLUGIN_NAME,
    DataBundle,
    KernelPlugin,
    as_sent,
    execute_payloads,
    make_payload,
    package_identity,
    worker_identity,
)

__all__ = [
    "CHUNKS_PER_THREAD",
    "CHUNK_MAX",
    "LOCAL",
    "LOCAL_CLUSTER_CONFIG",
    "DaskExecutor",
    "chunk_size",
    "cluster_address",
    "local_cluster_config",
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


def chunk_size(waiting: int, threads: int) -> int:
    """How many of the ``waiting`` notebooks the next task carries, on a cluster of ``threads`` worker threads: as
    many as leave at least :data:`CHUNKS_PER_THREAD` tasks per thread, at most :data:`CHUNK_MAX`, at least one.

    >>> [chunk_size(n, 2) for n in (1000, 64, 63, 32, 31, 10)]
    [4, 4, 3, 2, 1, 1]
    """
    return max(1, min(CHUNK_MAX, waiting // (CHUNKS_PER_THREAD * max(1, threads))))


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
            identities = self.client.run(worker_identity)
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
                sent[b.key] = client.submit(as_sent, b, key=f"dxanalysis-data-{b.key[:16]}", pure=False)
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


def _has_bokeh() -> bool:
    return importlib.util.find_spec("bokeh") is not None


def _dashboard(client: Any) -> str:
    try:  # the scheduler's HTTP server answers in any case; the dashboard is there when it has bokeh
        link = client.dashboard_link if client.run_on_scheduler(_has_bokeh) else None
    except Exception:
        link = None
    return f"dashboard {link}" if link else "no dashboard (it needs bokeh installed beside the scheduler)"
