"""The figures and their labels: every plot function in English and Vietnamese, i18n, and the scenario parsers."""

from __future__ import annotations

import io
import itertools
import math
import warnings
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import dxanalysis as dx
from dxanalysis.analysis.scenarios import parse_rates, parse_targets
from dxanalysis.present import i18n
from dxanalysis.present.figures import STATUS_COLOURS

#: Letters only Vietnamese uses (with their marks): at least one must appear in a Vietnamese figure.
VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ")
GRID = dict(start=16.5, start_year=2023, part_growth=[0.10, 0.16, 0.20], whole_growth=[0.06, 0.067, 0.08])
TARGETS = {2025: 20.0, 2030: 30.0}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def card() -> pd.DataFrame:
    return dx.scorecard(judged_on="2026-12-03")


@pytest.fixture(scope="module")
def grid() -> pd.DataFrame:
    return dx.share_scenario_grid(**GRID, targets=TARGETS)


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _draw(fig: Figure) -> list[str]:
    """Render the figure; return the warnings about glyphs the font lacks."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught if "glyph" in str(w.message).lower() or "missing" in str(w.message)]


def _shown_texts(fig: Figure) -> tuple[list[Text], list[Text]]:
    """The texts a reader sees (tick labels outside the view are never drawn): all of them, and the decorations
    that must stay clear of every panel (titles, axis labels, tick labels, and the figure's own texts)."""
    hidden, decorations = set(), []
    for ax in fig.axes:
        decorations += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                loc = tick.get_loc()
                if loc is None or not lo - 1e-9 <= loc <= hi + 1e-9:
                    hidden.update({id(tick.label1), id(tick.label2)})
                else:
                    decorations.append(tick.label1)
    texts = [t for t in fig.findobj(Text) if id(t) not in hidden and t.get_visible() and t.get_text().strip()]
    decorations += [t for t in texts if t.axes is None]
    return texts, [t for t in decorations if t.get_visible() and t.get_text().strip()]


def _overlaps(fig: Figure) -> list[str]:
    """Every pair of texts drawn over each other, every text running off the figure, and every decoration drawn over
    a panel (by more than a pixel)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts, decorations = _shown_texts(fig)

    def boxes(items: list) -> list:
        return [(t, b) for t in items if (b := t.get_window_extent(renderer)).width > 0 and b.height > 0]

    def cross(a, b) -> bool:
        return min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1

    found = [
        f"{t1.get_text()[:40]!r} over {t2.get_text()[:40]!r}"
        for (t1, b1), (t2, b2) in itertools.combinations(boxes(texts), 2)
        if cross(b1, b2)
    ]
    page = fig.bbox
    found += [
        f"{t.get_text()[:40]!r} runs off the figure"
        for t, b in boxes(texts)
        if b.x0 < page.x0 - 1 or b.y0 < page.y0 - 1 or b.x1 > page.x1 + 1 or b.y1 > page.y1 + 1
    ]
    panels = [(ax, ax.get_window_extent(renderer)) for ax in fig.axes if ax.get_visible()]
    found += [
        f"{t.get_text()[:40]!r} over the panel {ax.get_title()[:40]!r}"
        for t, b in boxes(decorations)
        for ax, box in panels
        if cross(b, box)
    ]
    return found


def _check(fig: Figure, lang: str, *, ylabel_has: str | None = None, xlabel_has: str | None = None) -> None:
    assert isinstance(fig, Figure)
    assert fig.get_suptitle(), "every figure has a title"
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    assert axes
    assert any(ax.get_xlabel() for ax in axes) and any(ax.get_ylabel() for ax in axes), "labelled axes"
    if ylabel_has is not None:
        assert any(ylabel_has in ax.get_ylabel() for ax in axes), [ax.get_ylabel() for ax in axes]
    if xlabel_has is not None:
        assert any(xlabel_has in ax.get_xlabel() for ax in axes), [ax.get_xlabel() for ax in axes]
    legends = list(fig.legends) + [ax.get_legend() for ax in axes if ax.get_legend() is not None]
    for sub in fig.subfigs:
        legends += list(sub.legends) + [leg for s in sub.subfigs for leg in s.legends]
    assert legends or any(ax.images or ax.collections for ax in axes), "a legend (or a colour bar)"
    note = fig.get_supxlabel()
    assert note.startswith("Source:" if lang == "en" else "Nguồn:") or "Source:" in note or "Nguồn:" in note
    assert _draw(fig) == [], "every glyph is in the font"
    assert _overlaps(fig) == [], "no text is drawn over another text or over a panel"
    if lang == "vi":
        assert any(VIETNAMESE & set(text) for text in _texts(fig)), "Vietnamese text keeps its diacritics"


def _subtitle(fig: Figure) -> str:
    text = fig.subfigs[0]._suptitle
    return text.get_text().replace("\n", " ") if text is not None else ""


def _unit(indicator: str, lang: str) -> str:
    return i18n.unit_label(indicator, lang)


CASES: dict[str, Callable[..., tuple[Figure, dict[str, str]]]] = {
    "history": lambda lang, **_: (
        dx.plots.plot_history("digital_economy_share_gdp", lang=lang),
        {"ylabel_has": _unit("digital_economy_share_gdp", lang)},
    ),
    "trends": lambda lang, **_: (
        dx.plots.plot_trends(
            dx.series("fibre_households_using"), models=["linear", "drift_logit", "ets"], until=2027, lang=lang
        ),
        {"ylabel_has": _unit("fibre_households_using", lang)},
    ),
    "assessment": lambda lang, **_: (
        dx.plots.plot_assessment(
            dx.assess_target("digital_economy_share_gdp", target_year=2030, judged_on="2026-12-03"), lang=lang
        ),
        {"ylabel_has": _unit("digital_economy_share_gdp", lang)},
    ),
    "dashboard": lambda lang, **_: (
        dx.plots.plot_dashboard(as_of="2024-05-01", lang=lang),
        {"ylabel_has": _unit("fibre_households_using", lang)},
    ),
    "scorecard": lambda lang, card, **_: (dx.plots.plot_scorecard(card, lang=lang), {"xlabel_has": "(%)"}),
    "heatmap": lambda lang, grid, **_: (
        dx.plots.plot_scenario_heatmap(grid, 30, target_year=2030, start=16.5, start_year=2023, lang=lang),
        {"ylabel_has": "%", "xlabel_has": "GDP"},
    ),
    "lines": lambda lang, **_: (
        dx.plots.plot_scenario_lines(
            16.5,
            2023,
            {"a": (0.2, 0.2 / 3), "b": (0.13, 0.067)},
            2032,
            TARGETS,
            lang=lang,
            history=dx.series("digital_economy_share_gdp", "mic", freq="year"),
        ),
        {"ylabel_has": "(%)"},
    ),
}


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("name", list(CASES))
def test_every_plot_is_labelled_in_both_languages(name, lang, card, grid):
    fig, expect = CASES[name](lang, card=card, grid=grid)
    _check(fig, lang, **expect)


@pytest.mark.parametrize(("ncols", "lang"), [(1, "vi"), (2, "en"), (3, "vi")])
def test_dashboard_layout_holds_at_any_width(ncols, lang):
    """The dashboard is laid out from its texts' sizes: narrow figures wrap the title and the legend, and still
    nothing overlaps."""
    fig = dx.plots.plot_dashboard(lang=lang, ncols=ncols)
    assert fig.get_figwidth() == 4.0 * ncols
    assert _overlaps(fig) == []
    if ncols == 1:  # four inches cannot hold the five entries side by side
        legend = fig.legends[0]
        assert legend._ncols < len(legend.get_texts()), "the legend wraps onto more rows in a narrow figure"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_projection_leaving_the_range_says_when(lang):
    """A linear trend of a share runs past 100%: its panel marks the year it does; a logit-scale model never does."""
    s = dx.series("fibre_households_using")
    fig = dx.plots.plot_trends(s, models=["linear", "drift_logit"], until=2032, lang=lang)
    linear, logit = fig.axes[:2]
    fit = dx.fit_trend(s, "linear").forecast(until=2032)
    year = int(fit.loc[fit["at_bound"], "year"].iloc[0])  # the first year the model itself is past 100
    said = [t.get_text() for t in linear.texts if t.get_gid() == "reaches_bound"]  # (and the tested horizon's)
    word = "reaches 100 in" if lang == "en" else "chạm mức 100 vào năm"
    assert said == [f"{word} {year}"], (said, year)
    assert not [t for t in logit.texts if word in t.get_text()]
    assert _overlaps(fig) == []


def test_a_rank_reaching_first_place_is_marked_inside_its_inverted_panel():
    """A rank's axis is inverted (1 at the top): the mark of a trend reaching rank 1 sits below the line's end, inside
    the panel, not over its title."""
    fig = dx.plots.plot_trends(dx.series("egdi_rank"), models=["linear"], until=2060)
    ax = fig.axes[0]
    assert ax.yaxis_inverted()
    marks = [t for t in ax.texts if t.get_gid() == "reaches_bound"]
    assert [t.get_text() for t in marks] == ["reaches 1 in 2059"]  # 99, 89, 88, 86, 86, 71 (2014–2024)
    box, panel = marks[0].get_window_extent(), ax.get_window_extent()  # inside the panel, below its top edge
    assert panel.y0 <= box.y0 and box.y1 <= panel.y1 and panel.x0 <= box.x0 and box.x1 <= panel.x1
    assert _overlaps(fig) == []


def test_a_long_pillar_name_wraps_inside_a_narrow_dashboard(monkeypatch):
    long = "Hạ tầng số và các dịch vụ nền tảng dùng chung của chính quyền điện tử các cấp trên toàn quốc"
    monkeypatch.setattr(i18n, "pillar_name", lambda pillar, lang="en": long)
    fig = dx.plots.plot_dashboard(lang="vi", ncols=1)
    assert any("\n" in t.get_text() and t.get_text().replace("\n", " ") == long for t in fig.texts)
    assert _overlaps(fig) == []


def test_history_marks_vintages_and_statuses():
    fig = dx.plots.plot_history("digital_economy_share_gdp", lang="en")
    legend = fig.axes[0].get_legend()
    entries = [t.get_text() for t in legend.get_texts()]
    assert "Ministry (MIC)" in entries and "Statistics office (GSO)" in entries  # competing series, side by side
    assert "Estimate" in entries and "Actual" in entries
    assert any(e.startswith("Earlier release") for e in entries)  # revised figures stay visible
    one = dx.plots.plot_history("digital_economy_share_gdp", source="gso", as_of="2024-12-31", lang="vi")
    assert "tính đến 31/12/2024" in _subtitle(one)


def test_history_without_figures_says_so():
    fig = dx.plots.plot_history("broadband_communes_covered", lang="vi")
    assert "Chưa có số liệu công bố" in _texts(fig)


def test_history_refuses_an_unknown_series_or_indicator():
    with pytest.raises(dx.UnknownSeriesError, match="accepted: gso, mic"):
        dx.plots.plot_history("digital_economy_share_gdp", source="itu")
    with pytest.raises(dx.UnknownIndicatorError):
        dx.plots.plot_history("digital_economy_shares")


def _bands(fig: Figure) -> list[object]:
    """The intervals drawn (filled bands) in a figure's first panel."""
    return [c for c in fig.axes[0].collections if type(c).__name__ == "FillBetweenPolyCollection"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_assessment_with_insufficient_data(lang):
    short = dx.assess_target("mobile_5g_population_coverage", target_year=2030, judged_on="2026-12-03")
    assert short.status == "insufficient data" and short.caveat == "too_short"
    fig = dx.plots.plot_assessment(short, lang=lang)
    _check(fig, lang, ylabel_has=_unit("mobile_5g_population_coverage", lang))
    assert fig.get_suptitle().endswith(i18n.status_name("insufficient data", lang))
    subtitle = _subtitle(fig)
    assert ("Too short a history for a trend" if lang == "en" else "Chuỗi số liệu quá ngắn") in subtitle
    assert ("as of 3 December 2026" if lang == "en" else "tính đến ngày 3/12/2026") in subtitle
    assert not _bands(fig)  # no interval drawn from a refused projection

    one = dx.assess_target(pd.Series([50.0], index=[2023]), target=60, target_year=2025, judged_on="2024-06-01")
    fig = dx.plots.plot_assessment(one, lang=lang)
    assert fig.get_suptitle().endswith(i18n.status_name("insufficient data", lang))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_assessment_of_past_targets_shows_the_figure_it_rests_on(lang, without_mst_2025):
    late = dx.assess_target("fibre_households_using", target_year=2023, judged_on="2026-12-03")
    fig = dx.plots.plot_assessment(late, lang=lang)
    _check(fig, lang, ylabel_has=_unit("fibre_households_using", lang))
    assert fig.get_suptitle().endswith(i18n.status_name("met late", lang))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert ("Figure for 2023" if lang == "en" else "Số liệu năm 2023") in legend
    assert any(("2025-H1" if lang == "en" else "6 tháng đầu năm 2025") in text for text in legend)  # met later
    assert fig.axes[0].get_xlim()[1] > 2025.5  # the 2025-H1 figure is drawn
    assert "85.1" in _subtitle(fig) or "85,1" in _subtitle(fig)
    nowcast = dx.assess_target("digital_economy_share_gdp", target_year=2025, judged_on="2026-12-03")
    fig = dx.plots.plot_assessment(nowcast, lang=lang)
    _check(fig, lang, ylabel_has=_unit("digital_economy_share_gdp", lang))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any(text.startswith("Nowcast" if lang == "en" else "Ước tính tức thời") for text in legend) and _bands(fig)
    assert "14.02" in _subtitle(fig) or "14,02" in _subtitle(fig)  # the statistics office's 2025 figure beside it


def test_assessment_of_a_passed_target_and_a_rank():
    passed = dx.assess_target("dossiers_full_process_online", judged_on="2026-12-03")  # 2025 target
    fig = dx.plots.plot_assessment(passed)
    assert passed.status == "missed" and "as far as published" in _subtitle(fig)
    assert not _bands(fig)  # nothing projected for a year judged by its figure
    rank = dx.plots.plot_assessment(dx.assess_target("egdi_rank"))
    assert rank.axes[0].yaxis_inverted()  # rank 1 is best: better is up
    with pytest.raises(dx.DxError, match="TargetAssessment"):
        dx.plots.plot_assessment("digital_economy_share_gdp")  # type: ignore[arg-type]


def test_trends_panels_and_refusals():
    s = dx.series("digital_economy_share_gdp", "mic")
    fig = dx.plots.plot_trends(s, lang="vi")  # every supported model: ETS needs 10 figures and is left out
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert len(titles) == 6 and i18n.model_name("ets", "vi") not in titles
    assert len({ax.get_ylim() for ax in fig.axes if ax.get_visible()}) == 1  # shared y
    one = dx.plots.plot_trends(dx.series("fibre_communes_connected"))
    assert [ax.get_title() for ax in one.axes] == ["Insufficient data"]
    with pytest.raises(dx.DxError, match="unknown model"):
        dx.plots.plot_trends(s, models=["arima"])
    with pytest.raises(dx.DxError, match="probability"):
        dx.plots.plot_trends(s, level=80)
    with pytest.raises(dx.DxError, match="pandas Series"):
        dx.plots.plot_trends([1, 2, 3])  # type: ignore[arg-type]


def test_scorecard_encodes_progress_and_status(card):
    fig = dx.plots.plot_scorecard(card, lang="vi")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Hạ tầng số" in labels  # grouped by pillar
    assert sum("Cục Thống kê" in lab for lab in labels) == 5  # every target year of the statistics office
    widths = [bar.get_width() for bar in ax.patches]
    assert widths and max(widths) <= 120 + 1e-9  # capped at 120% of the target
    faces = {matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches}
    assert {STATUS_COLOURS[s].lower() for s in ("met", "met late", "missed")} <= faces
    assert any(bar.get_hatch() for bar in ax.patches)  # not published: the latest figure, hatched
    assert "tính đến ngày 3/12/2026" in _subtitle(fig)
    legend = [t.get_text() for lg in fig.findobj(matplotlib.legend.Legend) for t in lg.get_texts()]
    assert len(legend) == len(dx.analysis.assessment.TARGET_STATUSES) == len(set(STATUS_COLOURS.values()))
    with pytest.raises(dx.DxError, match=r"dx\.scorecard"):
        dx.plots.plot_scorecard(pd.DataFrame({"x": [1]}))


def test_heatmap_cells_and_refusals(grid):
    fig = dx.plots.plot_scenario_heatmap(grid, 30, target_year=2030, lang="vi")
    cells = set(_texts(fig))
    assert {"2029", "chưa"} <= cells or "2029" in cells
    slow = dx.share_scenario_grid(start=16.5, start_year=2023, part_growth=[0.05], whole_growth=[0.08], targets=TARGETS)
    assert "chưa" in _texts(dx.plots.plot_scenario_heatmap(slow, 30, lang="vi"))
    assert "—" in _texts(dx.plots.plot_scenario_heatmap(slow, 30, lang="en", until=2050))
    with pytest.raises(dx.DxError, match="accepted: 20, 30"):
        dx.plots.plot_scenario_heatmap(grid, 25)


def test_scenario_lines_refuse_no_scenario():
    with pytest.raises(dx.DxError, match="scenarios is empty"):
        dx.plots.plot_scenario_lines(16.5, 2023, {}, 2030, TARGETS)


def test_plots_and_i18n_load_lazily():
    import importlib

    assert importlib.import_module("dxanalysis.present.figures") is dx.plots
    assert dx.i18n is i18n
    with pytest.raises(AttributeError, match="no attribute 'plotz'"):
        dx.plotz  # noqa: B018


def test_the_old_module_path_gives_every_figure():
    """``dxanalysis.plots`` (the flat layout's path) still gives every figure and the status colours and markers."""
    import importlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old = importlib.import_module("dxanalysis.plots")
    names = [n for n in dir(dx.plots) if n.startswith("plot_")]
    assert names == sorted(n for n in dx.present.figures.__all__ if n.startswith("plot_")) and "plot_peers" in names
    assert all(getattr(old, n) is getattr(dx.plots, n) for n in names)
    assert old.STATUS_COLOURS["on track"] and old.STATUS_MARKERS["actual"] == "o"


def test_text_is_wrapped_to_its_width_in_the_figures_font():
    from dxanalysis.present.figures._layout import legend_columns, text_width, wrap

    text = "Tỷ lệ hộ gia đình sử dụng Internet băng rộng cáp quang"
    lines = wrap(text, 1.5, 9).split("\n")
    assert len(lines) > 1 and " ".join(lines) == text, "wrapped at spaces, no word lost"
    assert all(text_width(line, 9) <= 1.5 * 72 for line in lines)
    assert legend_columns(["a", "b", "c"], 10.0, 8) == 3
    assert legend_columns(["a legend entry far too long to share a row"] * 3, 2.0, 8) == 1


def test_y_limits_stay_near_the_indicators_range_and_years_sit_mid_year():
    from dxanalysis.present.figures._axes import limits, year_axis

    lo, hi = limits([90.0, 99.0, 130.0], lower=0, upper=100)  # an interval past 100% says nothing 100% does not
    assert (lo, hi) == pytest.approx((89.2, 100.2))
    flat_lo, flat_hi = limits([5.0, 5.0])
    assert flat_lo < 5.0 < flat_hi, "one value still gets a range"
    ax = Figure().add_subplot()
    year_axis(ax, 2020.0, 2025.0, "en")
    assert list(ax.get_xticks()) == [2020.5, 2021.5, 2022.5, 2023.5, 2024.5]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021", "2022", "2023", "2024"]


# ----------------------------------------------------------------------------------------------------------------------
# i18n


def test_labels_in_both_languages():
    assert [i18n.status_name(s, "vi") for s in dx.analysis.assessment.STATUSES] == [
        "đã đạt",
        "đạt muộn",
        "không đạt",
        "chưa công bố kết quả",
        "đúng tiến độ",
        "chưa chắc chắn",
        "chậm tiến độ",
        "chưa đủ dữ liệu",
        "chỉ tiêu đã ngừng công bố",
    ]
    for key, (en, vi) in i18n.LABELS.items():
        assert en and vi, key
        assert en.count("{") == vi.count("{"), f"{key}: the two templates take the same fields"
    assert {m for m in dx.MODELS} <= {k.removeprefix("model_") for k in i18n.LABELS if k.startswith("model_")}
    assert i18n.indicator_name("fibre_households_using", "vi").startswith("Tỷ lệ hộ gia đình")
    assert i18n.unit_label("digital_economy_share_gdp", "vi") == "% GDP"
    assert i18n.pillar_name("digital_economy", "vi") == "Kinh tế số"
    assert "Hai chuỗi" in i18n.indicator_description("digital_economy_share_gdp", "vi")
    assert i18n.model_name("made_up") == "made_up" and i18n.series_name("xyz") == "xyz"
    assert i18n.geo_name("VN-SG") == "VN-SG"


@pytest.mark.parametrize(
    ("x", "lang", "digits", "text"),
    [
        (12345.6, "vi", 1, "12.345,6"),
        (12345.6, "en", 1, "12,345.6"),
        (-0.04, "en", 1, "0.0"),
        (1234567.891, "vi", 2, "1.234.567,89"),
        (2030, "en", 0, "2,030"),
        (math.nan, "vi", 1, "—"),
        (None, "en", 1, "—"),
        (pd.NA, "en", 1, "—"),
        (math.inf, "en", 1, "∞"),
    ],
)
def test_fmt_number(x, lang, digits, text):
    assert i18n.fmt_number(x, lang, digits) == text


def test_fmt_percent_and_compact():
    assert i18n.fmt_percent(0.0667, "vi") == "6,7%"
    assert i18n.fmt_percent(None, "en") == "—"
    assert i18n.fmt_compact(2.68e8, "en") == "268 million"
    assert i18n.fmt_compact(1.5e9, "vi") == "1,5 tỷ"
    assert i18n.fmt_compact(None, "vi") == "—"


@pytest.mark.parametrize(
    "call",
    [
        lambda: i18n.label("target", "fr"),
        lambda: i18n.fmt_number(1.0, "fr"),
        lambda: i18n.indicator_name("fibre_households_using", "fr"),
        lambda: dx.plots.plot_history("digital_economy_share_gdp", lang="fr"),
    ],
)
def test_an_unsupported_language_is_refused(call):
    with pytest.raises(dx.DxError, match=r"lang='fr'.*accepted: 'en' \(English\), 'vi' \(Vietnamese\)"):
        call()


def test_an_unknown_label_is_refused_with_a_suggestion():
    with pytest.raises(dx.DxError, match="did you mean 'target'"):
        i18n.label("targett", "en")
    with pytest.raises(dx.UnknownIndicatorError):
        i18n.unit_label("fibre_household_using", "en")


# ----------------------------------------------------------------------------------------------------------------------
# Parameters written as text


rates = st.lists(st.floats(min_value=-0.99, max_value=5.0, allow_nan=False), min_size=1, max_size=8)


@given(rates)
def test_parse_rates_round_trips(values):
    assert parse_rates(",".join(repr(v) for v in values)) == values


@given(st.dictionaries(st.integers(1900, 2100), st.floats(min_value=0.01, max_value=100.0), min_size=1, max_size=6))
def test_parse_targets_round_trips(targets):
    text = ", ".join(f"{year}:{value!r}" for year, value in targets.items())
    assert parse_targets(text) == targets


def test_parse_accepts_percentages_and_semicolons():
    assert parse_rates("12%; 0.2") == [0.12, 0.2]
    assert parse_targets("2025:20%;2030:30") == {2025: 20.0, 2030: 30.0}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0.1,abc", "growth rate 'abc' (item 2 of '0.1,abc') is not a number"),
        ("0.1,,0.2", "has an empty item"),
        ("", "is empty"),
        ("-1.5", "growth rate '-1.5' (item 1 of '-1.5') is not a growth rate above -1"),
        ("inf", "is not a growth rate above -1"),
    ],
)
def test_parse_rates_names_the_bad_item(text, message):
    with pytest.raises(dx.DxError) as err:
        parse_rates(text)
    assert message in str(err.value) and "accepted: " in str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025=20", "target '2025=20' (item 1 of '2025=20') is not year:value"),
        ("2025:20,20x5:30", "target '20x5:30' (item 2 of '2025:20,20x5:30'): '20x5' is not a year"),
        ("2025:abc", "'abc' is not a number"),
        ("2025:150", "'150' is not a share in (0, 100]"),
        ("2025:20,2025:30", "the year 2025 is given twice"),
        (" , ", "is empty"),
    ],
)
def test_parse_targets_names_the_bad_item(text, message):
    with pytest.raises(dx.DxError) as err:
        parse_targets(text)
    assert message in str(err.value) and "accepted" in str(err.value)


