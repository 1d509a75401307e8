"""A province's DTI rank over the years beside its neighbours' (:func:`plot_dti_ranks`): the static figure and, for
the HTML page, the same lines as an interactive chart (each rank with its source on hover)."""

from __future__ import annotations

import datetime as dt

from matplotlib import colormaps
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from dxanalysis import data
from dxanalysis.analysis import provinces as prov
from dxanalysis.present.figures._axes import message, source_note, value_axis, year_axis
from dxanalysis.present.figures._layout import frame
from dxanalysis.present.figures._style import HISTORY, figure_style
from dxanalysis.present.figures.interactive import Chart, Trace, attach, figures_trace, year_labels
from dxanalysis.present.i18n import check_lang, label
from dxanalysis.present.provinces import province_name

__all__ = ["plot_dti_ranks"]


def plot_dti_ranks(geo: str, lang: str = "en", as_of: str | dt.date | None = None) -> Figure:
    """The DTI rank among the 63 provinces of ``geo`` (bold) and of its neighbours (thin, each in its colour) year
    by year, 1 at the top; a year without a published rank is a gap. For one of the 34 provinces formed in 2025,
    its members' ranks.

    Parameters
    ----------
    geo
        A province, by code or name (either map).
    lang
        ``"en"`` or ``"vi"``.
    as_of
        Only the ranks published on or before this date.

    Examples
    --------
    >>> fig = plot_dti_ranks("VN-DN", lang="vi")
    >>> fig.get_suptitle()
    'Đà Nẵng: thứ hạng DTI qua các năm'
    """
    lang = check_lang(lang)
    code = prov.province_code(geo)
    near = prov.neighbours(code, as_of=as_of)
    obs = data.load_observations(as_of=as_of or None)
    ranks = obs[(obs["indicator"] == "dti_rank") & obs["geo"].isin(list(near.codes))]
    ranks = ranks[ranks["period"].str.fullmatch(r"\d{4}")].assign(year=lambda f: f["period"].astype(int))
    title = label("title_dti_ranks", lang, name=province_name(code, lang))
    others = ", ".join(province_name(c, lang) for c in near.others) or "—"
    subtitle = label("subtitle_dti_ranks", lang, neighbours=others)
    note = source_note(sorted(set(ranks["source"])), lang)
    tab = colormaps["tab10"]
    traces: list[Trace] = []
    with figure_style():
        fig, body = frame(9.0, 5.2, title, subtitle, [note])
        ax = body.subplots()
        lo, hi = 2019.0, 2026.0
        if ranks.empty:
            message(ax, label("no_figures", lang))
        else:
            lo, hi = float(ranks["year"].min()) - 0.1, float(ranks["year"].max()) + 1.8
        for n, g in enumerate(near.codes):
            rows = ranks[ranks["geo"] == g].sort_values("year")
            if rows.empty:
                continue
            x = (rows["year"] + 0.5).to_numpy(dtype=float)
            mine = g == code
            colour = HISTORY if mine else to_hex(tab(n % 10))
            name = province_name(g, lang)
            ax.plot(
                x, rows["value"].to_numpy(), color=colour, linewidth=2.6 if mine else 1.2, marker="o",
                markersize=5 if mine else 4, label=name, zorder=4 if mine else 2,
            )  # fmt: skip
            ax.annotate(
                name, (x[-1], float(rows["value"].iloc[-1])), xytext=(5, 0), textcoords="offset points",
                va="center", fontsize=7.5, color=colour, fontweight="bold" if mine else "normal",
            )  # fmt: skip
            traces.append(figures_trace(name, rows, x, colour, lang, ""))
        ax.set_ylim(0.0, 64.0)
        year_axis(ax, lo, hi, lang)
        value_axis(ax, lang, label("axis_dti_rank", lang), rank=True)
        if len(traces) > 1:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize=7.5)
    ylo, yhi = sorted(ax.get_ylim())
    chart = Chart(
        "history", lang, title, subtitle, ax.get_xlabel(), ax.get_ylabel(), note, (lo, hi), (ylo, yhi),
        year_labels(lo, hi), tuple(traces), reversed_y=ax.yaxis_inverted(), hint=label("interactive_hint", lang),
    )  # fmt: skip
    return attach(fig, chart)
