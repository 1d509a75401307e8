"""Issue 13's guardrails in the trend and history figures: no line from too short a history, an uninformative band
and the tested horizon marked, and no label drawn on a line (review B14, checked against the lines' drawn paths)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend

import dxanalysis as dx


def _labels_on_lines(fig: Figure) -> list[str]:
    """Every text inside a panel whose box (a pixel in from each side) crosses one of the panel's lines."""
    FigureCanvasAgg(fig).draw()
    found = []
    for ax in fig.axes:
        for text in ax.texts:
            if not text.get_visible() or not text.get_text().strip():
                continue
            box = text.get_window_extent()
            inner = type(box).from_extents(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1)
            for line in ax.get_lines():
                path = line.get_transform().transform_path(line.get_path())
                if len(line.get_xdata()) and path.intersects_bbox(inner, filled=False):
                    found.append(f"{text.get_text()!r} on a line of {ax.get_title()!r}")
    return found


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60)
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_5g_coverage_gets_no_trend_line_but_its_figures_and_why(lang):
    s = dx.series("mobile_5g_population_coverage")
    fig = dx.plots.plot_trends(s, until=2030, lang=lang)
    ax = fig.axes[0]
    assert len(fig.axes) == 1 and len(ax.get_lines()) == 1  # the published figures only
    assert list(ax.get_lines()[0].get_ydata()) == [26.0, 39.52, 59.0, 90.2]
    said = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert ("Too short a history for a trend" if lang == "en" else "Chuỗi số liệu quá ngắn") in said
    assert ("0.5 years" if lang == "en" else "0,5 năm") in said
    # asked for by name, every model's panel still draws no projection
    named = dx.plots.plot_trends(s, models=["linear", "drift_logit"], until=2030, lang=lang)
    bands = [c for a in named.axes for c in a.collections if isinstance(c, PolyCollection)]
    assert all(len(a.get_lines()) == 1 for a in named.axes if a.get_visible()) and not bands
    assert _png(fig)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_uninformative_band_is_hatched_and_the_tested_horizon_marked(lang):
    """Mobile subscriptions to 2030 from 2020: the 0-339 interval is uninformative, and 2030 is further ahead than
    the calibration tested (read from the shipped factors)."""
    s = dx.series("mobile_cellular_subscriptions", source="itu")
    fig = dx.plots.plot_trends(s, models=["linear"], until=2030, lang=lang)
    ax = fig.axes[0]
    fit = dx.fit_trend(s, "linear")
    hatched = [c for c in ax.collections if isinstance(c, PolyCollection) and c.get_hatch()]
    assert hatched, "the uninformative stretch of the band is hatched"
    legend = [t.get_text() for leg in fig.findobj(Legend) for t in leg.get_texts()]
    assert ("uninformative interval" if lang == "en" else "khoảng dự báo không mang thông tin") in legend
    end = fit.last_time + fit.tested_horizon
    assert any(np.allclose(line.get_xdata(), end) for line in ax.get_lines())  # the dotted line where testing ends
    words = "beyond the tested horizon" if lang == "en" else "vượt quá tầm dự báo đã được kiểm định"
    assert any(t.get_text().startswith(words) for t in ax.texts)
    assert _labels_on_lines(fig) == []


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("until", [2030, 2035])
def test_no_label_sits_on_a_line_of_the_fibre_trends(lang, until):
    """B14: "reaches 100 in 2027" sat on the projection line of the fibre page (and in Vietnamese at 2035)."""
    fig = dx.plots.plot_trends(dx.series("fibre_households_using"), until=until, lang=lang)
    marks = [t for ax in fig.axes for t in ax.texts if t.get_gid() == "reaches_bound"]
    assert marks, "a linear trend of a share passes 100: its panel says when"
    assert _labels_on_lines(fig) == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_fibre_logit_panels_draw_their_plausible_ceiling(lang):
    fig = dx.plots.plot_trends(dx.series("fibre_households_using"), models=["drift_logit"], until=2035, lang=lang)
    ax = fig.axes[0]
    assert any(np.allclose(line.get_ydata(), 95.0) for line in ax.get_lines())
    assert ("ceiling 95" if lang == "en" else "mức trần 95") in [t.get_text() for t in ax.texts]
    forecast = next(line for line in ax.get_lines() if line.get_linestyle() == "--")
    assert max(forecast.get_ydata()) < 95
    assert _labels_on_lines(fig) == []


def test_the_history_line_joins_one_figure_per_period():
    """B7: the ministry's 18.3 for 2024-H1 and for 2024 drew a flat stretch that read as stagnation; the H1 copy
    keeps its marker, off the line."""
    fig = dx.plots.plot_history("digital_economy_share_gdp", source="mic")
    ax = fig.axes[0]
    line = max(ax.get_lines(), key=lambda ln: len(ln.get_xdata()))
    assert list(np.round(line.get_ydata(), 2)) == [11.91, 14.26, 16.5, 18.3, 18.72]
    h1 = dx.fit_trend(dx.series("digital_economy_share_gdp", "mic")).left_out[0]
    assert h1.period == "2024-H1"
    offsets = np.concatenate([c.get_offsets() for c in ax.collections])
    assert any(np.isclose(x, 2024.25) for x, _ in offsets)  # still drawn, as a marker


def test_ets_is_drawn_with_its_raw_interval_and_says_so():
    """ETS has no calibration factors: the report's default list keeps it, drawn raw and labelled, never raw under
    the calibrated name (and never an error)."""
    s = pd.Series(20 + 3 * np.arange(14) + np.random.default_rng(1).normal(0, 1, 14), index=range(2010, 2024))
    s.attrs.update(indicator="internet_users", lower=0.0, upper=100.0, unit="percent")
    fig = dx.plots.plot_trends(s, until=2028)
    ets = next(ax for ax in fig.axes if ax.get_title() == "Exponential smoothing (ETS)")
    assert "Raw interval, not calibrated" in [t.get_text() for t in ets.texts]
    assert any(isinstance(c, PolyCollection) for c in ets.collections)  # its (raw) band
    assert all("Raw interval" not in t.get_text() for ax in fig.axes if ax is not ets for t in ax.texts)
