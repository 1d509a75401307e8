"""The notebook kernels: pinned to the running interpreter, reused for several notebooks and wiped clean between them.

The notebooks name the kernel ``dxanalysis``. :func:`ensure_kernelspec` writes that kernel's spec — this very
interpreter running ``ipykernel`` — into a private folder on ``JUPYTER_PATH``, so a report never runs in another
Python, whatever kernels the machine has. A :class:`KernelWorker` holds one kernel and runs notebook after notebook
on it; before each but the first it runs :data:`RESET_CODE`, which forgets every variable, closes every figure and
restores matplotlib's and pandas' settings as they were when the kernel started (:func:`snapshot` / :func:`restore`).

On POSIX a kernel talks over local sockets in a private ``dxk-<pid>-…`` folder of the temporary directory. Nothing
is left behind on any way out: :func:`close_all` (run when an executor is interrupted, and at the interpreter's exit)
shuts down every kernel still alive and removes its folder, and :func:`remove_stale_sockets` removes the folders of
processes that no longer exist (killed with no chance to clean up).
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
import warnings
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxanalysis._util import write_atomic
from dxanalysis.data import use_data
from dxanalysis.errors import DxError

__all__ = [
    "KERNEL_NAME",
    "PRELUDE_CODE",
    "RESET_CODE",
    "RESET_TAG",
    "Execution",
    "KernelWorker",
    "close_all",
    "close_thread_loop",
    "ensure_kernelspec",
    "remove_dead_folders",
    "remove_stale_sockets",
    "restore",
    "snapshot",
]

KERNEL_NAME = "dxanalysis"

#: Run once in a new kernel: the heavy imports (paid once per kernel), and the settings to come back to. The objects
#: alive after the imports (modules, functions, classes) are then frozen out of the garbage collector's reach
#: (``gc.freeze``): every later collection scans only what the notebooks made, which spares the notebooks' own work
#: and makes the reset between notebooks (whose IPython flush ends in a full collection) cheap.
PRELUDE_CODE = """
import numpy, pandas, matplotlib.pyplot, seaborn, scipy.stats
import statsmodels.regression.linear_model, statsmodels.tsa.exponential_smoothing.ets
import dxanalysis, dxanalysis.reports.kernels
dxanalysis.reports.kernels.snapshot()
import gc
gc.collect()
gc.freeze()
"""
#: Run before each notebook in a reused kernel: nothing of the previous notebook survives.
#: (IPython's own reset, as ``%reset -f`` does, without the magic's full garbage collection.)
RESET_CODE = """
get_ipython().reset(new_session=False)
import dxanalysis.reports.kernels
dxanalysis.reports.kernels.restore()
"""
#: The tag of the reset cell put first in a reused kernel's notebook (and taken out of the notebook it writes).
RESET_TAG = "dxanalysis-reset"

_saved: dict[str, Any] = {}


def snapshot() -> None:
    """Remember matplotlib's rcParams as they are now (right after the kernel started)."""
    import matplotlib

    _saved["rc"] = dict(matplotlib.rcParams)


def restore() -> None:
    """Close every figure, put back matplotlib's settings remembered by :func:`snapshot`, reset pandas' options."""
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd

    plt.close("all")
    use_data(None)  # the user's files of the previous notebook are not this one's
    if "rc" in _saved:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matplotlib.rcParams.update(_saved["rc"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.reset_option("all")


def ensure_kernelspec() -> Path:
    """Write the ``dxanalysis`` kernelspec (this interpreter) into a private folder and put it on ``JUPYTER_PATH``.

    Returns the folder holding ``kernels/dxanalysis/kernel.json``. Child processes inherit the environment.
    """
    tag = hashlib.sha1(sys.executable.encode()).hexdigest()[:12]  # one folder per interpreter: never another venv's
    root = Path(tempfile.gettempdir()) / f"dxanalysis-kernels-{tag}"
    folder = root / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (dxanalysis)",
        "language": "python",
        "metadata": {"debugger": False},
    }
    path = folder / "kernel.json"
    text = json.dumps(spec, indent=1)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        # whole or not at all: another process of this interpreter (a test worker, a Dask worker) may be reading it
        write_atomic(path, text.encode("utf-8"))
    paths = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    if str(root) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(root), *[p for p in paths if p]])
    return root


@dataclass
class Execution:
    """How one notebook's execution went, as plain data: ``ok`` or ``failed``; for a failure, papermill's structured
    account (``ename``, ``evalue`` and the number of the failing ``cell`` of the executed notebook, when a cell
    failed); ``broken`` when the kernel itself failed (it is not used again).

    >>> Execution("failed", None, 0.0, "ValueError", "deliberately broken", 3).cell
    3
    """

    status: str
    started: str | None
    duration: float
    ename: str | None = None
    evalue: str | None = None
    cell: int | None = None
    broken: bool = False


