"""The package's four tables (catalogue, sources, observations, targets): where they are, how they are read, validated
and typed, and the cache that spares a process (and the next one) doing that again.

The observations come from ``observations.csv`` and from one further file per dataset beside it
(``observations_<dataset>.csv``: the provinces' index, the peers' figures …), each read and validated like it, so
that a dataset is curated in its own file; a figure may sit in one file only.

The tables are validated on every fresh read and kept on disk under a key made of the files' contents and of the
code that reads them, so a changed file or a changed rule is never served from a stale cache.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis._cache import cached_pickle, fingerprint
from dxanalysis._util import PACKAGE_DIR
from dxanalysis.data.files import read_csv_text, read_yaml_list
from dxanalysis.data.numbers import parse_number
from dxanalysis.data.periods import parse_period, parse_publication_date
from dxanalysis.data.schemas import (
    INDICATOR_FIELDS,
    OBSERVATION_KEY,
    OUTPUT_COLUMNS,
    SOURCE_FIELDS,
    indicator_spec,
    observation_spec,
    source_spec,
    target_spec,
    unknown_fields,
)
from dxanalysis.data.validation import is_missing, key_text, validate_table
from dxanalysis.errors import DataFileError, DataValidationError, Problem

__all__ = [
    "DATA_ENV",
    "FILES",
    "OBSERVATION_FILES",
    "PackageTables",
    "clear_cache",
    "data_dir",
    "data_files",
    "package_tables",
    "read_package_tables",
    "typed_catalogue",
    "typed_observations",
    "validation_code",
    "with_user_entries",
]

#: Set this environment variable to a folder holding the four data files to load those instead of the package's.
DATA_ENV = "DXANALYSIS_DATA"
FILES = {
    "indicators": "indicators.yml",
    "sources": "sources.yml",
    "observations": "observations.csv",
    "targets": "targets.csv",
}
#: The further observation files beside ``observations.csv``, one per dataset.
OBSERVATION_FILES = "observations_*.csv"


def data_files(folder: Path) -> list[Path]:
    """Every data file of the folder: the four tables, then the further observation files in name order.

    >>> [p.name for p in data_files(data_dir())][:4]
    ['indicators.yml', 'sources.yml', 'observations.csv', 'targets.csv']
    """
    return [*(folder / f for f in FILES.values()), *sorted(folder.glob(OBSERVATION_FILES))]


def data_dir() -> Path:
    """The folder the package reads its data from.

    In order: the folder named by the ``DXANALYSIS_DATA`` environment variable; the data installed inside the
    package (``dxanalysis/_data`` in a wheel); the repository's ``data/`` folder beside the package (a source checkout
    or an editable install). It never depends on the working directory, so a notebook kernel started anywhere finds it.

    >>> import dxanalysis as dx
    >>> (dx.data_dir() / "observations.csv").exists()
    True
    """
    if env := os.environ.get(DATA_ENV):
        return Path(env)
    here = PACKAGE_DIR
    for candidate in (here / "_data", here.parent / "data"):
        if (candidate / FILES["observations"]).exists():
            return candidate
    raise DataFileError(f"the package's data files were not found in {here / '_data'} or {here.parent / 'data'}")


@dataclass(frozen=True)
class PackageTables:
    """The package's four tables, validated and typed (what :func:`package_tables` returns).

    >>> tables = package_tables()
    >>> list(tables.observations.columns) == OUTPUT_COLUMNS
    True
    """

    catalogue: pd.DataFrame
    sources: pd.DataFrame
    observations: pd.DataFrame
    targets: pd.DataFrame


def package_tables() -> PackageTables:
    """The package's four tables, read and validated once per process (and again when a file changes).

    The frames are shared: copy one before changing it.

    >>> "fibre_households_using" in set(package_tables().catalogue["id"])
    True
    """
    folder = data_dir()
    return _load_package(str(folder), _stamp(folder))


def clear_cache() -> None:
    """Forget the tables read in this process, so the next load reads the files again (the on-disk cache still
    answers if they have not changed): for a test that swaps :data:`DATA_ENV`'s folder.

    >>> clear_cache()
    """
    _load_package.cache_clear()


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in data_files(folder):
        try:
            st = path.stat()
        except OSError:
            out.append((path.name, -1, -1))
        else:
            out.append((path.name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def validation_code() -> str:
    """The code that reads and validates the tables, and the library versions: part of the cache key."""
    here = Path(__file__).resolve().parent  # the whole data room: a module added or moved here changes the key
    files = sorted(p for p in here.rglob("*.py") if "__pycache__" not in p.parts)
    code = "".join(f"{p.relative_to(here).as_posix()}\n{p.read_text(encoding='utf-8')}" for p in files)
    return code + pd.__version__


@functools.lru_cache(maxsize=4)
def _load_package(folder: str, stamp: tuple[Any, ...]) -> PackageTables:
    """The package's four tables, validated; kept on disk under a hash of the files and of the validating code."""
    base = Path(folder)
    key = fingerprint(data_files(base), validation_code())
    return cached_pickle("tables", key, lambda: read_package_tables(base))


