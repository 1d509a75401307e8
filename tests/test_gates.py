"""The gates every change passes: lint and format (ruff), types (mypy, strict), and notebook hygiene."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CODE = ["dxanalysis", "tests", "benchmarks", "docs", "notebooks"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_lint():
    out = run("ruff", "check", *CODE)
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format():
    out = run("ruff", "format", "--check", *CODE)
    assert out.returncode == 0, "run `.venv/bin/ruff format` to fix:\n" + out.stdout + out.stderr


def test_mypy_strict():
    out = run("mypy")  # configured in pyproject.toml: strict, on the dxanalysis package
    assert out.returncode == 0, out.stdout + out.stderr


def notebooks() -> list[Path]:
    return sorted((REPO / "notebooks").glob("**/*.ipynb"))


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebooks_are_committed_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert not any(c.get("outputs") for c in code), "committed with outputs: strip them (nbstripout)"
    assert not any(c.get("execution_count") for c in code), "committed with execution counts"
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert nb["metadata"]["kernelspec"]["name"] == "dxanalysis", "the notebook names the package's kernel"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_a_notebooks_outputs_record_its_language_and_date(path):
    """Its tables' records (the workbook's sheets, the index's links) say the language and the as-of date the
    notebook ran with: every ReportOutput it makes is given both (the peers page once wrote English records for a
    Vietnamese run)."""
    import re

    nb = json.loads(path.read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    made = re.findall(r"ReportOutput\(([^)]*)\)", source)
    assert made, "the notebook saves nothing through ReportOutput"
    assert all("lang=lang" in args and "as_of=as_of" in args for args in made), made


def test_every_public_function_has_an_example_that_runs():
    """The doctests run every example; this checks that every public function and class has one."""
    import inspect

    import dxanalysis as dx

    public = [
        getattr(dx, name)
        for name in dx.__all__
        if inspect.isfunction(getattr(dx, name))
        or (inspect.isclass(getattr(dx, name)) and not issubclass(getattr(dx, name), BaseException))
    ]
    public += [getattr(dx.plots, n) for n in dir(dx.plots) if n.startswith("plot_")]
    missing = [f"{obj.__module__}.{obj.__qualname__}" for obj in public if ">>>" not in (obj.__doc__ or "")]
    assert not missing, "public API without an example in its docstring: " + ", ".join(missing)


def test_the_rooms_import_one_way():
    """import-linter's contracts (pyproject.toml): cli -> reports -> present -> analysis -> data, the ground floor
    imports no room, and matplotlib, seaborn, papermill and nbconvert stay out of data and analysis."""
    out = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=REPO, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


GROUND_FLOOR_MODULES = {"_util", "_cache", "_moved", "_version"}


def _private_crossings(path: Path) -> list[str]:
    """Private names of the package's modules used from another module: ``from dxanalysis.x import _y`` or
    ``x._y`` where ``x`` is a module of the package imported here."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dxanalysis"):
            for alias in node.names:
                if alias.name.startswith("_") and alias.name not in GROUND_FLOOR_MODULES | {"__version__"}:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} imports {node.module}.{alias.name}")
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("dxanalysis"):
                    modules.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            found.append(f"{path.relative_to(REPO)}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    """Where one module needs another's helper, the helper is public in its room (the tests and benchmarks too:
    a test that needs a private name marks a missing seam)."""
    files = [p for d in ("dxanalysis", "tests", "benchmarks", "docs") for p in (REPO / d).rglob("*.py")]
    found = [f for p in files if "_build" not in p.parts for f in _private_crossings(p)]
    assert not found, "\n".join(found)


def test_no_module_is_a_house_of_its_own():
    """Each module holds one job: none is over 600 lines."""
    sizes = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in (REPO / "dxanalysis").rglob("*.py")}
    large = [f"{p.relative_to(REPO)}: {n} lines" for p, n in sorted(sizes.items()) if n > 600]
    assert not large, "split by job: " + "; ".join(large)
