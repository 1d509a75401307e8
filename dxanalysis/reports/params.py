"""The parameter checks of a plan, all made before any kernel starts.

papermill itself only warns about a parameter a notebook does not declare, and a value of the wrong meaning would
fail deep inside a notebook. :func:`validate_plan` refuses both at once, every problem of every job listed, with the
accepted names or values; the meaning of the common parameters is checked by the library's own functions
(:func:`~dxanalysis.present.i18n.check_lang`, :func:`~dxanalysis.data.periods.parse_as_of`,
:func:`~dxanalysis.analysis.models.check_level`, :func:`~dxanalysis.analysis.models.parse_models`), so the runner
refuses what the notebook would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dxanalysis import data as dxdata
from dxanalysis.analysis.models import check_level, parse_models
from dxanalysis.data.periods import parse_as_of
from dxanalysis.errors import DxError, UnknownIndicatorError
from dxanalysis.present.i18n import LANGS, check_lang
from dxanalysis.reports.notebooks import notebook_parameters
from dxanalysis.reports.plan import Job

__all__ = ["check_values", "coerce", "validate_plan"]

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
    listed (papermill itself would only warn). Returns the jobs with their values converted to the declared types.

    >>> validate_plan([Job("scenarios.ipynb", {"lang": "vi"}, "scenarios", "Kịch bản")])[0].parameters
    {'lang': 'vi'}
    """
    problems: list[str] = []
    out: list[Job] = []
    declared_by_nb: dict[str, dict[str, dict[str, Any]]] = {}
    known: KnownIndicators = {}
    for job in plan:
        declared = declared_by_nb.setdefault(job.notebook, notebook_parameters(job.notebook))
        coerced: dict[str, Any] = {}
        for name, value in job.parameters.items():
            if name not in declared:
                problems.append(f"{job.slug}: unknown parameter {name!r}; accepted: {', '.join(declared)}")
                continue
            type_name = str(declared[name]["type"])
            try:
                coerced[name] = coerce(value, type_name)
            except (ValueError, TypeError):
                problems.append(f"{job.slug}: {name}={value!r} is not {_ARTICLES.get(type_name, type_name)}")
        problems += [f"{job.slug}: {p}" for p in check_values(coerced, known)]
        out.append(Job(job.notebook, coerced, job.slug, job.title))
    slugs = [j.slug for j in out]
    dupes = sorted({s for s in slugs if slugs.count(s) > 1})
    if dupes:
        problems.append(f"two jobs would write the same folder: {', '.join(dupes)}")
    if problems:
        raise DxError("the report's parameters are refused before any notebook runs:\n  - " + "\n  - ".join(problems))
    return out


def check_values(p: Mapping[str, Any], known: KnownIndicators | None = None) -> list[str]:
    """The meaning of the common parameters: what the library would refuse, said before a kernel starts.

    ``known`` carries the indicators of the user's files from one job to the next (they are read once per plan).

    >>> check_values({"lang": "fr", "horizon": 2200})
    ["lang='fr'; accepted: en, vi", 'horizon=2200; accepted: the last forecast year, e.g. 2030']
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
    if p.get("indicator") and indicators and p["indicator"] not in indicators:
        problems.append(str(UnknownIndicatorError(p["indicator"], sorted(indicators))))
    if "horizon" in p and isinstance(p["horizon"], int) and not 2000 < p["horizon"] <= 2100:
        problems.append(f"horizon={p['horizon']!r}; accepted: the last forecast year, e.g. 2030")
    return problems


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
