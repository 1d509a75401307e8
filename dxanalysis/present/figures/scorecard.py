"""Every (indicator, series, target year) on one progress scale, coloured by verdict (:func:`plot_scorecard`)."""

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
from dxanalysis.present.verdict_tables import judgement_text

__all__ = ["plot_scorecard"]


def plot_scorecard(card: pd.DataFrame, lang: str = "en", *, cap: float = 1.2) -> Figure:
    """Every row of the scorecard (an indicator's series against one target year) on one progress scale, coloured
    by verdict, grouped by pillar, with the date of judgement.

    Each bar is a figure as a share of the target (for an "at most" target such as a rank, target ÷ figure), capped
    at ``cap`` (120%): 100% is the target. The figure is the one the verdict rests on: for a target year that is
    over, the figure for that year (the basis); where none is published, the latest figure, hatched; for a target
    ahead, the latest figure. Beside each bar: that figure, its period, and the target and its year. Rows without
    figures have no bar.

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
    >>> fig = dx.plots.plot_scorecard(dx.scorecard(judged_on="2026-12-03"))
    >>> from matplotlib.text import Text
    >>> fig.axes[0].get_xlabel(), any("as of 3 December 2026" in t.get_text() for t in fig.findobj(Text))
    ('Figure as a share of the target (%)', True)
    """
    lang = check_lang(lang)
    needed = {"pillar", "indicator", "latest", "target", "target_year", "comparator", "status"}
    if not isinstance(card, pd.DataFrame) or not needed <= set(card.columns):
        raise DxError(f"plot_scorecard needs the frame of dx.scorecard(), with columns {', '.join(sorted(needed))}")
    rows, items = _items(card)
    sources = rows["document"].dropna().astype(str).tolist() if "document" in rows.columns else []
    note = source_note(scorecard_sources(rows), lang, sources)
    days = card["judged_on"].dropna() if "judged_on" in card.columns else pd.Series(dtype=object)
    when = judgement_text(days.iloc[0] if len(days) else None, lang)
    several = card.groupby("indicator")["series"].nunique()
    height = 0.3 * len(items) + 2.9
    with figure_style():
        fig, body = frame(
            12.5,
            height,
            label("title_scorecard", lang),
            label("subtitle_scorecard", lang, cap=i18n.fmt_percent(cap, lang, 0), when=when),
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
                tick_labels.append(_draw_row(ax, yi, item, right, cap, lang, int(several.get(item["indicator"], 1))))
        ax.axvline(100, color="0.2", linewidth=1.0, zorder=3)
        ax.set_yticks(ticks, tick_labels)
        for tick, is_bold in zip(ax.get_yticklabels(), bold, strict=True):
            if is_bold:
                tick.set_fontweight("bold")
                tick.set_fontsize(9)
        ax.set_ylim(-0.7, len(items) - 0.3)
        ax.set_xlim(0, right + 110)
        ax.set_xticks([t for t in range(0, int(100 * cap) + 1, 20)])
        ax.xaxis.set_major_formatter(ValueFormatter(lang))
        ax.grid(False, axis="y")
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(label("progress_axis", lang))
        ax.set_ylabel(label("col_name", lang))
        handles = [
            Patch(facecolor=c, edgecolor="0.3", label=i18n.status_name(s, lang).capitalize())
            for s, c in STATUS_COLOURS.items()
        ]
        body.legend(handles=handles, loc="outside upper center", ncols=4)
    return fig


def _items(card: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, Any]]]:
    """The scorecard's rows with the figure each bar shows and its progress, sorted by pillar, indicator, series and
    target year, and the lines of the figure from top to bottom: each pillar's heading (``("pillar", pillar)``)
    followed by its rows (``("row", row)``)."""
    rows = card.copy()
    shown = [_shown(r) for _, r in rows.iterrows()]
    rows["shown"], rows["shown_period"], rows["hatched"] = zip(*shown, strict=True) if shown else ((), (), ())
    rows["progress"] = [_progress(r["shown"], r["target"], r["comparator"]) for _, r in rows.iterrows()]
    order = list(PILLARS)
    rows["_pillar_order"] = rows["pillar"].map(lambda p: order.index(p) if p in order else len(order))
    keys = ["_pillar_order", "indicator", "series", "target_year"]
    rows = rows.sort_values([k for k in keys if k in rows.columns], na_position="first", kind="stable")
    items: list[tuple[str, Any]] = []
    for _order, group in rows.groupby("_pillar_order", sort=True):
        items.append(("pillar", str(group.iloc[0]["pillar"])))
        items += [("row", row) for _, row in group.iterrows()]
    return rows, items


def _shown(row: pd.Series) -> tuple[float, str, bool]:
    """The figure a row's bar shows, its period, and whether it is hatched (a past year with no figure: the latest)."""
    basis: Any = row.get("basis")
    if finite(basis):
        return float(basis), str(row.get("basis_period", "")), False
    latest: Any = row.get("latest")
    period = row.get("latest_period")
    return (
        float(latest) if finite(latest) else math.nan,
        period if isinstance(period, str) else "",
        row.get("status") == "not published",
    )


def _draw_row(ax: Axes, y: float, item: pd.Series, right: float, cap: float, lang: str, several: int) -> str:
    """One row's bar (none without figures) and the text beside it; returns its tick label."""
    colour = STATUS_COLOURS.get(str(item["status"]), "#999999")
    digits = decimals([item["shown"]])
    target = fmt_number(item["target"], lang, decimals([item["target"]]))
    year = int(item["target_year"])
    if finite(item["progress"]):
        width = 100 * min(float(item["progress"]), cap)
        hatch = "////" if item["hatched"] else None
        face = "white" if item["hatched"] else colour
        ax.barh(
            y,
            width,
            color=face,
            edgecolor=colour if item["hatched"] else "0.3",
            hatch=hatch,
            height=0.62,
            linewidth=0.6,
            zorder=2,
        )
        key = "scorecard_row_unpublished" if item["hatched"] else "scorecard_row"
        text = label(
            key,
            lang,
            latest=fmt_number(item["shown"], lang, digits),
            period=i18n.fmt_period(item["shown_period"], lang, short=True),
            target=target,
            year=year,
        )
    else:
        text = label("scorecard_row_empty", lang, target=target, year=year)
    ax.text(right, y, text, va="center", ha="left", fontsize=7.5, color="0.2")
    name = i18n.indicator_name(item["indicator"], lang)
    series = item.get("series")
    if several > 1 and isinstance(series, str):
        name += f" ({i18n.series_name(series, lang, item.get('latest_period'))})"
    return wrap(f"{name} · {year}", 4.4, 7.5)


def _progress(latest: Any, target: Any, comparator: Any) -> float:
    """The latest figure as a share of the target (target ÷ latest for an "at most" target); NaN without both."""
    if not (finite(latest) and finite(target)) or float(target) == 0 or float(latest) == 0:
        return math.nan
    ratio = float(latest) / float(target)
    return ratio if comparator == "at_least" else 1.0 / ratio