@functools.cache
def _ready_client_class() -> type:
    from jupyter_client.asynchronous.client import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        """The client papermill runs a notebook with: asynchronous, so that nbclient's watch on the kernel's life runs
        while it waits for output (with a blocking client a kernel that dies mid-notebook would hang the run), and
        ready as soon as its subscription to the kernel's output carries a message (jupyter_client's own check waits
        a fixed 0.2 s for that and as long again to flush, on every notebook, since papermill makes a client per
        notebook).
        """

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            from queue import Empty

            limit = timeout or 60.0
            deadline = time.monotonic() + limit
            while time.monotonic() < deadline:
                self.kernel_info()
                try:
                    reply = await self.get_shell_msg(timeout=1)
                except Empty:
                    if not await self.is_alive():
                        raise RuntimeError("the kernel died before it answered") from None
                    continue
                if reply["msg_type"] != "kernel_info_reply":
                    continue
                try:  # the kernel_info's status messages show that output is connected
                    await self.get_iopub_msg(timeout=0.02)
                except Empty:
                    continue
                self._handle_kernel_info_reply(reply)
                while True:  # what is left of this exchange on the output channel
                    try:
                        await self.get_iopub_msg(timeout=0.005)
                    except Empty:
                        return
            raise RuntimeError(f"the kernel did not answer within {limit:g} s")

    return ReadyClient


@functools.cache
def _manager_class() -> type:
    from jupyter_client.manager import KernelManager

    class ClosingManager(KernelManager):
        """A kernel manager that remembers the clients it made, so that their channels can be closed.

        papermill makes a client per notebook and, running on a manager it does not own, never stops that client's
        channels: each would keep its heartbeat thread, its sockets and its own ZeroMQ context (two more native
        threads) alive for as long as the process, some megabytes a notebook (issue 17). :meth:`close_clients` stops
        them once the notebook is done.
        """

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.opened: list[Any] = []

        def client(self, **kwargs: Any) -> Any:
            kc = super().client(**kwargs)
            self.opened.append(kc)
            return kc

        def close_clients(self) -> None:
            """Stop the channels of every client made so far (which destroys each client's own context)."""
            while self.opened:
                kc = self.opened.pop()
                try:
                    kc.stop_channels()
                except Exception:  # a client that cannot be stopped must not fail the notebook it served
                    traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None

    return ClosingManager


def __getattr__(name: str) -> Any:
    # made on first use (jupyter_client is imported only when a notebook runs); the kernel manager finds it by its
    # dotted name, dxanalysis.reports.kernels.ReadyClient
    if name == "ReadyClient":
        return _ready_client_class()
    raise AttributeError(name)


