"""The batch report: run the parameterised notebooks through papermill and write a browsable, reproducible report.

A run takes a *plan* — (notebook, parameters) jobs: the overview, one indicator notebook for every series with at
least two figures, the scenarios — validates every parameter set before any kernel starts, and runs the plan on
``jobs`` workers, each reusing one kernel pinned to this interpreter (wiped clean between notebooks). It writes
``<out>/<run-id>/`` with, per notebook, the executed notebook, its HTML (code hidden unless ``show_code``), figures
(PNG and SVG), tables (CSV) and headline; for the run, ``tables.xlsx``, ``index.html`` and ``manifest.json``. The run
is written to a temporary folder and moved into place when done, and ``<out>/latest`` then points to it. A notebook
that fails is kept and marked; the others still run. A notebook whose inputs (notebook file, parameters, data, package)
are unchanged since the last complete run is copied from it instead of executed, unless ``force``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import html
import json
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dxanalysis._util import PACKAGE_DIR, safe_name
from dxanalysis._version import __version__
from dxanalysis.errors import DxError

__all__ = ["Job", "RunResult", "build_plan", "notebook_parameters", "notebooks_dir", "run_report", "validate_plan"]

NOTEBOOKS = ("overview.ipynb", "indicator.ipynb", "scenarios.ipynb")
RESET_TAG = "dxanalysis-reset"
LANGS = ("en", "vi")


# ----------------------------------------------------------------------------------------------------------------------
# Notebooks and their parameters


def notebooks_dir() -> Path:
    """The folder of the package's notebooks: inside an installed wheel, or the repository's ``notebooks/``."""
    here = PACKAGE_DIR
    for candidate in (here / "_notebooks", here.parent / "notebooks"):
        if (candidate / NOTEBOOKS[0]).exists():
            return candidate
    raise DxError(f"the package's notebooks were not found in {here / '_notebooks'} or {here.parent / 'notebooks'}")


def notebook_parameters(notebook: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares in its ``parameters`` cell: name -> type, default and help text.

    Read with papermill's own inspection (which reads the typed parameters cell), so the notebook is the single
    statement of what it accepts.
    """
    from dxanalysis._cache import cached_json, fingerprint

    path = _notebook_path(notebook)
    return dict(cached_json("params", fingerprint([path], _papermill_version()), lambda: _inspect(path)))


@functools.lru_cache(maxsize=1)
def _papermill_version() -> str:
    from importlib.metadata import version  # reads the package's metadata from disk: once a process

    return version("papermill")


def _inspect(path: Path) -> dict[str, dict[str, Any]]:
    import papermill as pm

    params = pm.inspect_notebook(str(path))
    return {
        name: {"type": p.get("inferred_type_name", "None"), "default": p.get("default"), "help": p.get("help", "")}
        for name, p in params.items()
    }


def _notebook_path(notebook: str | Path) -> Path:
    path = Path(notebook)
    if not path.is_absolute() and not path.exists():
        path = notebooks_dir() / path.name
    if not path.exists():
        raise DxError(f"no notebook {notebook!r}; accepted: {', '.join(NOTEBOOKS)} or a path to a notebook")
    return path


# ----------------------------------------------------------------------------------------------------------------------
# The plan


@dataclass(frozen=True)
class Job:
    """One notebook to run with one parameter set; ``slug`` names its folder in the run."""

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
) -> list[Job]:
    """The default plan: the overview, one indicator notebook per series with at least two figures, the scenarios.

    ``indicators`` keeps only those indicators' notebooks (and leaves out the overview and the scenarios). ``params``
    (name -> value) is applied to every notebook that declares the parameter. ``data`` are the user's files (the
    observation layout, WDI or OWID downloads): their series get indicator notebooks too, and every notebook reads
    them (its ``data`` parameter, with ``data_decimal`` = ``decimal``, the decimal mark of their numbers, and
    ``data_sheet`` = ``sheet``, the sheet of Excel files). The files are read and validated here, so a bad one is
    refused before any kernel starts.
    """
    from dxanalysis import data as dxdata

    common: dict[str, Any] = {"lang": lang, "as_of": as_of or ""}
    if data:
        # one path per line, each ending the line (so even one name may hold a comma): dxanalysis.data.data_paths
        common["data"] = "".join(f"{Path(d).resolve()}\n" for d in data)
        common["data_decimal"] = decimal
        common["data_sheet"] = sheet or ""
    # the user's files are read and validated now: a bad one is refused before any kernel starts
    with dxdata._session_data(common.get("data", ""), decimal=decimal, sheet=sheet):
        from dxanalysis.present import i18n

        obs = dxdata.load_observations(as_of=as_of or None)
        known = set(dxdata.indicators()["id"])
        names = {ind: i18n.indicator_name(ind, lang) for ind in obs["indicator"].unique()}
    counts = obs.groupby(["indicator", "geo", "series"]).size()
    counts = counts[counts >= 2]
    if indicators:
        known |= set(obs["indicator"])
        for ind in indicators:
            if ind not in known:
                from dxanalysis.errors import UnknownIndicatorError

                raise UnknownIndicatorError(ind, sorted(known))
        counts = counts[counts.index.get_level_values("indicator").isin(list(indicators))]
        if counts.empty:
            raise DxError(f"no series of {', '.join(indicators)} has two figures or more to report on")
    plan: list[Job] = []
    if overview and not indicators:
        plan.append(Job("overview.ipynb", dict(common), "overview", "Overview" if lang == "en" else "Tổng quan"))
    for ind, geo, series in counts.index:
        p = {**common, "indicator": ind, "series": series, "geo": geo}
        title = f"{names[ind]} — {i18n.series_name(series, lang)}, {i18n.geo_name(geo, lang)}"
        plan.append(Job("indicator.ipynb", p, safe_name(f"indicator_{ind}_{series}_{geo}"), title))
    if scenarios and not indicators:
        plan.append(Job("scenarios.ipynb", dict(common), "scenarios", "Scenarios" if lang == "en" else "Kịch bản"))
    if params:
        plan = _apply_params(plan, params)
    return plan


