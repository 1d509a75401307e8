"""The parameter checks of a plan, all made before any kernel starts.

papermill itself only warns about a parameter a notebook does not declare, and a value of the wrong meaning would
fail deep inside a notebook. :func:`validate_plan` refuses both at once, every problem of every job listed, with the
accepted names or values; the meaning of the common parameters is checked by the library's own functions
(:func:`~dxanalysis.present.i18n.check_lang`, :func:`~dxanalysis.data.periods.parse_as_of`,
:func:`~dxanalysis.analysis.models.check_level`, :func:`~dxanalysis.analysis.models.parse_models`), so the runner
refuses what the notebook would. A problem shared by several jobs (one ``--param`` given to every indicator notebook)
is said once, naming how many notebooks it concerns.

``horizon``, the last year an indicator notebook forecasts, must be after the year of its series' last figure (as of
``as_of``): the rule :meth:`~dxanalysis.analysis.trendfit.TrendFit.forecast` applies, with the last figure's year
as :func:`~dxanalysis.analysis.timeseries.figure_year` gives it. A horizon after the last figure but before today is
accepted: it asks for a nowcast of an outcome not yet published, which is a question a report may answer. (The
trend figure would otherwise stretch a past horizon silently to the year after the last figure.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis import data as dxdata
from dxanalysis.analysis.models import check_level, parse_models
from dxanalysis.analysis.provinces import province_code
from dxanalysis.analysis.timeseries import figure_year, series_times
from dxanalysis.analysis.verdicts import today
from dxanalysis.data.periods import parse_as_of
from dxanalysis.data.user_targets import read_target_file
from dxanalysis.errors import DxError, UnknownIndicatorError, did_you_mean
from dxanalysis.present.i18n import LANGS, check_lang
from dxanalysis.reports.notebooks import notebook_parameters
from dxanalysis.reports.plan import Job

__all__ = ["check_horizons", "check_values", "coerce", "province_problems", "validate_plan"]

#: The indicators each set of the user's files makes known (or the files' problem, as text), read once per plan.
KnownIndicators = dict[tuple[str, str, str], set[str] | str]

#: The common parameters the library itself checks (an empty value means the default: nothing to check).
LIBRARY_CHECKS: dict[str, Callable[[Any], object]] = {
    "level": check_level,
    "as_of": parse_as_of,
    "models": parse_models,
}

_ARTICLES = {"int": "a whole number", "float": "a number", "bool": "true or false", "str": "text"}


def coerce(value: Any, type_name: str) -> Any:
    """``value`` converted to the type a notebook declares (``int``, ``float``, ``bool``, ``str``); ``ValueError``
    when it is not one.

    >>> coerce("2030", "int"), coerce("yes", "bool"), coerce(None, "str")
    (2030, True, '')
    """
    if type_name == "int":
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, str):
            return int(value.strip())
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        return int(value)
    if type_name == "float":
        if isinstance(value, bool):
            raise ValueError
        return float(value)
    if type_name == "bool":
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1", "yes"):
            return True
        if str(value).lower() in ("false", "0", "no"):
            return False
        raise ValueError
    if type_name == "str":
        return "" if value is None else str(value)
    return value


def validate_plan(plan: Sequence[Job]) -> list[Job]:
    """Check every job's parameters against its notebook and the data, before anything runs.

    An unknown parameter name or a value of the wrong type or meaning is refused, with the accepted names or values
    listed (papermill itself would only warn); a problem several jobs share is said once. Returns the jobs with their
    values converted to the declared types.

    >>> validate_plan([Job("scenarios.ipynb", {"lang": "vi"}, "scenarios", "Kịch bản")])[0].parameters
    {'lang': 'vi'}
    """
    problems: dict[str, list[str]] = {}  # what is wrong -> the jobs it concerns, in the plan's order
    out: list[Job] = []
    declared_by_nb: dict[str, dict[str, dict[str, Any]]] = {}
    known: KnownIndicators = {}
    for job in plan:
        declared = declared_by_nb.setdefault(job.notebook, notebook_parameters(job.notebook))
        coerced: dict[str, Any] = {}
        for name, value in job.parameters.items():
            if name not in declared:
                hint = did_you_mean(name, declared)
                problems.setdefault(
                    f"unknown parameter {name!r}{' (' + hint + ')' if hint else ''}; accepted: {', '.join(declared)}",
                    [],
                ).append(job.slug)
                continue
            type_name = str(declared[name]["type"])
            try:
                coerced[name] = coerce(value, type_name)
            except (ValueError, TypeError):
                text = f"{name}={value!r} is not {_ARTICLES.get(type_name, type_name)}"
                problems.setdefault(text, []).append(job.slug)
        for text in check_values(coerced, known) + (province_problems(coerced) if _is_province(job) else []):
            problems.setdefault(text, []).append(job.slug)
        out.append(Job(job.notebook, coerced, job.slug, job.title))
    lines = [_concerning(text, slugs) for text, slugs in problems.items()]
    lines += check_horizons(out)
    slugs = [j.slug for j in out]
    dupes = sorted({s for s in slugs if slugs.count(s) > 1})
    if dupes:
        lines.append(f"two jobs would write the same folder: {', '.join(dupes)}")
    if len(lines) == 1:
        raise DxError(f"the report's parameters are refused before any notebook runs: {lines[0]}")
    if lines:
        raise DxError("the report's parameters are refused before any notebook runs:\n  - " + "\n  - ".join(lines))
    return out


def _concerning(text: str, slugs: Sequence[str], shown: int = 3) -> str:
    """A problem said once, with the jobs it concerns: its one job first, or how many and the first few."""
    if len(slugs) == 1:
        return f"{slugs[0]}: {text}"
    more = ", …" if len(slugs) > shown else ""
    return f"{text} ({len(slugs)} notebooks: {', '.join(slugs[:shown])}{more})"


def check_horizons(plan: Sequence[Job]) -> list[str]:
    """The jobs whose ``horizon`` is not after the year of their series' last figure, said once per horizon.

    The series is the job's (``indicator``, ``series``, ``geo``) as of its ``as_of``, with its ``data`` files; a job
    without a horizon or an indicator, or whose series is empty, has nothing to check.

    >>> check_horizons([Job("indicator.ipynb", {"indicator": "egdi_rank", "series": "un", "horizon": 2001}, "e", "E")])
    ['e: horizon=2001 is not after the year of the last figure (2024); accepted: a year after 2024']
    """
    late: dict[int, list[tuple[str, int]]] = {}
    for (data, decimal, sheet), jobs in _by_data(p for p in plan if _has_horizon(p.parameters)).items():
        with dxdata.using_data(data, decimal=decimal, sheet=sheet or None):
            for job in jobs:
                p = job.parameters
                try:
                    s = dxdata.series(
                        p["indicator"], p.get("series") or None, geo=p.get("geo") or "VN", as_of=p.get("as_of") or None
                    )
                except DxError:  # an unknown indicator or series is said by check_values, or by the notebook
                    continue
                times, _ = series_times(s.dropna())
                if len(times):
                    last = figure_year(float(times.max()), s.attrs.get("timing") or "period")
                    if p["horizon"] <= last:
                        late.setdefault(p["horizon"], []).append((job.slug, last))
    lines = []
    for horizon, refused in late.items():
        latest = max(year for _, year in refused)
        if len(refused) == 1:
            ((slug, year),) = refused
            text = f"horizon={horizon} is not after the year of the last figure ({year}); accepted: a year after {year}"
            lines.append(f"{slug}: {text}")
        else:
            shown = ", ".join(f"{slug} ({year})" for slug, year in refused[:3]) + (", …" if len(refused) > 3 else "")
            lines.append(
                f"horizon={horizon} is not after the year of the last figure in {len(refused)} notebooks: {shown}; "
                f"accepted: a year after the last figure, {latest + 1} or later for all of them"
            )
    return lines


def _has_horizon(p: Mapping[str, Any]) -> bool:
    return isinstance(p.get("horizon"), int) and not isinstance(p["horizon"], bool) and bool(p.get("indicator"))


def _by_data(plan: Iterable[Job]) -> dict[tuple[str, str, str], list[Job]]:
    """The jobs grouped by the user's files they read (each set read once)."""
    groups: dict[tuple[str, str, str], list[Job]] = {}
    for job in plan:
        p = job.parameters
        key = (str(p.get("data") or ""), str(p.get("data_decimal") or "."), str(p.get("data_sheet") or ""))
        groups.setdefault(key, []).append(job)
    return groups


