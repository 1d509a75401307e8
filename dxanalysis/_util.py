"""The ground floor every room may use: the package's own folder, how names are compared and made safe, and how a
file is written whole or not at all."""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
from pathlib import Path

__all__ = ["PACKAGE_DIR", "RESERVED_NAMES", "safe_name", "unmarked", "write_atomic"]

#: The ``dxanalysis`` package folder: where the shipped data (``_data``) and notebooks (``_notebooks``) sit in a
#: wheel, and whose parent holds the repository's ``data/`` and ``notebooks/`` in a source checkout.
PACKAGE_DIR = Path(__file__).resolve().parent

#: Device names no file may take on Windows.
RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_name(text: object, *, limit: int = 80) -> str:
    """A file name made from any text: ASCII letters, digits, ``-`` and ``_`` only (Vietnamese letters lose their
    marks: "Tỷ trọng" -> "ty_trong"), never empty, never a path and never a reserved device name.

    >>> safe_name("../Tỷ trọng kinh tế số/GDP")
    'ty_trong_kinh_te_so_gdp'
    """
    s = re.sub(r"[^a-z0-9_-]+", "_", unmarked(text)).strip("_-")[:limit].strip("_-")
    if not s or s in RESERVED_NAMES:
        s = f"item_{s}" if s else "item"
    return s


def unmarked(text: object) -> str:
    """Text without its marks, in lower case (Vietnamese letters lose their diacritics, đ becomes d), and without
    invisible format characters (a byte-order mark or a zero-width space left inside a name by copying or by joining
    files): how two spellings of one name are compared.

    >>> unmarked("Tỷ trọng Đầu tư"), unmarked("10 m\ufeffbps")
    ('ty trong dau tu', '10 mbps')
    """
    s = unicodedata.normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c) and unicodedata.category(c) != "Cf").lower()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a reader in another process or thread sees the old file or the
    new one, never half of one, and a write that fails (disk full) leaves no temporary file behind. The file gets the
    usual permissions (the umask's), not a private temporary file's.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "kernel.json"
    >>> write_atomic(path, b"{}"); write_atomic(path, b'{"a": 1}'); path.read_bytes(), len(list(path.parent.iterdir()))
    (b'{"a": 1}', 1)
    """
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