class KernelWorker:
    """One kernel, reused for every notebook this worker runs (prepared with :data:`PRELUDE_CODE` when started).

    >>> worker = KernelWorker()  # doctest: +SKIP
    >>> worker.run(Path("probe.ipynb"), {"x": 5}, Path("/tmp/run/probe")).status  # doctest: +SKIP
    'ok'
    """

    def __init__(self) -> None:
        # on POSIX the kernel talks over private local sockets (no TCP port open, and no warning about one)
        self._sockets = tempfile.mkdtemp(prefix=f"{SOCKET_PREFIX}{os.getpid()}-") if os.name == "posix" else None
        _LIVE.add(self)
        transport = {"transport": "ipc", "ip": os.path.join(self._sockets, "k")} if self._sockets else {}
        self.km = _manager_class()(kernel_name=KERNEL_NAME, client_class=f"{__name__}.ReadyClient", **transport)
        self.broken = False  # the kernel died or timed out: the next notebook gets a new one
        try:
            self.km.start_kernel()
            self._run_code(PRELUDE_CODE)
        except BaseException:  # nothing left behind: no kernel, no socket folder
            self.close()
            raise
        self.first = True

    def _run_code(self, code: str) -> None:
        # a fresh blocking client each time: a client kept across papermill's runs stops receiving replies
        kc = self.km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            reply = kc.execute_interactive(
                code, timeout=300, store_history=False, allow_stdin=False, output_hook=lambda msg: None
            )
        finally:
            kc.stop_channels()
        if reply["content"].get("status") != "ok":
            raise DxError(f"the kernel could not be prepared: {reply['content'].get('evalue', '')}")

    def run(self, notebook: Path, parameters: Mapping[str, Any], folder: Path) -> tuple[Execution, Any]:
        """Execute ``notebook`` with ``parameters`` into ``folder`` (its ``out_dir``); returns how it went and the
        executed notebook (``None`` if it was never written)."""
        import nbformat
        import papermill as pm
        from papermill.iorw import load_notebook_node

        nb = load_notebook_node(str(notebook))
        reset = not self.first
        if reset:  # wipe the reused kernel as the first cell of this very execution (no extra round trip)
            cell = nbformat.v4.new_code_cell(RESET_CODE)
            cell.metadata["tags"] = [RESET_TAG]
            nb.cells.insert(0, cell)
        self.first = False
        folder.mkdir(parents=True, exist_ok=True)
        out_nb = folder / "notebook.ipynb"
        params = {**parameters, "out_dir": str(folder)}
        start = time.perf_counter()
        result = Execution("ok", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), 0.0)
        executed = None
        try:
            executed = pm.execute_notebook(
                nb, str(out_nb), parameters=params, km=self.km, progress_bar=False, request_save_on_cell_execute=False
            )
        except pm.PapermillExecutionError as exc:
            result.status, result.ename, result.evalue = "failed", exc.ename, exc.evalue
            result.cell = exc.cell_index + 1 - int(reset)
        except Exception as exc:  # the kernel died, a timeout, a bad notebook: recorded, the run goes on
            result.status, result.ename, result.evalue = "failed", type(exc).__name__, str(exc)
            self.broken = result.broken = True
        finally:
            self.km.close_clients()  # papermill leaves its client's channels open on a kernel it does not own
        result.duration = round(time.perf_counter() - start, 3)
        if reset and out_nb.exists():  # the reader's notebook holds the notebook's own cells only
            if executed is None:  # failed: papermill wrote the notebook with the failing cell marked
                executed = nbformat.read(str(out_nb), as_version=4)
            executed.cells = [c for c in executed.cells if RESET_TAG not in c.get("metadata", {}).get("tags", [])]
            nbformat.write(executed, str(out_nb))
        return result, executed

    def close(self) -> None:
        """Shut the kernel down and remove its sockets; safe to call twice, and never raises."""
        try:
            self.km.close_clients()
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception:  # its connection files are removed all the same; the worker goes on
            traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None
            with contextlib.suppress(Exception):
                self.km.cleanup_resources(restart=False)
        if self._sockets:
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None
        _LIVE.discard(self)


#: The prefix of the kernels' socket folders in the temporary directory (followed by the process id).
SOCKET_PREFIX = "dxk-"

#: The workers of this process whose kernel may still be alive.
_LIVE: weakref.WeakSet[KernelWorker] = weakref.WeakSet()


def close_all() -> None:
    """Shut down every kernel of this process still alive and remove its sockets (an interrupt, the exit).

    >>> close_all()  # nothing alive: nothing to do
    """
    for worker in list(_LIVE):
        worker.close()


def close_thread_loop() -> None:
    """Close the event loop left set on this thread by the kernel's machinery, unless it is running.

    jupyter_client and papermill run their coroutines on a loop they make for each thread and never close; once the
    thread ends, the loop would be closed by the garbage collector at some later moment (which can fail with an
    ``Exception ignored in BaseEventLoop.__del__`` on the user's terminal). A thread of an executor calls this as it
    ends; never call it on a thread whose loop someone else uses.

    >>> import threading
    >>> ended = threading.Thread(target=close_thread_loop)  # a thread of its own: no loop set there, nothing to do
    >>> ended.start(); ended.join()
    """
    import asyncio

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:  # no loop set on this thread
            return
    if loop.is_running():
        return
    if not loop.is_closed():
        loop.close()
    asyncio.set_event_loop(None)


def remove_stale_sockets() -> list[Path]:
    """Remove the socket folders left in the temporary directory by processes that no longer exist; returns them.

    A folder is named after its process (``dxk-<pid>-…``); one of a live process, this one's included, is kept.

    >>> isinstance(remove_stale_sockets(), list)
    True
    """
    if os.name != "posix":  # sockets are used on POSIX only
        return []
    return remove_dead_folders(SOCKET_PREFIX)


def remove_dead_folders(prefix: str) -> list[Path]:
    """Remove the folders ``<prefix><pid>-…`` of the temporary directory whose process no longer exists (killed with
    no chance to clean up: a kernel's sockets, a Dask worker's cache); returns them. This process's are kept.

    >>> remove_dead_folders("dxanalysis-no-such-prefix-")
    []
    """
    removed: list[Path] = []
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*-*"):
        pid = folder.name[len(prefix) :].split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # it exists (another user's)
        return True
    return True


atexit.register(close_all)
