"""Scenarios for shares: when does a share reach its target under assumed growth of its part and of the whole?

A share of a whole (the digital economy's share of GDP) moves each year by the ratio of the growth factors of the part
and of the whole: ``share[t+1] = share[t] * (1 + g_part) / (1 + g_whole)``. A grid of growth assumptions gives, for
each pair, the share in each target year and the first year a target is reached.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from dxanalysis.errors import DxError

__all__ = ["NAMED_SCENARIOS", "parse_rates", "parse_targets", "share_scenario_grid", "share_scenarios"]

#: Scenarios stated in the sources. The 8th-session report (24 April 2024): the digital economy's share of GDP was
#: estimated at 16.5% in 2023, "với tốc độ tăng 20%, gấp 3 lần tăng trưởng GDP" — growing 20% a year, three times as
#: fast as GDP (so GDP grows 20% / 3).
NAMED_SCENARIOS: dict[str, dict[str, float]] = {
    "8th session: digital economy +20%/yr, 3x GDP growth": {
        "start": 16.5,
        "start_year": 2023,
        "part_growth": 0.20,
        "whole_growth": 0.20 / 3,
    },
}


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
    ceiling: float = 100.0,
) -> pd.DataFrame:
    """The share year by year when the part grows by ``part_growth`` and the whole by ``whole_growth`` a year.

    Growth rates are fractions (0.2 is 20% a year). The share is capped at ``ceiling`` (a part cannot exceed its
    whole); ``capped`` marks the years where the cap binds.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> sc = dx.share_scenarios(start=16.5, start_year=2023, part_growth=0.20, whole_growth=0.20 / 3, until=2025)
    >>> sc["share"].round(2).tolist()
    [16.5, 18.56, 20.88]
    """
    if until <= start_year:
        raise DxError(f"until={until} is not after start_year={start_year}")
    if not 0 < start <= ceiling:
        raise DxError(f"start={start!r} is not a share in (0, {ceiling:g}]")
    gp, gw = _check_growth("part_growth", part_growth), _check_growth("whole_growth", whole_growth)
    years = np.arange(start_year, until + 1)
    raw = start * ((1 + gp) / (1 + gw)) ** (years - start_year)
    return pd.DataFrame({"year": years, "share": np.minimum(raw, ceiling), "capped": raw > ceiling})


def share_scenario_grid(
    *,
    start: float,
    start_year: int,
    part_growth: Iterable[float],
    whole_growth: Iterable[float],
    targets: Mapping[int, float],
    until: int = 2050,
) -> pd.DataFrame:
    """Every pair of growth assumptions: the share in each target year and the first year each target is reached.

    Parameters
    ----------
    targets
        Target year → target share, e.g. ``{2025: 20, 2030: 30}``.

    Returns
    -------
    pandas.DataFrame
        One row per (``part_growth``, ``whole_growth``), with ``share_<year>`` for each target year and
        ``reached_<value>`` (the first year the share reaches that target value, ``<NA>`` if not by ``until``) and
        ``on_time_<year>`` (whether the target of that year is met in that year).

    >>> import dxanalysis as dx
    >>> g = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.1, 0.2], whole_growth=[0.066],
    ...                            targets={2025: 20, 2030: 30})
    >>> g[["part_growth", "reached_20", "reached_30"]].values.tolist()
    [[0.1, 2030, 2043], [0.2, 2025, 2029]]
    """
    if not targets:
        raise DxError("targets is empty; accepted: a mapping of year to share, e.g. {2025: 20, 2030: 30}")
    parts = np.array([_check_growth("part_growth", g) for g in part_growth], dtype=float)
    wholes = np.array([_check_growth("whole_growth", g) for g in whole_growth], dtype=float)
    if parts.size == 0 or wholes.size == 0:
        raise DxError("part_growth and whole_growth each need at least one rate")
    gp, gw = np.meshgrid(parts, wholes, indexing="ij")
    gp, gw = gp.ravel(), gw.ravel()
    ratio = (1 + gp) / (1 + gw)
    years = np.arange(start_year, until + 1)
    shares = np.minimum(start * ratio[:, None] ** (years - start_year)[None, :], 100.0)
    out = pd.DataFrame({"part_growth": gp, "whole_growth": gw})
    for year, value in sorted(targets.items()):
        if start_year <= year <= until:
            out[f"share_{year}"] = shares[:, year - start_year]
            out[f"on_time_{year}"] = shares[:, year - start_year] >= value
    for value in sorted(set(targets.values())):
        hit = shares >= value
        first = years[np.argmax(hit, axis=1)]
        out[f"reached_{value:g}"] = pd.array(
            [int(y) if any_hit else None for y, any_hit in zip(first, hit.any(axis=1), strict=True)], dtype="Int64"
        )
    return out


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
