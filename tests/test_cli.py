"""Every way out of the command line ends in one line and a documented exit status (0 ok, 1 the data, a failed
notebook or a folder that cannot be written, 2 usage, 130/143 interrupted), never a traceback; an interrupted run
leaves neither its temporary folder nor a kernel behind, and a killed run's folder is removed by the next run."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dxanalysis as dx
from dxanalysis import reports
from dxanalysis.cli import EXIT_STATUSES, main
from dxanalysis.reports import site

ROOT = Path(__file__).resolve().parents[1]
GOOD = "indicator,period,value,source,published\nfibre_households_using,2025-06,85.1,my notes,2025-07-15\n"
WDI_WITHOUT_VIET_NAM = (
    '"Country Name","Country Code","Indicator Name","Indicator Code","2022","2023",\n'
    '"Thailand","THA","Individuals using the Internet (% of population)","IT.NET.USER.ZS","1","2",\n'
)


def one_line(err: str, several: bool = False) -> str:
    """The one line the command said (and that it is one, with no traceback); with ``several``, a refusal of several
    things may list them, one line each, after it."""
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert lines and lines[0].startswith("dxanalysis: "), err
    assert len(lines) == 1 or (several and lines[0].endswith(":") and all(x.startswith("  - ") for x in lines[1:])), err
    return lines[0]


def test_the_exit_statuses_are_documented_in_the_help_and_the_readme(capsys):
    for command in ([], ["report"], ["validate"]):
        with pytest.raises(SystemExit) as stop:
            main([*command, "--help"])
        assert stop.value.code == 0
        text = capsys.readouterr().out
        assert "exit status:" in text and all(f"  {code} " in text for code in EXIT_STATUSES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Exit statuses") :]
    assert all(f"`{code}`" in section[:2000] for code in EXIT_STATUSES)


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as stop:  # argparse's own: an unknown option
        main(["report", "--no-such-option"])
    assert stop.value.code == 2
    capsys.readouterr()
    assert main(["report", "--jobs", "0"]) == 2
    assert "--jobs 0: accepted: 1 or more" in one_line(capsys.readouterr().err)
    assert main(["report", "--indicator", "fibre_household_using"]) == 2
    assert "did you mean 'fibre_households_using'" in one_line(capsys.readouterr().err)


def test_validate_checks_every_file_and_lists_every_problem(tmp_path, capsys, monkeypatch):
    """A WDI file lacking Viet Nam, a missing file and an unreadable one no longer stop the check at the first: every
    file is read, every problem listed, exit 1."""
    good, wdi, locked = tmp_path / "good.csv", tmp_path / "wdi.csv", tmp_path / "locked.csv"
    good.write_text(GOOD, encoding="utf-8")
    wdi.write_text(WDI_WITHOUT_VIET_NAM, encoding="utf-8")
    locked.write_text(GOOD, encoding="utf-8")
    from dxanalysis import cli

    real = cli.read_any

    def unreadable(name, **kw):  # tests run as root, who can read any file: the error a user gets, simulated
        if Path(name).name == "locked.csv":
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real(name, **kw)

    monkeypatch.setattr(cli, "read_any", unreadable)
    missing = tmp_path / "missing.csv"
    assert main(["validate", str(wdi), str(missing), str(locked), str(good)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err == ""
    assert "3 problems:" in captured.out and f"ok  {good}: 1 figure of 1 indicator" in captured.out
    lines = captured.out.splitlines()
    assert any(str(wdi) in line and "THA" in line for line in lines)  # what the file has instead
    assert any(str(missing) in line for line in lines) and any("Permission denied" in line for line in lines)
    assert main(["validate", str(good)]) == 0


def test_a_data_file_the_report_cannot_use_exits_1(tmp_path, capsys):
    wdi = tmp_path / "wdi.csv"
    wdi.write_text(WDI_WITHOUT_VIET_NAM, encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_text("indicator,period,value\ninternet_users,2023,lots\n", encoding="utf-8")
    for f in (wdi, broken):
        status = main(["report", "--data", str(f), "--out", str(tmp_path / "out")])
        err = capsys.readouterr().err
        assert status == 1 and str(f.name) in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # refused before anything was written


@pytest.mark.parametrize("kind", ["file", "inside_a_file", "too_long"])
def test_an_out_folder_that_cannot_be_a_folder_is_a_usage_error(tmp_path, capsys, kind):
    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder\n", encoding="utf-8")
    out = {"file": a_file, "inside_a_file": a_file / "reports", "too_long": tmp_path / ("x" * 300)}[kind]
    assert main(["report", "--indicator", "egdi_rank", "--out", str(out)]) == 2
    line = one_line(capsys.readouterr().err)
    assert {"file": "is a file", "inside_a_file": "inside a file", "too_long": "too long"}[kind] in line
    assert "accepted:" in line and a_file.read_text(encoding="utf-8") == "not a folder\n"


class StandIn:
    """An executor behind the runner's seam that writes each notebook's headline (no kernel)."""

    def run(self, tasks, progress):
        outcomes = []
        for task in tasks:
            Path(task.folder).mkdir(parents=True)
            (Path(task.folder) / "headline.txt").write_text("a headline\n", encoding="utf-8")
            outcomes.append(reports.Outcome(task.slug, "ok", None, 0.1))
        return outcomes

    def close(self):
        pass


@pytest.mark.parametrize(
    ("code", "where", "said"),
    [
        (errno.EROFS, "mkdir", "the folder cannot be written (Read-only file system); choose another --out"),
        (errno.ENOSPC, "mkdir", "no space left on the disk; free some space or choose another --out"),
        (errno.ENOSPC, "workbook", "no space left on the disk; free some space or choose another --out"),
        (errno.EACCES, "workbook", "the folder cannot be written (Permission denied)"),
    ],
)
def test_an_out_folder_read_only_or_full_exits_1_and_leaves_no_half_written_run(
    tmp_path, capsys, monkeypatch, code, where, said
):
    """Read-only and full disks simulated (tests run as root, and the disk is not full): at the folder's creation, or
    when the run's last files are written, after every notebook ran."""
    out = tmp_path / "reports"
    monkeypatch.setitem(reports.EXECUTORS, "local", lambda jobs: StandIn())
    if where == "mkdir":
        real_mkdir = Path.mkdir

        def mkdir(self, *args, **kw):
            if self == out:
                raise OSError(code, os.strerror(code), str(self))
            return real_mkdir(self, *args, **kw)

        monkeypatch.setattr(Path, "mkdir", mkdir)
    else:

        def workbook(folder, results, *_):
            raise OSError(code, os.strerror(code), str(folder / "tables.xlsx"))

        monkeypatch.setattr(site, "write_workbook", workbook)
    assert main(["report", "--indicator", "egdi_rank", "--out", str(out), "--no-progress"]) == 1
    line = one_line(capsys.readouterr().err)
    assert f"cannot write the report in {out}: {said}" in line
    assert not out.exists() or [p.name for p in out.iterdir()] == []


