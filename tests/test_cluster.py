"""The report plan on a Dask cluster: the same run as the local executor's, isolation between the notebooks of a
reused kernel, a failure, reuse, an interrupt, a worker lost mid-notebook, the user's files sent by content, and the
command line against a scheduler and workers started with the `dask` command, as a user would start them.

Every cluster here runs on 127.0.0.1 and is stopped by the test (or the module) that started it."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

from dxanalysis import reports  # noqa: E402
from dxanalysis.cli import main  # noqa: E402
from dxanalysis.errors import ClusterError  # noqa: E402
from dxanalysis.reports import Job  # noqa: E402
from dxanalysis.reports import cluster as dxcluster  # noqa: E402
from dxanalysis.reports import workers as dxworkers  # noqa: E402
from dxanalysis.reports.cluster import DaskExecutor  # noqa: E402
from dxanalysis.reports.workers import PLUGIN_NAME  # noqa: E402

FX = Path(__file__).parent / "fixtures" / "notebooks"
PLAN = [("leaky", {}), ("probe", {"x": 5}), ("failing", {})]


def job(name: str, slug: str | None = None, **params) -> Job:
    return Job(str(FX / f"{name}.ipynb"), params, slug or name, name.capitalize())


def plan() -> list[Job]:
    return [job(name, **params) for name, params in PLAN]


def run(out, the_plan, **kw):
    return reports.run_report(out=out, plan=the_plan, progress=False, log=lambda _: None, **kw)


@contextlib.contextmanager
def local_cluster():
    """Two worker processes of one thread each, as `--cluster local --jobs 2` starts them (its configuration: one
    retry for a notebook whose worker died, less periodic work); the address of its scheduler."""
    with dask.config.set(dxcluster.LOCAL_CLUSTER_CONFIG):
        lc = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        )
    try:
        yield lc.scheduler_address
    finally:
        lc.close()


@pytest.fixture(scope="module")
def cluster():
    """The cluster the module's tests share."""
    with local_cluster() as address:
        yield address


@pytest.fixture
def own_cluster():
    """A cluster for one test that kills its workers: the shared one's tests never wait for a worker's restart
    (which took over a minute once, with the suite's other process busy on the same two cores)."""
    with local_cluster() as address:
        yield address


def on_workers(address, fn):
    with distributed.Client(address, set_as_default=False) as client:
        return client.run(fn)


def notebooks_run(dask_worker):
    plugin = dask_worker.plugins.get(PLUGIN_NAME)  # none before the first run registers it
    return plugin.notebooks if plugin is not None else 0


@pytest.fixture(scope="module")
def both(cluster, tmp_path_factory):
    """The small plan run by the local executor and on the cluster."""
    local = run(tmp_path_factory.mktemp("local"), plan(), jobs=1)
    on_cluster = run(tmp_path_factory.mktemp("dask"), plan(), cluster=cluster)
    return local, on_cluster


def facts(result) -> dict:
    """What a run says of each notebook, whichever executor ran it."""
    keep = ("status", "headline", "tables", "figures", "ename", "evalue", "cell", "key")
    return {j["slug"]: {k: j.get(k) for k in keep} for j in result.manifest["jobs"]}


def files_of(run_dir: Path, slug: str) -> set[str]:
    return {p.relative_to(run_dir / slug).as_posix() for p in (run_dir / slug).rglob("*") if p.is_file()}


def test_a_small_plan_on_the_cluster_gives_the_local_executors_statuses_tables_and_headlines(both):
    local, on_cluster = both
    assert facts(on_cluster) == facts(local)
    assert on_cluster.exit_code == local.exit_code == 1  # the failing notebook failed alone
    assert {j["status"] for j in on_cluster.manifest["jobs"]} == {"ok", "failed"}
    for slug in ("leaky", "probe", "failing"):  # the same files came back from the workers
        assert files_of(on_cluster.run_dir, slug) == files_of(local.run_dir, slug)
    assert "report.html" in files_of(on_cluster.run_dir, "failing") and "figures/line.png" in files_of(
        on_cluster.run_dir, "leaky"
    )
    for table in (on_cluster.run_dir / "probe" / "tables").glob("*.csv"):
        assert table.read_bytes() == (local.run_dir / "probe" / "tables" / table.name).read_bytes()
    assert (on_cluster.run_dir / "tables.xlsx").exists() and (on_cluster.run_dir / "index.html").exists()