def _apply_params(plan: list[Job], params: Mapping[str, Any]) -> list[Job]:
    declared = {nb: notebook_parameters(nb) for nb in {j.notebook for j in plan}}
    everywhere = set().union(*(set(d) for d in declared.values())) if declared else set()
    unknown = [name for name in params if name not in everywhere]
    if unknown:
        raise DxError(f"unknown parameter(s) {', '.join(unknown)}; accepted: {', '.join(sorted(everywhere))}")
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
    """``"name=value"`` from the command line."""
    if "=" not in text:
        raise DxError(f"--param {text!r}: accepted: NAME=VALUE, e.g. horizon=2030")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


# ----------------------------------------------------------------------------------------------------------------------
# Validation, before any kernel starts


def _coerce(value: Any, type_name: str) -> Any:
    if type_name in ("int",):
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, str):
            return int(value.strip())
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        return int(value)
    if type_name in ("float",):
        if isinstance(value, bool):
            raise ValueError
        return float(value)
    if type_name in ("bool",):
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1", "yes"):
            return True
        if str(value).lower() in ("false", "0", "no"):
            return False
        raise ValueError
    if type_name in ("str",):
        if value is None:
            return ""
        return str(value)
    return value


def validate_plan(plan: Sequence[Job]) -> list[Job]:
    """Check every job's parameters against its notebook and the data, before anything runs.

    An unknown parameter name or a value of the wrong type or meaning is refused, with the accepted names or values
    listed (papermill itself would only warn). Returns the jobs with their values converted to the declared types.
    """
    problems: list[str] = []
    out: list[Job] = []
    declared_by_nb: dict[str, dict[str, dict[str, Any]]] = {}
    known_by_data: dict[tuple[str, str, str], set[str] | str] = {}  # the user's files are read once per plan
    for job in plan:
        declared = declared_by_nb.setdefault(job.notebook, notebook_parameters(job.notebook))
        coerced: dict[str, Any] = {}
        for name, value in job.parameters.items():
            if name not in declared:
                problems.append(f"{job.slug}: unknown parameter {name!r}; accepted: {', '.join(declared)}")
                continue
            type_name = str(declared[name]["type"])
            try:
                coerced[name] = _coerce(value, type_name)
            except (ValueError, TypeError):
                problems.append(f"{job.slug}: {name}={value!r} is not {_article(type_name)}")
                continue
        problems += [f"{job.slug}: {p}" for p in _check_values(coerced, known_by_data)]
        out.append(Job(job.notebook, coerced, job.slug, job.title))
    slugs = [j.slug for j in out]
    dupes = sorted({s for s in slugs if slugs.count(s) > 1})
    if dupes:
        problems.append(f"two jobs would write the same folder: {', '.join(dupes)}")
    if problems:
        raise DxError("the report's parameters are refused before any notebook runs:\n  - " + "\n  - ".join(problems))
    return out


def _article(type_name: str) -> str:
    return {"int": "a whole number", "float": "a number", "bool": "true or false", "str": "text"}.get(
        type_name, type_name
    )