def read_package_tables(base: Path) -> PackageTables:
    """The four tables of the folder ``base``, read and validated afresh (no cache): every problem is reported at
    once, as a :class:`~dxanalysis.DataValidationError`.

    >>> len(read_package_tables(data_dir()).targets) > 10
    True
    """
    problems: list[Problem] = []

    entries = read_yaml_list(base / FILES["indicators"])
    catalogue = _yaml_frame(entries, INDICATOR_FIELDS)
    problems += _unknown_field_problems(FILES["indicators"], entries, INDICATOR_FIELDS)
    problems += validate_table(
        catalogue, indicator_spec(set(catalogue["id"].dropna())), file=FILES["indicators"], row_offset=1
    )

    src_entries = read_yaml_list(base / FILES["sources"])
    sources = _yaml_frame(src_entries, SOURCE_FIELDS)
    problems += _unknown_field_problems(FILES["sources"], src_entries, SOURCE_FIELDS)
    problems += validate_table(sources, source_spec(), file=FILES["sources"], row_offset=1)
    source_ids = set(sources["id"].dropna())

    catalogue_ok = catalogue[catalogue["id"].map(lambda v: isinstance(v, str))]
    obs_texts = {}
    for path in [base / FILES["observations"], *sorted(base.glob(OBSERVATION_FILES))]:
        obs_texts[path.name] = read_csv_text(path)
        problems += validate_table(obs_texts[path.name], observation_spec(catalogue_ok, source_ids), file=path.name)
    problems += _duplicates_across(obs_texts)
    tgt_text = read_csv_text(base / FILES["targets"])
    problems += validate_table(tgt_text, target_spec(catalogue_ok, source_ids), file=FILES["targets"])
    if problems:
        raise DataValidationError(problems, title=f"the package's data in {base} break {len(problems)} rule(s)")

    return PackageTables(
        catalogue=typed_catalogue(catalogue),
        sources=_typed_sources(sources),
        observations=pd.concat(
            [typed_observations(text, file=name) for name, text in obs_texts.items()], ignore_index=True
        ),
        targets=_typed_targets(tgt_text),
    )


def _duplicates_across(texts: Mapping[str, pd.DataFrame]) -> list[Problem]:
    """A problem on each figure (its key as :func:`key_text` writes it) that an earlier observation file holds too."""
    first: dict[tuple[str | None, ...], tuple[str, int]] = {}
    problems = []
    for name, text in texts.items():
        if not set(OBSERVATION_KEY) <= set(text.columns):
            continue  # its own validation says which columns are missing
        rows = text.attrs.get("rows", range(2, len(text) + 2))
        keys = zip(*(text[k].map(key_text) for k in OBSERVATION_KEY), strict=True)
        for row, key in zip(rows, keys, strict=True):
            if key in first and first[key][0] != name:
                shown = ", ".join(f"{k}={v!r}" for k, v in zip(OBSERVATION_KEY, key, strict=True))
                problems.append(
                    Problem(
                        name,
                        int(row),
                        None,
                        None,
                        f"the same figure ({shown}) is also in {first[key][0]}, row {first[key][1]}",
                        "each figure in one observation file only",
                    )
                )
            first.setdefault(key, (name, int(row)))
    return problems


def _yaml_frame(entries: list[dict[str, Any]], fields: Iterable[str]) -> pd.DataFrame:
    fields = list(fields)
    frame = pd.DataFrame([{k: e.get(k) for k in fields} for e in entries], columns=fields, dtype=object)
    return frame


