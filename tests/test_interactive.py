"""The interactive history and trend charts of the HTML pages (issue 15 item 7): each figure's value, period, status
and source in the chart's data, no script from the network, Plotly's JavaScript once per run folder, and the chart
drawn by headless Chromium with the network off, in both languages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

import dxanalysis as dx
from dxanalysis.present import i18n
from dxanalysis.present.figures.interactive import JAVASCRIPT, chart_of, plotly_spec
from dxanalysis.reports import outputs
from dxanalysis.reports.outputs import InteractiveFigure, ReportOutput
from dxanalysis.reports.site import write_chart_script

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _spec(block: str) -> dict:
    """The chart's data as the page carries it (the JSON of its script element)."""
    found = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', block, re.S)
    assert found, "the chart's data is in the page"
    return json.loads(found.group(1).replace("<\\/", "</"))


def _number(text: str, lang: str) -> float:
    digits = text.split()[0]
    return float(digits.replace(".", "").replace(",", ".") if lang == "vi" else digits.replace(",", ""))


def _page(tmp_path: Path, lang: str) -> tuple[Path, list[str]]:
    """A run folder with one page holding a history and a trends chart, as ReportOutput shows them."""
    out = ReportOutput(tmp_path / "run" / "job")
    shown = [
        out.figure(dx.plots.plot_history("digital_economy_share_gdp", lang=lang), "history"),
        out.figure(dx.plots.plot_trends(dx.series("fibre_households_using"), until=2030, lang=lang), "trends"),
    ]
    assert all(isinstance(s, InteractiveFigure) for s in shown)
    blocks = [s._repr_html_() for s in shown]
    page = tmp_path / "run" / "job" / "report.html"
    page.write_text(f'<html><head><meta charset="utf-8"></head><body>{"".join(blocks)}</body></html>', "utf-8")
    return page, blocks


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_figure_of_the_history_is_in_the_chart_with_its_period_value_status_and_source(tmp_path, lang):
    page, (history, _) = _page(tmp_path, lang)
    points = [row for t in _spec(history)["data"] for row in t.get("customdata", [])]
    obs = dx.load_observations(vintage="all")
    obs = obs[(obs["indicator"] == "digital_economy_share_gdp") & (obs["geo"] == "VN")]
    assert len(points) == len(obs) > 5  # every release, the earlier ones too
    for row in obs.itertuples():
        status = i18n.label(f"figure_{row.status}", lang)
        assert any(
            p[0] == row.period
            and abs(_number(p[1], lang) - row.value) < 0.006
            and p[2] == status
            and f"[{row.source}]" in p[3]
            for p in points
        ), (row.period, row.value, row.source)
    assert 'script src="http' not in page.read_text(encoding="utf-8")  # no CDN


def test_trends_chart_has_every_model_one_shown_and_the_published_figures(tmp_path):
    fig = dx.plots.plot_trends(dx.series("fibre_households_using"), until=2030)
    spec = plotly_spec(chart_of(fig))
    lines = [t for t in spec["data"] if t.get("line", {}).get("dash") == "dash"]
    assert {t["name"] for t in lines} == {ax.get_title() for ax in fig.axes if ax.get_visible()}
    assert [t["name"] for t in lines if t.get("visible") != "legendonly"] == ["Random walk with drift (logit scale)"]
    history = spec["data"][0]
    assert history["y"] == list(dx.series("fibre_households_using").to_numpy())
    assert all(len(p) == 5 and p[3] for p in history["customdata"])  # period, value, status, source, published
    assert spec["layout"]["xaxis"]["range"] == pytest.approx(list(fig.axes[0].get_xlim()))


def test_the_javascript_is_loaded_once_per_page_and_written_once_per_run(tmp_path):
    page, blocks = _page(tmp_path, "en")
    assert [b.count("<script src=") for b in blocks] == [1, 0]
    assert f'<script src="{outputs.SCRIPT}">' in blocks[0] and outputs.SCRIPT == "../" + JAVASCRIPT
    assert all("data:image/png;base64," in b and 'alt="' in b for b in blocks)  # the PNG for print and offline
    run = page.parent.parent
    assert write_chart_script(run, [{"slug": "job"}]) == run / JAVASCRIPT
    assert (run / JAVASCRIPT).stat().st_size > 1_000_000
    (tmp_path / "plain" / "job").mkdir(parents=True)
    (tmp_path / "plain" / "job" / "report.html").write_text("<p>no chart</p>", encoding="utf-8")
    assert write_chart_script(tmp_path / "plain", [{"slug": "job"}]) is None  # no chart: no 4.8 MB file


def test_other_figures_and_notebooks_without_a_folder_are_unchanged():
    fig = dx.plots.plot_history("egdi_rank")
    assert ReportOutput("").figure(fig, "history") is fig  # in JupyterLab the figure itself shows
    assert chart_of(dx.plots.plot_dashboard()) is None


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_headless_chromium_draws_the_charts_with_the_network_off(tmp_path, lang):
    page, _ = _page(tmp_path, lang)
    write_chart_script(page.parent.parent, [{"slug": "job"}])
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--proxy-server=127.0.0.1:9",  # nothing can be fetched from the network
            "--virtual-time-budget=10000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert dom.count('class="main-svg"') >= 2, "Plotly drew both charts"
    assert dom.count("dx-print-only") >= 2, "the PNGs are kept for print"
    legend = "Published figures" if lang == "en" else "Số liệu đã công bố"
    assert legend in dom


def test_writing_a_runs_chart_script_does_not_import_the_plotting_stack(tmp_path):
    # an unchanged re-run writes the run's files only: importing matplotlib for Plotly's file cost 0.45 s of 0.64
    import subprocess
    import sys

    page = tmp_path / "a" / "report.html"
    page.parent.mkdir()
    page.write_text('<div class="dx-plot"></div>', encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from dxanalysis.reports.site import write_chart_script; "
        f"p = write_chart_script(Path({str(tmp_path)!r}), [{{'slug': 'a'}}]); "
        "print(p.stat().st_size > 1_000_000, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]