def _known_indicators(p: Mapping[str, Any], cache: dict[tuple[str, str, str], set[str] | str]) -> set[str] | str:
    """The indicators a notebook with these parameters can see: the catalogue's, and those of its ``data`` files
    (read and validated once per plan); or the files' problem, as text."""
    from dxanalysis import data as dxdata

    key = (str(p.get("data") or ""), str(p.get("data_decimal") or "."), str(p.get("data_sheet") or ""))
    if key not in cache:
        try:
            with dxdata._session_data(key[0], decimal=key[1], sheet=key[2] or None):
                cache[key] = set(dxdata.indicators()["id"])
        except DxError as exc:
            cache[key] = str(exc)
    return cache[key]


def _check_values(p: Mapping[str, Any], cache: dict[tuple[str, str, str], set[str] | str] | None = None) -> list[str]:
    """The meaning of the common parameters: what the library would refuse, said before a kernel starts."""
    from dxanalysis import data as dxdata
    from dxanalysis.analysis.trends import MODELS

    problems = []
    if "data_decimal" in p and p["data_decimal"] not in (".", ","):
        problems.append(f"data_decimal={p['data_decimal']!r}; accepted: '.' or ','")
    known = _known_indicators(p, {} if cache is None else cache) if p.get("data") or p.get("indicator") else set()
    if isinstance(known, str):
        problems.append(known)
        known = set()
    if "lang" in p and p["lang"] not in LANGS:
        problems.append(f"lang={p['lang']!r}; accepted: {', '.join(LANGS)}")
    if "level" in p and not 0 < p["level"] < 1:
        problems.append(f"level={p['level']!r}; accepted: a number strictly between 0 and 1, e.g. 0.8")
    if p.get("as_of"):
        try:
            dxdata._as_of(p["as_of"])
        except DxError as exc:
            problems.append(str(exc))
    if p.get("models"):
        bad = [m for m in str(p["models"]).split(",") if m.strip() and m.strip() not in MODELS]
        if bad:
            problems.append(f"models: unknown {', '.join(bad)}; accepted: {', '.join(MODELS)}")
    if p.get("indicator") and known and p["indicator"] not in known:
        from dxanalysis.errors import UnknownIndicatorError

        problems.append(str(UnknownIndicatorError(p["indicator"], sorted(known))))
    if "horizon" in p and isinstance(p["horizon"], int) and not 2000 < p["horizon"] <= 2100:
        problems.append(f"horizon={p['horizon']!r}; accepted: the last forecast year, e.g. 2030")
    return problems


# ----------------------------------------------------------------------------------------------------------------------
# Fingerprints: what a notebook's result depends on