def test_parameter_problems_are_said_once_before_any_kernel_starts(tmp_path, capsys):
    out = tmp_path / "out"
    # a value of the wrong type, given to every indicator notebook: one line, not one per notebook
    assert main(["report", "--param", "horizon=20x5", "--out", str(out)]) == 2
    line = one_line(capsys.readouterr().err)
    assert line.count("20x5") == 1 and "is not a whole number" in line and "notebooks:" in line
    # a past horizon: refused (the trend figure would silently stretch it), naming the last figure's year
    assert main(["report", "--param", "horizon=2020", "--out", str(out)]) == 2
    line = one_line(capsys.readouterr().err)
    assert "horizon=2020 is not after the year of the last figure" in line and "accepted: a year after" in line
    # a misspelt name: the name meant
    assert main(["report", "--param", "horizn=2035", "--out", str(out)]) == 2
    assert "unknown parameter 'horizn' (did you mean 'horizon'?)" in one_line(capsys.readouterr().err)
    assert not out.exists()


def test_the_horizon_must_be_after_the_series_last_figure():
    """The rule of TrendFit.forecast, checked before any kernel starts: the year after the last figure is the first
    accepted horizon; a horizon between the last figure and today asks for a nowcast and is accepted."""
    (job,) = reports.build_plan(indicators=["egdi_rank"])
    s = dx.series("egdi_rank", job.parameters["series"])
    last = dx.fit_trend(s, model="linear").last_figure_year()
    at = [reports.Job(job.notebook, {**job.parameters, "horizon": h}, job.slug, job.title) for h in (last, last + 1)]
    with pytest.raises(dx.DxError, match=rf"horizon={last} is not after the year of the last figure \({last}\)"):
        reports.validate_plan(at[:1])
    assert reports.validate_plan(at[1:])[0].parameters["horizon"] == last + 1
    # as of an earlier date, the last figure is earlier and so is the first accepted horizon
    early = {**job.parameters, "as_of": "2021-01-01", "horizon": last}
    assert reports.validate_plan([reports.Job(job.notebook, early, job.slug, job.title)])


def test_a_killed_runs_folder_is_removed_by_the_next_run_and_a_live_ones_is_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    killed = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from dxanalysis.reports.site import start_run; "
            "print(start_run(Path(sys.argv[1]))[1], flush=True); time.sleep(60)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    dead = Path(killed.stdout.readline().strip())
    assert dead.is_dir() and dead.name.startswith(".tmp-")
    killed.send_signal(signal.SIGKILL)  # no clean-up at all
    killed.wait()
    live_id, live = site.start_run(out)  # the next run, alive (it holds its lock): the dead run's folder is gone
    try:
        assert list(out.glob(".tmp-*")) == [live] and (live / site.LOCK_FILE).read_text() == f"{os.getpid()}\n"
        other_id, other = site.start_run(out)  # a concurrent run started in the same second: a different id
        assert other_id != live_id and live.is_dir() and site.remove_stale_runs(out) == []
        site.discard_run(other)
        assert not other.exists()
        old = out / ".tmp-20200101-000000"  # a folder with no lock, untouched for a long time: an older version's
        old.mkdir()
        os.utime(old, (time.time() - 3600, time.time() - 3600))
        assert site.remove_stale_runs(out) == [old] and live.is_dir()
    finally:
        site.discard_run(live)


