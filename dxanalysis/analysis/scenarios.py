"""Scenarios for shares: when does a share reach its target under assumed growth of its part and of the whole?

A share of a whole (the digital economy's share of GDP) moves each year by the ratio of the growth factors of the part
and of the whole: ``share[t+1] = share[t] * (1 + g_part) / (1 + g_whole)``. Both parts of a share of GDP are
measured in current prices, so both rates are **nominal** (a real growth rate plus inflation is, near enough, the
nominal rate: ``(1 + real) * (1 + inflation) - 1``); putting a real GDP growth rate on the whole biases the share
upwards. A grid of growth assumptions gives, for each pair, the share in each target year and the first year a target
is reached.

The scenarios start, by default, from the latest published figure (:func:`scenario_start`) and are held against the
same national targets as the scorecard (:func:`scenario_targets`). A share of GDP at or above
:data:`PLAUSIBLE_BOUND` (100%) is impossible: a path is flagged from the first year it reaches it
(``implausible``, :func:`implausible_from`), and no target counts as reached there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.targets import Target, national_target
from dxanalysis.errors import DxError

__all__ = [
    "NAMED_SCENARIOS",
    "PLAUSIBLE_BOUND",
    "SHARE_INDICATOR",
    "ScenarioStart",
    "implausible_from",
    "implied_part_growth",
    "parse_rates",
    "parse_targets",
    "required_share_growth",
    "resolve_start",
    "resolve_targets",
    "scenario_start",
    "scenario_targets",
    "share_scenario_grid",
    "share_scenarios",
]

#: The indicator the package's scenarios are of (the digital economy's share of GDP).
SHARE_INDICATOR = "digital_economy_share_gdp"

#: The plausibility bound of a share of GDP, in percent: a part cannot be as large as its whole, so a path is not
#: plausible from the first year its share reaches 100% (an argued bound, not a sourced one: it is the arithmetic
#: limit; any credible ceiling lies below it).
PLAUSIBLE_BOUND = 100.0

#: Scenarios stated in the sources. The 8th-session report (24 April 2024): the digital economy's share of GDP was
#: estimated at 16.5% in 2023, "với tốc độ tăng 20%, gấp 3 lần tăng trưởng GDP" — growing 20% a year, three times as
#: fast as GDP (so GDP grows 20% / 3). The report does not say nominal or real; a share moves with nominal rates.
NAMED_SCENARIOS: dict[str, dict[str, float]] = {
    "8th session: digital economy +20%/yr, 3x GDP growth": {
        "start": 16.5,
        "start_year": 2023,
        "part_growth": 0.20,
        "whole_growth": 0.20 / 3,
    },
}


@dataclass(frozen=True)
class ScenarioStart:
    """The figure a scenario starts from: a published annual figure, its period, status and source.

    >>> s = ScenarioStart(18.3, 2024, status="estimate", source="quangngai_2025_02_06_ubqg10")
    >>> s.period, s.value
    ('2024', 18.3)
    """

    value: float
    year: int
    status: str = ""
    source: str = ""  # the source's id in the sources table ("" for a start of your own)
    published: pd.Timestamp | None = None
    indicator: str = SHARE_INDICATOR
    series: str = ""

    @property
    def period(self) -> str:
        """The figure's period, a whole year (``"2024"``)."""
        return str(self.year)


