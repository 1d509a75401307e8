"""How much `import dxanalysis` and the first loads cost, as ratios to `import pandas` alone.

Each case runs in a fresh interpreter, several times; the table gives medians and the ratio to the pandas baseline.
Run:  .venv/bin/python benchmarks/bench_import.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "import pandas": "import pandas",
    "import dxanalysis": "import dxanalysis",
    "dx.load_observations()": "import dxanalysis as dx; dx.load_observations()",
    "load_observations + targets + indicators": (
        "import dxanalysis as dx; dx.load_observations(); dx.load_targets(); dx.indicators()"
    ),
    "second load_observations (cached)": (
        "import time, dxanalysis as dx; dx.load_observations(); t = time.perf_counter(); dx.load_observations(); "
        "print(time.perf_counter() - t)"
    ),
}


def run(code: str) -> float:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    return float(out.stdout) if out.stdout.strip() else elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    run("import dxanalysis")  # warm the disk cache and the bytecode
    medians = {name: statistics.median(run(code) for _ in range(args.runs)) for name, code in CASES.items()}
    base = medians["import pandas"]
    print(f"{'case':45s} {'median s':>9s} {'÷ import pandas':>16s}")
    for name, median in medians.items():
        ratio = "" if name.startswith("second") else f"{median / base:16.2f}"
        print(f"{name:45s} {median:9.3f} {ratio:>16s}")


if __name__ == "__main__":
    main()