def _sha(paths: Iterable[Path], root: Path | None = None) -> str:
    """A hash of the files' contents and names (their paths below ``root``, when given: a moved file is a change)."""
    h = hashlib.sha256()
    for p in sorted(paths, key=str):
        h.update(str(p.relative_to(root) if root is not None else p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def data_fingerprint(extra: Sequence[str] = ()) -> str:
    """A hash of the package's data files and the user's files: any change to a figure changes it."""
    from dxanalysis import data as dxdata
    from dxanalysis.data.publishers import owid_metadata_path, wdi_metadata_path

    folder = dxdata.data_dir()
    user = [Path(x) for x in extra]
    # the publishers' metadata files read from beside a download count too (they date and describe its figures)
    sides = [side(p) for p in user for side in (wdi_metadata_path, owid_metadata_path)]
    return _sha([*(folder / f for f in dxdata.FILES.values()), *user, *(p for p in sides if p.is_file())])[:16]


def package_fingerprint() -> str:
    """The package version and a hash of its code and shipped tables (an edited checkout is not the same package)."""
    here = PACKAGE_DIR  # every room: a module moved between rooms changes the fingerprint
    files = [p for p in here.rglob("*") if p.suffix in (".py", ".csv", ".j2", ".json") and "__pycache__" not in p.parts]
    return f"{__version__}+{_sha(files, here)[:12]}"


def job_key(job: Job, data_fp: str, package_fp: str) -> str:
    nb = _notebook_path(job.notebook).read_bytes()
    payload = json.dumps({"params": job.parameters, "data": data_fp, "package": package_fp}, sort_keys=True)
    return hashlib.sha256(nb + payload.encode()).hexdigest()[:20]


# ----------------------------------------------------------------------------------------------------------------------
# Running


@dataclass
class JobResult:
    slug: str
    notebook: str
    title: str
    parameters: dict[str, Any]
    key: str
    status: str = "pending"  # ok, failed, reused
    started: str | None = None
    duration: float | None = None
    error: str | None = None
    headline: str = ""
    figures: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


@dataclass
class RunResult:
    """What a run produced: its folder, its manifest, and the jobs that failed."""

    run_dir: Path
    manifest: dict[str, Any]

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [j for j in self.manifest["jobs"] if j["status"] == "failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


@functools.cache
def _ready_client_class() -> type:
    from jupyter_client.asynchronous.client import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        """The client papermill runs a notebook with: asynchronous, so that nbclient's watch on the kernel's life runs
        while it waits for output (with a blocking client a kernel that dies mid-notebook would hang the run), and
        ready as soon as its subscription to the kernel's output carries a message (jupyter_client's own check waits a
        fixed 0.2 s for that and 0.2 s more to flush: 0.4 s per notebook, since papermill makes a client per notebook).
        """

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            from queue import Empty

            limit = timeout or 60.0
            deadline = time.monotonic() + limit
            while time.monotonic() < deadline:
                self.kernel_info()
                try:
                    reply = await self.get_shell_msg(timeout=1)
                except Empty:
                    if not await self.is_alive():
                        raise RuntimeError("the kernel died before it answered") from None
                    continue
                if reply["msg_type"] != "kernel_info_reply":
                    continue
                try:  # the kernel_info's status messages show that output is connected
                    await self.get_iopub_msg(timeout=0.02)
                except Empty:
                    continue
                self._handle_kernel_info_reply(reply)
                while True:  # what is left of this exchange on the output channel
                    try:
                        await self.get_iopub_msg(timeout=0.005)
                    except Empty:
                        return
            raise RuntimeError(f"the kernel did not answer within {limit:g} s")

    return ReadyClient


def __getattr__(name: str) -> Any:
    if name == "_ReadyClient":  # made on first use: jupyter_client is imported only when a notebook runs
        return _ready_client_class()
    raise AttributeError(name)


class _Exporter:
    """Writes each executed notebook's HTML (code hidden unless ``show_code``) while the kernels run the next ones."""

    def __init__(self, show_code: bool):
        from nbconvert import HTMLExporter

        # JupyterLab's template, plus each figure's title as its alternative text (dxanalysis/templates/dxreport)
        templates = str(Path(__file__).resolve().parent / "templates")
        self.exporter = HTMLExporter(template_name="dxreport", extra_template_basedirs=[templates])
        self.exporter.exclude_input = not show_code
        self.exporter.optimistic_validation = True  # validate once after the preprocessors, not after each one
        if not show_code:  # a note about the code cells has nothing to point at once they are hidden
            from nbconvert.preprocessors import TagRemovePreprocessor

            self.exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"about-code"}), enabled=True)
        self.exporter.exclude_input_prompt = True
        self.exporter.exclude_output_prompt = True

    def export(self, folder: Path, result: JobResult, nb: Any = None) -> None:
        """Write ``report.html`` from the executed notebook (``nb``, or else read from the folder)."""
        import nbformat

        nb_path, html_path = folder / "notebook.ipynb", folder / "report.html"
        if nb_path.exists():
            try:
                if nb is None:
                    nb = nbformat.read(str(nb_path), as_version=4)
                body, _ = self.exporter.from_notebook_node(nb, resources={"metadata": {"name": result.title}})
                html_path.write_text(body, encoding="utf-8")
            except Exception as exc:  # an HTML failure must not hide the notebook's own result
                result.error = (result.error or "") + f" [HTML export failed: {exc}]"
        _collect_outputs(folder, result)


