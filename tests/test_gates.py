"""The gates every change passes: lint and format (ruff), types (mypy, strict), and notebook hygiene."""

from __future__ import annotations

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
