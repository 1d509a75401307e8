"""The package's notebooks run through papermill (via the report runner) with their defaults and with small
non-default parameter sets, and produce what they promise: figures, tables with the expected rows, a headline."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import dxanalysis as dx
from dxanalysis import reports
from dxanalysis.reports import Job


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    plan = [
        Job("overview.ipynb", {}, "overview", "Overview"),
        Job("indicator.ipynb", {}, "indicator_default", "Indicator (defaults)"),
        Job("scenarios.ipynb", {}, "scenarios", "Scenarios"),
        Job(
            "indicator.ipynb",
            {
                "indicator": "fibre_households_using",
                "series": "",
                "horizon": 2027,
                "lang": "vi",
                "models": "linear,drift_logit",
            },
            "indicator_fibre_vi",
            "Fibre (vi)",
        ),
        Job(
            "indicator.ipynb",
            {"indicator": "fibre_communes_connected", "series": ""},
            "indicator_one_figure",
            "One figure",
        ),
        Job(
            "scenarios.ipynb",
            {"part_growth": "0.1,0.2", "whole_growth": "0.06", "targets": "2030:30", "until": 2032, "lang": "vi"},
            "scenarios_small_vi",
            "Scenarios (vi)",
        ),
    ]
    out = tmp_path_factory.mktemp("nb")
    import os

    here = os.getcwd()
    os.chdir(out)  # a relative out folder, as `dxanalysis report --out reports` gives, with two workers at once
    try:
        return reports.run_report(out="reports", plan=plan, jobs=2, progress=False, log=lambda _: None)
    finally:
        os.chdir(here)


def jobs(run):
    return {j["slug"]: j for j in run.manifest["jobs"]}


def table(run, slug, name):
    return pd.read_csv(run.run_dir / slug / "tables" / f"{name}.csv", encoding="utf-8-sig")


def test_every_notebook_ran(run):
    failed = {s: j["error"] for s, j in jobs(run).items() if j["status"] != "ok"}
    assert not failed
    for slug, j in jobs(run).items():
        assert j["headline"], slug
        for fig in j["figures"]:
            for ext in ("png", "svg"):
                assert (run.run_dir / slug / "figures" / f"{fig}.{ext}").stat().st_size > 1000, (slug, fig, ext)
        html = (run.run_dir / slug / "report.html").read_text(encoding="utf-8")
        assert "data:image/png;base64" in html  # the figures are inside the HTML, which can be sent alone
        nb = json.loads((run.run_dir / slug / "notebook.ipynb").read_text(encoding="utf-8"))
        assert not any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))


def test_overview_scorecard_has_a_row_per_indicator_with_a_target(run):
    j = jobs(run)["overview"]
    assert {"scorecard", "dashboard"} <= set(j["figures"])
    card = table(run, "overview", "scorecard")
    assert card["Indicator"].nunique() == dx.load_targets()["indicator"].nunique()  # a row per series and target year
    assert len(card) == len(dx.scorecard()) and "verdicts by series and target year" in j["headline"]


def test_indicator_defaults_assess_every_target_of_the_digital_economy_series(run):
    j = jobs(run)["indicator_default"]
    targets = dx.load_targets()
    years = set(targets[(targets.indicator == "digital_economy_share_gdp") & targets.series.isin(["", "mic"])].year)
    assert {f"assessment_{y}" for y in years} <= set(j["figures"])
    assessment = table(run, "indicator_default", "assessment")
    assert len(assessment) == len(years)
    trends = table(run, "indicator_default", "trend_models")
    assert len(trends) == len(dx.MODELS)


def test_non_default_parameters_change_the_output(run):
    vi = jobs(run)["indicator_fibre_vi"]
    assert "history" in vi["figures"] and any(ch in vi["headline"] for ch in "ạảãáàâầấậđệếềịộốồơờớợụủứừự")
    assert len(table(run, "indicator_fibre_vi", "trend_models")) == 2  # the two models asked for
    one = jobs(run)["indicator_one_figure"]
    assert one["status"] == "ok"  # too few figures for a trend: the notebook says so rather than failing
    grid = table(run, "scenarios_small_vi", "grid")
    assert len(grid) == 2  # 2 part growth rates x 1 whole growth rate


def _page_text(run, slug):
    """The words a reader sees on a report page: no styles, scripts or embedded images."""
    import html
    import re

    page = (run.run_dir / slug / "report.html").read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    headings = [html.unescape(h).strip() for h in re.findall(r"<h1[^>]*>(.*?)<", page)]
    return headings, html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'"data:[^"]*"', '""', page)))


def test_a_vietnamese_page_is_vietnamese_from_its_title_on(run):
    """Under lang="vi" the page opens with the Vietnamese title, has no English section, and writes its periods the
    Vietnamese way (no "2024-H1", "2025-10" or "2025-10-26"); the English page has no Vietnamese section."""
    import re

    headings, text = _page_text(run, "indicator_fibre_vi")
    assert headings[0] == "Một chỉ tiêu: số liệu, xu hướng và mục tiêu"
    assert "Where the trend leads" not in text and "Every published figure" not in text
    assert not re.findall(r"\b\d{4}-(?:H[12]|Q[1-4]|\d{2})\b", text)
    assert "6 tháng đầu năm 2025" in text  # the latest fibre figure's period, in words
    headings, text = _page_text(run, "indicator_default")
    assert headings[0] == "One indicator: its history, its trend and its targets"
    assert "Xu hướng" not in headings and "Mọi lần công bố" not in text


def _without_the_runners_kernel() -> dict[str, str]:
    """The environment a papermill or nbconvert user has: no private kernelspec folder of the report runner on
    JUPYTER_PATH, no per-user Jupyter folder; the kernel registered in the environment, as `make test` does."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    env = dict(os.environ)
    paths = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p and "dxanalysis-kernels-" not in p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env["JUPYTER_DATA_DIR"] = tempfile.mkdtemp(prefix="dx-jupyter-data-")  # no kernel of the user's own
    kernel = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "dxanalysis" / "kernel.json"
    if not kernel.exists():  # the Makefile's own command (make test runs it in its set-up), so no test order matters
        install = [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", "dxanalysis"]
        subprocess.run([*install, "--display-name", "Python (dxanalysis)"], check=True, capture_output=True)
    assert json.loads(kernel.read_text(encoding="utf-8"))["argv"][0] == sys.executable
    return env


def test_papermill_and_nbconvert_run_the_notebooks_as_they_are(tmp_path):
    """`papermill notebooks/indicator.ipynb out.ipynb -p horizon 2035` and `jupyter nbconvert --execute` (the CLIs,
    from the environment) find the notebooks' kernel without the report runner."""
    import subprocess
    import sys
    from pathlib import Path

    env = _without_the_runners_kernel()
    bin_dir = Path(sys.executable).parent
    nbs = Path(__file__).resolve().parents[1] / "notebooks"
    out = tmp_path / "indicator.ipynb"
    run = subprocess.run(
        [str(bin_dir / "papermill"), str(nbs / "indicator.ipynb"), str(out), "-p", "horizon", "2035"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    executed = json.loads(out.read_text(encoding="utf-8"))
    assert executed["metadata"]["papermill"]["parameters"] == {"horizon": 2035}
    assert not any(o.get("output_type") == "error" for c in executed["cells"] for o in c.get("outputs", []))
    convert = [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--execute", str(nbs / "scenarios.ipynb")]
    run = subprocess.run(
        [*convert, "--output-dir", str(tmp_path)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "No such kernel" not in run.stderr and (tmp_path / "scenarios.html").stat().st_size > 10_000
