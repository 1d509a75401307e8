"""The package's figures, targets, sources and catalogue, with the user's own figures merged in: what the analysis
and the reports read.

Everything here returns tidy pandas frames (one row per published figure, per target, per indicator), validated on
every fresh read (:mod:`dxanalysis.data.catalogue`). The user's files (``extra=``, or those of
:func:`~dxanalysis.use_data`) are read, validated and merged in memory, never written to.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import pandas as pd

from dxanalysis.data.catalogue import data_dir, package_tables, read_package_tables, with_user_entries
from dxanalysis.data.periods import parse_as_of, parse_period, period_time
from dxanalysis.data.provinces import resolve_geo
from dxanalysis.data.session import session_frames
from dxanalysis.data.user import ObservationInput, merge_observations, read_observation_file, user_frames
from dxanalysis.data.vocabularies import PILLARS
from dxanalysis.errors import DxError, UnknownIndicatorError, UnknownSeriesError

__all__ = [
    "SERIES_KEY",
    "Vintage",
    "catalogue_entry",
    "indicators",
    "load_observations",
    "load_sources",
    "load_targets",
    "read_observations",
    "series",
    "validate_package_data",
]

SERIES_KEY = ["indicator", "geo", "period", "series"]
Vintage = Literal["latest", "first", "all"]


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
    entries = load_observations(extra=extra).attrs.get("catalogue") if extra is not None or session_frames() else None
    cat = with_user_entries(package_tables().catalogue, entries)
    if pillar is not None:
        if pillar not in PILLARS:
            raise DxError(f"unknown pillar {pillar!r}; accepted: {', '.join(PILLARS)}")
        cat = cat[cat["pillar"] == pillar]
    return cat.reset_index(drop=True).copy()


def catalogue_entry(indicator: str) -> Mapping[str, Any] | None:
    """One indicator's row of :func:`indicators` as a mapping (``None`` when the catalogue has no such id).

    A report's notebook asks for an indicator's name and unit hundreds of times; the catalogue is indexed once for
    the package's tables and the session's files it was made from, and again only when either changes.

    >>> catalogue_entry("fibre_households_using")["unit"], catalogue_entry("no_such_indicator")
    ('percent', None)
    """
    rows: dict[str, Mapping[str, Any]] = _kept(
        ("catalogue",), lambda: {str(r["id"]): MappingProxyType(r) for r in indicators().to_dict("records")}
    )
    return rows.get(indicator)


#: What :func:`_kept` keeps: key -> (the package tables, the session's files, the value made from them).
_KEPT: dict[tuple[str, ...], tuple[Any, list[pd.DataFrame], Any]] = {}


def _kept(key: tuple[str, ...], make: Callable[[], Any]) -> Any:
    """``make()``, kept for the package's tables and the session's files it was made from (compared by identity,
    so that :func:`~dxanalysis.data.session.use_data` or a changed data file counts at once)."""
    tables, session = package_tables(), session_frames()
    kept = _KEPT.get(key)
    if kept is None or kept[0] is not tables or not _same(kept[1], session):
        if len(_KEPT) >= 8 or (kept is not None and kept[0] is not tables):
            _KEPT.clear()
        kept = _KEPT[key] = (tables, session, make())
    return kept[2]


def _same(a: Sequence[object], b: Sequence[object]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def load_sources() -> pd.DataFrame:
    """Every source document the figures and targets cite: publisher, title, date, address, kind, language.

    >>> import dxanalysis as dx
    >>> "kontum_2024_04_24" in set(dx.load_sources()["id"])
    True
    """
    return package_tables().sources.copy()


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
    targets = package_tables().targets
    if as_of:
        targets = targets[targets["adopted"] <= parse_as_of(as_of)]
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
    >>> row = obs[(obs.indicator == "fibre_households_using") & (obs.period == "2024-04-24")].iloc[0]
    >>> float(row.value), row.source
    (80.2, 'kontum_2024_04_24')
    """
    if vintage not in ("latest", "first", "all"):
        raise DxError(f"vintage must be 'latest', 'first' or 'all', not {vintage!r}")
    if extra is not None:
        return _load_observations(as_of, vintage, extra, decimal)
    # a notebook loads the same view many times: kept (_kept), and given out as a copy
    view: pd.DataFrame = _kept(
        ("observations", str(as_of) if as_of else "", vintage),
        lambda: _load_observations(as_of, vintage, None, decimal),
    )
    out = view.copy()
    out.attrs = dict(view.attrs)
    return out


