"""What the batch report costs, against its floor and against the naive pipeline, in one run.

- F, the floor: one plain Python process that runs every planned notebook's code (parameters injected as papermill
  would) and writes the same figures and tables, with no Jupyter at all;
- N, naive: for each notebook, the ``papermill`` command line then ``jupyter nbconvert --to html --no-input``;
- R, the report: ``run_report(plan, jobs=2, force=True)`` from a cold start (a new process, as the command line);
- W, the unchanged re-run: the same again, nothing changed.

Goals (issue 4, tightened by issue 17): R <= 0.8 x F with --jobs 2 on two cores, R at least 5x faster than N, W under
5% of R.
Run:  .venv/bin/python benchmarks/bench_report.py [--notebooks 10] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def plan_jobs(n: int) -> list[dict]:
    """n jobs of the default plan: the overview, the scenarios and indicator notebooks (the same for F, N, R, W)."""
    from dxanalysis.reports import build_plan, notebook_path, validate_plan

    plan = validate_plan(build_plan())
    chosen = [plan[0], plan[-1], *plan[1:-1]][:n]
    return [
        {"notebook": str(notebook_path(j.notebook)), "parameters": j.parameters, "slug": j.slug, "title": j.title}
        for j in chosen
    ]


REPORT_SCRIPT = r"""
import json, sys
from dxanalysis.reports import Job, run_report
jobs, out, force = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3] == "force"
result = run_report(out=out, plan=[Job(**j) for j in jobs], jobs=2, force=force, progress=False, log=lambda _: None)
sys.exit(result.exit_code)
"""


FLOOR_SCRIPT = r"""
import json, sys, time, os
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
jobs, out = json.loads(sys.argv[1]), sys.argv[2]
for j in jobs:
    folder = os.path.join(out, j["slug"])
    os.makedirs(folder, exist_ok=True)
    nb = parameterize_notebook(load_notebook_node(j["notebook"]), {**j["parameters"], "out_dir": folder})
    ns = {"__name__": "__main__"}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile("".join(l for l in cell.source.splitlines(True) if not l.lstrip().startswith("%")),
                         j["slug"], "exec"), ns)
    import matplotlib.pyplot as plt
    plt.close("all")
"""


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kw)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=int, default=10, help="jobs of the default plan to run")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    import compileall

    import dxanalysis

    # the package's bytecode, as `make report` writes it (where PYTHONDONTWRITEBYTECODE is set, as on these
    # machines, every process would otherwise compile the package from source)
    compileall.compile_dir(str(Path(dxanalysis.__file__).parent), quiet=1)
    from dxanalysis.reports.kernels import ensure_kernelspec

    ensure_kernelspec()  # the notebooks name the 'dxanalysis' kernel; the naive CLIs inherit it through JUPYTER_PATH
    jobs = plan_jobs(args.notebooks)
    n = len(jobs)
    work = Path(tempfile.mkdtemp(prefix="dxbench-"))
    results: dict[str, list[float]] = {"F": [], "N": [], "R": [], "W": []}
    try:
        for _ in range(args.repeats):
            shutil.rmtree(work / "floor", ignore_errors=True)
            results["F"].append(timed([sys.executable, "-c", FLOOR_SCRIPT, json.dumps(jobs), str(work / "floor")]))

            naive = work / "naive"
            shutil.rmtree(naive, ignore_errors=True)
            naive.mkdir()
            start = time.perf_counter()
            for j in jobs:
                out_nb = naive / f"{j['slug']}.ipynb"
                cmd = [str(BIN / "papermill"), j["notebook"], str(out_nb), "-k", "dxanalysis", "--no-progress-bar"]
                for k, v in {**j["parameters"], "out_dir": str(naive / j["slug"])}.items():
                    cmd += ["-p", k, str(v)] if not isinstance(v, str) else ["-r", k, v]
                subprocess.run(cmd, check=True, capture_output=True)
                subprocess.run(
                    [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out_nb)],
                    check=True,
                    capture_output=True,
                )
            results["N"].append(time.perf_counter() - start)

            out = work / "reports"
            shutil.rmtree(out, ignore_errors=True)
            report = [sys.executable, "-c", REPORT_SCRIPT, json.dumps(jobs), str(out)]
            results["R"].append(timed([*report, "force"]))
            results["W"].append(timed([*report, "again"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"{n} notebooks of the default plan; medians of {args.repeats} run(s), seconds\n")
    print(f"{'':52s} {'s':>8s} {'per nb':>8s}")
    labels = {
        "F": "F  floor: one Python process, no Jupyter",
        "N": "N  naive: papermill CLI + nbconvert CLI each",
        "R": "R  dxanalysis report --jobs 2 (cold)",
        "W": "W  unchanged re-run",
    }
    for k in "FNRW":
        print(f"{labels[k]:52s} {med[k]:8.2f} {med[k] / n:8.2f}")
    print(f"\nR / F = {med['R'] / med['F']:.2f}   (goal <= 0.8)")
    print(f"N / R = {med['N'] / med['R']:.1f}    (goal >= 5)")
    print(f"W / R = {med['W'] / med['R']:.1%}  (goal < 5%)")


if __name__ == "__main__":
    main()
