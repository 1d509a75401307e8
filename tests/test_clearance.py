"""No label hides a line or a marker (issue 15 item 8, review B14): every text placed in a panel of the real figures
of every indicator, in both languages, is checked against the lines and markers drawn in its panel.

The measuring here is the test's own (not the figures' placing code): the figure is drawn, each label's box is the
box it covers on the page (its white background where it has one, as drawn), each line is its drawn path
(``Path.intersects_bbox``) and each marker the square of its size around its point."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

import dxanalysis as dx

NO_LINE = ("None", "none", " ", "")


def _marks(ax) -> list[tuple[str, object]]:
    """Every line (its drawn path) and marker (its box) of a panel, in pixels."""
    px = ax.figure.dpi / 72
    marks: list[tuple[str, object]] = []
    for line in ax.get_lines():
        if not line.get_visible() or np.size(line.get_xdata()) == 0:
            continue
        path = line.get_transform().transform_path(line.get_path())
        if line.get_linestyle() not in NO_LINE:
            marks.append(("line", path))
        if line.get_marker() not in (None, *NO_LINE):
            half = (line.get_markersize() + line.get_markeredgewidth()) * px / 2
            marks += [("marker", Bbox.from_extents(x - half, y - half, x + half, y + half)) for x, y in path.vertices]
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible() and len(coll.get_offsets()):
            sizes = list(coll.get_sizes()) or [36.0]
            for i, (x, y) in enumerate(coll.get_offset_transform().transform(coll.get_offsets())):
                half = (math.sqrt(sizes[i % len(sizes)]) + 1.5) * px / 2
                marks.append(("marker", Bbox.from_extents(x - half, y - half, x + half, y + half)))
    return marks


def hidden_marks(fig: Figure) -> list[str]:
    """Every label of a panel whose box (a pixel in from each side) crosses a line or covers a marker of the panel."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # the labels' backgrounds are placed when drawn
    renderer = canvas.get_renderer()
    found = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        marks = _marks(ax)
        for text in ax.texts:
            if not text.get_visible() or not text.get_text().strip():
                continue
            patch = text.get_bbox_patch()
            box = (patch if patch is not None else text).get_window_extent(renderer)
            inner = Bbox.from_extents(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1)
            for kind, mark in marks:
                if mark.intersects_bbox(inner, filled=False) if kind == "line" else inner.overlaps(mark):
                    found.append(f"{' '.join(text.get_text().split())!r} over a {kind} in {ax.get_title()[:40]!r}")
                    break
    return found


def _pairs() -> list[tuple[str, str]]:
    obs = dx.load_observations()
    obs = obs[obs["geo"] == "VN"]
    return sorted(set(zip(obs["indicator"], obs["series"], strict=True)))


def test_the_check_finds_a_label_on_a_line_and_on_a_marker():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.annotate("on the line", (0.5, 0.5), ha="center", va="center")
    ax.scatter([0.2], [0.8], s=40)
    ax.annotate("on a marker", (0.2, 0.8), ha="center", va="center")
    ax.annotate("clear", (0.9, 0.1), ha="center", va="center")
    assert hidden_marks(fig) == [
        "'on the line' over a line in ''",
        "'on a marker' over a marker in ''",
    ]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_label_hides_a_line_in_the_history_and_trends_of_every_indicator(lang):
    """The report's figures of every series (the indicator page's history, and its trends to its default 2030)."""
    found = []
    for indicator, series in _pairs():
        for fig in (
            dx.plots.plot_history(indicator, source=series, lang=lang),
            dx.plots.plot_trends(dx.series(indicator, series), until=2030, lang=lang),
        ):
            found += [f"{indicator}/{series}: {f}" for f in hidden_marks(fig)]
            plt.close("all")
    assert found == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_label_hides_a_line_of_the_dashboard_or_the_fibre_trends_to_2035(lang):
    """B14: the EGDI end label "71 (2024)" struck through by the "target 2025: 70" line; "reaches 100 in 2027" on the
    projection line of the Vietnamese fibre trends to 2035."""
    found = []
    for as_of in (None, "2024-05-01"):
        found += hidden_marks(dx.plots.plot_dashboard(as_of=as_of, lang=lang))
    found += hidden_marks(dx.plots.plot_trends(dx.series("fibre_households_using"), until=2035, lang=lang))
    assert found == []