def scenario_start(
    indicator: str = SHARE_INDICATOR,
    source: str | None = "mic",
    *,
    geo: str = "VN",
    as_of: str | dt.date | None = None,
) -> ScenarioStart:
    """The latest published annual figure of a series as of ``as_of``: where the scenarios start by default.

    A scenario steps by whole years, so only annual figures count (the ministry's 18.3% for 2024-H1 is not a start);
    a publisher's projection (the ministry's 18.6% for 2024, made in November 2024) is not a figure and is passed
    over. With ``as_of`` the figures are those published by that date (:func:`dxanalysis.series`).

    Parameters
    ----------
    indicator, source, geo
        The series (by default the ministry's estimate of the digital economy's share of GDP, the series the
        government's progress reports quote).
    as_of
        ``"YYYY-MM-DD"``: the figures as they stood on that date; ``None`` or ``""``: the latest data.

    Returns
    -------
    ScenarioStart
        Its value, year, status, source id and publication date.

    Examples
    --------
    >>> scenario_start().value, scenario_start().period
    (18.72, '2025')
    >>> scenario_start(as_of="2024-12-01").value  # the 18.6 of November 2024 was a projection
    16.5
    """
    s = data.series(indicator, source, geo=geo, freq="year", as_of=as_of or None)
    status = s.attrs.get("status") or {}
    figures = [year for year in s.index if status.get(year) != "projection"]
    if not figures:
        raise DxError(
            f"{indicator} ({source or 'any series'}) has no published annual figure"
            + (f" as of {as_of}" if as_of else "")
            + "; give the start yourself with start=… and start_year=…"
        )
    year = figures[-1]
    published = (s.attrs.get("published") or {}).get(year)
    return ScenarioStart(
        value=float(s[year]),
        year=int(year),
        status=str(status.get(year, "")),
        source=str((s.attrs.get("source") or {}).get(year, "")),
        published=None if published is None or pd.isna(published) else pd.Timestamp(published),
        indicator=indicator,
        series=str(s.attrs.get("series") or source or ""),
    )


def scenario_targets(
    after: int,
    indicator: str = SHARE_INDICATOR,
    source: str | None = "mic",
    *,
    geo: str = "VN",
    as_of: str | dt.date | None = None,
) -> list[Target]:
    """The national targets of every target year after ``after``: the targets the scorecard holds the series to.

    For each target year, the target of :func:`dxanalysis.analysis.targets.national_target` (of several documents,
    the most demanding), with the document that set it. With ``as_of``, only the targets adopted by then.

    Examples
    --------
    >>> [(t.year, t.value, t.document) for t in scenario_targets(2024)]  # doctest: +NORMALIZE_WHITESPACE
    [(2025, 20.5, 'Quyết định 1437/QĐ-TTg'), (2030, 30.0, 'Nghị quyết 57-NQ/TW'), (2045, 50.0, 'Nghị quyết 57-NQ/TW')]
    """
    rows = data.load_targets(as_of=as_of or None)
    rows = rows[(rows["indicator"] == indicator) & (rows["geo"] == geo)]
    if source is not None:
        rows = rows[rows["series"].isin(["", source])]
    years = sorted(int(y) for y in rows["year"].unique() if int(y) > after)
    return [national_target(indicator, geo, source, target_year=y, as_of=as_of or None) for y in years]


def resolve_start(start: float = 0.0, start_year: int = 0, *, as_of: str | dt.date | None = None) -> ScenarioStart:
    """The scenarios' start as a notebook's parameters give it: ``start`` and ``start_year`` both given win; both
    empty (``0``) mean the latest published figure of the ministry's series as of ``as_of`` (:func:`scenario_start`).

    >>> resolve_start().value, resolve_start(16.5, 2023).source
    (18.72, '')
    >>> resolve_start(16.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dxanalysis.errors.DxError: start=16.5 is given without start_year; accepted: both (e.g. 16.5 and 2023) ...
    """
    given_start, given_year = bool(start), bool(start_year)
    if given_start != given_year:
        given, missing = ("start", "start_year") if given_start else ("start_year", "start")
        raise DxError(
            f"{given}={start if given_start else start_year!r} is given without {missing}; accepted: both (e.g. 16.5 "
            "and 2023) or neither (0: the latest published figure)"
        )
    if given_start:
        return ScenarioStart(float(start), int(start_year))
    return scenario_start(as_of=as_of)


def resolve_targets(text: str, after: int, *, as_of: str | dt.date | None = None) -> list[Target]:
    """The scenarios' targets as a notebook's parameter gives them: ``"2025:20,2030:30"`` (:func:`parse_targets`,
    targets of your own, no document) wins; ``""`` means the national targets after ``after``
    (:func:`scenario_targets`, the scorecard's).

    >>> [(t.year, t.value) for t in resolve_targets("", 2024)]
    [(2025, 20.5), (2030, 30.0), (2045, 50.0)]
    >>> [(t.year, t.document) for t in resolve_targets("2030:35", 2024)]
    [(2030, None)]
    """
    if isinstance(text, str) and not text.strip():
        targets = scenario_targets(after, as_of=as_of)
        if not targets:
            raise DxError(f"no national target after {after}; give targets such as '2030:30'")
        return targets
    return [Target(value, year) for year, value in parse_targets(text).items()]