def test_on_the_cluster_a_notebook_after_a_leaky_one_gives_what_a_fresh_kernel_gives(cluster, tmp_path):
    before = on_workers(cluster, notebooks_run)
    run(tmp_path / "leaks", [job("leaky", "leaky_1"), job("leaky", "leaky_2")], cluster=cluster)
    after = on_workers(cluster, notebooks_run)
    assert len(after) == 2 and all(after[w] > before.get(w, 0) for w in after)  # each worker's kernel leaked
    result = run(tmp_path / "probe", [job("probe", x=5)], cluster=cluster)
    on_cluster = pd.read_csv(result.run_dir / "probe" / "tables" / "state.csv", encoding="utf-8-sig")
    assert on_cluster.loc[0, "secret_visible"] == False  # noqa: E712  (numpy bool)
    fresh = run(tmp_path / "fresh", [job("probe", x=5)], jobs=1)
    alone = pd.read_csv(fresh.run_dir / "probe" / "tables" / "state.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(on_cluster, alone)


class Recording:
    """An executor, noting every notebook it is given to execute."""

    def __init__(self, inner):
        self.inner, self.ran = inner, []

    def run(self, tasks, progress):
        self.ran += [t.slug for t in tasks]
        return self.inner.run(tasks, progress)

    def close(self):
        self.inner.close()


def test_a_large_plans_notebooks_go_several_a_task_and_give_what_one_a_task_gives(cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(dxcluster, "CHUNKS_PER_THREAD", 1)  # chunks from a plan of six, as from one of a thousand
    the_plan = [job("leaky", "leaky_1"), job("failing", "failing_1"), job("probe", "probe_1", x=5),
                job("leaky", "leaky_2"), job("probe", "probe_2", x=6), job("failing", "failing_2")]  # fmt: skip
    executor = DaskExecutor(cluster)
    try:
        chunked = run(tmp_path / "chunked", the_plan, executor=executor)
    finally:
        executor.close()
    assert executor.tasks_sent < len(the_plan)  # some task carried more than one notebook
    local = run(tmp_path / "local", the_plan, jobs=1)
    # a failure fails its notebook alone (probe_1 runs after failing_1 in their chunk); each gets a clean kernel
    assert facts(chunked) == facts(local)
    for slug in ("probe_1", "probe_2"):
        on_cluster = pd.read_csv(chunked.run_dir / slug / "tables" / "state.csv", encoding="utf-8-sig")
        alone = pd.read_csv(local.run_dir / slug / "tables" / "state.csv", encoding="utf-8-sig")
        pd.testing.assert_frame_equal(on_cluster, alone)
        assert files_of(chunked.run_dir, slug) == files_of(local.run_dir, slug)


def test_the_notebooks_of_a_chunk_whose_worker_died_run_again_alone_so_only_the_killer_fails(
    own_cluster, tmp_path, monkeypatch
):
    monkeypatch.setattr(dxcluster, "CHUNKS_PER_THREAD", 1)
    the_plan = [job("killer", "killer"), *(job("probe", f"probe_{i}", x=i) for i in range(3))]
    executor = DaskExecutor(own_cluster)
    try:
        result = run(tmp_path / "out", the_plan, executor=executor)
    finally:
        executor.close()
    by_slug = {j["slug"]: j for j in result.manifest["jobs"]}
    assert by_slug["killer"]["status"] == "failed" and "died twice" in by_slug["killer"]["error"]
    assert [by_slug[f"probe_{i}"]["headline"] for i in range(3)] == [f"x is {i}" for i in range(3)]
    assert executor.tasks_sent == 5  # killer and probe_0 together, probe_1, then killer and probe_0 alone, probe_2


def test_the_notebooks_of_a_chunk_that_could_not_run_run_again_alone_and_none_is_lost_or_run_twice(
    cluster, tmp_path, monkeypatch
):
    """A task of several notebooks that fails as a whole without a worker's death (here: it refuses any chunk, as a
    payload that does not reach the worker would): each of its notebooks is sent again alone, and each gives one
    outcome, its own."""
    monkeypatch.setattr(dxcluster, "CHUNKS_PER_THREAD", 1)
    real = dxcluster.execute_payloads

    def refuses_chunks(payloads, data=(), targets=()):  # sent by value: a closure, not importable by the worker
        if len(payloads) > 1:
            raise RuntimeError(f"a task of {len(payloads)} notebooks could not run")
        return real(payloads, data, targets)

    monkeypatch.setattr(dxcluster, "execute_payloads", refuses_chunks)
    the_plan = [job("probe", f"probe_{i}", x=i) for i in range(6)]
    executor = DaskExecutor(cluster)
    try:
        result = run(tmp_path / "out", the_plan, executor=executor)
    finally:
        executor.close()
    jobs = result.manifest["jobs"]
    assert sorted(j["slug"] for j in jobs) == [f"probe_{i}" for i in range(6)]
    expected = {f"probe_{i}": ("ok", f"x is {i}") for i in range(6)}
    assert {j["slug"]: (j["status"], j["headline"]) for j in jobs} == expected
    assert executor.tasks_sent > len(the_plan)  # some chunk was refused, then its notebooks went one a task


def test_an_unchanged_rerun_on_the_cluster_runs_only_what_failed_and_starts_no_cluster_for_nothing(both, cluster):
    _, on_cluster = both
    out = on_cluster.run_dir.parent
    executor = Recording(DaskExecutor(cluster))
    try:
        again = run(out, plan(), executor=executor)
    finally:
        executor.close()
    assert {j["slug"]: j["status"] for j in again.manifest["jobs"]} == {
        "leaky": "reused",
        "probe": "reused",
        "failing": "failed",
    }
    assert executor.ran == ["failing"]
    idle = Recording(DaskExecutor("local", 2))  # nothing to run: no LocalCluster is started at all
    unchanged = run(out, plan()[:2], executor=idle)
    assert {j["status"] for j in unchanged.manifest["jobs"]} == {"reused"}
    assert idle.ran == [] and idle.inner.cluster is None and idle.inner.client is None


def test_a_cluster_whose_workers_package_is_not_the_clients_is_refused_before_any_notebook(
    cluster, tmp_path, monkeypatch
):
    monkeypatch.setattr(dxcluster, "package_identity", lambda: "dxanalysis 0.0.1+elsewhere, data 0")  # the client's
    executor = Recording(DaskExecutor(cluster))
    with pytest.raises(
        ClusterError, match=r"the dxanalysis of the Dask worker at tcp://127\.0\.0\.1:\d+ and 1 more"
    ) as e:
        run(tmp_path / "out", [job("probe", x=1)], executor=executor)
    assert "is not the client's (worker: dxanalysis " in str(e.value) and "0.0.1+elsewhere" in str(e.value)
    assert executor.inner.tasks_sent == 0 and not list((tmp_path / "out").glob("*"))
    executor.close()


def test_a_worker_that_joined_later_with_another_package_refuses_each_notebook(tmp_path):
    """The same check on the worker's side, for a worker that joined after the run's start was checked."""
    from dxanalysis.reports.executors import Task
    from dxanalysis.reports.workers import KernelPlugin, make_payload

    plugin = KernelPlugin()
    plugin.identity = "dxanalysis 0.0.1+elsewhere, data 0"
    payload = make_payload(
        Task("p", str(FX / "probe.ipynb"), {"x": 1}, "P", str(tmp_path / "p")), "dxanalysis 9, data 9"
    )
    outcome, files = plugin.execute(payload)
    assert outcome.status == "failed" and files == {}
    assert (
        "not the client's (worker: dxanalysis 0.0.1+elsewhere, data 0; client: dxanalysis 9, data 9)" in outcome.evalue
    )


def test_the_users_files_travel_by_content_and_the_worker_reads_its_own_copy(cluster, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    data = mine / "wdi_gdp_growth.csv"
    shutil.copy(Path(__file__).parent / "fixtures" / "wdi_gdp_growth.csv", data)
    beside = mine / f"Metadata_Indicator_{data.name}"  # read from beside a WDI download: it travels with it
    beside.write_text(
        '"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\r\n'
        '"NY.GDP.MKTP.KD.ZG","GDP growth (annual %)","Annual percentage growth.","World Bank national accounts.",\r\n',
        encoding="utf-8",
    )
    result = run(tmp_path / "out", [job("datafile", data=f"{data}\n")], cluster=cluster)
    (j,) = result.manifest["jobs"]
    assert j["status"] == "ok", j["error"]
    assert j["parameters"]["data"] == f"{data}\n"  # the manifest keeps the user's own path
    row = pd.read_csv(result.run_dir / "datafile" / "tables" / "files.csv", encoding="utf-8-sig").iloc[0]
    worker_copy = Path(row["path"])
    assert worker_copy != data and dxworkers.CACHE_PREFIX in str(worker_copy) and worker_copy.name == data.name
    assert row["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert beside.name in row["beside"].split()
    assert worker_copy.parent.name == dxworkers.DataBundle.read(data).key  # keyed by the content


def test_a_users_file_is_read_once_and_sent_to_the_cluster_once_whatever_the_number_of_notebooks(
    cluster, tmp_path, monkeypatch
):
    data = tmp_path / "wdi_gdp_growth.csv"
    shutil.copy(Path(__file__).parent / "fixtures" / "wdi_gdp_growth.csv", data)
    reads: list[Path] = []
    original = dxworkers.DataBundle.read.__func__

    def counted(cls, path):
        reads.append(path)
        return original(cls, path)

    monkeypatch.setattr(dxworkers.DataBundle, "read", classmethod(counted))
    executor = DaskExecutor(cluster)
    try:
        the_plan = [job("datafile", f"datafile_{i}", data=f"{data}\n") for i in range(3)]
        result = run(tmp_path / "out", the_plan, executor=executor)
    finally:
        executor.close()
    assert [j["status"] for j in result.manifest["jobs"]] == ["ok"] * 3
    assert reads == [data] and executor.files_sent == 1
    sums = {
        pd.read_csv(result.run_dir / f"datafile_{i}" / "tables" / "files.csv", encoding="utf-8-sig")["sha256"][0]
        for i in range(3)
    }
    assert sums == {hashlib.sha256(data.read_bytes()).hexdigest()}  # every notebook read the file itself


def test_a_worker_killed_mid_notebook_retries_it_once_elsewhere_then_fails_it_and_the_run_goes_on(
    own_cluster, tmp_path
):
    marker = tmp_path / "killed-once"  # the first worker to run it is killed, the second is not
    result = run(
        tmp_path / "once", [job("killer", "killed_once", marker=str(marker)), job("probe", x=3)], cluster=own_cluster
    )
    by_slug = {j["slug"]: j for j in result.manifest["jobs"]}
    assert marker.exists() and by_slug["probe"]["status"] == "ok"
    assert by_slug["killed_once"]["status"] == "ok" and by_slug["killed_once"]["headline"] == "survived"
    result = run(tmp_path / "always", [job("killer", "killed_always"), job("probe", x=4)], cluster=own_cluster)
    by_slug = {j["slug"]: j for j in result.manifest["jobs"]}
    assert by_slug["killed_always"]["status"] == "failed" and "died twice" in by_slug["killed_always"]["error"]
    assert by_slug["probe"]["status"] == "ok" and by_slug["probe"]["headline"] == "x is 4"
    assert result.exit_code == 1 and (result.run_dir / "index.html").exists()


def test_an_interrupt_cancels_the_notebooks_left_on_the_cluster_and_leaves_no_run(cluster, tmp_path):
    def interrupt(line):
        if line.startswith("["):  # the first notebook is done: Ctrl-C
            raise KeyboardInterrupt

    jobs = [job("probe", f"probe_{i}", x=i) for i in range(8)]
    executor = DaskExecutor(cluster)
    with pytest.raises(KeyboardInterrupt):
        reports.run_report(out=tmp_path, plan=jobs, executor=executor, progress=False, log=interrupt)
    assert list(tmp_path.glob(".tmp-*")) == [] and not (tmp_path / "latest").exists()
    assert executor.client is None  # closed
    with distributed.Client(cluster, set_as_default=False) as client:
        deadline = time.monotonic() + 30
        left = ["?"]
        while left and time.monotonic() < deadline:
            left = client.run_on_scheduler(lambda dask_scheduler: [k for k in dask_scheduler.tasks if "probe_" in k])
            time.sleep(0.1)
    assert left == []  # every notebook of the run is gone from the scheduler


def _kernels_of(pids: set[int]) -> list[int]:
    """The kernel processes started by these processes still running (jupyter_client gives them JPY_PARENT_PID)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            env = (proc / "environ").read_bytes()
        except OSError:
            continue
        if any(f"JPY_PARENT_PID={pid}\0".encode() in env for pid in pids):
            found.append(int(proc.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the kernels")
def test_an_interrupt_closes_the_local_cluster_it_started_with_its_workers_and_their_kernels(tmp_path):
    executor = DaskExecutor("local", 2)
    workers: set[int] = set()

    def interrupt(line):
        if line.startswith("["):
            workers.update(executor.client.run(os.getpid).values())
            raise KeyboardInterrupt

    jobs = [job("probe", f"probe_{i}", x=i) for i in range(6)]
    with pytest.raises(KeyboardInterrupt):
        reports.run_report(out=tmp_path, plan=jobs, executor=executor, progress=False, log=interrupt)
    assert list(tmp_path.glob(".tmp-*")) == [] and executor.cluster is None and len(workers) == 2
    deadline = time.monotonic() + 20
    while (_kernels_of(workers) or any(Path(f"/proc/{p}").exists() for p in workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _kernels_of(workers) == [] and not any(Path(f"/proc/{p}").exists() for p in workers)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def started_by_hand(logs: Path, workers: list[list[str]]):
    """`dask scheduler` and a worker for each command in ``workers`` (empty: `dask worker`, as a user starts one), on
    127.0.0.1; their address once every worker has joined; all stopped afterwards."""
    command = Path(sys.executable).parent / "dask"
    if not command.exists():
        pytest.skip("no `dask` command beside this interpreter")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs.mkdir()
    procs = []

    def start(name, *args):
        with open(logs / f"{name}.log", "w") as log:
            procs.append(subprocess.Popen([str(a) for a in args], stdout=log, stderr=subprocess.STDOUT))

    start(
        "scheduler", command, "scheduler", "--host", "127.0.0.1", "--port", port, "--dashboard-address", "127.0.0.1:0"
    )
    for i, prefix in enumerate(workers):
        start(
            f"worker{i}",
            *(prefix or [command, "worker"]),
            address,
            "--nthreads",
            1,
            "--host",
            "127.0.0.1",
            "--no-dashboard",
        )
    try:
        with distributed.Client(address, timeout="60s", set_as_default=False) as client:
            client.wait_for_workers(len(workers), timeout=90)
        yield address
    finally:
        for proc in reversed(procs):
            proc.send_signal(signal.SIGTERM)
        for proc in reversed(procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def dask_by_hand(tmp_path):
    """`dask scheduler` and two `dask worker` processes, started as a user would; stopped afterwards."""
    with started_by_hand(tmp_path / "dask-logs", [[], []]) as address:
        yield address


WITHOUT_THE_PACKAGE = """\
import importlib.abc, sys
class Absent(importlib.abc.MetaPathFinder):  # this interpreter, as if dxanalysis were not installed in it
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] == "dxanalysis":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Absent())
if __name__ == "__main__":
    from distributed.cli.dask_worker import main
    sys.exit(main())
"""


def test_a_worker_without_the_package_is_said_before_any_notebook_is_sent_and_it_stays_up(tmp_path, capsys):
    script = tmp_path / "worker_without_dxanalysis.py"
    script.write_text(WITHOUT_THE_PACKAGE, encoding="utf-8")
    out = tmp_path / "out"
    with started_by_hand(tmp_path / "logs", [[sys.executable, script, "--no-nanny"]]) as address:
        for _ in range(2):  # the second run too: the scheduler keeps the plugin it could not install
            status = main(["report", "--indicator", "egdi_rank", "--out", str(out), "--cluster", address])
            err = capsys.readouterr().err
            assert status == 1 and "Traceback" not in err, err
            (line,) = [x for x in err.splitlines() if x.startswith("dxanalysis:")]
            assert "cannot load dxanalysis" in line and "No module named 'dxanalysis'" in line
            assert "accepted: workers with the client's dxanalysis" in line and "pip install dxanalysis==" in line
        with distributed.Client(address, set_as_default=False) as client:
            assert len(client.nthreads()) == 1  # no task reached it, so it did not die
    assert not out.exists() or list(out.iterdir()) == []


def test_the_command_line_runs_a_report_on_a_scheduler_and_workers_started_by_hand(
    dask_by_hand, tmp_path, capsys, monkeypatch
):
    out = tmp_path / "out"
    argv = ["report", "--indicator", "egdi_rank", "--out", str(out), "--no-progress"]
    assert main([*argv, "--cluster", dask_by_hand]) == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    assert "1 notebook: 1 run, 0 unchanged (reused), 0 failed" in captured.out
    assert f"Dask cluster at {dask_by_hand}" in captured.err
    latest = out / "latest"
    assert (latest / "indicator_egdi_rank_un_vn" / "report.html").exists()
    assert list((latest / "indicator_egdi_rank_un_vn" / "figures").glob("*.png"))
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", dask_by_hand)  # Dask's convention, said when it is used
    assert main(argv) == 0
    again = capsys.readouterr().out
    assert f"the Dask scheduler at {dask_by_hand} (from DASK_SCHEDULER_ADDRESS" in again
    assert "1 notebook: 0 run, 1 unchanged (reused), 0 failed" in again


def test_a_scheduler_that_does_not_answer_is_one_line_and_exit_status_1(tmp_path, capsys):
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        status = main(["report", "--indicator", "egdi_rank", "--out", str(tmp_path), "--cluster", address])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err, err
    (line,) = [x for x in err.splitlines() if x.startswith("dxanalysis:")]
    assert address in line and "cannot be reached" in line and "accepted:" in line
    assert list(tmp_path.glob(".tmp-*")) == []


def test_the_command_line_starts_a_local_cluster_of_jobs_workers_and_closes_it(tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["report", "--cluster", "local", "--jobs", "1", "--indicator", "egdi_rank", "--out", str(out)]
    before = set(_workers())  # the module's shared cluster's workers, if it is up: not this run's
    assert main([*argv, "--no-progress"]) == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    assert "1 notebook: 1 run, 0 unchanged (reused), 0 failed" in captured.out
    assert "Dask cluster at tcp://127.0.0.1:" in captured.err and "[1/1] ok" in captured.err
    assert list(out.glob(".tmp-*")) == [] and (out / "latest" / "indicator_egdi_rank_un_vn" / "report.html").exists()
    assert set(_workers()) <= before  # no worker process of this run is left


def _scheduler_settings(dask_scheduler) -> dict:
    return {
        "allowed_failures": dask_scheduler.allowed_failures,
        "stealing": "stealing" in dask_scheduler.extensions,
        "tick_s": dask_scheduler._tick_interval,
    }


def _worker_settings(dask_worker) -> dict:
    return {
        "profiling": "profile" in dask_worker.periodic_callbacks,
        "tick_s": dask_worker._tick_interval,
        "monitor_ms": dask_worker.periodic_callbacks["monitor"].callback_time,
        "memory_s": dask_worker.memory_manager.memory_monitor_interval,
    }


def test_the_local_cluster_it_starts_has_one_retry_and_less_periodic_work_on_its_scheduler_and_workers():
    executor = DaskExecutor("local", 2)
    client = executor.connect()
    try:
        assert client.run_on_scheduler(_scheduler_settings) == {"allowed_failures": 1, "stealing": False, "tick_s": 0.5}
        workers = client.run(_worker_settings)
        assert len(workers) == 2
        for settings in workers.values():  # the nannies hand the configuration to the worker processes they start
            assert settings == {"profiling": False, "tick_s": 0.5, "monitor_ms": 2000, "memory_s": 1}
    finally:
        executor.close()
    assert dask.config.get("distributed.scheduler.work-stealing") is True  # the command's own configuration is intact


def test_a_setting_the_user_gave_dask_is_kept_by_the_local_cluster_and_the_rest_applies():
    with dask.config.set({"distributed.scheduler.allowed-failures": 2}):  # as from ~/.config/dask or DASK_ variables
        executor = DaskExecutor("local", 1)
        client = executor.connect()
    try:
        assert client.run_on_scheduler(_scheduler_settings) == {"allowed_failures": 2, "stealing": False, "tick_s": 0.5}
        assert executor.allowed_failures == 2  # and a worker's death is counted with it ("died 3 times")
    finally:
        executor.close()


def _workers() -> list[Path]:
    """This process's children that are Dask worker processes (multiprocessing's spawn_main)."""
    children = [p for p in Path("/proc").glob("[0-9]*") if _parent(p) == os.getpid()]
    return [p for p in children if b"spawn_main" in _cmdline(p)]


def _parent(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:
        return b""


def test_a_province_pages_targets_file_travels_by_content_too(tmp_path):
    from dxanalysis.reports import notebook_path
    from dxanalysis.reports.executors import Task
    from dxanalysis.reports.workers import make_payload

    own = tmp_path / "my targets.csv"
    own.write_text("indicator,geo,year,value\n", encoding="utf-8")
    nb = str(notebook_path("province.ipynb"))
    sent = make_payload(Task("p", nb, {"targets": str(own)}, "P", str(tmp_path / "p")), "id")
    assert sent.targets is not None and sent.targets.names == ("my targets.csv",)
    assert sent.targets.contents == (own.read_bytes(),)
    assert make_payload(Task("p", nb, {"targets": ""}, "P", str(tmp_path / "p")), "id").targets is None


def test_a_notebook_whose_execution_raises_on_the_worker_fails_alone_and_the_chunks_others_run(monkeypatch, tmp_path):
    """The worker's side of a chunk, without a cluster: an error outside the notebook (the worker's disk full, say)
    fails that notebook with the error's name and message; the notebooks after it in the chunk still run."""
    from dxanalysis.reports.executors import Outcome, Task
    from dxanalysis.reports.workers import KernelPlugin, execute_payloads, make_payload

    class Plugin(KernelPlugin):
        def __init__(self):
            self.ran = []

        def execute(self, payload):
            self.ran.append(payload.task.slug)
            if payload.task.slug == "b":
                raise OSError(28, "No space left on device")
            return Outcome(payload.task.slug, "ok", "2026-12-04T00:00:00", 0.1), {"x.txt": b"x"}

    plugin = Plugin()
    worker = type("Worker", (), {"plugins": {PLUGIN_NAME: plugin}})()
    monkeypatch.setattr(dxworkers.distributed, "get_worker", lambda: worker)
    nb = str(FX / "probe.ipynb")
    payloads = [make_payload(Task(s, nb, {}, s.upper(), str(tmp_path / s)), "id") for s in "abc"]
    results = execute_payloads(payloads)
    assert plugin.ran == ["a", "b", "c"]
    assert [(o.slug, o.status) for o, _ in results] == [("a", "ok"), ("b", "failed"), ("c", "ok")]
    failed, files = results[1]
    assert failed.ename == "OSError" and "No space left on device" in failed.evalue and files == {}