def test_parsers_refuse_what_is_not_text():
    with pytest.raises(dx.DxError, match="must be given as text"):
        parse_rates([0.1, 0.2])  # type: ignore[arg-type]


def test_report_output_draws_what_savefig_draws(tmp_path):
    """ReportOutput solves a figure's layout once for both files; the PNG is savefig's, pixel for pixel, the SVG keeps
    its text as text, and a figure with no layout engine of its own is cropped to what it draws."""
    from PIL import Image

    from dxanalysis.reports.outputs import ReportOutput

    out = ReportOutput(tmp_path)
    expected = io.BytesIO()
    dx.plots.plot_history("digital_economy_share_gdp", lang="vi").savefig(expected, format="png", dpi=150)
    fig = dx.plots.plot_history("digital_economy_share_gdp", lang="vi")
    shown = out.figure(fig, "Lịch sử")
    png, svg = tmp_path / "figures" / "lich_su.png", tmp_path / "figures" / "lich_su.svg"
    assert np.array_equal(np.asarray(Image.open(png)), np.asarray(Image.open(expected)))
    assert "Tỷ trọng kinh tế số" in svg.read_text(encoding="utf-8")
    assert shown.alt.startswith("Tỷ trọng kinh tế số") and out.figures == ["lich_su"]
    assert fig.dpi == 100 and type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine", "left as it was"
    with plt.rc_context({"savefig.facecolor": "#ffff00"}):  # savefig's own settings still apply
        out.figure(dx.plots.plot_history("digital_economy_share_gdp"), "yellow")
    assert np.asarray(Image.open(tmp_path / "figures" / "yellow.png"))[0, 0, :3].tolist() == [255, 255, 0]

    mine = plt.figure(figsize=(4, 3))  # an economist's own figure, no layout engine
    mine.add_subplot().set_ylabel("a label the default margins would cut " * 2)
    out.figure(mine, "mine")
    width, height = Image.open(tmp_path / "figures" / "mine.png").size
    assert (width, height) != (600, 450), "cropped to what it draws (savefig's tight bounding box)"
    assert (tmp_path / "figures" / "mine.svg").stat().st_size > 0
