"""The batch report runner on small fixture notebooks: isolation, clean reused kernels, reuse, refusal, layout."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import dxanalysis as dx
from dxanalysis import reports
from dxanalysis._util import safe_name
from dxanalysis.reports import Job

FX = Path(__file__).parent / "fixtures" / "notebooks"


def job(name: str, slug: str | None = None, **params) -> Job:
    return Job(str(FX / f"{name}.ipynb"), params, slug or name, name.capitalize())


def run(out, plan, **kw):
    return reports.run_report(out=out, plan=plan, progress=False, log=lambda _: None, **kw)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    plan = [job("leaky"), job("probe", x=5), job("failing")]
    return out, plan, run(out, plan, jobs=1)


def test_a_failing_notebook_is_kept_and_marked_and_the_others_still_run(first_run):
    _out, _, result = first_run
    assert result.exit_code == 1
    by_slug = {j["slug"]: j for j in result.manifest["jobs"]}
    assert by_slug["leaky"]["status"] == by_slug["probe"]["status"] == "ok"
    failed = by_slug["failing"]
    assert failed["status"] == "failed" and "deliberately broken" in failed["error"]
    # papermill's structured failure stays structured in the manifest; the index says it in one line
    assert "deliberately broken" in failed["evalue"] and failed["ename"] and isinstance(failed["cell"], int)
    nb = json.loads((result.run_dir / "failing" / "notebook.ipynb").read_text(encoding="utf-8"))
    assert any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))
    assert (result.run_dir / "failing" / "report.html").exists()
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    assert "deliberately broken" in index and "failed" in index


def test_run_folder_layout_manifest_and_latest(first_run):
    out, _, result = first_run
    run_dir = result.run_dir
    assert (out / "latest").resolve() == run_dir.resolve()
    assert not list(out.glob(".tmp-*"))  # written to a temporary folder, moved into place when done
    m = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert m["complete"] and m["dxanalysis_version"] == dx.__version__ and len(m["data_fingerprint"]) == 16
    for j in m["jobs"]:
        assert {"slug", "notebook", "parameters", "key", "status", "started", "duration", "error"} <= set(j)
    probe = {j["slug"]: j for j in m["jobs"]}["probe"]
    assert probe["parameters"]["x"] == 5 and probe["headline"] == "x is 5" and probe["tables"] == ["state"]
    assert (run_dir / "leaky" / "figures" / "line.png").stat().st_size > 0
    assert (run_dir / "leaky" / "figures" / "line.svg").stat().st_size > 0
    html = (run_dir / "probe" / "report.html").read_text(encoding="utf-8")
    assert "x is 5" not in html or "out.headline" not in html  # code hidden by default
    assert "secret_visible" in html  # the outputs are there
    sheets = pd.ExcelFile(run_dir / "tables.xlsx").sheet_names
    assert sheets[0] == "Index" and any("state" in s for s in sheets[1:])  # the index first, then a sheet a table


def test_a_reused_kernel_starts_clean_and_gives_what_a_fresh_kernel_gives(first_run, tmp_path):
    _, _, result = first_run
    after_leaky = pd.read_csv(result.run_dir / "probe" / "tables" / "state.csv", encoding="utf-8-sig")
    assert after_leaky.loc[0, "secret_visible"] == False  # noqa: E712  (numpy bool)
    fresh = run(tmp_path, [job("probe", x=5)], jobs=1)
    alone = pd.read_csv(fresh.run_dir / "probe" / "tables" / "state.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(after_leaky, alone)


class Recording:
    """The local executor, noting every notebook it is given to execute."""

    def __init__(self, jobs):
        self.inner, self.ran = reports.LocalExecutor(jobs), []

    def run(self, tasks, progress):
        self.ran += [t.slug for t in tasks]
        return self.inner.run(tasks, progress)

    def close(self):
        self.inner.close()


def test_an_unchanged_rerun_executes_nothing_that_succeeded(first_run):
    out, plan, _ = first_run
    executor = Recording(jobs=2)
    try:
        again = run(out, plan, executor=executor)
        statuses = {j["slug"]: j["status"] for j in again.manifest["jobs"]}
        assert statuses == {"leaky": "reused", "probe": "reused", "failing": "failed"}
        assert executor.ran == ["failing"]  # only the failed notebook runs again
        third = run(out, plan, executor=executor)  # and a reused notebook is reused again, run after run
        assert {j["slug"]: j["status"] for j in third.manifest["jobs"]} == statuses
        assert executor.ran == ["failing", "failing"]
    finally:
        executor.close()
    changed = run(out, [job("probe", x=6)], jobs=1)
    assert changed.manifest["jobs"][0]["status"] == "ok"  # a changed parameter is a changed input


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ([job("probe", y=1)], "unknown parameter 'y'; accepted: x, lang, out_dir"),
        ([job("probe", x="seven")], "x='seven' is not a whole number"),
        ([job("probe", lang="fr")], "lang='fr'; accepted: en, vi"),
        ([job("probe"), job("probe")], "two jobs would write the same folder"),
    ],
)
def test_bad_parameters_are_refused_before_any_kernel_starts(tmp_path, plan, message):
    class NoKernel:
        def run(self, tasks, progress):
            raise AssertionError("a kernel was started")

        def close(self):
            pass

    with pytest.raises(dx.DxError, match=message):
        run(tmp_path / "out", plan, executor=NoKernel())
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_index_escapes_text_from_the_data():
    manifest = {
        "run_id": "r",
        "dxanalysis_version": "0",
        "data_fingerprint": "f",
        "lang": "en",
        "jobs": [
            {
                "slug": "x",
                "notebook": "n.ipynb",
                "title": "<script>alert(1)</script>",
                "status": "ok",
                "duration": 1,
                "headline": "<img src=x onerror=alert(1)>",
                "figures": [],
                "tables": [],
                "error": None,
            }
        ],
    }
    page = reports.render_index(manifest)
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<img src=x" not in page


def test_cli_refuses_a_bad_parameter_with_one_line(capsys):
    from dxanalysis.cli import main

    assert main(["report", "--param", "horizon"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dxanalysis: --param 'horizon': accepted: NAME=VALUE") and "Traceback" not in err


def test_cli_end_to_end_on_a_small_plan(tmp_path, capsys):
    """`dxanalysis report` on one indicator: exit 0, index and manifest; again: nothing re-executed."""
    from dxanalysis.cli import main

    args = [
        "report",
        "--indicator",
        "egdi_rank",
        "--out",
        str(tmp_path),
        "--jobs",
        "1",
        "--no-progress",
        "--param",
        "horizon=2027",
    ]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert "1 notebook: 1 run, 0 unchanged (reused), 0 failed" in first and "index.html" in first
    manifest = json.loads((tmp_path / "latest" / "manifest.json").read_text(encoding="utf-8"))
    (job,) = manifest["jobs"]
    assert job["parameters"]["indicator"] == "egdi_rank" and job["parameters"]["horizon"] == 2027
    assert "egdi_rank" in (tmp_path / "latest" / "index.html").read_text(encoding="utf-8") or job["title"]
    assert main(args) == 0
    assert "1 notebook: 0 run, 1 unchanged (reused), 0 failed" in capsys.readouterr().out
    # a parameter no notebook declares is refused before anything runs, with the accepted names
    assert main([*args[:-2], "--param", "horizn=2027"]) == 2
    assert "unknown parameter 'horizn' (did you mean 'horizon'?); accepted:" in capsys.readouterr().err
    assert dx.run_report is reports.run_report  # the same from Python


def test_cli_report_with_the_users_own_file(tmp_path, capsys):
    """`dxanalysis report --data` on a WDI download of an indicator the catalogue lacks: a finished indicator report,
    the file recorded in the manifest and left unchanged; a broken file is refused before any kernel starts."""
    import hashlib

    from dxanalysis.cli import main

    src = Path(__file__).parent / "fixtures" / "wdi_gdp_growth.csv"
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "out"
    args = ["report", "--indicator", "wdi_ny_gdp_mktp_kd_zg", "--data", str(src), "--out", str(out)]
    assert main([*args, "--jobs", "1", "--no-progress"]) == 0, capsys.readouterr().err
    manifest = json.loads((out / "latest" / "manifest.json").read_text(encoding="utf-8"))
    (job,) = manifest["jobs"]
    assert job["status"] == "ok" and job["parameters"]["series"] == "wdi"
    assert manifest["data_files"] == [str(src.resolve())]
    folder = out / "latest" / job["slug"]
    trends = pd.read_csv(folder / "tables" / "trend_models.csv")
    status = dict(zip(trends["Model"], trends["Status"], strict=True))
    assert status["Linear trend"] == status["Random walk with drift"] == "fitted"
    assert status["Constant growth"] == "not applicable"  # a growth rate does not grow by a constant factor
    assert (folder / "figures" / "history.png").stat().st_size > 10_000
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert 'alt="GDP growth (annual %): every published release"' in html  # each figure described by its title
    assert "2024" in (folder / "headline.txt").read_text(encoding="utf-8")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert dx.load_observations()["series"].eq("wdi").sum() == 0  # the user's file does not outlive the report

    broken = tmp_path / "broken.csv"
    broken.write_text("indicator,period,value\ninternet_users,2023,lots\n", encoding="utf-8")
    assert main([*args[:-4], "--data", str(broken), "--out", str(tmp_path / "other")]) == 1  # the data: exit 1
    err = capsys.readouterr().err
    assert "broken.csv" in err and "lots" in err and "Traceback" not in err
    assert not (tmp_path / "other").exists()


def test_a_plan_over_the_users_vietnamese_numbers(tmp_path):
    """`--data` with `--decimal ,`: the user's series joins the plan with its decimal mark; read with the wrong mark,
    or with a bad data_decimal, the plan is refused before any kernel starts, naming the file."""
    mine = tmp_path / "tinh.csv"
    mine.write_text("indicator;period;value;geo\ninternet_users;2022;70,3;VN-57\ninternet_users;2023;74,2;VN-57\n")
    plan = reports.validate_plan(reports.build_plan(indicators=["internet_users"], data=[str(mine)], decimal=","))
    (job,) = [j for j in plan if j.parameters["geo"] == "VN-57"]
    assert job.parameters["series"] == "user" and job.parameters["data_decimal"] == ","
    assert dx.data.data_paths(job.parameters["data"]) == [str(mine.resolve())]
    obs = dx.load_observations()  # the package has Bình Dương's DTI (VN-57): the user's series is what must go
    assert (obs["geo"].eq("VN-57") & obs["series"].eq("user")).sum() == 0  # planning leaves the session's data
    with pytest.raises(dx.DxError, match=r"tinh\.csv"):
        reports.build_plan(indicators=["internet_users"], data=[str(mine)], decimal=".")
    with pytest.raises(dx.DxError, match="data_decimal=';'; accepted"):
        reports.validate_plan([Job(job.notebook, {**job.parameters, "data_decimal": ";"}, job.slug, job.title)])


def test_every_real_publisher_file_becomes_finished_indicator_reports(shared, tmp_path):
    """Each real WDI and OWID download in ../shared/external-data, as downloaded, through `--data` to a finished
    indicator report for every one of its series with two figures or more (no hand edits), the files unchanged."""
    import hashlib

    from dxanalysis.data.publishers import read_any

    files = sorted((shared / "external-data").glob("*.csv"))
    assert len(files) >= 10
    before = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    plan: list[Job] = []
    for f in files:
        obs = read_any(f)
        ours = obs.groupby(["indicator", "series"]).size().loc[lambda c: c >= 2].index
        for j in reports.build_plan(indicators=sorted({i for i, _ in ours}), data=[str(f)]):
            if (j.parameters["indicator"], j.parameters["series"]) in ours:
                slug = f"{safe_name(f.stem)}__{j.slug}"
                plan.append(Job(j.notebook, j.parameters, slug, j.title))
    assert len(plan) >= 20
    result = run(tmp_path, plan, jobs=2)
    failed = [(j["slug"], j["error"]) for j in result.manifest["jobs"] if j["status"] != "ok"]
    assert not failed
    for job in result.manifest["jobs"]:
        folder = result.run_dir / job["slug"]
        assert (folder / "figures" / "history.png").stat().st_size > 10_000
        assert pd.read_csv(folder / "tables" / "trend_models.csv")["Status"].eq("fitted").any()
        assert (folder / "headline.txt").read_text(encoding="utf-8").strip()
    assert {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files} == before


def test_files_a_session_registered_stay_out_of_a_plan_without_them(tmp_path):
    """dx.use_data(...) in a session, then a report without --data: the plan is the package's alone (the kernels
    would not have those files); the session's files are still there afterwards."""
    src = Path(__file__).parent / "fixtures" / "wdi_gdp_growth.csv"
    try:
        dx.use_data(str(src))
        plan = reports.build_plan()
        assert not any(j.parameters.get("indicator") == "wdi_ny_gdp_mktp_kd_zg" for j in plan)
        assert "wdi_ny_gdp_mktp_kd_zg" in set(dx.load_observations()["indicator"])
    finally:
        dx.use_data(None)