class _Worker:
    """One kernel, reused for every notebook this worker runs."""

    def __init__(self) -> None:
        from jupyter_client.manager import KernelManager

        from dxanalysis.reports.kernels import KERNEL_NAME, PRELUDE_CODE

        # on POSIX the kernel talks over private local sockets (no TCP port open, and no warning about one)
        self._sockets = tempfile.mkdtemp(prefix="dxk-") if os.name == "posix" else None
        transport = {"transport": "ipc", "ip": os.path.join(self._sockets, "k")} if self._sockets else {}
        self.km = KernelManager(kernel_name=KERNEL_NAME, client_class=f"{__name__}._ReadyClient", **transport)
        self.broken = False  # the kernel died or timed out: the next notebook gets a new one
        try:
            self.km.start_kernel()
            self._run_code(PRELUDE_CODE)
        except BaseException:  # nothing left behind: no kernel, no socket folder
            self.close()
            raise
        self.first = True

    def _run_code(self, code: str) -> None:
        # a fresh blocking client each time: a client kept across papermill's runs stops receiving replies
        kc = self.km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            reply = kc.execute_interactive(
                code, timeout=300, store_history=False, allow_stdin=False, output_hook=lambda msg: None
            )
        finally:
            kc.stop_channels()
        if reply["content"].get("status") != "ok":
            raise DxError(f"the kernel could not be prepared: {reply['content'].get('evalue', '')}")

    def run(self, job: Job, folder: Path, result: JobResult) -> Any:
        """Execute one notebook into ``folder``; returns the executed notebook (``None`` if it was never written)."""
        import nbformat
        import papermill as pm
        from papermill.iorw import load_notebook_node

        from dxanalysis.reports.kernels import RESET_CODE

        nb = load_notebook_node(str(_notebook_path(job.notebook)))
        reset = not self.first
        if reset:  # wipe the reused kernel as the first cell of this very execution (no extra round trip)
            cell = nbformat.v4.new_code_cell(RESET_CODE)
            cell.metadata["tags"] = [RESET_TAG]
            nb.cells.insert(0, cell)
        self.first = False
        folder.mkdir(parents=True, exist_ok=True)
        out_nb = folder / "notebook.ipynb"
        params = {**job.parameters, "out_dir": str(folder)}
        start = time.perf_counter()
        result.started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        executed = None
        try:
            executed = pm.execute_notebook(
                nb, str(out_nb), parameters=params, km=self.km, progress_bar=False, request_save_on_cell_execute=False
            )
            result.status = "ok"
        except pm.PapermillExecutionError as exc:
            result.status = "failed"
            where = exc.cell_index + 1 - int(reset)
            result.error = f"{exc.ename}: {exc.evalue} (cell {where} of the executed notebook)"
        except Exception as exc:  # the kernel died, a timeout, a bad notebook: recorded, the run goes on
            result.status = "failed"
            result.error = f"{type(exc).__name__}: {exc}"
            self.broken = True
        result.duration = round(time.perf_counter() - start, 3)
        if reset and out_nb.exists():  # the reader's notebook holds the notebook's own cells only
            if executed is None:  # failed: papermill wrote the notebook with the failing cell marked
                executed = nbformat.read(str(out_nb), as_version=4)
            executed.cells = [c for c in executed.cells if RESET_TAG not in c.get("metadata", {}).get("tags", [])]
            nbformat.write(executed, str(out_nb))
        return executed

    def close(self) -> None:
        """Shut the kernel down and remove its sockets; safe to call twice, and never raises."""
        try:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception:  # its connection files are removed all the same; the worker goes on
            traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None
            with contextlib.suppress(Exception):
                self.km.cleanup_resources(restart=False)
        if self._sockets:
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None


def _collect_outputs(folder: Path, result: JobResult) -> None:
    head = folder / "headline.txt"
    result.headline = head.read_text(encoding="utf-8").strip() if head.exists() else ""
    result.figures = sorted(p.stem for p in (folder / "figures").glob("*.png")) if (folder / "figures").exists() else []
    result.tables = sorted(p.stem for p in (folder / "tables").glob("*.csv")) if (folder / "tables").exists() else []


def _previous_run(out: Path) -> dict[str, Any] | None:
    latest = out / "latest"
    target = latest.resolve() if latest.exists() else None
    if target is None or not (target / "manifest.json").exists():
        return None
    try:
        manifest: dict[str, Any] = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    except ValueError:
        return None
    manifest["_dir"] = str(target)
    return manifest if manifest.get("complete") else None


def _new_run_id(out: Path) -> str:
    base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_id, n = base, 1
    while (out / run_id).exists() or (out / f".tmp-{run_id}").exists():
        n += 1
        run_id = f"{base}-{n}"
    return run_id


