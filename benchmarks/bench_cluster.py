"""The same plan of many small notebooks on the local executor and on a Dask LocalCluster, 1 and 2 workers.

A synthetic plan of N notebooks (a small table, a figure in PNG and SVG, a headline: about what a province page
does; 200 by default, ~1,000 with ``--full``) runs, each configuration in a new process as the command line would
(``run_report(plan, force=True)``): local ``--jobs 1`` / ``--jobs 2``, and ``--cluster local`` with 1 / 2 workers.
Printed: the medians, the ratios (LocalCluster / local at the same number of workers: goal within 15 %; 1 -> 2
workers speed-up: goal >= 1.7x on two cores), the peak memory of a worker (its process and its kernel; for the
local executor a worker is a thread of the one process, so its kernel alone, the process shown apart), and the
plan's build and checks (parameters, fingerprints, job keys) as a share of the run (goal under 5 %).

Run:  .venv/bin/python benchmarks/bench_cluster.py [--notebooks 200] [--full] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "params",
            "metadata": {"tags": ["parameters"]},
            "outputs": [],
            "source": 'province: int = 1\nlang: str = "en"\nout_dir: str = ""',
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "work",
            "metadata": {},
            "outputs": [],
            "source": (
                "import matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd\n"
                "from dxanalysis.reports.outputs import ReportOutput\n"
                "rng = np.random.default_rng(province)\n"
                "years = np.arange(2015, 2026)\n"
                "frame = pd.DataFrame({'year': years, 'value': 40 + np.cumsum(rng.uniform(0, 5, len(years)))})\n"
                "out = ReportOutput(out_dir)\n"
                "out.table(frame, 'series')\n"
                "fig, ax = plt.subplots(figsize=(5, 3))\n"
                "ax.plot(frame['year'], frame['value'])\n"
                "ax.set_title(f'Province {province}')\n"
                "out.figure(fig, 'trend')\n"
                "out.headline(f\"province {province}: {frame['value'].iloc[-1]:.1f}\")"
            ),
        },
    ],
    "metadata": {"kernelspec": {"display_name": "Python (dxanalysis)", "language": "python", "name": "dxanalysis"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

RUN_SCRIPT = r"""
import json, os, sys, threading, time
import psutil
from dxanalysis.reports import Job, run_report, validate_plan, job_key, data_fingerprint, package_fingerprint

def main():
    notebook, n, out, cluster, jobs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
    plan = [Job(notebook, {"province": i}, f"province_{i:04d}", f"Province {i}") for i in range(n)]
    started = time.perf_counter()
    checked = validate_plan(plan)
    data_fp, package_fp = data_fingerprint(), package_fingerprint()
    keys = [job_key(j, data_fp, package_fp) for j in checked]
    plan_s = time.perf_counter() - started
    me = psutil.Process()
    peak = {"process": 0, "worker": 0, "total": 0}
    stop = threading.Event()

    def rss(p):
        try:
            return p.memory_info().rss
        except psutil.Error:
            return 0

    def sample():
        while not stop.is_set():
            children = me.children()
            kernels = [c for c in children if "ipykernel" in " ".join(c.cmdline() or [])]
            workers = [c for c in children if c not in kernels]  # a LocalCluster's worker processes
            own = rss(me)
            per_worker = [rss(k) for k in kernels] + [rss(w) + sum(rss(k) for k in w.children()) for w in workers]
            total = own + sum(per_worker)
            peak["process"] = max(peak["process"], own)
            peak["worker"] = max([peak["worker"], *per_worker])
            peak["total"] = max(peak["total"], total)
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    kw = {"cluster": "local"} if cluster == "dask" else {}
    result = run_report(out=out, plan=checked, jobs=jobs, force=True, progress=False, log=lambda _: None, **kw)
    run_s = time.perf_counter() - started
    stop.set()
    sampler.join()
    failed = [j["slug"] for j in result.manifest["jobs"] if j["status"] != "ok"]
    print(json.dumps({"run": run_s, "plan": plan_s, "failed": len(failed), **{k: v / 2**20 for k, v in peak.items()}}))

