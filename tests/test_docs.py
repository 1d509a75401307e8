"""The documentation builds with no warnings, runs its examples, and lists every indicator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dxanalysis as dx

REPO = Path(__file__).resolve().parent.parent


def test_docs_build_without_warnings(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-b",
            "html",
            "-q",
            "-d",
            str(tmp_path / "doctrees"),
            "docs",
            str(tmp_path / "html"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    html = tmp_path / "html"
    indicators = (html / "generated" / "indicators.html").read_text(encoding="utf-8")
    for ind in dx.indicators()["id"]:
        assert ind in indicators
    tour = (html / "getting-started.html").read_text(encoding="utf-8")
    assert "11.91" in tour and "outside the bounds" in tour  # executed cells: the tour shows real output
    assert (html / "generated" / "api" / "dxanalysis.load_observations.html").exists()
    methods = (html / "methods.html").read_text(encoding="utf-8")
    assert "_static/mathjax/tex-chtml.js" in methods and "cdn.jsdelivr" not in methods  # formulas render offline
    assert (html / "_static" / "mathjax" / "tex-chtml.js").exists()
    assert "widening factor" in methods  # the calibration table generated from the shipped factors
