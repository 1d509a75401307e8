"""The report's notebooks: one registry entry each, saying what the notebook adds to a plan.

:data:`NOTEBOOKS` maps a notebook's file name to its :class:`NotebookSpec`: its title in both languages, the jobs it
contributes to a plan (one for the whole report, or one per series with two figures or more) and a rough cost used to
start the longest notebooks first. Adding a notebook to the report is one entry here plus its ``.ipynb`` in
``notebooks/``; the plan, the checks, the runner and the command line read the registry.

A notebook's parameters are stated once, in its own ``parameters`` cell, and read with papermill's inspection
(:func:`notebook_parameters`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from dxanalysis import data as dxdata
from dxanalysis._cache import cached_json, fingerprint
from dxanalysis._util import PACKAGE_DIR, safe_name
from dxanalysis.errors import DxError
from dxanalysis.present import i18n

__all__ = [
    "NOTEBOOKS",
    "JobDraft",
    "NotebookSpec",
    "PlanInputs",
    "cost_by_target_years",
    "expected_cost",
    "fixed_cost",
    "notebook_parameters",
    "notebook_path",
    "notebooks_dir",
    "one_for_the_report",
    "one_per_province",
    "one_per_series",
    "specs_for",
]


class JobDraft(NamedTuple):
    """A job a notebook contributes to a plan, before the plan names its notebook: folder name, parameters, title."""

    slug: str
    parameters: dict[str, Any]
    title: str


@dataclass(frozen=True)
class PlanInputs:
    """What a notebook's entry is given when a plan is built.

    ``series`` holds the (indicator, geo, series) triples with two figures or more (the ``indicators`` selection
    already applied); ``selected`` says whether indicators were chosen (then only per-series notebooks run);
    ``common`` are the parameters every notebook receives (``lang``, ``as_of``, the user's ``data``);
    ``provinces`` the codes of the provinces that get a page, ``targets`` the user's file of their own targets.

    >>> PlanInputs({"lang": "en"}, (("egdi_rank", "VN", "un"),), "en", False, {"egdi_rank": "EGDI rank"}).selected
    False
    """

    common: Mapping[str, Any]
    series: tuple[tuple[str, str, str], ...]
    lang: str
    selected: bool
    names: Mapping[str, str]
    provinces: tuple[str, ...] = ()
    targets: str = ""


def one_for_the_report(spec: NotebookSpec, inputs: PlanInputs) -> list[JobDraft]:
    """One job for the whole report (left out when only some indicators are reported on).

    >>> one_for_the_report(NOTEBOOKS["overview.ipynb"], PlanInputs({"lang": "vi"}, (), "vi", False, {}))[0].title
    'Tổng quan'
    """
    if inputs.selected:
        return []
    return [JobDraft(Path(spec.file).stem, dict(inputs.common), spec.title_in(inputs.lang))]


def one_per_series(spec: NotebookSpec, inputs: PlanInputs) -> list[JobDraft]:
    """One job per (indicator, geo, series) with two figures or more; a province's series (``VN-…``) only when
    indicators were chosen, so the provinces' index (63 provinces) does not multiply the default report.

    >>> inputs = PlanInputs({"lang": "en"}, (("egdi_rank", "VN", "un"),), "en", True, {"egdi_rank": "EGDI rank"})
    >>> one_per_series(NOTEBOOKS["indicator.ipynb"], inputs)[0].slug
    'indicator_egdi_rank_un_vn'
    """
    drafts = []
    for ind, geo, series in inputs.series:
        if geo.startswith("VN-") and not inputs.selected:
            continue
        parameters = {**inputs.common, "indicator": ind, "series": series, "geo": geo}
        title = f"{inputs.names[ind]} — {i18n.series_name(series, inputs.lang)}, {i18n.geo_name(geo, inputs.lang)}"
        drafts.append(JobDraft(safe_name(f"{Path(spec.file).stem}_{ind}_{series}_{geo}"), parameters, title))
    return drafts


def one_per_province(spec: NotebookSpec, inputs: PlanInputs) -> list[JobDraft]:
    """One job per province of ``inputs.provinces`` (the plan decides which: every one with figures by default or
    with ``--geo all``, those named, and those of the user's targets file), with the targets file if any.

    >>> inputs = PlanInputs({"lang": "vi"}, (), "vi", False, {}, ("VN-DN", "VN-DNM"))
    >>> [(d.slug, d.title) for d in one_per_province(NOTEBOOKS["province.ipynb"], inputs)]
    [('province_vn_dn', 'Đà Nẵng (VN-DN)'), ('province_vn_dnm', 'Đà Nẵng (từ 1/7/2025) (VN-DNM)')]
    """
    from dxanalysis.present.provinces import province_name

    stem = Path(spec.file).stem
    drafts = []
    for code in inputs.provinces:
        parameters = {**inputs.common, "geo": code, **({"targets": inputs.targets} if inputs.targets else {})}
        title = f"{province_name(code, inputs.lang)} ({code})"
        drafts.append(JobDraft(safe_name(f"{stem}_{code.replace('-', '_')}"), parameters, title))
    return drafts


def fixed_cost(seconds: float) -> Callable[[Mapping[str, Any]], float]:
    """A cost that does not depend on the parameters.

    >>> fixed_cost(1.5)({"lang": "en"})
    1.5
    """
    return lambda parameters: seconds


def cost_by_target_years(parameters: Mapping[str, Any]) -> float:
    """An indicator notebook draws one figure per target year its series is assessed against: every target year of
    its indicator and place, whichever series the target names (the statistics office's series is judged against the
    ministry's targets too, as :func:`dxanalysis.assess_targets` does).

    >>> cost_by_target_years({"indicator": "not_an_indicator"})
    0.8
    >>> cost_by_target_years({"indicator": "digital_economy_share_gdp", "series": "gso"}) == cost_by_target_years(
    ...     {"indicator": "digital_economy_share_gdp", "series": "mic"})
    True
    """
    targets = dxdata.load_targets()
    mine = targets[
        (targets["indicator"] == parameters.get("indicator")) & (targets["geo"] == parameters.get("geo", "VN"))
    ]
    return 0.8 + 0.3 * int(mine["year"].nunique())


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of the report.

    Parameters
    ----------
    file
        Its file name in the package's notebooks folder.
    title
        Its title in English and Vietnamese (a per-series notebook titles each job by its series instead).
    jobs
        What it contributes to a plan: ``jobs(spec, inputs)`` -> a list of :class:`JobDraft`.
    cost
        A rough cost in seconds, from a job's parameters, for a notebook never run here (the longest run first).

    >>> NOTEBOOKS["scenarios.ipynb"].title_in("vi")
    'Kịch bản'
    """

    file: str
    title: tuple[str, str]
    jobs: Callable[[NotebookSpec, PlanInputs], list[JobDraft]]
    cost: Callable[[Mapping[str, Any]], float]

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (``"en"`` or ``"vi"``)."""
        return self.title[i18n.LANGS.index(i18n.check_lang(lang))]


def _registry(*specs: NotebookSpec) -> dict[str, NotebookSpec]:
    return {spec.file: spec for spec in specs}


#: The report's notebooks, in the order a plan lists their jobs.
NOTEBOOKS: dict[str, NotebookSpec] = _registry(
    NotebookSpec("overview.ipynb", ("Overview", "Tổng quan"), one_for_the_report, fixed_cost(5.0)),
    NotebookSpec("indicator.ipynb", ("Indicator", "Chỉ tiêu"), one_per_series, cost_by_target_years),
    NotebookSpec("scenarios.ipynb", ("Scenarios", "Kịch bản"), one_for_the_report, fixed_cost(1.5)),
    NotebookSpec(
        "peers.ipynb",
        ("Vietnam and its neighbours", "Việt Nam và các nước láng giềng"),
        one_for_the_report,
        fixed_cost(2.0),
    ),
    NotebookSpec("province.ipynb", ("Province", "Tỉnh, thành phố"), one_per_province, fixed_cost(1.5)),
)

#: The cost of a notebook outside the registry (a user's own notebook in a hand-made plan).
UNKNOWN_COST = 1.0


def notebooks_dir() -> Path:
    """The folder of the package's notebooks: inside an installed wheel, or the repository's ``notebooks/``.

    >>> (notebooks_dir() / "overview.ipynb").exists()
    True
    """
    here = PACKAGE_DIR
    first = next(iter(NOTEBOOKS))
    for candidate in (here / "_notebooks", here.parent / "notebooks"):
        if (candidate / first).exists():
            return candidate
    raise DxError(f"the package's notebooks were not found in {here / '_notebooks'} or {here.parent / 'notebooks'}")


def notebook_path(notebook: str | Path) -> Path:
    """The file of a notebook named in a plan: a path, or the name of one of the package's notebooks.

    >>> notebook_path("indicator.ipynb").name
    'indicator.ipynb'
    """
    path = Path(notebook)
    if not path.is_absolute() and not path.exists():
        path = notebooks_dir() / path.name
    if not path.exists():
        raise DxError(f"no notebook {notebook!r}; accepted: {', '.join(NOTEBOOKS)} or a path to a notebook")
    return path


def notebook_parameters(notebook: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares in its ``parameters`` cell: name -> type, default and help text.

    Read with papermill's own inspection (which reads the typed parameters cell), so the notebook is the single
    statement of what it accepts.

    >>> notebook_parameters("scenarios.ipynb")["lang"]["type"]
    'str'
    """
    path = notebook_path(notebook)
    return dict(cached_json("params", fingerprint([path], _papermill_version()), lambda: _inspect(path)))


def expected_cost(notebook: str, parameters: Mapping[str, Any]) -> float:
    """A rough cost in seconds of a notebook never run here (its registry entry's, else :data:`UNKNOWN_COST`).

    >>> expected_cost("overview.ipynb", {})
    5.0
    """
    spec = NOTEBOOKS.get(notebook) or NOTEBOOKS.get(Path(notebook).name)
    return spec.cost(parameters) if spec is not None else UNKNOWN_COST


def specs_for(names: Sequence[str] | None) -> list[NotebookSpec]:
    """The registry entries of ``names`` (all, in order, when None).

    >>> [s.file for s in specs_for(["scenarios.ipynb"])]
    ['scenarios.ipynb']
    """
    if names is None:
        return list(NOTEBOOKS.values())
    unknown = [n for n in names if n not in NOTEBOOKS]
    if unknown:
        raise DxError(f"no report notebook {', '.join(unknown)}; accepted: {', '.join(NOTEBOOKS)}")
    return [spec for name, spec in NOTEBOOKS.items() if name in names]


@functools.lru_cache(maxsize=1)
def _papermill_version() -> str:
    return version("papermill")  # read from the package's metadata on disk: once a process


def _inspect(path: Path) -> dict[str, dict[str, Any]]:
    import papermill as pm

    params = pm.inspect_notebook(str(path))
    return {
        name: {"type": p.get("inferred_type_name", "None"), "default": p.get("default"), "help": p.get("help", "")}
        for name, p in params.items()
    }