def required_share_growth(start: float, start_year: int, value: float, year: int) -> float:
    """The growth a year **of the share itself** that takes ``start`` in ``start_year`` to ``value`` in ``year``.

    Not the growth of the digital economy: that is :func:`implied_part_growth` of this rate and GDP's.

    >>> round(required_share_growth(16.5, 2023, 30, 2030), 4)
    0.0892
    """
    if year <= start_year:
        raise DxError(f"year={year} is not after start_year={start_year}")
    if start <= 0 or value <= 0:
        raise DxError(f"start={start!r} and value={value!r} must be positive shares")
    return float((value / start) ** (1 / (year - start_year)) - 1)


def implied_part_growth(share_growth: float, whole_growth: float) -> float:
    """The nominal growth of the part that a growth of the share implies at a nominal growth of the whole:
    ``(1 + share_growth) * (1 + whole_growth) - 1``.

    >>> round(implied_part_growth(0.0859, 0.067), 3)  # the share +8.59% a year with nominal GDP +6.7%
    0.159
    """
    return float(
        (1 + _check_growth("share_growth", share_growth)) * (1 + _check_growth("whole_growth", whole_growth)) - 1
    )


def _check_growth(name: str, g: float) -> float:
    g = float(g)
    if not np.isfinite(g) or g <= -1:
        raise DxError(f"{name}={g!r} is not a growth rate; accepted: a number above -1, e.g. 0.2 for 20% a year")
    return g


def share_scenarios(
    *,
    start: float,
    start_year: int,
    part_growth: float,
    whole_growth: float,
    until: int,
    bound: float = PLAUSIBLE_BOUND,
) -> pd.DataFrame:
    """The share year by year when the part grows by ``part_growth`` and the whole by ``whole_growth`` a year.

    Growth rates are **nominal** fractions a year (0.2 is 20% a year): a share of GDP moves with the nominal growth of
    the digital economy and of GDP. The share is capped at ``bound`` (100%: a part cannot be as large as its whole).

    Returns
    -------
    pandas.DataFrame
        ``year``, ``share``, ``capped`` (the arithmetic passes the bound) and ``implausible`` (the share has reached
        the bound: true from the first such year on). ``attrs["implausible_from"]`` is that year (``None`` when the
        path stays below the bound) and ``attrs["bound"]`` the bound.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> sc = dx.share_scenarios(start=16.5, start_year=2023, part_growth=0.20, whole_growth=0.20 / 3, until=2025)
    >>> sc["share"].round(2).tolist()
    [16.5, 18.56, 20.88]
    >>> fast = dx.share_scenarios(start=18.3, start_year=2024, part_growth=0.27, whole_growth=0.067, until=2040)
    >>> fast.attrs["implausible_from"]
    2034
    """
    if until <= start_year:
        raise DxError(f"until={until} is not after start_year={start_year}")
    bound = _check_bound(bound)
    if not 0 < start < bound:
        raise DxError(f"start={start!r} is not a share in (0, {bound:g}); accepted: a share of the whole in percent")
    gp, gw = _check_growth("part_growth", part_growth), _check_growth("whole_growth", whole_growth)
    years = np.arange(start_year, until + 1)
    raw = start * ((1 + gp) / (1 + gw)) ** (years - start_year)
    out = pd.DataFrame(
        {"year": years, "share": np.minimum(raw, bound), "capped": raw > bound, "implausible": raw >= bound}
    )
    out.attrs["implausible_from"] = implausible_from(out)
    out.attrs["bound"] = bound
    return out


def implausible_from(path: pd.DataFrame) -> int | None:
    """The first year a path of :func:`share_scenarios` reaches the plausibility bound (``None``: it never does).

    >>> import dxanalysis as dx
    >>> implausible_from(dx.share_scenarios(start=18.3, start_year=2024, part_growth=0.2, whole_growth=0.1, until=2030))
    """
    years = path.loc[path["implausible"].astype(bool), "year"]
    return int(years.iloc[0]) if len(years) else None


