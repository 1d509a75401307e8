"""Vietnam beside its neighbours on one indicator: every ASEAN member's figures and the aggregates' over the years
(:func:`plot_peers`)."""

from __future__ import annotations

import datetime as dt
import math

from matplotlib import colormaps
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from dxanalysis.analysis.peers import AGGREGATE_GEOS, peer_panel
from dxanalysis.present import i18n
from dxanalysis.present.figures._axes import limits, message, source_note, value_axis, year_axis
from dxanalysis.present.figures._catalogue import bounds_of, check_indicator
from dxanalysis.present.figures._layout import frame
from dxanalysis.present.figures._style import HISTORY, figure_style
from dxanalysis.present.i18n import check_lang, label
from dxanalysis.present.peers import place_name

__all__ = ["plot_peers"]


def plot_peers(indicator: str, lang: str = "en", as_of: str | dt.date | None = None) -> Figure:
    """An indicator's figures for Vietnam (bold), the other ASEAN members (thin, each in its colour) and the world
    and lower-middle-income aggregates (dashed), each line named at its end; the latest release of each figure.

    Parameters
    ----------
    indicator
        One of :data:`~dxanalysis.analysis.peers.PEER_INDICATORS`, e.g. ``"internet_users"``.
    lang
        ``"en"`` or ``"vi"``.
    as_of
        Only the figures published on or before this date.

    Examples
    --------
    >>> import dxanalysis as dx
    >>> fig = dx.plots.plot_peers("internet_users", lang="vi")
    >>> fig.get_suptitle().startswith("Tỷ lệ người sử dụng Internet") or "Việt Nam" in fig.get_suptitle()
    True
    """
    lang = check_lang(lang)
    check_indicator(indicator)
    panel = peer_panel(indicator, as_of=as_of)
    name = i18n.indicator_name(indicator, lang)
    subtitle = label("subtitle_peers", lang, series=i18n.series_name("itu", lang))
    sources = sorted({s for v in panel.attrs.get("sources", {}).values() for s in v})
    with figure_style():
        fig, body = frame(9.5, 5.8, label("title_peers", lang, name=name), subtitle, [source_note(sources, lang)])
        ax = body.subplots()
        if panel.empty:
            message(ax, label("no_figures", lang))
            year_axis(ax, 2000.0, 2026.0, lang)
            return fig
        others = [g for g in panel.columns if g != "VN" and g not in AGGREGATE_GEOS]
        tab = colormaps["tab10"]  # ten colours for the ten other members; black is Vietnam's
        colours = {g: to_hex(tab(i % 10)) for i, g in enumerate(others)}
        for geo in panel.columns:
            line = panel[geo].dropna()
            if line.empty:
                continue
            x = line.index.to_numpy(dtype=float) + 0.5  # a year's figure in the middle of its year
            if geo == "VN":
                style = {"color": HISTORY, "linewidth": 2.8, "marker": "o", "markersize": 4, "zorder": 4}
            elif geo in AGGREGATE_GEOS:
                style = {"color": "0.45", "linewidth": 1.6, "linestyle": "--", "zorder": 3}
            else:
                style = {"color": colours[geo], "linewidth": 1.1, "alpha": 0.85, "zorder": 2}
            ax.plot(x, line.to_numpy(), label=place_name(geo, lang, capital=True), **style)  # type: ignore[arg-type]
            ax.annotate(
                place_name(geo, lang, capital=True),
                (x[-1], float(line.iloc[-1])),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color=str(style["color"]),
                fontweight="bold" if geo == "VN" else "normal",
            )
        lower, upper = bounds_of(indicator)
        ax.set_ylim(*limits(panel.stack().to_numpy(), lower=lower, upper=upper, pad=0.1))
        lo, hi = float(panel.index.min()), float(panel.index.max()) + 1
        year_axis(ax, math.floor(lo), hi + max(1.5, 0.12 * (hi - lo)), lang)
        value_axis(ax, lang, i18n.unit_label(indicator, lang))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize=7.5)
    return fig