if __name__ == "__main__":
    main()
"""

CONFIGS = [("local", 1), ("local", 2), ("dask", 1), ("dask", 2)]


def measure(notebook: Path, n: int, executor: str, jobs: int, tmp: Path) -> dict[str, float]:
    out = tmp / f"out-{executor}-{jobs}"
    proc = subprocess.run(
        [sys.executable, "-c", RUN_SCRIPT, str(notebook), str(n), str(out), executor, str(jobs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{executor} --jobs {jobs} failed:\n{proc.stderr[-3000:]}")
    line = [x for x in proc.stdout.splitlines() if x.startswith("{")][-1]
    return dict(json.loads(line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=int, default=200)
    parser.add_argument("--full", action="store_true", help="about a thousand notebooks (a provincial plan's size)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument(
        "--executors",
        default="local,dask",
        help="the paths to run: local, dask or both (the local process grows with the plan: see the README)",
    )
    args = parser.parse_args()
    import compileall

    import dxanalysis

    # the package's bytecode, as `make report` writes it (where PYTHONDONTWRITEBYTECODE is set, as on these
    # machines, every process would otherwise compile the package from source)
    compileall.compile_dir(str(Path(dxanalysis.__file__).parent), quiet=1)
    configs = [c for c in CONFIGS if c[0] in args.executors.split(",")]
    n = 1000 if args.full else args.notebooks
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as folder:
        tmp = Path(folder)
        notebook = tmp / "synthetic_province.ipynb"  # not province.ipynb: that name is the real page, its geo checked
        notebook.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
        runs: dict[tuple[str, int], list[dict[str, float]]] = {c: [] for c in configs}
        for _ in range(args.repeats):
            for executor, jobs in configs:  # interleaved, so that the machine's load hits every configuration
                runs[executor, jobs].append(measure(notebook, n, executor, jobs, tmp))
    med = {c: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for c, rs in runs.items()}
    print(f"{n} notebooks, {args.repeats} repeat(s), medians")
    print(
        "| executor | workers | run s | per notebook s | failed | plan+checks / run "
        "| peak MB per worker | peak MB process | peak MB total |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (executor, jobs), m in med.items():
        name = "local (--jobs)" if executor == "local" else "LocalCluster (--cluster local)"
        print(
            f"| {name} | {jobs} | {m['run']:.1f} | {m['run'] / n:.3f} | {m['failed']:.0f} | {m['plan'] / m['run']:.1%} "
            f"| {m['worker']:.0f} | {m['process']:.0f} | {m['total']:.0f} |"
        )
    if args.repeats > 1:  # each run's ratios: the run-to-run spread can be as large as a goal's margin
        print()
        for i in range(args.repeats):
            run = {c: rs[i]["run"] for c, rs in runs.items()}
            ratios = [f"{e} {run[e, 1] / run[e, 2]:.2f}x" for e in ("local", "dask") if (e, 1) in run and (e, 2) in run]
            ratios += [
                f"LocalCluster / local at {j}: {run['dask', j] / run['local', j]:.2f}"
                for j in (1, 2)
                if ("dask", j) in run and ("local", j) in run
            ]
            times = ", ".join(f"{e} {j}: {t:.1f} s" for (e, j), t in run.items())
            print(f"run {i + 1}: {times}; 1 -> 2 workers {', '.join(ratios)}")
    print()
    for jobs in (1, 2):
        if ("dask", jobs) in med and ("local", jobs) in med:
            print(f"LocalCluster / local, {jobs} worker(s): {med['dask', jobs]['run'] / med['local', jobs]['run']:.2f}")
    for executor in ("local", "dask"):
        if (executor, 1) in med and (executor, 2) in med:
            print(f"{executor}: 1 -> 2 workers speed-up {med[executor, 1]['run'] / med[executor, 2]['run']:.2f}x")


if __name__ == "__main__":
    main()