def _load_observations(
    as_of: str | dt.date | None,
    vintage: Vintage,
    extra: ObservationInput | Iterable[ObservationInput] | None,
    decimal: str,
) -> pd.DataFrame:
    obs = package_tables().observations
    entries: list[dict[str, Any]] = []
    session = session_frames()
    if extra is not None or session:
        frames = [*session, *(user_frames(extra, decimal=decimal) if extra is not None else [])]
        entries = [e for f in frames for e in f.attrs.get("catalogue", [])]
        obs = merge_observations(obs, frames)
    if as_of:
        obs = obs[obs["published"].notna() & (obs["published"] <= parse_as_of(as_of))]
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
    missing: Literal["raise", "empty"] = "raise",
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
        ``"VN"`` (national), an ISO 3166-2:VN code (``"VN-DN"``), or a province's name with or without diacritics
        (``"Đà Nẵng"``, ``"Da Nang"``; :func:`~dxanalysis.province`).
    freq
        Keep only figures of one frequency: ``"year"``, ``"half"``, ``"quarter"``, ``"month"`` or ``"day"``. An
        indicator reported both for whole years and for parts of a year (the ministry's first-half estimates) gives
        a mixed series by default; ``freq="year"`` keeps the annual figures.
    as_of, extra
        As in :func:`load_observations` (``as_of=""``, as a notebook parameter gives it, is the latest data).
    missing
        ``"raise"`` (the default): an indicator with no figures (for ``geo``, as of ``as_of``) raises
        :class:`~dxanalysis.UnknownSeriesError`. ``"empty"``: it gives an empty series whose ``attrs`` still name the
        indicator, so a notebook can say so instead of failing. A wrong choice among existing series always raises.

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
    >>> dx.series("fibre_households_covered", missing="empty").attrs["unit"]  # no figures yet: an empty series
    'percent'
    """
    if missing not in ("raise", "empty"):
        raise DxError(f"missing={missing!r}; accepted: 'raise' or 'empty'")
    freqs = ("year", "half", "quarter", "month", "day")
    if freq is not None and freq not in freqs:
        raise DxError(f"freq={freq!r} is not a frequency; accepted: {', '.join(freqs)}, or None for all figures")
    geo = resolve_geo(geo)
    obs = load_observations(as_of=as_of, extra=extra)
    catalogue = with_user_entries(package_tables().catalogue, obs.attrs.get("catalogue"))
    known = set(catalogue["id"]) | set(obs["indicator"])
    if indicator not in known:
        raise UnknownIndicatorError(indicator, sorted(known))
    sel = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    available = sorted(sel["series"].unique())
    as_of = as_of or None
    when = f" as of {as_of}" if as_of is not None else ""
    elsewhere = obs.loc[(obs["indicator"] == indicator) & (obs["geo"] != geo), ["series", "geo"]].drop_duplicates()
    if source is not None and (elsewhere["series"] == source).any():  # the series asked for, where it is
        elsewhere = elsewhere[elsewhere["series"] == source]
    other = "; ".join(_geos_of(str(s), sorted(g["geo"])) for s, g in elsewhere.groupby("series", sort=True))
    other = f" ({other}: pass geo=…)" if other else ""
    if not available and missing == "empty" and indicator in set(catalogue["id"]):
        meta = catalogue.set_index("id").loc[indicator]
        assert isinstance(meta, pd.Series)  # catalogue ids are unique (the validation holds this)
        return _empty_series(meta, source or "", geo, as_of)
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
    path: str | os.PathLike[str],
    *,
    decimal: str | None = None,
    sheet: str | int | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Read and validate the user's own figures from a CSV or XLSX file in the observation layout.

    Required columns: ``indicator``, ``period``, ``value``. Optional: ``geo`` (default ``VN``), ``series``
    (default ``user``), ``status`` (default ``actual``), ``source`` (default: the file's name), ``published``
    (without it, the figures are left out of ``as_of`` views), ``evidence``, ``note``. Column names are matched
    without regard to case or surrounding spaces; other columns are ignored.

    Numbers may be written the Vietnamese way when the file says so with ``decimal=","``: ``80,2``, ``1.234,5``,
    ``38,3%``, ``268 triệu``, ``1,5 tỷ``. A file written as Vietnamese provinces write theirs is read with
    ``lang="vi"`` (``decimal=","`` says the same): dates ``15/01/2025``, periods ``năm 2024``, ``6 tháng đầu năm
    2025``, ``Quý II/2025``, ``tháng 4/2024``, statuses ``thực hiện``, ``ước thực hiện``, ``sơ bộ``, and provinces
    by name in the ``geo`` column (``Đà Nẵng``, ``Da Nang``; an unknown name is reported with the closest ones). CSV
    files may be separated by commas or semicolons and must be UTF-8
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
    return read_observation_file(Path(path), decimal=decimal, sheet=sheet, lang=lang)


def validate_package_data() -> dict[str, int]:
    """Validate the package's four data files (as every load does) and return the number of rows in each.

    Raises :class:`~dxanalysis.DataValidationError` listing every problem.

    >>> import dxanalysis as dx
    >>> dx.validate_package_data()["indicators"] > 10
    True
    """
    tables = read_package_tables(data_dir())  # always validated afresh, whatever is cached
    return {
        "indicators": len(tables.catalogue),
        "sources": len(tables.sources),
        "observations": len(tables.observations),
        "targets": len(tables.targets),
    }


def _empty_series(meta: pd.Series, source: str, geo: str, as_of: str | dt.date | None) -> pd.Series:
    """An indicator's series with no figures: its ``attrs`` name it as :func:`series` does."""
    empty = pd.Series([], index=pd.Index([], name="year", dtype="int64"), name=meta.name, dtype=float)
    empty.attrs = {
        "indicator": meta.name,
        "series": source,
        "geo": geo,
        "unit": meta["unit"],
        "lower": float(meta["lower"]),
        "upper": float(meta["upper"]),
        "timing": meta["timing"],
        "as_of": None if as_of is None else str(as_of),
        "status": {},
        "published": {},
        "source": {},
    }
    return empty


def _geos_of(series: str, geos: list[str]) -> str:
    """``series 'user' has geo 'VN-57'``, or the first places of a series found in many."""
    if len(geos) == 1:
        return f"series {series!r} has geo {geos[0]!r}"
    shown = ", ".join(repr(g) for g in geos[:5])
    return f"series {series!r} has geos {shown}" + (f" … ({len(geos)} places)" if len(geos) > 5 else "")