def check_values(p: Mapping[str, Any], known: KnownIndicators | None = None) -> list[str]:
    """The meaning of the common parameters: what the library would refuse, said before a kernel starts.

    ``known`` carries the indicators of the user's files from one job to the next (they are read once per plan).

    >>> check_values({"lang": "fr", "horizon": 2200})
    ["lang='fr'; accepted: en, vi", "horizon=2200; accepted: a year after the series' last figure, at most 2100"]
    """
    problems = []
    if "data_decimal" in p and p["data_decimal"] not in (".", ","):
        problems.append(f"data_decimal={p['data_decimal']!r}; accepted: '.' or ','")
    indicators = _known_indicators(p, {} if known is None else known) if p.get("data") or p.get("indicator") else set()
    if isinstance(indicators, str):
        problems.append(indicators)
        indicators = set()
    if "lang" in p:
        try:
            check_lang(p["lang"])
        except DxError:  # said in the runner's one-line form, which lists the codes as --lang takes them
            problems.append(f"lang={p['lang']!r}; accepted: {', '.join(LANGS)}")
    for name, check in LIBRARY_CHECKS.items():
        if p.get(name) not in (None, ""):
            try:
                check(p[name])
            except DxError as exc:
                problems.append(str(exc))
    problems += _since_problems(p)
    if p.get("indicator") and indicators and p["indicator"] not in indicators:
        problems.append(str(UnknownIndicatorError(p["indicator"], sorted(indicators))))
    if "horizon" in p and isinstance(p["horizon"], int) and not 2000 < p["horizon"] <= 2100:
        problems.append(f"horizon={p['horizon']!r}; accepted: a year after the series' last figure, at most 2100")
    return problems


