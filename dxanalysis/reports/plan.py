"""The plan of a report: which notebook runs with which parameters.

A plan is a list of :class:`Job`. :func:`build_plan` asks every entry of the notebook registry
(:data:`~dxanalysis.reports.notebooks.NOTEBOOKS`) what it contributes, given the observations (the package's and the
user's files) and the parameters every notebook shares; ``params`` from the command line are then applied to the
notebooks that declare them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxanalysis import data as dxdata
from dxanalysis.analysis import provinces
from dxanalysis.data.user_targets import read_target_file
from dxanalysis.errors import DxError, UnknownIndicatorError, did_you_mean
from dxanalysis.present import i18n
from dxanalysis.reports.notebooks import PlanInputs, expected_cost, notebook_parameters, specs_for

__all__ = ["Job", "apply_params", "build_plan", "longest_first", "parse_param", "province_pages"]


@dataclass(frozen=True)
class Job:
    """One notebook to run with one parameter set; ``slug`` names its folder in the run.

    >>> Job("overview.ipynb", {"lang": "en"}, "overview", "Overview").slug
    'overview'
    """

    notebook: str
    parameters: dict[str, Any]
    slug: str
    title: str


def build_plan(
    *,
    indicators: Sequence[str] | None = None,
    params: Mapping[str, Any] | None = None,
    lang: str = "en",
    as_of: str | None = None,
    data: Sequence[str] = (),
    decimal: str = ".",
    sheet: str | None = None,
    overview: bool = True,
    scenarios: bool = True,
    notebooks: Sequence[str] | None = None,
    geo: str | Sequence[str] | None = None,
    targets: str | None = None,
) -> list[Job]:
    """The default plan: the overview, one indicator notebook per series with at least two figures (of Vietnam and its
    provinces, and of the places of the user's files), the scenarios, Vietnam beside its neighbours (``peers.ipynb``),
    and a province page (``province.ipynb``) for every province with figures (the DTI gives every one of the 63 a
    rank; a province of the 34 has its members').

    ``geo`` chooses the province pages instead: ``"all"`` for every province of both maps with figures (its own, or
    for one of the 34 its members'), or provinces by code or name. ``targets`` is the user's file of provinces' own
    targets (the layout of ``data/targets.csv``): read and validated here, its provinces get a page, and every
    province page reads it.
    ``indicators`` keeps only those indicators' notebooks (and leaves out the overview and the scenarios). ``params``
    (name -> value) is applied to every notebook that declares the parameter. ``data`` are the user's files (the
    observation layout, WDI or OWID downloads): their series get indicator notebooks too, and every notebook reads
    them (its ``data`` parameter, with ``data_decimal`` = ``decimal``, the decimal mark of their numbers, and
    ``data_sheet`` = ``sheet``, the sheet of Excel files). The files are read and validated here, so a bad one is
    refused before any kernel starts. ``notebooks`` keeps only those report notebooks (file names of the registry);
    ``overview=False`` or ``scenarios=False`` leaves one out.

    >>> [job.slug for job in build_plan(indicators=["egdi_rank"])]  # doctest: +SKIP
    ['indicator_egdi_rank_un_vn']
    """
    common: dict[str, Any] = {"lang": lang, "as_of": as_of or ""}
    if data:
        # one path per line, each ending the line (so even one name may hold a comma): dxanalysis.data.data_paths
        common["data"] = dxdata.data_parameter(Path(d).resolve() for d in data)
        common["data_decimal"] = decimal
        common["data_sheet"] = sheet or ""
    # the user's files are read and validated now: a bad one is refused before any kernel starts
    with dxdata.using_data(common.get("data", ""), decimal=decimal, sheet=sheet):
        obs = dxdata.load_observations(as_of=as_of or None)
        known = set(dxdata.indicators()["id"])
        names = {ind: i18n.indicator_name(ind, lang) for ind in obs["indicator"].unique()}
        pages = province_pages(geo, targets, as_of=as_of)
    # the package's figures of other countries are the peers page's, not indicator pages of their own
    package_files = [p.name for p in dxdata.data_files(dxdata.data_dir())]
    obs = obs[obs["geo"].str.startswith("VN") | ~obs["file"].isin(package_files)]
    counts = obs.groupby(["indicator", "geo", "series"]).size()
    counts = counts[counts >= 2]
    if indicators:
        known |= set(obs["indicator"])
        for ind in indicators:
            if ind not in known:
                raise UnknownIndicatorError(ind, sorted(known))
        counts = counts[counts.index.get_level_values("indicator").isin(list(indicators))]
        if counts.empty:
            raise DxError(f"no series of {', '.join(indicators)} has two figures or more to report on")
    target_file = str(Path(targets).resolve()) if targets else ""
    if indicators and geo is None:  # only the chosen indicators' pages, and those of the provinces of a targets file
        own = set(read_target_file(targets)["geo"]) if targets else set()
        pages = tuple(g for g in pages if g in own)
    inputs = PlanInputs(common, tuple(counts.index), lang, bool(indicators), names, pages, target_file)
    left_out = {name for name, keep in (("overview.ipynb", overview), ("scenarios.ipynb", scenarios)) if not keep}
    plan = [
        Job(spec.file, draft.parameters, draft.slug, draft.title)
        for spec in specs_for(notebooks)
        if spec.file not in left_out
        for draft in spec.jobs(spec, inputs)
    ]
    return apply_params(plan, params) if params else plan


def province_pages(
    geo: str | Sequence[str] | None, targets: str | None = None, *, as_of: str | None = None
) -> tuple[str, ...]:
    """The provinces that get a page: every one with figures (``geo=None`` or ``"all"``: the 63 and the 34, the
    DTI's ranks included), or those named (codes or names, either map); and those of the ``targets`` file, which is
    read and validated here (a bad one raises :class:`~dxanalysis.DataValidationError` naming file, row, column and
    value).

    >>> len(province_pages(None)), province_pages(["Da Nang", "VN-DNM"]), len(province_pages("all"))
    (86, ('VN-DN', 'VN-DNM'), 86)
    """
    chosen = [geo] if isinstance(geo, str) else list(geo or [])
    if any(str(g).strip().lower() == "all" for g in chosen):
        pages = provinces.provinces_with_figures(beyond_dti=False, as_of=as_of or None)
    elif chosen:
        pages = [provinces.province_code(str(g)) for g in chosen]
    else:  # the default plan: where each province stands, as the economist asks, on the DTI at least
        pages = provinces.provinces_with_figures(beyond_dti=False, as_of=as_of or None)
    if targets:
        pages += [g for g in read_target_file(targets)["geo"] if g not in pages]
    return tuple(dict.fromkeys(pages))


def apply_params(plan: Sequence[Job], params: Mapping[str, Any]) -> list[Job]:
    """Give every job the parameters of ``params`` its notebook declares; a name no notebook declares is refused
    (with the declared names close to it).

    >>> apply_params([], {})
    []
    >>> apply_params([Job("scenarios.ipynb", {}, "scenarios", "Scenarios")], {"untill": 2040})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    dxanalysis.errors.DxError: unknown parameter 'untill' (did you mean 'until'?); accepted: as_of, data, ...
    """
    declared = {nb: notebook_parameters(nb) for nb in {j.notebook for j in plan}}
    everywhere = set().union(*(set(d) for d in declared.values())) if declared else set()
    unknown = [name for name in params if name not in everywhere]
    if unknown:
        hints = [hint for name in unknown if (hint := did_you_mean(name, everywhere))]
        raise DxError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}"
            f"{' (' + '; '.join(hints) + ')' if hints else ''}; accepted: {', '.join(sorted(everywhere))}"
        )
    return [
        Job(
            j.notebook,
            {**j.parameters, **{k: v for k, v in params.items() if k in declared[j.notebook]}},
            j.slug,
            j.title,
        )
        for j in plan
    ]


def parse_param(text: str) -> tuple[str, str]:
    """``"name=value"`` from the command line.

    >>> parse_param("horizon=2030")
    ('horizon', '2030')
    """
    if "=" not in text:
        raise DxError(f"--param {text!r}: accepted: NAME=VALUE, e.g. horizon=2030")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def longest_first(plan: Sequence[Job], took: Mapping[str, float]) -> list[Job]:
    """The jobs ordered longest first (their duration in ``took``, slug -> seconds, else their expected cost), so
    that no worker is left with a long notebook at the end while the others idle.

    >>> [j.slug for j in longest_first([Job("a.ipynb", {}, "a", "A"), Job("b.ipynb", {}, "b", "B")], {"b": 9.0})]
    ['b', 'a']
    """
    return sorted(plan, key=lambda j: -(took.get(j.slug) or expected_cost(j.notebook, j.parameters)))
