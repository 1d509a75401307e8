"""Where the figures' texts and panels go: text measured in the figures' font and wrapped to a width, the frame of a
figure (title, subtitle, notes, body), and the dashboard's grid, laid out from the sizes of its texts.

``tests/test_plots.py`` checks the result: no text overlaps another, a panel or the figure's edge, in either language.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.textpath import TextToPath

from dxanalysis.present.figures._style import LEGEND_SIZE, NOTE_SIZE, SUBTITLE_SIZE, TITLE_SIZE

__all__ = [
    "PT",
    "DashboardGrid",
    "frame",
    "legend_columns",
    "legend_height",
    "subfigures",
    "text_height",
    "text_width",
    "wrap",
]

PT = 1 / 72  # inches in a point
_TEXT_TO_PATH = TextToPath()


@functools.lru_cache(maxsize=8192)
def text_width(text: str, size: float) -> float:
    """The width of a word in points, in the figures' font (DejaVu Sans)."""
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(
        text, FontProperties(family="DejaVu Sans", size=size), ismath=False
    )
    return float(width)


def wrap(text: str, width_in: float, size: float) -> str:
    """Wrap text to a width in inches at a font size in points, measuring the words in DejaVu Sans."""
    limit = width_in * 72.0 * 0.9  # rendering at a low resolution (hinting) widens text by a few percent
    space = text_width(" ", size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            width = text_width(word, size)
            if line and used + space + width > limit:
                lines.append(line)
                line, used = word, width
            else:
                line, used = (f"{line} {word}", used + space + width) if line else (word, width)
        lines.append(line)
    return "\n".join(lines)


def text_height(text: str, size: float) -> float:
    """The height in inches of (wrapped) text at a font size: its lines at matplotlib's line spacing of 1.2."""
    return (text.count("\n") + 1) * size * 1.2 * PT if text else 0.0


def legend_columns(labels: Sequence[str], width_in: float, size: float) -> int:
    """How many legend entries fit side by side in a width (entries are aligned in columns, as matplotlib does)."""
    widths = [(text_width(t, size) + (2.0 + 0.8 + 2.0) * size) * PT for t in labels]  # handle, pad, spacing
    for n in range(len(labels), 1, -1):
        columns = [max(widths[i::n]) for i in range(n)]
        if sum(columns) <= width_in:
            return n
    return 1


def legend_height(rows: int, size: float) -> float:
    """The height in inches of a legend of ``rows`` rows (text lines, the space between them, the border pad)."""
    return (rows * size * 1.2 + max(rows - 1, 0) * 0.5 * size + 2 * 0.4 * size) * PT if rows else 0.0


def subfigures(parent: Figure | SubFigure, n: int, **kwargs: Any) -> list[SubFigure]:
    """``n`` subfigures stacked vertically, always as a list."""
    made = parent.subfigures(n, 1, squeeze=False, **kwargs)
    return [sf for sf in np.ravel(made) if isinstance(sf, SubFigure)]


def new_figure(**kwargs: Any) -> Figure:
    """A new figure that pyplot does not keep, on an Agg canvas.

    Made through pyplot so that the backend is loaded (in Jupyter, the inline backend registers how figures display),
    then closed at once: pyplot keeps no reference, and Jupyter shows the figure only when it is a cell's value or
    passed to display(). Closing leaves the figure on a bare canvas, which has no renderer of its own: every label
    measured (the constrained layout's, the clearance of labels) would then draw a blank figure to get one, a few
    milliseconds each and a hundred times a dashboard. The Agg canvas keeps one renderer for the figure's size.

    >>> type(new_figure(figsize=(2, 1)).canvas).__name__
    'FigureCanvasAgg'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = plt.figure(**kwargs)
    plt.close(fig)
    FigureCanvasAgg(fig)  # the figure's canvas from now on
    return fig


def frame(
    width: float, height: float, title: str, subtitle: str | None, notes: Sequence[str]
) -> tuple[Figure, SubFigure]:
    """A figure with its title, subtitle and notes placed by the layout engine, and the body to draw in.

    The title is the figure's suptitle, the notes its bottom label (both kept clear of the body by constrained
    layout); the subtitle is the suptitle of a subfigure, and the body a subfigure inside it, so a legend placed
    ``"outside upper center"`` in the body sits below the subtitle.
    """
    fig = new_figure(figsize=(width, height), layout="constrained")
    fig.suptitle(wrap(title, width - 0.3, TITLE_SIZE), x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    note = "\n".join(wrap(n, width - 0.2, NOTE_SIZE) for n in notes if n)
    if note:
        fig.supxlabel(note, x=0.01, ha="left", fontsize=NOTE_SIZE, color="0.35", multialignment="left")
    outer = subfigures(fig, 1)[0]
    if subtitle:
        outer.suptitle(
            wrap(subtitle, width - 0.3, SUBTITLE_SIZE), x=0.01, ha="left", fontsize=SUBTITLE_SIZE, color="0.25"
        )
    body = subfigures(outer, 1)[0]
    return fig, body


class DashboardGrid:
    """The dashboard's layout, solved from the sizes of its texts instead of by constrained layout.

    A dashboard has a dozen or more panels; constrained layout would measure every panel's decorations twice before
    the figure is drawn, work that grows with the panels and that the texts' sizes make needless. Here every height
    comes from the number of lines of the (already wrapped) texts at their font sizes, and the room left of the
    panels from the widest tick label actually shown; ``tests/test_plots.py`` checks that no text overlaps another or
    a panel, in both languages.
    """

    MARGIN = 0.15  # inches around everything
    CELL_GAP = 0.3  # inches between a panel and the next one's decorations
    AXES_HEIGHT = 1.95
    BELOW = (3.5 + 8 * 1.2 + 4 + 7.5 * 1.2 + 4) * PT  # tick pad, tick labels, label pad, the "Year" label, a gap

    def __init__(
        self,
        ncols: int,
        title: str,
        subtitle: str,
        note: str,
        legend_labels: Sequence[str],
        groups: Sequence[tuple[str, Sequence[str]]],
    ) -> None:
        self.ncols = ncols
        width = 4.0 * ncols
        inner = width - 2 * self.MARGIN
        title = wrap(title, inner, TITLE_SIZE)
        subtitle = wrap(subtitle, inner, SUBTITLE_SIZE)
        note = wrap(note, inner, NOTE_SIZE)
        self.legend_columns = legend_columns(legend_labels, inner, LEGEND_SIZE) if legend_labels else 1
        legend_rows = math.ceil(len(legend_labels) / self.legend_columns) if legend_labels else 0
        # (top, text) of each heading, and (top, bottom, column) of each panel, in inches from the top
        y = self.MARGIN
        self._texts: list[tuple[float, str, dict[str, Any]]] = [
            (y, title, {"fontsize": TITLE_SIZE, "fontweight": "bold"})
        ]
        y += text_height(title, TITLE_SIZE) + 0.08
        self._texts.append((y, subtitle, {"fontsize": SUBTITLE_SIZE, "color": "0.25"}))
        y += text_height(subtitle, SUBTITLE_SIZE) + 0.1
        self._legend_top = y
        y += legend_height(legend_rows, LEGEND_SIZE) + 0.1
        self._cells: list[tuple[float, float, int]] = []
        for heading, panel_titles in groups:
            heading = wrap(heading, inner, 11)
            y += 0.12
            self._texts.append((y, heading, {"fontsize": 11, "fontweight": "bold", "color": "0.15"}))
            y += text_height(heading, 11) + 0.08
            for first in range(0, len(panel_titles), ncols):
                row = panel_titles[first : first + ncols]
                y += max(text_height(t, 8.5) for t in row) + (6 + 3) * PT  # the title, its pad, a gap
                self._cells += [(y, y + self.AXES_HEIGHT, col) for col in range(len(row))]
                y += self.AXES_HEIGHT + self.BELOW
        if not groups:
            self._cells.append((y + 0.2, y + 0.2 + 3.0, 0))
            y += 3.2 + self.BELOW
        self._note_top = y + 0.1
        height = self._note_top + text_height(note, NOTE_SIZE) + self.MARGIN
        self.size = (width, height)
        self.figure = new_figure(figsize=self.size)
        # matplotlib's mark of a figure laid out already: saved as placed, never cropped by a tight bounding box
        self.figure.set_layout_engine(PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=True))
        fig = self.figure
        fig.suptitle(title, x=self.MARGIN / width, y=1 - self.MARGIN / height, ha="left", va="top", **self._texts[0][2])
        for top, text, style in self._texts[1:]:
            fig.text(self.MARGIN / width, 1 - top / height, text, ha="left", va="top", **style)
        if note:
            fig.supxlabel(
                note,
                x=self.MARGIN / width,
                y=self.MARGIN / height,
                ha="left",
                va="bottom",
                fontsize=NOTE_SIZE,
                color="0.35",
                multialignment="left",
            )

    @property
    def legend_top(self) -> float:
        """Where the legend's top goes, as a fraction of the figure's height."""
        return 1 - self._legend_top / self.size[1]

    def _rect(self, top: float, bottom: float, col: int, left: float, ncols: int) -> tuple[float, float, float, float]:
        width, height = self.size
        cell = (width - 2 * self.MARGIN) / ncols
        x0 = self.MARGIN + col * cell + left
        return (x0 / width, 1 - bottom / height, (cell - left - self.CELL_GAP) / width, (bottom - top) / height)

    def body(self) -> Axes:
        """One axes over the whole body (for a message when there is nothing to show)."""
        top, bottom, _ = self._cells[0]
        return self.figure.add_axes(self._rect(top, bottom, 0, 0.8, 1))

    def panels(self) -> list[Axes]:
        """The panels' axes, row by row (placed with room for the usual decorations until :meth:`align`)."""
        return [self.figure.add_axes(self._rect(t, b, c, 0.75, self.ncols)) for t, b, c in self._cells]

    def align(self, panels: Sequence[Axes]) -> None:
        """Give every panel the same room on its left: enough for the widest tick labels and axis label drawn."""
        room = 0.0
        for ax in panels:
            lo, hi = sorted(ax.get_ylim())
            locs = [v for v in ax.yaxis.get_major_locator()() if lo - 1e-9 <= v <= hi + 1e-9]
            formatter = ax.yaxis.get_major_formatter()
            formatter.set_locs(locs)
            ticks = max((text_width(formatter(v), 8) for v in locs), default=0.0) * PT
            ylabel = ax.get_ylabel()
            lines = ylabel.count("\n") + 1 if ylabel else 0
            room = max(room, ticks + (3.5 + 4 + lines * 7.5 * 1.2 + 2) * PT)
        for ax, (top, bottom, col) in zip(panels, self._cells, strict=True):
            ax.set_position(self._rect(top, bottom, col, room, self.ncols))
