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
    assert len(card) == dx.load_targets()["indicator"].nunique()
    assert "13 indicators with targets" in j["headline"] or "indicators" in j["headline"]


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
