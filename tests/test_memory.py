"""The local runner's memory stays flat over many notebooks (issue 17: it grew by about 6 MB a notebook).

papermill makes a kernel client per notebook and, on a kernel it does not own, never stops its channels: each
notebook left a heartbeat thread and a ZeroMQ context (two native threads) behind, and their memory with them.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from pathlib import Path

import pytest

from dxanalysis.reports import kernels
from dxanalysis.reports.executors import LocalExecutor, Outcome, Progress, Task

FX = Path(__file__).parent / "fixtures" / "notebooks"

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")


def threads() -> list[str]:
    """The names of this process's native threads (ZeroMQ names its own ``ZMQbg/...``)."""
    names = []
    for tid in os.listdir("/proc/self/task"):
        try:
            names.append(Path(f"/proc/self/task/{tid}/comm").read_text().strip())
        except OSError:  # a thread that ended meanwhile
            continue
    return names


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def test_a_reused_kernel_leaves_no_client_threads_behind_its_notebooks(tmp_path):
    kernels.ensure_kernelspec()
    worker = kernels.KernelWorker()
    try:
        counts = []
        for i in range(8):
            execution, _ = worker.run(FX / "probe.ipynb", {"x": i}, tmp_path / f"p{i}")
            assert execution.status == "ok"
            counts.append(len(threads()))
        zmq = [name for name in threads() if name.startswith("ZMQbg")]
    finally:
        worker.close()
    # before the fix: three more native threads a notebook (a heartbeat thread, a context's I/O and reaper threads)
    assert counts[-1] - counts[0] <= 1, counts
    assert len(zmq) <= 2, zmq  # at most the kernel manager's own context
    assert worker.km.opened == []  # every client papermill made has been stopped


def test_the_local_executors_memory_does_not_grow_with_the_notebooks(tmp_path, monkeypatch):
    unraisable: list[str] = []  # what the garbage collector could not close, said on the user's terminal
    monkeypatch.setattr(sys, "unraisablehook", lambda u: unraisable.append(f"{u.exc_type.__name__}: {u.exc_value}"))
    n, settle = 30, 10  # the first notebooks fill caches (imports, templates): measured after them
    samples: list[float] = []

    class Sampling(Progress):
        def finish(self, outcome: Outcome) -> None:
            super().finish(outcome)
            assert outcome.status == "ok", outcome.text()
            samples.append(rss_mb())

    tasks = [Task(f"p{i}", str(FX / "probe.ipynb"), {"x": i}, f"P{i}", str(tmp_path / f"p{i}")) for i in range(n)]
    executor = LocalExecutor(jobs=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        executor.run(tasks, Sampling(n, False, lambda _: None))
        executor.close()
        gc.collect()
    # the worker threads' event loops are closed as the threads end (the sockets closed above once kept them alive)
    assert [str(w.message) for w in caught if "event loop" in str(w.message)] == [] and unraisable == []
    assert len(samples) == n and all((tmp_path / t.slug / "report.html").exists() for t in tasks)
    per_notebook = (samples[-1] - samples[settle - 1]) / (n - settle)
    # before the fix about 6 MB a notebook on one worker; after it 0.0 (a megabyte is left for the allocator's moods)
    assert per_notebook < 1.0, f"{per_notebook:.2f} MB a notebook: {[round(s) for s in samples]}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
