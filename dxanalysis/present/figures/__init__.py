"""Figures of the indicators, their trends, their targets and the share scenarios, in English or Vietnamese.

Every function returns a :class:`matplotlib.figure.Figure` and labels everything: a title, axis labels with the
unit, a legend, and a source note at the bottom naming the publishers of the plotted figures. ``lang="vi"`` writes
every text in Vietnamese (with the decimal comma). The figures are not registered with pyplot: show one in Jupyter by
leaving it as a cell's last expression, or save it with ``fig.savefig(...)`` (or ``ReportOutput.figure``).

Time axis: each figure sits at its true date (:func:`dxanalysis.data.periods.period_time`): a stock (coverage, a count)
at the end of its period, a flow (a share of GDP) at its middle. Year labels sit in the middle of each year, the
grid lines on the year boundaries, so the 2023 figure of a stock is drawn on the line between 2023 and 2024.

One module per figure (``history``, ``trends``, ``assessment``, ``dashboard``, ``scorecard``, ``scenarios``,
``peers``, ``provinces``), over a private toolkit: ``_style`` (palette, status colours and markers, the style
context), ``_layout`` (text measuring and wrapping, the frame of a figure, the dashboard's grid), ``_axes`` (value
and year axes, limits, message boxes, source notes), ``_catalogue`` (an indicator's name, unit, range and timing)
and ``_rules`` (rules of the rooms below that the figures still apply themselves). A new figure is a new module
here, re-exported below.

This package imports matplotlib and seaborn; ``import dxanalysis`` does not import it (``dx.plots`` loads it on first
use).

>>> import dxanalysis as dx
>>> fig = dx.plots.plot_history("digital_economy_share_gdp", source="mic", lang="vi")
>>> fig.get_suptitle()
'Tỷ trọng kinh tế số trong GDP: mọi lần công bố số liệu'
"""

from __future__ import annotations

from dxanalysis.present.figures._style import STATUS_COLOURS, STATUS_MARKERS
from dxanalysis.present.figures.assessment import plot_assessment
from dxanalysis.present.figures.dashboard import plot_dashboard
from dxanalysis.present.figures.history import plot_history
from dxanalysis.present.figures.peers import plot_peers
from dxanalysis.present.figures.provinces import plot_dti_ranks
from dxanalysis.present.figures.scenarios import plot_scenario_heatmap, plot_scenario_lines
from dxanalysis.present.figures.scorecard import plot_scorecard
from dxanalysis.present.figures.trends import plot_trends

__all__ = [
    "STATUS_COLOURS",
    "STATUS_MARKERS",
    "plot_assessment",
    "plot_dashboard",
    "plot_dti_ranks",
    "plot_history",
    "plot_peers",
    "plot_scenario_heatmap",
    "plot_scenario_lines",
    "plot_scorecard",
    "plot_trends",
]