def run_report(
    *,
    out: str | Path = "reports",
    plan: Sequence[Job] | None = None,
    jobs: int | None = None,
    force: bool = False,
    show_code: bool = False,
    lang: str = "en",
    as_of: str | None = None,
    indicators: Sequence[str] | None = None,
    params: Mapping[str, Any] | None = None,
    data: Sequence[str] = (),
    decimal: str = ".",
    sheet: str | None = None,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> RunResult:
    """Run the batch report and return its folder and manifest (``exit_code`` is 1 when a notebook failed).

    Parameters
    ----------
    out
        The folder that receives ``<run-id>/`` and ``latest``.
    plan
        The jobs to run; by default :func:`build_plan` with ``indicators``, ``params``, ``lang``, ``as_of``,
        ``data``, ``decimal`` and ``sheet``.
    data, decimal, sheet
        The user's own files (CSV/XLSX in the observation layout, WDI or OWID downloads) included in every notebook,
        the decimal mark of their numbers ("." or ",") and the sheet of Excel files (default the first).
    jobs
        How many notebooks run at once (one kernel each); default: the number of cores.
    force
        Re-run every notebook, even those whose inputs are unchanged since the last complete run.
    show_code
        Keep the code cells in the HTML (hidden by default).
    progress
        A progress bar (default: when the output is a terminal); otherwise one log line per notebook.

    Examples
    --------
    >>> import dxanalysis as dx  # doctest: +SKIP
    >>> result = dx.run_report(out="reports", indicators=["digital_economy_share_gdp"], lang="vi")  # doctest: +SKIP
    >>> result.run_dir / "index.html"  # doctest: +SKIP
    """
    from dxanalysis import data as dxdata
    from dxanalysis.reports.kernels import ensure_kernelspec

    # absolute: papermill's own cwd= would chdir the whole process, which is not safe with several workers, so every
    # path a worker uses is absolute and papermill is never asked to change directory
    out = Path(out).resolve()
    say = log or (lambda text: print(text, file=sys.stderr))
    if plan is None:
        plan = build_plan(
            indicators=indicators, params=params, lang=lang, as_of=as_of, data=data, decimal=decimal, sheet=sheet
        )
    plan = validate_plan(plan)
    if not plan:
        raise DxError("the plan is empty: nothing to report")
    out.mkdir(parents=True, exist_ok=True)
    user_files = sorted({f for j in plan for f in dxdata.data_paths(str(j.parameters.get("data") or ""))})
    data_fp, package_fp = data_fingerprint(user_files), package_fingerprint()
    previous = None if force else _previous_run(out)
    reusable = {j["slug"]: j for j in (previous or {}).get("jobs", []) if j["status"] in ("ok", "reused")}

    run_id = _new_run_id(out)
    tmp = out / f".tmp-{run_id}"
    tmp.mkdir()
    results = [JobResult(j.slug, j.notebook, j.title, j.parameters, job_key(j, data_fp, package_fp)) for j in plan]
    todo: list[tuple[Job, JobResult]] = []
    for job, res in zip(plan, results, strict=True):
        old = reusable.get(job.slug)
        if old and old["key"] == res.key and previous and (Path(previous["_dir"]) / job.slug).is_dir():
            shutil.copytree(Path(previous["_dir"]) / job.slug, tmp / job.slug)
            res.status, res.started, res.duration = "reused", old.get("started"), 0.0
            _collect_outputs(tmp / job.slug, res)
        else:
            todo.append((job, res))

    started = time.perf_counter()
    if todo:
        ensure_kernelspec()
        # the longest first, so that no worker is left with a long notebook at the end while the others idle
        took = {j["slug"]: float(j.get("duration") or 0) for j in (_previous_run(out) or {}).get("jobs", [])}
        todo.sort(key=lambda item: -(took.get(item[0].slug) or _expected_cost(item[0])))
        closing = _execute(todo, tmp, jobs or os.cpu_count() or 1, show_code, progress, say)
    else:
        closing = []
    try:
        manifest = {
            "dxanalysis_version": __version__,
            "package": package_fp,
            "run_id": run_id,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "python": sys.version.split()[0],
            "data_fingerprint": data_fp,
            "data_files": user_files,
            "lang": lang,
            "as_of": as_of,
            "duration": round(time.perf_counter() - started, 3),
            "complete": True,
            "jobs": [asdict(r) for r in results],
        }
        old_book = Path(previous["_dir"]) / "tables.xlsx" if previous else None
        same_plan = previous is not None and [j["slug"] for j in previous.get("jobs", [])] == [r.slug for r in results]
        if not todo and same_plan and old_book is not None and old_book.is_file():  # nothing ran: the same workbook
            shutil.copy2(old_book, tmp / "tables.xlsx")
        else:
            _write_workbook(tmp, results)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        (tmp / "index.html").write_text(render_index(manifest), encoding="utf-8")
        run_dir = out / run_id
        tmp.rename(run_dir)  # a half-written run never carries a real name
        _point_latest(out, run_id)
        return RunResult(run_dir, manifest)
    finally:
        for closer in closing:  # every kernel is gone when the run returns (or fails)
            closer.join()


def _expected_cost(job: Job) -> float:
    """A rough cost in seconds for a notebook never run here: the overview draws most; an indicator notebook draws one
    figure per target year it is assessed against."""
    name = Path(job.notebook).name
    if name != "indicator.ipynb":
        return {"overview.ipynb": 5.0, "scenarios.ipynb": 1.5}.get(name, 1.0)
    from dxanalysis import data as dxdata

    targets = dxdata.load_targets()
    mine = targets[
        (targets["indicator"] == job.parameters.get("indicator")) & (targets["geo"] == job.parameters.get("geo", "VN"))
    ]
    series = mine["series"].fillna("")
    years = mine.loc[(series == "") | (series == job.parameters.get("series", "")), "year"].nunique()
    return 0.8 + 0.3 * int(years)


def _execute(
    todo: list[tuple[Job, JobResult]],
    folder: Path,
    n_workers: int,
    show_code: bool,
    progress: bool | None,
    say: Callable[[str], None],
) -> list[threading.Thread]:
    """Run the notebooks on ``n_workers`` kernels; returns the threads shutting the kernels down."""
    work: queue.Queue[tuple[Job, JobResult]] = queue.Queue()
    for item in todo:
        work.put(item)
    lock = threading.Lock()
    done = {"n": 0, "failed": 0, "running": 0}
    total = len(todo)
    bar = _progress_bar(total, progress)

    def report(res: JobResult) -> None:
        with lock:
            done["n"] += 1
            done["running"] -= 1
            done["failed"] += res.status == "failed"
            if bar is not None:
                bar.set_postfix(failed=done["failed"], running=done["running"])
                bar.update(1)
            else:
                mark = "ok" if res.status == "ok" else "FAILED"
                say(
                    f"[{done['n']}/{total}] {mark:6s} {res.slug} ({res.duration:.1f} s)"
                    + (f": {res.error}" if res.error else "")
                )

    def worker() -> None:
        w: _Worker | None = None
        try:
            while True:
                try:
                    job, res = work.get_nowait()
                except queue.Empty:
                    return
                with lock:
                    done["running"] += 1
                executed = None
                try:
                    if w is None:
                        w = _Worker()
                    executed = w.run(job, folder / job.slug, res)
                except Exception as exc:  # the kernel would not start: this job fails, the others go on
                    res.status, res.error = "failed", f"{type(exc).__name__}: {exc}"
                    res.duration = res.duration or 0.0
                    traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None
                    if w is not None:
                        w.broken = True
                finally:
                    exports.put((folder / job.slug, res, executed))  # its HTML is written while the kernel goes on
                if w is not None and w.broken:
                    w.close()
                    w = None
        finally:
            if w is not None:  # shut down while the run's last files are written (not a daemon: it always finishes)
                closer = threading.Thread(target=w.close, name="dx-kernel-shutdown", daemon=False)
                closer.start()
                closing.append(closer)

    def exporter() -> None:
        try:
            e: _Exporter | None = _Exporter(show_code)
            broken = ""
        except Exception as exc:  # no HTML at all: said on every notebook, whose own results still stand
            e, broken = None, f" [HTML export failed: {type(exc).__name__}: {exc}]"
        while (item := exports.get()) is not None:
            try:
                if e is not None:
                    e.export(*item)
                else:
                    item[1].error = (item[1].error or "") + broken
                    _collect_outputs(*item[:2])
            except Exception as exc:  # one notebook's outputs could not be read: said on it, the others go on
                item[1].error = (item[1].error or "") + f" [report files: {type(exc).__name__}: {exc}]"
            try:
                report(item[1])
            except Exception:  # a progress line that cannot be written loses nothing of the run
                traceback.print_exc(file=sys.stderr) if os.environ.get("DXANALYSIS_DEBUG") else None

    closing: list[threading.Thread] = []
    exports: queue.Queue[tuple[Path, JobResult, Any] | None] = queue.Queue()
    writer = threading.Thread(target=exporter, daemon=True)
    writer.start()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, min(n_workers, total)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    exports.put(None)
    writer.join()
    if bar is not None:
        bar.close()
    return closing


def _progress_bar(total: int, progress: bool | None) -> Any:
    interactive = sys.stderr.isatty() if progress is None else progress
    if not interactive:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="notebooks", unit="nb", file=sys.stderr)