def _kernels_of(pid: int) -> list[int]:
    """The kernel processes started by process ``pid`` still running (jupyter_client gives them JPY_PARENT_PID)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if f"JPY_PARENT_PID={pid}\0".encode() in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the kernels")
@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_report_leaves_no_temporary_folder_no_socket_folder_and_no_kernel(tmp_path, sig, status):
    """A real interrupt of a small run, sent while its kernels run: the hidden run folder in --out, the kernels'
    socket folders in the temporary directory and the kernel processes are all gone when the command exits."""
    out = tmp_path / "out"
    # the whole default plan and a user's series: a run of about a minute, so the signal always lands mid-run (a
    # plan of three notebooks once finished before it did)
    slow = tmp_path / "slow.csv"
    slow.write_text("indicator,period,value\ninternet_users,2022,70.3\ninternet_users,2023,74.2\n", encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "dxanalysis.cli", "report", "--data", str(slow)]
    proc = subprocess.Popen(
        [*cmd, "--out", str(out), "--jobs", "2", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    sockets = Path(tempfile.gettempdir())
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if list(out.glob(".tmp-*")) and list(sockets.glob(f"dxk-{proc.pid}-*")) and _kernels_of(proc.pid):
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    time.sleep(0.5)  # the kernels are busy with their notebooks
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert "Traceback" not in err and "no half-written one is left" in err
    assert list(out.glob(".tmp-*")) == [] and not (out / "latest").exists()
    assert list(sockets.glob(f"dxk-{proc.pid}-*")) == []
    deadline = time.monotonic() + 10
    while _kernels_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _kernels_of(proc.pid) == []


NAMES = ["horizon", "horizn", "level", "models", "lang", "as_of", "until", "part_growth", "series", "indicator", ""]
VALUES = ["2035", "2020", "20x5", "0.8", "1.5", "linear,drift", "lineer", "vi", "fr", "2024-13-01", "", "=", "２０３５"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.lists(
        st.tuples(st.sampled_from(NAMES), st.one_of(st.sampled_from(VALUES), st.text(max_size=12))), max_size=3
    ),
    jobs=st.sampled_from([None, "0", "2", "-1", "x"]),
)
def test_any_parameters_end_in_a_status_and_one_line(tmp_path, capsys, monkeypatch, params, jobs):
    """Random --param NAME=VALUE and --jobs: the command exits 0, 1 or 2 (argparse's own 2 for --jobs x), with one
    line on standard error when it refuses, never a traceback; a refused run writes nothing."""
    monkeypatch.setitem(reports.EXECUTORS, "local", lambda n: StandIn())
    out = tmp_path / "out"
    argv = ["report", "--indicator", "egdi_rank", "--out", str(out), "--no-progress"]
    argv += [f"--param={name}={value}" for name, value in params] + ([f"--jobs={jobs}"] if jobs else [])
    try:
        status = main(argv)
    except SystemExit as stop:  # argparse: a usage error, said by argparse itself
        status = stop.code
    err = capsys.readouterr().err
    assert status in (0, 1, 2) and "Traceback" not in err
    if status == 0:
        assert (out / "latest" / "manifest.json").exists()
    elif "usage:" not in err:
        one_line(err, several=True)
        assert not out.exists() or not list(out.glob(".tmp-*"))


def test_the_makefile_registers_the_kernel_and_starts_jupyterlab_as_root_too():
    """`make test` and `make report` (their `venv` set-up) register the notebooks' kernel in the environment, after
    every (re)install; `make lab` passes --allow-root exactly when run as root."""
    import shutil

    if shutil.which("make") is None:
        pytest.skip("no make")
    dry = ["make", "--no-print-directory", "-n", "-B"]  # what a fresh clone runs (every target out of date)
    venv = subprocess.run([*dry, "venv"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    install = venv.index("pip --quiet --disable-pip-version-check install -c requirements/constraints.txt -e")
    kernel = venv.index("-m ipykernel install --sys-prefix --name dxanalysis")
    assert install < kernel
    lab = subprocess.run([*dry, "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    (start,) = [line for line in lab.splitlines() if "jupyter lab notebooks/" in line]
    assert start.strip().endswith("--allow-root") == (os.geteuid() == 0)


def test_since_with_indicator_says_the_overview_is_left_out(tmp_path, capsys):
    from dxanalysis.cli import main

    code = main(["report", "--since", "2024-05-01", "--indicator", "egdi_rank", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code != 0 and "--since adds a section to the overview" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
