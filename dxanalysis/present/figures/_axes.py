"""The figures' axes and the texts inside them: value and year axes, y limits, panel titles, message boxes, and the
source note at the foot of every figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection

from dxanalysis import data
from dxanalysis.present import i18n
from dxanalysis.present.figures._catalogue import finite
from dxanalysis.present.figures._layout import wrap
from dxanalysis.present.i18n import fmt_number, label

__all__ = [
    "ValueFormatter",
    "insufficient_text",
    "limits",
    "message",
    "panel_title",
    "soft_cap",
    "source_note",
    "value_axis",
    "year_axis",
]


class ValueFormatter(ticker.Formatter):
    """Tick labels in the language's number format, with as few decimals as the ticks need; millions shortened."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.digits = 0
        self.compact = False

    def set_locs(self, locs: Any) -> None:
        super().set_locs(locs)
        values = [float(v) for v in locs if np.isfinite(v)]
        self.compact = bool(values) and max(abs(v) for v in values) >= 1e6
        self.digits = 0
        for digits in range(4):
            if all(abs(round(v, digits) - v) < 1e-9 * max(1.0, abs(v)) for v in values):
                self.digits = digits
                break
        else:
            self.digits = 3

    def __call__(self, x: float, pos: int | None = None) -> str:
        if self.compact:
            return "0" if x == 0 else i18n.fmt_compact(x, self.lang, 1)
        return fmt_number(x, self.lang, self.digits)


def value_axis(ax: Axes, lang: str, ylabel: str | None, *, rank: bool = False) -> None:
    """The y axis in the language's number format, with its label; a rank's inverted (1 is best, so better is up)."""
    ax.yaxis.set_major_formatter(ValueFormatter(lang))
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if rank and not ax.yaxis_inverted():
        ax.invert_yaxis()


def year_axis(ax: Axes, lo: float, hi: float, lang: str, *, stock: bool = False, max_labels: int = 10) -> None:
    """Years on the x axis: grid lines on the year boundaries, each year's label in its middle."""
    ax.set_xlim(lo, hi)
    first, last = math.floor(lo), math.ceil(hi)
    span = max(last - first, 1)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= max_labels), 100)
    years = [y for y in range(first, last + 1) if y % step == 0 and lo <= y + 0.5 <= hi]
    ax.xaxis.set_major_locator(ticker.FixedLocator([y + 0.5 for y in years]))
    ax.xaxis.set_major_formatter(ticker.FixedFormatter([str(y) for y in years]))
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    ax.tick_params(axis="x", which="major", length=0)
    ax.grid(False, axis="x")
    # the year boundaries as one collection in the grid's style: the same lines as tick grid lines, without a tick
    # object each (ticks are laid out again at every pass of the layout and every drawing)
    boundaries = [y for y in range(first, last + 1) if y % step == 0 and lo <= y <= hi]
    axisbelow = ax.get_axisbelow()
    grid = LineCollection(
        [[(y, 0.0), (y, 1.0)] for y in boundaries],
        transform=ax.get_xaxis_transform(),
        colors=plt.rcParams["grid.color"],
        linewidths=plt.rcParams["grid.linewidth"],
        linestyles=plt.rcParams["grid.linestyle"],
        alpha=plt.rcParams["grid.alpha"],
        zorder=0.5 if axisbelow is True else 1.5 if axisbelow == "line" else 2.5,
        gid="year-grid",
    )
    grid.set_in_layout(False)
    ax.add_collection(grid, autolim=False)
    ax.set_xlabel(label("year_stock" if stock else "year", lang))


def limits(
    values: Iterable[float],
    *,
    lower: float = -math.inf,
    upper: float = math.inf,
    pad: float = 0.08,
    min_share: float = 0.0,
) -> tuple[float, float]:
    """y limits around the values with a margin, never more than a margin past the indicator's bounds.

    The range spans at least ``min_share`` of the largest value (so a change of 0.2 points on 48% is not drawn as a
    cliff), and at least 20% of it when every value is the same.
    """
    v = np.array([x for x in values if finite(x)], dtype=float)
    if v.size == 0:
        return (0.0, 1.0)
    v = np.clip(v, lower, upper)  # an interval past the bound says nothing the bound does not
    lo, hi = float(v.min()), float(v.max())
    top = max(abs(lo), abs(hi))
    floor = max(min_share * top, (0.2 * top if hi == lo else 0.0), 1e-9 if hi > lo else 1.0)
    if hi - lo < floor:
        mid = (lo + hi) / 2
        lo, hi = mid - floor / 2, mid + floor / 2
    span = hi - lo
    lo, hi = lo - pad * span, hi + pad * span
    if math.isfinite(lower):
        lo = max(lo, lower - 0.02 * span)
    if math.isfinite(upper):
        hi = min(hi, upper + 0.02 * span)
    return lo, hi


def soft_cap(values: Iterable[float]) -> float:
    """An upper limit for unbounded indicators, so an exploding interval does not flatten the figures."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return math.inf
    top, span = float(v.max()), float(v.max() - v.min())
    return top + max(2.0 * span, 0.5 * abs(top), 1.0)


def panel_title(ax: Axes, text: str, **style: Any) -> None:
    """A panel's title at the top of its axes. Placed there explicitly (``y=1``), not by matplotlib's automatic
    placement, which measures every tick label of the panel before each layout pass and each drawing to keep the
    title clear of tick labels on top: our panels have none, so the measuring, repeated for every panel at every
    drawing, would be wasted."""
    ax.set_title(text, y=1.0, **style)


def message(ax: Axes, text: str, *, width_in: float = 3.5, where: tuple[float, float] | None = None) -> None:
    """A note in a box inside the axes: in the middle, or with its lower right corner at ``where`` (axes fraction)."""
    x, y = where if where is not None else (0.5, 0.5)
    ax.text(
        x,
        y,
        wrap(text, width_in, 9),
        transform=ax.transAxes,
        ha="center" if where is None else "right",
        va="center" if where is None else "bottom",
        fontsize=9,
        color="0.25",
        bbox={"boxstyle": "round,pad=0.5", "facecolor": "#f3f3f3", "edgecolor": "0.8"},
    )


def insufficient_text(n: int, k: int, lang: str) -> str:
    """ "Insufficient data: n figures, k needed" in the language."""
    figures = ("figure" if n == 1 else "figures") if lang == "en" else "số liệu"
    return label("insufficient_fit", lang, n=n, figures=figures, k=k)


def source_note(source_ids: Iterable[Any], lang: str, documents: Iterable[str] = ()) -> str:
    """ "Source: publisher; publisher; …" for the figures' source ids (and the documents that set the targets)."""
    publishers = data.load_sources().set_index("id")["publisher"]
    names: list[str] = []
    for sid in source_ids:
        if sid is None or (isinstance(sid, float) and math.isnan(sid)) or str(sid) in ("", "None", "nan"):
            continue
        name = str(publishers.get(sid, sid))
        if name not in names:
            names.append(name)
    docs = sorted({i18n.document_name(d, lang) for d in documents if d and d not in ("None", "nan")})
    if not names and not docs:
        return ""
    items = "; ".join(sorted(names, key=str.casefold)) or label("none", lang)
    if docs:
        items += "; " + label("source_targets", lang, items="; ".join(docs))
    return label("source", lang, items=items)
