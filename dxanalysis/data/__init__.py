"""Loading the curated figures, the catalogue, the targets and the sources, and merging the user's own figures.

Everything here returns tidy pandas frames (one row per published figure, per target, per indicator) and validates
what it reads on every load. The package's files are read once per process and cached; the user's files are read,
validated and merged in memory, never written to.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from dxanalysis._util import PACKAGE_DIR
from dxanalysis.data.files import read_csv_text, read_table, read_yaml_list
from dxanalysis.data.numbers import parse_number
from dxanalysis.data.periods import parse_period, parse_publication_date, period_time
from dxanalysis.data.schemas import (
    INDICATOR_FIELDS,
    OBSERVATION_COLUMNS,
    OBSERVATION_KEY,
    SOURCE_FIELDS,
    STATUSES,
    indicator_spec,
    observation_spec,
    source_spec,
    target_spec,
    unknown_fields,
)
from dxanalysis.data.validation import is_missing, missing_columns, validate_table
from dxanalysis.errors import (
    DataFileError,
    DataValidationError,
    DxError,
    Problem,
    UnknownIndicatorError,
    UnknownSeriesError,
)

__all__ = [
    "data_dir",
    "indicators",
    "load_observations",
    "load_sources",
    "load_targets",
    "read_observations",
    "series",
    "use_data",
    "validate_package_data",
]

#: Set this environment variable to a folder holding the four data files to load those instead of the package's.
DATA_ENV = "DXANALYSIS_DATA"
FILES = {
    "indicators": "indicators.yml",
    "sources": "sources.yml",
    "observations": "observations.csv",
    "targets": "targets.csv",
}
OUTPUT_COLUMNS = [
    "indicator",
    "geo",
    "series",
    "period",
    "value",
    "status",
    "published",
    "source",
    "evidence",
    "note",
    "period_start",
    "period_end",
    "published_precision",
    "file",
]
SERIES_KEY = ["indicator", "geo", "period", "series"]
Vintage = Literal["latest", "first", "all"]
ObservationInput = str | os.PathLike[str] | pd.DataFrame


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


# --------------------------------------------------------------------------------------------------------------------
# The package's tables, read and validated once per process (and again if a file changes)


@dataclass(frozen=True)
class _Tables:
    catalogue: pd.DataFrame
    sources: pd.DataFrame
    observations: pd.DataFrame
    targets: pd.DataFrame


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for name in FILES.values():
        try:
            st = (folder / name).stat()
        except OSError:
            out.append((name, -1, -1))
        else:
            out.append((name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def _package() -> _Tables:
    folder = data_dir()
    return _load_package(str(folder), _stamp(folder))


def _validation_code() -> str:
    """The code that reads and validates the tables, and the library versions: part of the cache key."""
    import pandas

    here = Path(__file__).resolve().parent  # the whole data room: a module added or moved here changes the key
    files = sorted(p for p in here.rglob("*.py") if "__pycache__" not in p.parts)
    code = "".join(f"{p.relative_to(here)}\n{p.read_text(encoding='utf-8')}" for p in files)
    return code + pandas.__version__


@functools.lru_cache(maxsize=4)
def _load_package(folder: str, stamp: tuple[Any, ...]) -> _Tables:
    """The package's four tables, validated; kept on disk under a hash of the files and of the validating code."""
    from dxanalysis._cache import cached_pickle, fingerprint

    base = Path(folder)
    key = fingerprint([base / f for f in FILES.values()], _validation_code())
    return cached_pickle("tables", key, lambda: _read_and_validate(base))


def _read_and_validate(base: Path) -> _Tables:
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
    obs_text = read_csv_text(base / FILES["observations"])
    problems += validate_table(obs_text, observation_spec(catalogue_ok, source_ids), file=FILES["observations"])
    tgt_text = read_csv_text(base / FILES["targets"])
    problems += validate_table(tgt_text, target_spec(catalogue_ok, source_ids), file=FILES["targets"])
    if problems:
        raise DataValidationError(problems, title=f"the package's data in {base} break {len(problems)} rule(s)")

    return _Tables(
        catalogue=_typed_catalogue(catalogue),
        sources=_typed_sources(sources),
        observations=_typed_observations(obs_text, file=FILES["observations"]),
        targets=_typed_targets(tgt_text),
    )


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