def _point_latest(out: Path, run_id: str) -> None:
    latest = out / "latest"
    tmp_link = out / f".latest-{run_id}"
    try:
        if tmp_link.is_symlink() or tmp_link.exists():
            tmp_link.unlink()
        tmp_link.symlink_to(run_id, target_is_directory=True)
        os.replace(tmp_link, latest)  # atomic: latest always names a complete run
    except OSError:  # no symbolic links on this system: a text file names the run
        if latest.is_symlink():
            latest.unlink()
        (out / "LATEST").write_text(run_id + "\n", encoding="utf-8")


def _write_workbook(folder: Path, results: Sequence[JobResult]) -> None:
    """Every table of the run in one Excel workbook, a sheet per table."""
    import pandas as pd

    sheets: dict[str, pd.DataFrame] = {}
    for res in results:
        for table in res.tables:
            path = folder / res.slug / "tables" / f"{table}.csv"
            if path.exists():
                name = _sheet_name(f"{res.slug[:14]}-{table}", sheets)
                sheets[name] = pd.read_csv(path, encoding="utf-8-sig")
    if not sheets:
        return
    with pd.ExcelWriter(folder / "tables.xlsx", engine="openpyxl") as xl:
        for name, frame in sheets.items():
            frame.to_excel(xl, sheet_name=name, index=False)


def _sheet_name(text: str, taken: Mapping[str, Any]) -> str:
    base = "".join(c for c in text if c not in "[]:*?/\\")[:31] or "sheet"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    return name


# ----------------------------------------------------------------------------------------------------------------------
# The index page

