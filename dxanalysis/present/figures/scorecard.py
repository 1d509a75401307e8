"""Every indicator with a target on one progress scale, coloured by status (:func:`plot_scorecard`)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from dxanalysis.data.schemas import PILLARS
from dxanalysis.errors import DxError
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import ValueFormatter, source_note
from dxanalysis.present.figures._catalogue import decimals, finite
from dxanalysis.present.figures._layout import frame, wrap
from dxanalysis.present.figures._rules import scorecard_sources
from dxanalysis.present.figures._style import STATUS_COLOURS, figure_style
from dxanalysis.present.i18n import check_lang, fmt_number, label

__all__ = ["plot_scorecard"]


def plot_scorecard(card: pd.DataFrame, lang: str = "en", *, cap: float = 1.2) -> Figure:
    """Every indicator with a target on one progress scale, coloured by status, grouped by pillar.

    Each bar is the latest figure as a share of the target (for an "at most" target such as a rank, target ÷
    latest), capped at ``cap`` (120%): 100% is the target. Beside each bar: the latest figure, its period, and the
    target and its year. Indicators without figures are listed with no bar.

    Parameters
    ----------
    card
        From :func:`dxanalysis.scorecard`.
    lang
        ``"en"`` or ``"vi"``.
    cap
        The progress shown at most (1.2 is 120% of the target).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import dxanalysis as dx
    >>> fig = dx.plots.plot_scorecard(dx.scorecard())
    >>> fig.axes[0].get_xlabel()
    'Latest figure as a share of the target (%)'
    """
    lang = check_lang(lang)
    needed = {"pillar", "indicator", "latest", "target", "target_year", "comparator", "status"}
    if not isinstance(card, pd.DataFrame) or not needed <= set(card.columns):
        raise DxError(f"plot_scorecard needs the frame of dx.scorecard(), with columns {', '.join(sorted(needed))}")
    rows, items = _items(card)
    sources = rows["document"].dropna().astype(str).tolist() if "document" in rows.columns else []
    note = source_note(scorecard_sources(rows), lang, sources)
    height = 0.36 * len(items) + 2.6
    with figure_style():
        fig, body = frame(
            11.0,
            height,
            label("title_scorecard", lang),
            label("subtitle_scorecard", lang, cap=i18n.fmt_percent(cap, lang, 0)),
            [note],
        )
        ax = body.subplots()
        y = np.arange(len(items))[::-1]
        ticks, tick_labels, bold = [], [], []
        right = 100 * cap + 4
        for yi, (kind, item) in zip(y, items, strict=True):
            ticks.append(yi)
            bold.append(kind == "pillar")
            if kind == "pillar":
                tick_labels.append(i18n.pillar_name(item, lang))
            else:
                tick_labels.append(_draw_row(ax, yi, item, right, cap, lang))
        ax.axvline(100, color="0.2", linewidth=1.0, zorder=3)
        ax.set_yticks(ticks, tick_labels)
        for tick, is_bold in zip(ax.get_yticklabels(), bold, strict=True):
            if is_bold:
                tick.set_fontweight("bold")
                tick.set_fontsize(9)
        ax.set_ylim(-0.7, len(items) - 0.3)
        ax.set_xlim(0, right + 75)
        ax.set_xticks([t for t in range(0, int(100 * cap) + 1, 20)])
        ax.xaxis.set_major_formatter(ValueFormatter(lang))
        ax.grid(False, axis="y")
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(label("progress_axis", lang))
        ax.set_ylabel(label("col_name", lang))
        handles = [Patch(facecolor=c, label=i18n.status_name(s, lang).capitalize()) for s, c in STATUS_COLOURS.items()]
        body.legend(handles=handles, loc="outside upper center", ncols=4)
    return fig


def _items(card: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, Any]]]:
    """The scorecard's rows with their progress, sorted by pillar and then by progress, and the lines of the figure
    from top to bottom: each pillar's heading (``("pillar", pillar)``) followed by its rows (``("row", row)``)."""
    rows = card.copy()
    rows["progress"] = [_progress(r["latest"], r["target"], r["comparator"]) for _, r in rows.iterrows()]
    order = list(PILLARS)
    rows["_pillar_order"] = rows["pillar"].map(lambda p: order.index(p) if p in order else len(order))
    rows = rows.sort_values(["_pillar_order", "progress"], ascending=[True, False], na_position="last")
    items: list[tuple[str, Any]] = []
    for _order, group in rows.groupby("_pillar_order", sort=True):
        items.append(("pillar", str(group.iloc[0]["pillar"])))
        items += [("row", row) for _, row in group.iterrows()]
    return rows, items


def _draw_row(ax: Axes, y: float, item: pd.Series, right: float, cap: float, lang: str) -> str:
    """One indicator's bar (none without figures) and the text beside it; returns its tick label."""
    colour = STATUS_COLOURS.get(str(item["status"]), "#999999")
    digits = decimals([item["latest"]])
    target = fmt_number(item["target"], lang, decimals([item["target"]]))
    if finite(item["progress"]):
        width = 100 * min(float(item["progress"]), cap)
        ax.barh(y, width, color=colour, height=0.62, zorder=2)
        text = label(
            "scorecard_row",
            lang,
            latest=fmt_number(item["latest"], lang, digits),
            period=item.get("latest_period", ""),
            target=target,
            year=item["target_year"],
        )
    else:
        text = label("scorecard_row_empty", lang, target=target, year=item["target_year"])
    ax.text(right, y, text, va="center", ha="left", fontsize=8, color="0.2")
    return wrap(i18n.indicator_name(item["indicator"], lang), 3.4, 8)


def _progress(latest: Any, target: Any, comparator: Any) -> float:
    """The latest figure as a share of the target (target ÷ latest for an "at most" target); NaN without both."""
    if not (finite(latest) and finite(target)) or float(target) == 0 or float(latest) == 0:
        return math.nan
    ratio = float(latest) / float(target)
    return ratio if comparator == "at_least" else 1.0 / ratio
