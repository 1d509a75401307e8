"""A small on-disk cache of results that are pure functions of file contents.

The validated package tables and the notebooks' declared parameters are kept under a key that hashes everything they
depend on (the files' bytes, the code that reads and validates them, the library versions); any change gives a new
key, so nothing stale is ever served and nothing unvalidated is ever returned. The cache lives in the user's own
cache folder (``DXANALYSIS_CACHE`` to move it), created private to the user; a damaged entry is simply recomputed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from dxanalysis._util import write_atomic

__all__ = ["cache_dir", "cached_json", "cached_pickle", "fingerprint"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder (private to the user), or None when none can be made (then nothing is cached)."""
    root = os.environ.get("DXANALYSIS_CACHE")
    if root == "":
        return None
    base = Path(root) if root else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "dxanalysis"
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return base


def fingerprint(paths: Iterable[Path], *extra: str, root: Path | None = None) -> str:
    """A hash of files' names and bytes and of extra strings (versions, code): the package's one file hasher.

    A file is named by its path below ``root`` when given (then a file moved to another folder is a change), else by
    its name; the files are hashed in the order of their paths, whatever order they are given in.
    """
    h = hashlib.sha256()
    for p in sorted(paths, key=str):
        h.update(str(p.relative_to(root) if root is not None else p.name).encode())
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"<missing>")
    for e in extra:
        h.update(e.encode())
    return h.hexdigest()[:32]


def _write_atomic(path: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):  # a cache: a file that cannot be written is computed again next time
        write_atomic(path, data)


def cached_pickle(kind: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or its result stored under ``key`` by an earlier call (only the package's own objects)."""
    folder = cache_dir()
    if folder is None:
        return compute()
    path = folder / f"{kind}-{key}.pkl"
    if path.exists():
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)  # type: ignore[no-any-return]  # written by this package for this key
        except Exception:  # a damaged or incompatible entry: recompute it
            path.unlink(missing_ok=True)
    value = compute()
    _write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def cached_json(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """Like :func:`cached_pickle` for JSON-able results."""
    folder = cache_dir()
    if folder is None:
        return compute()
    path = folder / f"{kind}-{key}.json"
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
    value = compute()
    _write_atomic(path, json.dumps(value).encode("utf-8"))
    return value