def _check_bound(bound: float) -> float:
    bound = float(bound)
    if not (np.isfinite(bound) and 0 < bound <= 100):
        raise DxError(f"bound={bound!r} is not a share in (0, 100]; accepted: the plausible limit in percent, e.g. 100")
    return bound


def share_scenario_grid(
    *,
    start: float,
    start_year: int,
    part_growth: Iterable[float],
    whole_growth: Iterable[float],
    targets: Mapping[int, float],
    until: int = 2050,
    bound: float = PLAUSIBLE_BOUND,
) -> pd.DataFrame:
    """Every pair of growth assumptions: the share in each target year and the first year each target is reached.

    Parameters
    ----------
    start, start_year
        The starting share (percent) and its year (:func:`scenario_start` gives the latest published one).
    part_growth, whole_growth
        **Nominal** growth rates a year, as fractions, of the digital economy and of GDP (real GDP growth plus
        inflation is, near enough, the nominal rate).
    targets
        Target year → target share, e.g. ``{2025: 20.5, 2030: 30}`` (:func:`scenario_targets` gives the national
        ones).
    until
        The last year computed.
    bound
        The plausibility bound (100%): a share at or above it is impossible, and a target is never counted as
        reached in a year the path has reached it.

    Returns
    -------
    pandas.DataFrame
        One row per (``part_growth``, ``whole_growth``), with ``share_<year>`` for each target year (capped at the
        bound), ``on_time_<year>`` (whether the target of that year is met in that year, below the bound),
        ``reached_<value>`` (the first year the share reaches that target value below the bound, ``<NA>`` if not by
        ``until``) and ``implausible_from`` (the first year the path reaches the bound, ``<NA>`` if not by
        ``until``).

    >>> import dxanalysis as dx
    >>> g = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.1, 0.2], whole_growth=[0.066],
    ...                            targets={2025: 20, 2030: 30})
    >>> g[["part_growth", "reached_20", "reached_30", "implausible_from"]].values.tolist()
    [[0.1, 2030, 2043, <NA>], [0.2, 2025, 2029, 2039]]
    """
    if not targets:
        raise DxError("targets is empty; accepted: a mapping of year to share, e.g. {2025: 20, 2030: 30}")
    if until <= start_year:
        raise DxError(f"until={until} is not after start_year={start_year}")
    bound = _check_bound(bound)
    parts = np.array([_check_growth("part_growth", g) for g in part_growth], dtype=float)
    wholes = np.array([_check_growth("whole_growth", g) for g in whole_growth], dtype=float)
    if parts.size == 0 or wholes.size == 0:
        raise DxError("part_growth and whole_growth each need at least one rate")
    gp, gw = np.meshgrid(parts, wholes, indexing="ij")
    gp, gw = gp.ravel(), gw.ravel()
    ratio = (1 + gp) / (1 + gw)
    years = np.arange(start_year, until + 1)
    raw = start * ratio[:, None] ** (years - start_year)[None, :]
    shares = np.minimum(raw, bound)
    plausible = raw < bound
    out = pd.DataFrame({"part_growth": gp, "whole_growth": gw})
    for year, value in sorted(targets.items()):
        if start_year <= year <= until:
            out[f"share_{year}"] = shares[:, year - start_year]
            out[f"on_time_{year}"] = (shares[:, year - start_year] >= value) & plausible[:, year - start_year]
    for value in sorted(set(targets.values())):
        out[f"reached_{value:g}"] = _first_year(years, (shares >= value) & plausible)
    out["implausible_from"] = _first_year(years, ~plausible)
    return out


def _first_year(years: np.ndarray, hit: np.ndarray) -> pd.Series:
    """Row by row, the first year ``hit`` is true (``<NA>`` where it never is)."""
    first = years[np.argmax(hit, axis=1)].tolist()
    reached = np.asarray(hit.any(axis=1), dtype=bool).tolist()
    return pd.Series([int(y) if ok else None for y, ok in zip(first, reached, strict=True)], dtype="Int64")