def _typed_catalogue(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.map(_strip)
    for col in ("lower", "upper"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    out["higher_is_better"] = out["higher_is_better"].astype(bool)
    out["related"] = out["related"].map(lambda v: ", ".join(v) if isinstance(v, list) else "")
    text_cols = [c for c in out.columns if c not in ("lower", "upper", "higher_is_better")]
    out[text_cols] = out[text_cols].astype("str")
    return out.reset_index(drop=True)


def _typed_sources(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.map(_strip)
    out["date"] = out["date"].map(lambda v: None if is_missing(v) else str(parse_publication_date(v).label))
    return out.astype(object).where(out.notna(), None).reset_index(drop=True)


def _typed_observations(text: pd.DataFrame, *, file: str, decimal: str = ".") -> pd.DataFrame:
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


# --------------------------------------------------------------------------------------------------------------------
# Public API


def indicators(
    pillar: str | None = None, *, extra: ObservationInput | Iterable[ObservationInput] | None = None
) -> pd.DataFrame:
    """The catalogue: one row per indicator, with what it measures, its unit and bounds, in English and Vietnamese.

    Parameters
    ----------
    pillar
        Keep only one pillar of the national programme: ``digital_infrastructure``, ``digital_government``,
        ``digital_economy``, ``digital_society``, ``digital_data`` or ``governance`` (or ``other``: indicators
        from the user's files).
    extra
        The user's files or frames (as in :func:`load_observations`): their indicators that the catalogue does not
        know are added, built from the files' own metadata, with ``user`` True.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> cat = dx.indicators()
    >>> cat.set_index("id").loc["fibre_households_using", "unit"]
    'percent'
    """
    entries = load_observations(extra=extra).attrs.get("catalogue") if extra is not None or _SESSION else None
    cat = _with_user_entries(_package().catalogue, entries)
    if pillar is not None:
        from dxanalysis.data.schemas import PILLARS

        if pillar not in PILLARS:
            raise DxError(f"unknown pillar {pillar!r}; accepted: {', '.join(PILLARS)}")
        cat = cat[cat["pillar"] == pillar]
    return cat.reset_index(drop=True).copy()


def load_sources() -> pd.DataFrame:
    """Every source document the figures and targets cite: publisher, title, date, address, kind, language.

    >>> import dxanalysis as dx
    >>> "kontum_2024_04_24" in set(dx.load_sources()["id"])
    True
    """
    return _package().sources.copy()


def load_targets(*, as_of: str | dt.date | None = None) -> pd.DataFrame:
    """The national targets: one row per (indicator, geo, year, document), with the document that sets each.

    Parameters
    ----------
    as_of
        Keep only the targets whose document had been adopted on or before this date.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> t = dx.load_targets()
    >>> t.loc[(t.indicator == "digital_economy_share_gdp") & (t.year == 2030), "value"].unique().tolist()
    [30.0]
    """
    targets = _package().targets
    if as_of is not None:
        targets = targets[targets["adopted"] <= _as_of(as_of)]
    return targets.reset_index(drop=True).copy()


def load_observations(
    *,
    as_of: str | dt.date | None = None,
    vintage: Vintage = "latest",
    extra: ObservationInput | Iterable[ObservationInput] | None = None,
    decimal: str = ".",
) -> pd.DataFrame:
    """Every published figure, tidy: one row per (indicator, geo, period, series), with its source and evidence.

    Parameters
    ----------
    as_of
        Return what was known on this date (``"2024-05-01"``): figures published later are left out, and of a
        figure revised before that date the latest revision is kept. Figures with no publication date (possible in
        the user's files) are left out of an ``as_of`` view.
    vintage
        ``"latest"`` (the default) keeps the latest revision of each figure, ``"first"`` the first release,
        ``"all"`` every published revision (one row each).
    extra
        The user's own figures, merged in memory: a path to a CSV or XLSX file in the observation layout, a frame
        from :func:`read_observations`, or a list of them. The files are validated and never modified.
    decimal
        The decimal separator of the numbers in ``extra`` files given as paths (``","`` for Vietnamese usage).

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, geo, series, period, value, status, published, source, evidence, note``, plus
        ``period_start``/``period_end`` (the period's first and last day), ``published_precision`` (day, month or
        year: a date printed only as a month counts from the month's last day) and ``file`` (where the row came from).

    Examples
    --------
    >>> import dxanalysis as dx
    >>> obs = dx.load_observations()
    >>> row = obs[(obs.indicator == "fibre_households_using") & (obs.period == "2024-04")].iloc[0]
    >>> float(row.value), row.source
    (80.2, 'kontum_2024_04_24')
    """
    if vintage not in ("latest", "first", "all"):
        raise DxError(f"vintage must be 'latest', 'first' or 'all', not {vintage!r}")
    obs = _package().observations
    entries: list[dict[str, Any]] = []
    if extra is not None or _SESSION:
        frames = [*_SESSION, *(_user_frames(extra, decimal=decimal) if extra is not None else [])]
        entries = [e for f in frames for e in f.attrs.get("catalogue", [])]
        obs = _merge(obs, frames)
    if as_of is not None:
        obs = obs[obs["published"].notna() & (obs["published"] <= _as_of(as_of))]
    obs = obs.sort_values(
        ["indicator", "geo", "series", "period_start", "period", "published"],
        na_position="first",
        kind="stable",
    )
    if vintage != "all":
        obs = obs.drop_duplicates(SERIES_KEY, keep="last" if vintage == "latest" else "first")
    out = obs.reset_index(drop=True).copy()
    out.attrs = {"catalogue": entries} if entries else {}
    return out


def series(
    indicator: str,
    source: str | None = None,
    *,
    geo: str = "VN",
    freq: str | None = None,
    as_of: str | dt.date | None = None,
    extra: ObservationInput | Iterable[ObservationInput] | None = None,
) -> pd.Series:
    """One indicator's figures over time, from one producer: the input of the trend models.

    Parameters
    ----------
    indicator
        A catalogue id, e.g. ``"digital_economy_share_gdp"``.
    source
        Which series: who produced the figures (``"mic"`` for the ministry's estimates, ``"gso"`` for the statistics
        office's, ``"itu"`` for ITU / World Bank data). Required when the indicator has more than one, because
        competing measures are never blended.
    geo
        ``"VN"`` (national) or an ISO 3166-2:VN code.
    freq
        Keep only figures of one frequency: ``"year"``, ``"half"``, ``"quarter"``, ``"month"`` or ``"day"``. An
        indicator reported both for whole years and for parts of a year (the ministry's first-half estimates) gives
        a mixed series by default; ``freq="year"`` keeps the annual figures.
    as_of, extra
        As in :func:`load_observations`.

    Returns
    -------
    pandas.Series
        Values indexed by ``year`` (integers) when every figure is annual, otherwise by ``period`` label
        (``"2024-04"``), in time order. ``attrs`` holds the indicator, series, geo, unit, bounds, timing, as_of
        and, per period, the status, the publication date and the source: what :func:`fit_trend` reads.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> dx.series("digital_economy_share_gdp", source="mic", freq="year").loc[2021:2023].tolist()
    [11.91, 14.26, 16.5]
    """
    freqs = ("year", "half", "quarter", "month", "day")
    if freq is not None and freq not in freqs:
        raise DxError(f"freq={freq!r} is not a frequency; accepted: {', '.join(freqs)}, or None for all figures")
    obs = load_observations(as_of=as_of, extra=extra)
    catalogue = _with_user_entries(_package().catalogue, obs.attrs.get("catalogue"))
    known = set(catalogue["id"]) | set(obs["indicator"])
    if indicator not in known:
        raise UnknownIndicatorError(indicator, sorted(known))
    sel = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    available = sorted(sel["series"].unique())
    when = f" as of {as_of}" if as_of is not None else ""
    elsewhere = obs.loc[(obs["indicator"] == indicator) & (obs["geo"] != geo), ["series", "geo"]].drop_duplicates()
    other = "; ".join(f"series {s!r} has geo {g!r}" for s, g in elsewhere.itertuples(index=False))
    other = f" ({other}: pass geo=…)" if other else ""
    if not available:
        raise UnknownSeriesError(f"{indicator} has no figures for geo {geo!r}{when}{other}")
    if source is None:
        if len(available) > 1:
            raise UnknownSeriesError(
                f"{indicator} has {len(available)} series that measure it differently: {', '.join(available)}; "
                f"choose one with source=…, e.g. dx.series({indicator!r}, source={available[0]!r})"
            )
        source = available[0]
    if source not in available:
        raise UnknownSeriesError(
            f"{indicator} has no series {source!r} for geo {geo!r}{when}; accepted: {', '.join(available)}{other}"
        )
    timing = catalogue.set_index("id")["timing"].get(indicator, "period")
    rows = sel[sel["series"] == source]
    rows = rows.assign(_time=rows["period"].map(lambda p: period_time(p, timing))).sort_values("_time")
    if freq is not None:
        rows = rows[rows["period"].map(lambda p: parse_period(p).freq) == freq]
        if rows.empty:
            raise UnknownSeriesError(f"{indicator} ({source}) has no {freq} figures for geo {geo!r}{when}")
    annual = rows["period"].str.fullmatch(r"\d{4}").all()
    index = pd.Index(rows["period"].astype(int), name="year") if annual else pd.Index(rows["period"], name="period")
    out = pd.Series(rows["value"].to_numpy(), index=index, name=indicator)
    meta = catalogue.set_index("id")
    known_meta = indicator in meta.index
    out.attrs = {
        "indicator": indicator,
        "series": source,
        "geo": geo,
        "unit": meta.at[indicator, "unit"] if known_meta else "",
        "lower": float(meta["lower"].get(indicator, math.nan)) if known_meta else None,
        "upper": float(meta["upper"].get(indicator, math.nan)) if known_meta else None,
        "timing": meta.at[indicator, "timing"] if known_meta else "period",
        "as_of": None if as_of is None else str(as_of),
        "status": dict(zip(index, rows["status"], strict=True)),
        "published": dict(zip(index, rows["published"], strict=True)),
        "source": dict(zip(index, rows["source"], strict=True)),
    }
    return out


def read_observations(
    path: str | os.PathLike[str], *, decimal: str = ".", sheet: str | int | None = None
) -> pd.DataFrame:
    """Read and validate the user's own figures from a CSV or XLSX file in the observation layout.

    Required columns: ``indicator``, ``period``, ``value``. Optional: ``geo`` (default ``VN``), ``series``
    (default ``user``), ``status`` (default ``actual``), ``source`` (default: the file's name), ``published``
    (without it, the figures are left out of ``as_of`` views), ``evidence``, ``note``. Column names are matched
    without regard to case or surrounding spaces; other columns are ignored.

    Numbers may be written the Vietnamese way when the file says so with ``decimal=","``: ``80,2``, ``1.234,5``,
    ``38,3%``, ``268 triệu``, ``1,5 tỷ``. CSV files may be separated by commas or semicolons and must be UTF-8
    (with or without BOM). Every problem is reported at once, as a :class:`~dxanalysis.DataValidationError` naming
    the row, column and value; the file is opened read-only and never changed.

    Examples
    --------
    >>> import dxanalysis as dx, pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = f.write_text("indicator;period;value\\nfibre_households_using;2025;86,5\\n", encoding="utf-8")
    >>> dx.read_observations(f, decimal=",")[["indicator", "period", "value", "series"]].to_dict("records")
    [{'indicator': 'fibre_households_using', 'period': '2025', 'value': 86.5, 'series': 'user'}]
    """
    path = Path(path)
    frame = read_table(path, sheet=sheet)
    return _validated_user_frame(frame, file=str(path), decimal=decimal)


def validate_package_data() -> dict[str, int]:
    """Validate the package's four data files (as every load does) and return the number of rows in each.

    Raises :class:`~dxanalysis.DataValidationError` listing every problem.

    >>> import dxanalysis as dx
    >>> dx.validate_package_data()["indicators"] > 10
    True
    """
    tables = _read_and_validate(data_dir())  # always validated afresh, whatever is cached
    return {
        "indicators": len(tables.catalogue),
        "sources": len(tables.sources),
        "observations": len(tables.observations),
        "targets": len(tables.targets),
    }


# --------------------------------------------------------------------------------------------------------------------
# The user's figures

#: The user's files made part of every load by use_data() (validated observation frames).
_SESSION: list[pd.DataFrame] = []


def use_data(
    files: ObservationInput | Iterable[ObservationInput] | None,
    *,
    decimal: str = ".",
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Make the user's own figures part of every load from now on: observations, series, the catalogue, the reports.

    ``files`` are paths (or one string of paths, one per line or comma-separated, as a notebook parameter gives
    them: :func:`data_paths`) to the user's CSV or XLSX files in the observation layout, the World Bank's WDI
    downloads or Our World in Data's CSVs (recognised by their layout), or frames already read; ``None`` or ``""``
    goes back to the package's data alone. ``sheet`` picks the sheet of Excel files (a name, or a number from 0;
    default the first). The files are validated at once (every problem reported) and never modified. Returns the
    figures read.

    >>> import dxanalysis as dx, pathlib
    >>> f = pathlib.Path(dx.__file__).parent.parent / "tests" / "fixtures" / "wdi_minimal.csv"
    >>> len(dx.use_data(str(f)))
    3
    >>> "wdi" in set(dx.load_observations()["series"])
    True
    >>> _ = dx.use_data(None)  # back to the package's data alone
    """
    from dxanalysis.data.importers import read_any

    if files is None or (isinstance(files, str) and not files.strip()):
        _SESSION.clear()
        return _package().observations.iloc[0:0].copy()
    if isinstance(files, str):
        items: list[ObservationInput] = list(data_paths(files))
    elif isinstance(files, os.PathLike | pd.DataFrame):
        items = [files]
    else:
        items = list(files)
    if isinstance(sheet, str):
        sheet = sheet.strip() or None  # a sheet named "2024" is found by name first, then as a number
    frames = [
        read_any(item, decimal=decimal, sheet=sheet)
        if not isinstance(item, pd.DataFrame)
        else _user_frames(item, decimal=decimal)[0]
        for item in items
    ]
    _merge(_package().observations, frames)  # a figure in two files is refused now, not at the first load
    _SESSION[:] = frames
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {"catalogue": [e for f in frames for e in f.attrs.get("catalogue", [])]}
    return out


def data_paths(text: str) -> list[str]:
    """The file paths of a ``data`` parameter: one per line (as the report runner writes them, each ending its line,
    so a name may hold a comma), or comma-separated (as a person types them).

    >>> data_paths("a.csv, b.xlsx"), data_paths("số liệu, 2024.csv\\nb.csv")
    (['a.csv', 'b.xlsx'], ['số liệu, 2024.csv', 'b.csv'])
    """
    if "\n" not in text and Path(text.strip()).is_file():
        return [text.strip()]  # one file, whose name may hold a comma
    parts = text.splitlines() if "\n" in text else text.split(",")
    return [p.strip() for p in parts if p.strip()]


@contextlib.contextmanager
def _session_data(files: str, *, decimal: str = ".", sheet: str | int | None = None) -> Iterator[None]:
    """:func:`use_data` for the duration of a ``with`` block; the session's own files come back afterwards."""
    saved = list(_SESSION)
    try:
        _SESSION.clear()  # only the files named here: not those a session registered before
        if files:
            use_data(files, decimal=decimal, sheet=sheet)
        yield
    finally:
        _SESSION[:] = saved


USER_DEFAULTS = {"geo": "VN", "series": "user", "status": "actual"}


def _with_user_entries(catalogue: pd.DataFrame, entries: Iterable[Mapping[str, Any]] | None) -> pd.DataFrame:
    """The package's catalogue with the user's own indicators (built from their files' metadata) added."""
    entries = list(entries or [])
    out = catalogue.assign(user=False)
    if not entries:
        return out
    user = pd.DataFrame([{k: e.get(k) for k in INDICATOR_FIELDS} for e in entries]).drop_duplicates("id")
    user = _typed_catalogue(user.astype(object)).assign(user=True)
    return pd.concat([out, user[~user["id"].isin(out["id"])]], ignore_index=True)


#: Statuses as Vietnamese sources write them (data/README.md), read as the package's words.
STATUS_WORDS = {
    "thực tế": "actual",
    "chính thức": "actual",
    "ước tính": "estimate",
    "ước đạt": "estimate",
    "ước": "estimate",
    "sơ bộ": "provisional",
    "tạm tính": "provisional",
    "dự kiến": "projection",
    "dự báo": "projection",
}


def _status_word(value: Any) -> Any:
    """A status cell in the package's words: ``ước tính`` -> ``estimate``; anything else as written."""
    if not isinstance(value, str):
        return value
    import unicodedata

    word = unicodedata.normalize("NFC", value).strip().lower()
    return STATUS_WORDS.get(word, word if word in STATUSES else value)


def _validated_user_frame(
    frame: pd.DataFrame, *, file: str, decimal: str, catalogue_extra: list[dict[str, Any]] | None = None
) -> pd.DataFrame:
    frame = frame.copy()
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    catalogue = _with_user_entries(_package().catalogue, catalogue_extra)
    spec = observation_spec(catalogue, None, decimal=decimal, require_evidence=False, name=file)
    missing = missing_columns(list(frame.columns), spec, file=file)  # named as the file has its columns
    if missing:
        raise DataValidationError(missing)
    frame = frame[[c for c in frame.columns if c in OBSERVATION_COLUMNS]]
    n = len(frame)
    for col, default in USER_DEFAULTS.items():
        if col not in frame.columns:
            frame[col] = [default] * n
    frame["status"] = frame["status"].map(_status_word)
    if "source" not in frame.columns:
        frame["source"] = [Path(file).name] * n
    for col in ("published", "evidence", "note"):
        if col not in frame.columns:
            frame[col] = [None] * n
    if n == 0 and {"indicator", "period", "value"} <= set(frame.columns):
        raise DataValidationError(
            [
                Problem(
                    file,
                    None,
                    None,
                    None,
                    "the file has a header but no figures",
                    "one row per figure below the header",
                )
            ]
        )
    problems = validate_table(frame, spec, file=file)
    if problems:
        raise DataValidationError(problems)
    out = _typed_observations(frame, file=file, decimal=decimal)
    out.attrs["dxanalysis"] = "observations"
    out.attrs["catalogue"] = list(catalogue_extra or [])
    return out


def _user_frames(extra: ObservationInput | Iterable[ObservationInput], *, decimal: str) -> list[pd.DataFrame]:
    items = [extra] if isinstance(extra, str | os.PathLike | pd.DataFrame) else list(extra)
    frames = []
    for i, item in enumerate(items):
        if isinstance(item, pd.DataFrame):
            if item.attrs.get("dxanalysis") == "observations" and list(item.columns) == OUTPUT_COLUMNS:
                frames.append(item)
            else:
                frames.append(_validated_user_frame(item, file=f"<DataFrame extra[{i}]>", decimal=decimal))
        elif isinstance(item, str | os.PathLike):
            frames.append(read_observations(item, decimal=decimal))
        else:
            raise DxError(f"extra[{i}] is a {type(item).__name__}; accepted: a file path, a DataFrame, or a list")
    return frames


def _merge(package: pd.DataFrame, frames: list[pd.DataFrame]) -> pd.DataFrame:
    merged = pd.concat([package, *frames], ignore_index=True)
    dup = merged.duplicated(list(OBSERVATION_KEY), keep=False)
    if dup.any():
        problems = []
        for _, group in merged[dup].groupby(list(OBSERVATION_KEY), dropna=False, sort=False):
            first = group.iloc[0]
            for _, row in group.iloc[1:].iterrows():
                problems.append(
                    Problem(
                        row["file"],
                        None,
                        "value",
                        row["value"],
                        f"the figure for {row['indicator']} {row['geo']} {row['period']} (series {row['series']}, "
                        f"published {_date(row['published'])}) is also in {first['file']} "
                        f"(value {first['value']:g}, source {first['source']})",
                        "one figure per (indicator, geo, period, series, published): give yours another series name "
                        "or a publication date",
                    )
                )
        raise DataValidationError(problems, title="the same figure comes from more than one file")
    return merged


def _date(value: Any) -> str:
    return "unknown" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _as_of(value: str | dt.date) -> pd.Timestamp:
    refusal = DxError(f"as_of={value!r} is not a date; accepted: 'YYYY-MM-DD' such as '2024-05-01', or a date")
    if isinstance(value, str) and not _looks_like_date(value):
        raise refusal
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise refusal from None
    if pd.isna(stamp):
        raise refusal
    return stamp.normalize()


def _looks_like_date(text: str) -> bool:
    try:
        parse_publication_date(text.strip())
    except ValueError:
        return False
    return True
