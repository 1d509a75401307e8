"""The figures' look: the palette, the status colours and markers, the font sizes, and the style every figure is drawn
in (:func:`figure_style`).

Part of the figures' private toolkit: the names are public to the other modules of :mod:`dxanalysis.present.figures`,
not to users (``STATUS_COLOURS`` and ``STATUS_MARKERS`` excepted, which the package re-exports).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from dxanalysis.data.vocabularies import producer_order
from dxanalysis.present.i18n import label

__all__ = [
    "FIXED",
    "HISTORY",
    "LEGEND_SIZE",
    "NOTE_SIZE",
    "PALETTE",
    "PROJECTION",
    "RC",
    "REANCHORED",
    "STATUS_COLOURS",
    "STATUS_MARKERS",
    "SUBTITLE_SIZE",
    "TARGET",
    "TITLE_SIZE",
    "figure_style",
    "series_colour",
    "status_handles",
]

#: Colours of the verdicts (Okabe-Ito and a neutral grey, readable with colour-vision deficiencies), in the order of
#: ``TARGET_STATUSES``: a target period that is over, then one ahead.
STATUS_COLOURS: dict[str, str] = {
    "met": "#009E73",
    "met late": "#F0E442",
    "missed": "#000000",
    "not published": "#CC79A7",
    "on track": "#56B4E9",
    "uncertain": "#E69F00",
    "off track": "#D55E00",
    "insufficient data": "#999999",
    "measure discontinued": "#666666",
}
#: Marker of a figure by its status: actual figures filled, the others hollow.
STATUS_MARKERS: dict[str, str] = {"actual": "o", "estimate": "o", "provisional": "s", "projection": "^"}
#: Colours of the series (Okabe-Ito), given out in the producers' order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HISTORY = "#222222"  # the published figures
PROJECTION = "#0072B2"  # a model's projection and its interval
FIXED = "#666666"  # the required path from the baseline
REANCHORED = "#CC79A7"  # the required path from the latest figure
TARGET = "#B22222"  # a target line or marker where the status does not colour it
RC: Any = {  # a plain dict: the rcParams stubs want literal keys
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib and has every Vietnamese letter
    "font.size": 9,
    "axes.titlesize": 9.5,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,  # a hyphen-minus, as the tables write it
    "text.parse_math": False,  # "$" in a name (current US$) is a dollar sign, never a formula that fails to parse
}
TITLE_SIZE = 13.0
SUBTITLE_SIZE = 9.5
NOTE_SIZE = 7.0
LEGEND_SIZE = 8.0


def figure_style() -> ExitStack:
    """The style every figure is made in (seaborn's white grid under the package's rc), as a context to enter."""
    import seaborn as sns  # type: ignore[import-untyped]

    stack = ExitStack()
    stack.enter_context(sns.axes_style("whitegrid"))
    stack.enter_context(plt.rc_context(RC))
    return stack


def series_colour(series: str, known: Sequence[str]) -> str:
    """The colour of a series among those of a figure: the palette given out in the producers' order."""
    order = producer_order(known)
    return PALETTE[order.index(series) % len(PALETTE)] if series in order else PALETTE[0]


def status_handles(statuses: Iterable[str], lang: str) -> list[Line2D]:
    """Legend entries for the statuses among ``statuses``: filled for actual figures, hollow for the others."""
    handles = []
    for status in ("actual", "estimate", "provisional", "projection"):
        if status in set(statuses):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=STATUS_MARKERS[status],
                    markersize=6,
                    markeredgecolor="0.3",
                    markerfacecolor="0.3" if status == "actual" else "white",
                    label=label(f"figure_{status}", lang),
                )
            )
    return handles