def _unknown_field_problems(file: str, entries: list[dict[str, Any]], fields: Iterable[str]) -> list[Problem]:
    fields = list(fields)
    return [
        Problem(file, n, key, None, "unknown field (a typo?)", ", ".join(fields))
        for n, key in unknown_fields(entries, fields)
    ]


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def typed_catalogue(frame: pd.DataFrame) -> pd.DataFrame:
    """Catalogue entries (validated) as typed columns: bounds and the ``ceiling`` as floats (NaN: none), related
    indicators as one text, ``ceiling_note``, ``missing`` and ``discontinued_note`` as text, ``discontinued`` as a date
    label ("" where the entry has none).

    >>> typed_catalogue(package_tables().catalogue).dtypes["lower"]
    dtype('float64')
    """
    out = frame.map(_strip)
    for col in ("lower", "upper", "ceiling"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    out["higher_is_better"] = out["higher_is_better"].astype(bool)
    out["related"] = out["related"].map(lambda v: ", ".join(v) if isinstance(v, list) else "")
    for col in ("ceiling_note", "missing", "discontinued_note"):
        out[col] = out[col].map(lambda v: v if isinstance(v, str) else "")
    out["discontinued"] = out["discontinued"].map(lambda v: "" if is_missing(v) else parse_publication_date(v).label)
    text_cols = [c for c in out.columns if c not in ("lower", "upper", "ceiling", "higher_is_better")]
    out[text_cols] = out[text_cols].astype("str")
    return out.reset_index(drop=True)


def _typed_sources(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.map(_strip)
    out["date"] = out["date"].map(lambda v: None if is_missing(v) else str(parse_publication_date(v).label))
    return out.astype(object).where(out.notna(), None).reset_index(drop=True)


def typed_observations(text: pd.DataFrame, *, file: str, decimal: str = ".") -> pd.DataFrame:
    """Validated observations (cells as written) as the package returns them: :data:`OUTPUT_COLUMNS`, typed.

    >>> text = pd.DataFrame({"indicator": ["internet_users"], "geo": ["VN"], "series": ["user"], "period": ["2024"],
    ...                      "value": ["80,5"], "status": ["actual"], "published": ["2025-03"], "source": ["mine"],
    ...                      "evidence": [None]})
    >>> row = typed_observations(text, file="mine.csv", decimal=",").iloc[0]
    >>> float(row.value), row.published_precision, str(row.published.date())
    (80.5, 'month', '2025-03-31')
    """
    frame = text.map(_strip).reset_index(drop=True)
    periods = frame["period"].map(parse_period)
    published = frame["published"].map(lambda v: None if is_missing(v) else parse_publication_date(v))
    out = pd.DataFrame(
        {
            "indicator": frame["indicator"].astype("str"),
            "geo": frame["geo"].astype("str"),
            "series": frame["series"].astype("str"),
            "period": periods.map(lambda p: p.label).astype("str"),
            "value": frame["value"].map(lambda v: parse_number(v, decimal)).astype(float),
            "status": frame["status"].astype("str"),
            "published": pd.to_datetime(published.map(lambda p: None if p is None else p.known_by)),
            "source": frame["source"].map(lambda v: None if is_missing(v) else str(v)).astype("str"),
            "evidence": frame["evidence"].map(lambda v: "" if is_missing(v) else str(v)).astype("str"),
            "note": frame.get("note", pd.Series("", index=frame.index))
            .map(lambda v: "" if is_missing(v) else str(v))
            .astype("str"),
            "period_start": pd.to_datetime(periods.map(lambda p: p.start)),
            "period_end": pd.to_datetime(periods.map(lambda p: p.end)),
            "published_precision": published.map(lambda p: None if p is None else p.precision).astype("str"),
            "file": file,
        }
    )
    for col in ("published", "period_start", "period_end"):
        out[col] = out[col].astype("datetime64[ns]")
    return out[OUTPUT_COLUMNS]


def _typed_targets(text: pd.DataFrame) -> pd.DataFrame:
    frame = text.map(_strip).reset_index(drop=True)
    adopted = frame["adopted"].map(parse_publication_date)
    out = pd.DataFrame(
        {
            "indicator": frame["indicator"].astype("str"),
            "geo": frame["geo"].astype("str"),
            "series": frame.get("series", pd.Series(None, index=frame.index))
            .map(lambda v: "" if is_missing(v) else str(v))
            .astype("str"),
            "year": frame["year"].map(lambda v: int(parse_number(v))).astype("int64"),
            "value": frame["value"].map(parse_number).astype(float),
            "comparator": frame["comparator"].astype("str"),
            "document": frame["document"].astype("str"),
            "adopted": pd.to_datetime(adopted.map(lambda p: p.known_by)).astype("datetime64[ns]"),
            "source": frame["source"].astype("str"),
            "evidence": frame["evidence"].astype("str"),
            "note": frame["note"].map(lambda v: "" if is_missing(v) else str(v)).astype("str"),
        }
    )
    return out.sort_values(["indicator", "geo", "year", "adopted"], kind="stable").reset_index(drop=True)


def with_user_entries(catalogue: pd.DataFrame, entries: Iterable[Mapping[str, Any]] | None) -> pd.DataFrame:
    """The package's catalogue with the user's own indicators (built from their files' metadata) added, and a
    ``user`` column saying which are which; an id the catalogue has keeps the catalogue's entry.

    >>> cat = with_user_entries(package_tables().catalogue, None)
    >>> bool(cat["user"].any())
    False
    """
    entries = list(entries or [])
    out = catalogue.assign(user=False)
    if not entries:
        return out
    user = pd.DataFrame([{k: e.get(k) for k in INDICATOR_FIELDS} for e in entries]).drop_duplicates("id")
    user = typed_catalogue(user.astype(object)).assign(user=True)
    return pd.concat([out, user[~user["id"].isin(out["id"])]], ignore_index=True)