_INDEX_TEXT = {
    "en": {
        "title": "dxanalysis report",
        "run": "Run",
        "version": "package",
        "data": "data fingerprint",
        "as_of": "data as of",
        "latest": "latest",
        "notebook": "Notebook",
        "status": "Status",
        "headline": "Headline",
        "open": "Report",
        "files": "Files",
        "ok": "ok",
        "failed": "failed",
        "reused": "unchanged (reused)",
        "workbook": "All tables (Excel)",
        "manifest": "Manifest",
        "figures": "figures",
        "tables": "tables",
        "ipynb": "notebook",
    },
    "vi": {
        "title": "Báo cáo dxanalysis",
        "run": "Lần chạy",
        "version": "gói",
        "data": "dấu vân tay dữ liệu",
        "as_of": "dữ liệu tính đến",
        "latest": "mới nhất",
        "notebook": "Sổ tay",
        "status": "Trạng thái",
        "headline": "Tóm tắt",
        "open": "Báo cáo",
        "files": "Tệp",
        "ok": "xong",
        "failed": "lỗi",
        "reused": "không đổi (dùng lại)",
        "workbook": "Tất cả các bảng (Excel)",
        "manifest": "Bản kê",
        "figures": "hình",
        "tables": "bảng",
        "ipynb": "sổ tay",
    },
}


def render_index(manifest: Mapping[str, Any]) -> str:
    """``index.html`` of a run: every notebook with its status, headline and files (all text escaped)."""
    lang = manifest.get("lang") if manifest.get("lang") in _INDEX_TEXT else "en"
    tx = _INDEX_TEXT[str(lang)]
    e = html.escape
    rows = []
    for j in manifest["jobs"]:
        status = j["status"]
        badge = {"ok": "ok", "reused": "reused", "failed": "failed"}.get(status, "pending")
        slug = e(j["slug"])
        links = [
            f'<a href="{slug}/report.html">{e(tx["open"])}</a>',
            f'<a href="{slug}/notebook.ipynb">{e(tx["ipynb"])}</a>',
        ]
        figs = " ".join(
            f'<a href="{slug}/figures/{e(f)}.png"><img src="{slug}/figures/{e(f)}.png" alt="{e(f)}" loading="lazy"></a>'
            for f in j.get("figures", [])[:4]
        )
        tables = ", ".join(f'<a href="{slug}/tables/{e(t)}.csv">{e(t)}</a>' for t in j.get("tables", []))
        error = f'<div class="error">{e(j["error"])}</div>' if j.get("error") else ""
        rows.append(
            f'<tr class="{badge}"><td><b>{e(j["title"])}</b><br><code>{e(j["notebook"])}</code></td>'
            f'<td><span class="badge {badge}">{e(tx.get(status, status))}</span>'
            f"<br><small>{(j.get('duration') or 0):.1f} s</small></td>"
            f'<td>{e(j.get("headline") or "")}{error}<div class="thumbs">{figs}</div></td>'
            f"<td>{' · '.join(links)}<br><small>{e(tx['tables'])}: {tables or '—'}</small></td></tr>"
        )
    meta = (
        f"{e(tx['run'])} <code>{e(manifest['run_id'])}</code> · {e(tx['version'])} "
        f"{e(manifest['dxanalysis_version'])} · {e(tx['data'])} <code>{e(manifest['data_fingerprint'])}</code> · "
        f"{e(tx['as_of'])} {e(manifest.get('as_of') or tx['latest'])}"
    )
    workbook = (
        '<a href="tables.xlsx">' + e(tx["workbook"]) + "</a> · "
        if any(j.get("tables") for j in manifest["jobs"])
        else ""
    )
    return f"""<!doctype html>
<html lang="{e(str(lang))}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{e(tx["title"])} {e(manifest["run_id"])}</title>
<style>
body{{font-family:system-ui,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.6rem;vertical-align:top;
text-align:left}}th{{background:#f4f4f4}}.badge{{padding:.1rem .5rem;border-radius:.8rem;font-size:.85rem}}
.ok .badge{{background:#d7f0dd}}.reused .badge{{background:#e3ecf7}}.failed .badge{{background:#f9d6d5}}
.error{{color:#a4000f;font-family:monospace;font-size:.85rem;margin:.3rem 0}}
.thumbs img{{height:80px;margin:.3rem .3rem 0 0;border:1px solid #ddd}}small{{color:#666}}
</style></head><body>
<h1>{e(tx["title"])}</h1><p>{meta}</p><p>{workbook}<a href="manifest.json">{e(tx["manifest"])}</a></p>
<table><thead><tr><th>{e(tx["notebook"])}</th><th>{e(tx["status"])}</th><th>{e(tx["headline"])}</th>
<th>{e(tx["files"])}</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table></body></html>
"""
