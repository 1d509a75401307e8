"""How the package installs and starts: dependencies in step, data inside the wheel, a light import."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra}
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    listed = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    pip_section = next((d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d), [])
    listed |= {_name(d) for d in pip_section if not d.startswith("-")}
    assert listed == wanted, f"only in environment.yml: {listed - wanted}; only in pyproject: {wanted - listed}"


def test_constraints_pin_every_direct_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        direct |= {_name(r) for r in extra}
    pins = {}
    for line in (REPO / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[_name(name)] = version.strip()
    assert direct <= set(pins), f"not pinned: {direct - set(pins)}"


def test_wheel_carries_the_data_and_loads_it_from_any_directory(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    wheel = Path(next(WheelBuilder(str(REPO)).build(directory=str(tmp_path / "dist"), versions=["standard"])))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for f in ("indicators.yml", "sources.yml", "observations.csv", "targets.csv"):
            assert f"dxanalysis/_data/{f}" in names
        for f in (
            "reports/templates/dxreport/index.html.j2",
            "reports/templates/dxreport/conf.json",
            "analysis/calibration_factors.csv",
        ):
            assert f"dxanalysis/{f}" in names
        zf.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import dxanalysis as dx; "
        "print(dx.data_dir()); "
        "print(dx.series('digital_economy_share_gdp', source='mic', freq='year').loc[2021])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    folder, value = out.stdout.split()
    assert Path(folder) == tmp_path / "site" / "dxanalysis" / "_data"
    assert float(value) == 11.91


@pytest.mark.parametrize("call", ["pass", "dx.load_observations(); dx.indicators(); dx.load_targets()"])
def test_import_stays_light(call):
    code = (
        "import sys, dxanalysis as dx; " + call + "; "
        "heavy = ('statsmodels', 'seaborn', 'papermill', 'matplotlib', 'scipy', 'dask', 'distributed'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""


def test_data_files_are_utf8_and_keep_diacritics():
    for f in ("indicators.yml", "sources.yml", "observations.csv", "targets.csv"):
        text = (REPO / "data" / f).read_bytes().decode("utf-8")
        assert "\ufffd" not in text
    assert "Tỷ trọng" in (REPO / "data" / "observations.csv").read_text(encoding="utf-8") or "tỷ trọng" in (
        REPO / "data" / "observations.csv"
    ).read_text(encoding="utf-8")


def test_the_flat_layouts_module_paths_still_import_for_one_release():
    """Every module path of the flat layout imports, warns that it moved, and gives the names it had."""
    import importlib
    import warnings

    from dxanalysis._moved import MOVED

    for old, targets in MOVED.items():
        sys.modules.pop(old, None)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            module = importlib.import_module(old)
        assert any(issubclass(w.category, DeprecationWarning) and old in str(w.message) for w in caught), old
        for target in targets:
            new = importlib.import_module(target)
            for name in getattr(new, "__all__", []):
                assert getattr(module, name) is getattr(new, name), f"{old}.{name}"
    # the names the notebooks of the flat layout used
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from dxanalysis.artifacts import ReportOutput, safe_name  # noqa: F401
        from dxanalysis.plots import plot_history  # noqa: F401
        from dxanalysis.scenarios import parse_rates  # noqa: F401