def test_the_data_fingerprint_covers_the_metadata_read_beside_a_download(tmp_path):
    csv = tmp_path / "chart.csv"
    csv.write_text("Entity,Code,Year,Index\nVietnam,VNM,2022,3.5\nVietnam,VNM,2023,4.0\n", encoding="utf-8")
    before = reports.data_fingerprint([str(csv)])
    (tmp_path / "chart.metadata.json").write_text('{"columns": {"Index": {"lastUpdated": "2025-10-29"}}}')
    assert reports.data_fingerprint([str(csv)]) != before


def test_a_kernel_that_cannot_be_prepared_fails_its_notebook_and_leaves_nothing(tmp_path, monkeypatch):
    import glob
    import os
    import tempfile

    from dxanalysis.reports import kernels as kernel

    # this process's folders only: another run on the machine makes and removes its own meanwhile
    pattern = str(Path(tempfile.gettempdir()) / f"{kernel.SOCKET_PREFIX}{os.getpid()}-*")
    before = set(glob.glob(pattern))
    monkeypatch.setattr(kernel, "PRELUDE_CODE", "raise RuntimeError('no prelude today')")
    result = run(tmp_path, [job("probe", x=1)], jobs=1)
    (j,) = result.manifest["jobs"]
    assert j["status"] == "failed" and "no prelude today" in j["error"]
    assert set(glob.glob(pattern)) == before  # no socket folder left behind


