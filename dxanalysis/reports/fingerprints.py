"""What a notebook's result depends on, hashed: its notebook file, its parameters, the data, the package.

A job whose key (:func:`job_key`) is the one recorded by the last complete run is copied from that run instead of
executed. The key changes with any figure of the package or of the user's files (:func:`data_fingerprint`), and with
any change to the package's code or shipped tables, a file moved between rooms included (:func:`package_fingerprint`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from dxanalysis import data as dxdata
from dxanalysis._cache import fingerprint
from dxanalysis._util import PACKAGE_DIR
from dxanalysis._version import __version__
from dxanalysis.data.publishers import owid_metadata_path, wdi_metadata_path
from dxanalysis.reports.notebooks import notebook_path
from dxanalysis.reports.plan import Job

__all__ = ["PACKAGE_SUFFIXES", "data_fingerprint", "job_key", "package_fingerprint"]

#: The files of the package a fingerprint covers: code, shipped tables, templates, metadata.
PACKAGE_SUFFIXES = (".py", ".csv", ".j2", ".json")


def data_fingerprint(extra: Sequence[str] = ()) -> str:
    """A hash of the package's data files and the user's files: any change to a figure changes it.

    >>> len(data_fingerprint())
    16
    """
    folder = dxdata.data_dir()
    user = [Path(x) for x in extra]
    # the publishers' metadata files read from beside a download count too (they date and describe its figures)
    sides = [side(p) for p in user for side in (wdi_metadata_path, owid_metadata_path)]
    return fingerprint([*dxdata.data_files(folder), *user, *(p for p in sides if p.is_file())])[:16]


def package_fingerprint(root: Path = PACKAGE_DIR) -> str:
    """The package version and a hash of its code and shipped tables (an edited checkout is not the same package).

    Every file is hashed with its path below ``root`` (the package's folder), so a module moved from one room to
    another changes the fingerprint even when no byte of it changed.

    >>> package_fingerprint().startswith(__version__ + "+")
    True
    """
    files = [p for p in root.rglob("*") if p.suffix in PACKAGE_SUFFIXES and "__pycache__" not in p.parts]
    return f"{__version__}+{fingerprint(files, root=root)[:12]}"


def job_key(job: Job, data_fp: str, package_fp: str) -> str:
    """The key of a job's result: its notebook's bytes, its parameters and the data and package fingerprints.

    >>> len(job_key(Job("scenarios.ipynb", {"lang": "en"}, "scenarios", "Scenarios"), "d", "p"))
    20
    """
    nb = notebook_path(job.notebook).read_bytes()
    payload = json.dumps({"params": job.parameters, "data": data_fp, "package": package_fp}, sort_keys=True)
    return hashlib.sha256(nb + payload.encode()).hexdigest()[:20]
