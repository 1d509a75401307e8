"""Labels kept off the lines and markers of their panel (review B14: an end label struck through by a target line).

Part of the figures' private toolkit. :func:`faults` scores a label's place: what it would hide (each line whose drawn
path crosses the label's box, white background included, and each marker under it) and whether it leaves its panel;
:func:`place_clear` tries a label's places in turn and keeps the first clear one (or the least bad).
``tests/test_clearance.py`` checks every label of the real figures of every indicator with its own measuring.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["faults", "label_box", "mark_boxes", "place_clear"]

_NO_LINE = ("None", "none", " ", "")
Place = TypeVar("Place")


def label_box(text: Text, renderer: Any = None) -> Bbox:
    """The box a label covers on the page, in pixels: its background box if it has one, else its glyphs."""
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    if patch is None:
        return box
    # the background follows the text only when drawn: its box is the glyphs' grown by the box style's pad
    figure = text.get_figure(root=True)
    points = float(getattr(patch.get_boxstyle(), "pad", 0.3)) * float(text.get_fontsize())
    pad = points * (figure.dpi if figure is not None else 72) / 72
    return Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


def mark_boxes(ax: Axes) -> tuple[list[Any], list[Bbox]]:
    """The panel's drawn line paths (in pixels) and the boxes of its markers (of lines and of scatters)."""
    px = ax.figure.dpi / 72 if ax.figure is not None else 1.0
    paths, boxes = [], []
    for line in ax.get_lines():
        if not line.get_visible() or np.size(line.get_xdata()) == 0:
            continue
        path = line.get_transform().transform_path(line.get_path())
        if line.get_linestyle() not in _NO_LINE:
            paths.append(path)
        if line.get_marker() not in (None, *_NO_LINE):
            half = (float(line.get_markersize()) + float(line.get_markeredgewidth())) * px / 2
            boxes += [_square(float(x), float(y), half) for x, y in np.asarray(path.vertices, dtype=float)]
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible() and np.size(coll.get_offsets()):
            sizes = [float(v) for v in np.atleast_1d(np.asarray(coll.get_sizes()))] or [36.0]
            offsets = coll.get_offset_transform().transform(np.asarray(coll.get_offsets()))
            for i, (x, y) in enumerate(np.asarray(offsets, dtype=float)):
                boxes.append(_square(float(x), float(y), (math.sqrt(sizes[i % len(sizes)]) + 1.5) * px / 2))
    return paths, boxes


def _square(x: float, y: float, half: float) -> Bbox:
    return Bbox.from_extents(x - half, y - half, x + half, y + half)


def faults(
    ax: Axes,
    text: Text,
    renderer: Any = None,
    marks: tuple[list[Any], list[Bbox]] | None = None,
    avoid: Sequence[Bbox] = (),
) -> int:
    """What is wrong with a label's place: 2 if its box (a pixel in from each side) leaves its panel, plus 1 for each
    line of the panel it crosses, each marker it covers and each box of ``avoid`` (labels placed before) it overlaps
    (0: a clear place)."""
    box = label_box(text, renderer)
    inner = Bbox.from_extents(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1)
    panel = ax.get_window_extent(renderer)
    score = 2 if inner.x0 < panel.x0 or inner.x1 > panel.x1 or inner.y0 < panel.y0 or inner.y1 > panel.y1 else 0
    paths, boxes = marks if marks is not None else mark_boxes(ax)
    score += sum(1 for path in paths if path.intersects_bbox(inner, filled=False))
    return score + sum(1 for b in boxes if inner.overlaps(b)) + sum(1 for b in avoid if inner.overlaps(b))


def place_clear(
    ax: Axes,
    text: Text,
    places: Sequence[Place],
    put: Callable[[Text, Place], None],
    renderer: Any = None,
    avoid: Sequence[Bbox] = (),
) -> int:
    """Put a label at the first of ``places`` where :func:`faults` finds nothing (``put`` moves it there; ``avoid``:
    the boxes of labels placed before), or else at the place with the fewest faults; returns the faults left (0:
    clear)."""
    marks = mark_boxes(ax)
    scores = []
    for place in places:
        put(text, place)
        score = faults(ax, text, renderer, marks, avoid)
        if score == 0:
            return 0
        scores.append(score)
    if not scores:
        return 0
    best = int(np.argmin(scores))
    put(text, places[best])
    return scores[best]