def test_a_kernel_that_dies_mid_notebook_fails_that_notebook_and_the_next_gets_a_new_kernel(tmp_path):
    """A crash that kills the kernel (a C extension, memory) ends that notebook as failed instead of hanging the run;
    the next notebook of the same worker runs on a new kernel."""
    result = run(tmp_path, [job("dying"), job("probe", x=2)], jobs=1)
    by_slug = {j["slug"]: j for j in result.manifest["jobs"]}
    assert by_slug["dying"]["status"] == "failed" and "DeadKernel" in by_slug["dying"]["error"]
    assert by_slug["probe"]["status"] == "ok"


def test_an_executor_behind_the_seam_gets_plain_tasks_and_the_runner_writes_the_run(tmp_path):
    """A stand-in executor (no kernel): the plan, the checks, the run folder, the manifest and the index stay the
    runner's; the tasks and outcomes crossing the seam are plain data that pickle."""
    import pickle

    seen = []

    class StandIn:
        def run(self, tasks, progress):
            outcomes = []
            for task in tasks:
                seen.append(pickle.loads(pickle.dumps(task)))
                Path(task.folder).mkdir(parents=True)
                (Path(task.folder) / "headline.txt").write_text(f"x is {task.parameters['x']}\n", encoding="utf-8")
                outcome = reports.Outcome(task.slug, "ok", None, 0.5)
                progress.finish(outcome)
                outcomes.append(pickle.loads(pickle.dumps(outcome)))
            return outcomes

        def close(self):
            raise AssertionError("an executor given to the runner is its owner's to close")

    result = run(tmp_path, [job("probe", x="7")], executor=StandIn())
    (j,) = result.manifest["jobs"]
    assert j["status"] == "ok" and j["headline"] == "x is 7" and j["parameters"]["x"] == 7
    assert seen[0].parameters == {"x": 7} and Path(seen[0].folder).name == "probe"
    assert (tmp_path / "latest").resolve() == result.run_dir.resolve()
    assert "x is 7" in (result.run_dir / "index.html").read_text(encoding="utf-8")
    with pytest.raises(dx.DxError, match="no executor 'cluster'; accepted: local, dask"):
        run(tmp_path, [job("probe", x=1)], executor="cluster")