def _is_province(job: Job) -> bool:
    return Path(job.notebook).name == "province.ipynb"


def province_problems(p: Mapping[str, Any]) -> list[str]:
    """A province page's parameters: ``geo`` a province of either map (by code or name), its ``targets`` file (the
    province's own targets) valid, every problem of the file named by row, column and value.

    >>> province_problems({"geo": "Quang Nm"})
    ["geo='Quang Nm': unknown province 'Quang Nm': did you mean 'Quảng Nam', 'Quảng Ninh', 'Quảng Ngãi'?"]
    """
    problems = []
    try:
        province_code(str(p.get("geo") or ""))
    except DxError as exc:
        problems.append(f"geo={p.get('geo')!r}: {exc}")
    if p.get("targets"):
        try:
            read_target_file(str(p["targets"]))
        except DxError as exc:  # every problem of the file: file, row, column, value and what is accepted
            problems.append(str(exc))
        except OSError as exc:
            problems.append(f"targets={p['targets']!r}: {exc.strerror or exc}")
    return problems


def _since_problems(p: Mapping[str, Any]) -> list[str]:
    """``since`` (what changed since a date): a date, not after ``as_of`` nor after today."""
    since = p.get("since")
    if since in (None, ""):
        return []
    accepted = "accepted: 'YYYY-MM-DD' such as '2024-05-01', before the report's date"
    try:
        day = parse_as_of(since)
    except DxError:
        return [f"since={since!r} is not a date; {accepted}"]
    try:
        until = parse_as_of(p["as_of"]) if p.get("as_of") else pd.Timestamp(today())
    except DxError:
        return []  # the as_of rule says so
    return [f"since={since!r} is after the report's date ({until.date()}); {accepted}"] if day > until else []


def _known_indicators(p: Mapping[str, Any], cache: KnownIndicators) -> set[str] | str:
    """The indicators a notebook with these parameters can see: the catalogue's, and those of its ``data`` files
    (read and validated once per plan); or the files' problem, as text."""
    key = (str(p.get("data") or ""), str(p.get("data_decimal") or "."), str(p.get("data_sheet") or ""))
    if key not in cache:
        try:
            with dxdata.using_data(key[0], decimal=key[1], sheet=key[2] or None):
                cache[key] = set(dxdata.indicators()["id"])
        except DxError as exc:
            cache[key] = str(exc)
    return cache[key]
