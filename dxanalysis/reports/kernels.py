"""The notebook kernel: pinned to the running interpreter, and wiped clean between notebooks when it is reused.

The notebooks name the kernel ``dxanalysis``. :func:`ensure_kernelspec` writes that kernel's spec — this very
interpreter running ``ipykernel`` — into a private folder on ``JUPYTER_PATH``, so a report never runs in another
Python, whatever kernels the machine has. A kernel reused for several notebooks runs :data:`RESET_CODE` before each:
it forgets every variable, closes every figure and restores matplotlib's and pandas' settings as they were when the
kernel started (:func:`snapshot` / :func:`restore`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

__all__ = ["KERNEL_NAME", "PRELUDE_CODE", "RESET_CODE", "ensure_kernelspec", "restore", "snapshot"]

KERNEL_NAME = "dxanalysis"

#: Run once in a new kernel: the heavy imports (paid once per kernel), and the settings to come back to. The objects
#: alive after the imports (modules, functions, classes) are then frozen out of the garbage collector's reach
#: (``gc.freeze``): every later collection scans only what the notebooks made, which spares the notebooks' own work
#: about 8% and makes the reset between notebooks (whose IPython flush ends in a full collection) cheap.
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
#: (IPython's own reset, as ``%reset -f`` does, without the magic's full garbage collection: 0.25 s a notebook.)
RESET_CODE = """
get_ipython().reset(new_session=False)
import dxanalysis.reports.kernels
dxanalysis.reports.kernels.restore()
"""

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
    from dxanalysis.data import use_data

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
        path.write_text(text, encoding="utf-8")
    paths = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    if str(root) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(root), *[p for p in paths if p]])
    return root