def test_a_module_moved_to_another_room_changes_the_package_fingerprint(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "data").mkdir(parents=True)
    (pkg / "analysis").mkdir()
    (pkg / "data" / "trends.py").write_text("x = 1\n", encoding="utf-8")
    before = reports.package_fingerprint(pkg)
    assert reports.package_fingerprint(pkg) == before
    (pkg / "data" / "trends.py").rename(pkg / "analysis" / "trends.py")  # the same bytes, in another room
    assert reports.package_fingerprint(pkg) != before


def test_a_new_report_notebook_is_one_registry_entry(monkeypatch):
    """One NotebookSpec (and its notebook file): the plan gains its job, with its title and cost, and nothing else
    of the runner changes."""
    from dxanalysis.reports.notebooks import NotebookSpec, expected_cost, one_for_the_report

    spec = NotebookSpec(str(FX / "probe.ipynb"), ("Probe", "Thăm dò"), one_for_the_report, lambda p: 42.0)
    monkeypatch.setitem(reports.NOTEBOOKS, spec.file, spec)
    plan = reports.build_plan(lang="vi")
    assert plan[0].slug == "overview" and plan[-1].slug == "probe" and plan[-1].title == "Thăm dò"
    assert expected_cost(plan[-1].notebook, plan[-1].parameters) == 42.0


def test_a_flat_series_runs_its_indicator_notebook(tmp_path):
    """Three equal annual figures in a user's file, as of a date when one target is within the flat trend's reach
    and the other is not: the assessment table holds a year reached and none (the mix once failed with 'cannot
    convert float NaN to integer'), and the notebook ends ok."""
    flat = tmp_path / "flat.csv"
    flat.write_text(
        "indicator,period,value,series,published\n"
        + "".join(f"egdi_rank,{y},60,flat,{y + 1}-01-15\n" for y in (2020, 2021, 2022)),
        encoding="utf-8",
    )
    plan = reports.build_plan(indicators=["egdi_rank"], data=[str(flat)], as_of="2023-07-01")
    plan = [j for j in plan if j.parameters["series"] == "flat"]
    result = run(tmp_path / "out", plan, jobs=1)
    (j,) = result.manifest["jobs"]
    assert j["status"] == "ok", j["error"]
    assessment = pd.read_csv(result.run_dir / j["slug"] / "tables" / "assessment.csv", encoding="utf-8-sig")
    assert sorted(assessment["Target year"]) == sorted(set(dx.load_targets().query("indicator == 'egdi_rank'").year))
    assert j["headline"] and "60" in j["headline"]