# ----------------------------------------------------------------------------------------------------------------------
# Parameters written as text (a notebook's parameters, a command line)


def _items(text: str, what: str, example: str) -> list[str]:
    if not isinstance(text, str):
        raise DxError(f"{what} must be given as text such as {example!r}, not a {type(text).__name__}")
    items = [item.strip() for item in text.replace(";", ",").split(",")]
    if not any(items):
        raise DxError(f"{what} is empty; accepted: a comma-separated list such as {example!r}")
    if "" in items:
        raise DxError(f"{what} {text!r} has an empty item; accepted: a comma-separated list such as {example!r}")
    return items


def parse_rates(text: str) -> list[float]:
    """Growth rates written as text: ``"0.10,0.12,0.2"`` -> ``[0.1, 0.12, 0.2]``.

    Rates are fractions a year (0.2 is 20% a year), separated by commas (or semicolons); a rate may also be written
    as a percentage, ``"12%"`` -> 0.12. Each must be a number above -1. A bad item raises
    :class:`~dxanalysis.DxError` naming it and what is accepted.

    Examples
    --------
    >>> parse_rates("0.10, 0.2, 6.7%")
    [0.1, 0.2, 0.067]
    >>> parse_rates("0.1,abc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dxanalysis.errors.DxError: growth rate 'abc' (item 2 of '0.1,abc') is not a number; accepted: fractions a year ...
    """
    example = "0.10,0.12,0.20"
    accepted = f"fractions a year such as 0.12 (or 12%), separated by commas, e.g. {example!r}"
    rates = []
    for i, item in enumerate(_items(text, "the growth rates", example), start=1):
        where = f"growth rate {item!r} (item {i} of {text!r})"
        body, percent = (item[:-1].strip(), True) if item.endswith("%") else (item, False)
        try:
            value = float(body)
        except ValueError:
            raise DxError(f"{where} is not a number; accepted: {accepted}") from None
        if percent:
            value = round(value / 100, 12)
        if not np.isfinite(value) or value <= -1:
            raise DxError(f"{where} is not a growth rate above -1 (-100%); accepted: {accepted}")
        rates.append(value)
    return rates


def parse_targets(text: str) -> dict[int, float]:
    """Targets written as text: ``"2025:20,2030:30"`` -> ``{2025: 20.0, 2030: 30.0}`` (year: share in percent).

    Pairs ``year:value`` are separated by commas (or semicolons); the year is a whole year from 1900 to 2100, the
    value a share in (0, 100]. A bad item, or a year given twice, raises :class:`~dxanalysis.DxError` naming it and
    what is accepted.

    Examples
    --------
    >>> parse_targets("2025:20, 2030:30")
    {2025: 20.0, 2030: 30.0}
    >>> parse_targets("2025=20")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dxanalysis.errors.DxError: target '2025=20' (item 1 of '2025=20') is not year:value; accepted: pairs year:share ...
    """
    example = "2025:20,2030:30"
    accepted = f"pairs year:share separated by commas, e.g. {example!r}"
    targets: dict[int, float] = {}
    for i, item in enumerate(_items(text, "the targets", example), start=1):
        where = f"target {item!r} (item {i} of {text!r})"
        parts = item.split(":")
        if len(parts) != 2:
            raise DxError(f"{where} is not year:value; accepted: {accepted}")
        year_text, value_text = parts[0].strip(), parts[1].strip().removesuffix("%").strip()
        if not (year_text.isdigit() and 1900 <= int(year_text) <= 2100):
            raise DxError(f"{where}: {year_text!r} is not a year from 1900 to 2100; accepted: {accepted}")
        try:
            value = float(value_text)
        except ValueError:
            raise DxError(f"{where}: {value_text!r} is not a number; accepted: {accepted}") from None
        if not (np.isfinite(value) and 0 < value <= 100):
            raise DxError(f"{where}: {value_text!r} is not a share in (0, 100]; accepted: {accepted}")
        year = int(year_text)
        if year in targets:
            raise DxError(f"{where}: the year {year} is given twice; accepted: {accepted}")
        targets[year] = value
    return targets
