"""Labels in English and Vietnamese for everything a figure, a table or a notebook's narrative prints.

Every text the plots and the notebooks show comes from here: titles, axis labels, legend entries, model and status
names, the scorecard's column headers, and number formatting (Vietnamese writes ``12.345,6`` where English writes
``12,345.6``). Indicator names, unit labels and descriptions come from the catalogue (``name_en`` / ``name_vi``,
``unit_label_en`` / ``unit_label_vi``, ``measures_en`` / ``measures_vi``).

This module imports nothing heavy: pandas only, through the catalogue.

>>> from dxanalysis import i18n
>>> i18n.label("status_off track", "vi")
'chậm tiến độ'
>>> i18n.fmt_number(12345.6, "vi")
'12.345,6'
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import Any, Literal

from dxanalysis.errors import DxError
from dxanalysis.present.numbers import is_missing

__all__ = [
    "LABELS",
    "LANGS",
    "Lang",
    "check_lang",
    "fmt_compact",
    "fmt_number",
    "fmt_percent",
    "geo_name",
    "indicator_description",
    "indicator_name",
    "label",
    "md_escape",
    "model_name",
    "pillar_name",
    "series_name",
    "status_name",
    "unit_label",
]

Lang = Literal["en", "vi"]
LANGS: tuple[str, ...] = ("en", "vi")

#: Every label as key -> (English, Vietnamese). Templates use ``str.format`` fields (``{name}``, ``{year}``, ...).
LABELS: dict[str, tuple[str, str]] = {
    # -- places and generic words --------------------------------------------------------------------------------
    "geo_VN": ("Vietnam", "Việt Nam"),
    "year": ("Year", "Năm"),
    "year_stock": ("Year (a stock figure sits at the end of its period)", "Năm (số liệu thời điểm đặt ở cuối kỳ)"),
    "source": ("Source: {items}.", "Nguồn: {items}."),
    "source_targets": ("targets: {items}", "mục tiêu: {items}"),
    "no_figures": ("No published figures", "Chưa có số liệu công bố"),
    "no_figures_short": ("no figures", "chưa có số liệu"),
    "none": ("none", "không có"),
    # -- figure statuses (how a published figure is qualified) ------------------------------------------------------
    "figure_actual": ("Actual", "Số liệu thực tế"),
    "figure_estimate": ("Estimate", "Ước tính"),
    "figure_provisional": ("Provisional", "Sơ bộ"),
    "figure_projection": ("Projection by the publisher", "Dự kiến của cơ quan công bố"),
    # -- series: who produced the figures ----------------------------------------------------------------------------
    "series_mic": ("Ministry (MIC)", "Bộ TT&TT"),
    "series_gso": ("Statistics office (GSO)", "Tổng cục Thống kê"),
    "series_itu": ("ITU / World Bank", "ITU / Ngân hàng Thế giới"),
    "series_un": ("United Nations", "Liên Hợp Quốc"),
    "series_mps": ("Ministry of Public Security (MPS)", "Bộ Công an"),
    "series_user": ("Your figures", "Số liệu của bạn"),
    "series_wdi": ("World Bank WDI (your file)", "WDI của Ngân hàng Thế giới (tệp của bạn)"),
    "series_owid": ("Our World in Data (your file)", "Our World in Data (tệp của bạn)"),
    # -- legend entries ----------------------------------------------------------------------------------------------
    "history": ("Published figures", "Số liệu đã công bố"),
    "latest_release": ("Latest release", "Lần công bố mới nhất"),
    "earlier_release": (
        "Earlier release (since revised or republished)",
        "Lần công bố trước (đã điều chỉnh/công bố lại)",
    ),
    "trend": ("Trend", "Xu hướng"),
    "projection": ("Projection", "Dự báo"),
    "interval": ("{level} prediction interval", "Khoảng dự báo {level}"),
    "target": ("Target", "Mục tiêu"),
    "fixed_path": ("Fixed required path (from the baseline)", "Lộ trình cần thiết cố định (từ mốc cơ sở)"),
    "reanchored_path": (
        "Re-anchored required path (from the latest figure)",
        "Lộ trình cần thiết điều chỉnh lại (từ số liệu mới nhất)",
    ),
    "two_point_line": ("Two-point change (no interval)", "Thay đổi giữa hai điểm (không có khoảng dự báo)"),
    # -- targets -----------------------------------------------------------------------------------------------------
    "at_least": ("at least", "tối thiểu"),
    "at_most": ("at most", "tối đa"),
    "target_text": ("{comparator} {value} by {year}", "{comparator} {value} vào năm {year}"),
    "target_line": ("target {year}: {value}", "mục tiêu {year}: {value}"),
    "latest_value": ("latest {value} ({period})", "mới nhất {value} ({period})"),
    # -- trend models ------------------------------------------------------------------------------------------------
    "model_linear": ("Linear trend", "Xu hướng tuyến tính"),
    "model_growth": ("Constant growth", "Tăng trưởng không đổi"),
    "model_logistic": ("Saturating (logistic)", "Bão hòa (logistic)"),
    "model_drift": ("Random walk with drift", "Bước ngẫu nhiên có độ trôi"),
    "model_drift_log": ("Random walk with drift (log scale)", "Bước ngẫu nhiên có độ trôi (thang log)"),
    "model_drift_logit": ("Random walk with drift (logit scale)", "Bước ngẫu nhiên có độ trôi (thang logit)"),
    "model_ets": ("Exponential smoothing (ETS)", "San bằng mũ (ETS)"),
    "model_two_points": ("Two-point change", "Thay đổi giữa hai điểm"),
    # -- assessment statuses -----------------------------------------------------------------------------------------
    "status_achieved": ("achieved", "đã đạt"),
    "status_on track": ("on track", "đúng tiến độ"),
    "status_off track": ("off track", "chậm tiến độ"),
    "status_insufficient data": ("insufficient data", "chưa đủ dữ liệu"),
    # fit statuses of dx.compare_trends
    "status_ok": ("fitted", "đã ước lượng"),
    "status_two_points": ("two figures only", "chỉ có hai số liệu"),
    "status_insufficient_data": ("insufficient data", "chưa đủ dữ liệu"),
    "status_not applicable": ("not applicable", "không áp dụng"),
    # -- messages in figures -----------------------------------------------------------------------------------------
    "insufficient_fit": (
        "Insufficient data: {n} {figures}; a trend with an interval needs at least {k}",
        "Chưa đủ dữ liệu: {n} {figures}; cần ít nhất {k} số liệu để ước lượng xu hướng có khoảng dự báo",
    ),
    "held_at_bound": ("; held at {value}", "; giữ ở mức {value}"),
    "reaches_bound": ("reaches {value} in {year}", "chạm mức {value} vào năm {year}"),
    "two_points_note": (
        "Only two figures: the two-point change, with no interval",
        "Chỉ có hai số liệu: thay đổi giữa hai điểm, không có khoảng dự báo",
    ),
    "target_passed": (
        "The target year has passed: nothing left to project",
        "Năm mục tiêu đã qua: không còn gì để dự báo",
    ),
    # -- titles ------------------------------------------------------------------------------------------------------
    "title_history": ("{name}: every published release", "{name}: mọi lần công bố số liệu"),
    "subtitle_history": (
        "{geo}. Solid markers: actual figures; hollow: estimates, provisional figures and projections",
        "{geo}. Điểm đặc: số liệu thực tế; điểm rỗng: ước tính, số liệu sơ bộ và dự kiến",
    ),
    "title_trends": (
        "{name}: trend models with {level} intervals",
        "{name}: các mô hình xu hướng, khoảng dự báo {level}",
    ),
    "subtitle_trends": (
        "{series}, {geo}; {n} figures, {first} to {last}; intervals calibrated on real series",
        "{series}, {geo}; {n} số liệu, từ {first} đến {last}; khoảng dự báo đã hiệu chỉnh trên các chuỗi thực tế",
    ),
    "subtitle_trends_one": ("{series}, {geo}; {n} figure ({first})", "{series}, {geo}; {n} số liệu ({first})"),
    "title_assessment": ("{name}: {status}", "{name}: {status}"),
    "subtitle_assessment_target": ("Target: {target} ({document}).", "Mục tiêu: {target} ({document})."),
    "subtitle_assessment_projection": (
        "Projection: {model}, with its {level} interval; probability of meeting the target: {prob}.",
        "Dự báo: {model}, với khoảng dự báo {level}; xác suất đạt mục tiêu: {prob}.",
    ),
    "title_dashboard": (
        "Vietnam's digital transformation indicators, by pillar",
        "Các chỉ tiêu chuyển đổi số quốc gia, theo trụ cột",
    ),
    "subtitle_dashboard": (
        "Indicators with at least two figures ({when}); dashed line: the national target",
        "Các chỉ tiêu có ít nhất hai số liệu ({when}); đường gạch: mục tiêu quốc gia",
    ),
    "latest_data": ("latest data", "số liệu mới nhất"),
    "as_of": ("as of {date}", "tính đến {date}"),
    "title_scorecard": (
        "Where each indicator stands against its national target",
        "Vị trí của từng chỉ tiêu so với mục tiêu quốc gia",
    ),
    "subtitle_scorecard": (
        "Bar: the latest figure as a share of the target (for a rank: target ÷ latest), capped at {cap}; "
        "colour: status",
        "Thanh: số liệu mới nhất so với mục tiêu (với thứ hạng: mục tiêu ÷ mới nhất), tối đa {cap}; màu: tình trạng",
    ),
    "progress_axis": ("Latest figure as a share of the target (%)", "Số liệu mới nhất so với mục tiêu (%)"),
    "scorecard_row": (
        "{latest} ({period}); target {target} by {year}",
        "{latest} ({period}); mục tiêu {target} năm {year}",
    ),
    "scorecard_row_empty": ("no figures; target {target} by {year}", "chưa có số liệu; mục tiêu {target} năm {year}"),
    "title_heatmap": ("First year the share reaches {value}% of GDP", "Năm đầu tiên tỷ trọng đạt {value}% GDP"),
    "subtitle_heatmap": ("From {start}% in {start_year}", "Từ {start}% năm {start_year}"),
    "subtitle_heatmap_bold": (
        "blue, bold: reached by {year}; red: later",
        "xanh, chữ đậm: đạt đến năm {year}; đỏ: muộn hơn",
    ),
    "part_growth_axis": ("Digital economy growth (% a year)", "Tăng trưởng kinh tế số (%/năm)"),
    "whole_growth_axis": ("GDP growth (% a year)", "Tăng trưởng GDP (%/năm)"),
    "year_reached": ("Year reached", "Năm đạt"),
    "not_reached": ("—", "chưa"),
    "not_reached_note": ("—: not reached by {until}", "chưa: chưa đạt đến năm {until}"),
    "not_reached_any": ("—: not reached in the years computed", "chưa: chưa đạt trong các năm đã tính"),
    "title_scenarios": (
        "Digital economy share of GDP under growth scenarios",
        "Tỷ trọng kinh tế số trong GDP theo các kịch bản tăng trưởng",
    ),
    "share_axis": ("Share of GDP (%)", "Tỷ trọng trong GDP (%)"),
    "scenario_growth": ("digital economy {part}, GDP {whole} a year", "kinh tế số {part}, GDP {whole} mỗi năm"),
    "scenario_note": (
        "Scenarios: share(t+1) = share(t) × (1 + digital-economy growth) / (1 + GDP growth); "
        "the growth rates are assumptions, not forecasts",
        "Kịch bản: tỷ trọng(t+1) = tỷ trọng(t) × (1 + tăng trưởng kinh tế số) / (1 + tăng trưởng GDP); "
        "tốc độ tăng trưởng là giả định, không phải dự báo",
    ),
    "scenario_start": ("starting figure {value}% ({year})", "số liệu xuất phát {value}% ({year})"),
    "published_share": ("Published figures (MIC estimate)", "Số liệu đã công bố (ước tính của Bộ TT&TT)"),
    # -- named scenarios ---------------------------------------------------------------------------------------------
    "scenario_8th": (
        "8th session: digital economy +20% a year, 3× GDP growth",
        "Phiên họp thứ 8: kinh tế số tăng 20%/năm, gấp 3 lần tăng trưởng GDP",
    ),
    "scenario_times": ("Digital economy {k}× GDP growth", "Kinh tế số tăng gấp {k} lần GDP"),
    "scenario_fast_gdp": (
        "Digital economy +20% a year, GDP +{whole} a year",
        "Kinh tế số tăng 20%/năm, GDP tăng {whole}/năm",
    ),
    # -- sentences of the notebooks ----------------------------------------------------------------------------------
    "headline_overview": ("{n} indicators with targets: {parts}", "{n} chỉ tiêu có mục tiêu: {parts}"),
    "provenance": (
        "{figures} published figures (every release) of {indicators} indicators and {targets} targets cite "
        "{sources} sources from {publishers} publishers.",
        "{figures} số liệu đã công bố (tính mọi lần công bố) của {indicators} chỉ tiêu và {targets} mục tiêu trích "
        "dẫn {sources} nguồn từ {publishers} cơ quan công bố.",
    ),
    "revisions": (
        "{releases} releases of {figures} figures: {repeated} figures were published more than once, {revised} of "
        "them with a revised value.",
        "{releases} lần công bố của {figures} số liệu: {repeated} số liệu được công bố nhiều lần, trong đó {revised} "
        "số liệu đã được điều chỉnh giá trị.",
    ),
    "sufficiency_none": (
        "No published figures for this series: nothing to fit or assess (insufficient data).",
        "Chuỗi này chưa có số liệu công bố: không thể ước lượng hay đánh giá (chưa đủ dữ liệu).",
    ),
    "sufficiency_one": (
        "{n} {figures} ({span}): too few to fit a trend (insufficient data); the figures below are shown as published.",
        "{n} {figures} ({span}): quá ít để ước lượng xu hướng (chưa đủ dữ liệu); các biểu đồ dưới đây chỉ thể hiện "
        "số liệu đã công bố.",
    ),
    "sufficiency_two": (
        "{n} {figures} ({span}): only the two-point change, with no interval (insufficient data for a trend model).",
        "{n} {figures} ({span}): chỉ tính được thay đổi giữa hai điểm, không có khoảng dự báo (chưa đủ dữ liệu cho "
        "mô hình xu hướng).",
    ),
    "sufficiency_ok": (
        "{n} {figures} ({span}): enough for the trend models with intervals.",
        "{n} {figures} ({span}): đủ để ước lượng các mô hình xu hướng có khoảng dự báo.",
    ),
    "sufficiency_except": (
        "Not enough for: {models} (needs {k} annual figures).",
        "Chưa đủ cho: {models} (cần {k} số liệu năm).",
    ),
    "summary_achieved": (
        "{latest} in {period} already meets the target of {target}.",
        "{latest} ({period}) đã đạt mục tiêu {target}.",
    ),
    "summary_insufficient": (
        "Too few figures to project a trend to {year} ({n} {figures}; a trend needs at least 3): the target of "
        "{target} cannot be assessed yet.",
        "Quá ít số liệu để dự báo xu hướng đến năm {year} ({n} {figures}; cần ít nhất 3): chưa thể đánh giá mục tiêu "
        "{target}.",
    ),
    "summary_head": ("{status} for {target}:", "{status} so với mục tiêu {target}:"),
    "summary_passed": (
        "the target year has passed and the latest figure, {latest} ({period}), falls short",
        "năm mục tiêu đã qua và số liệu mới nhất, {latest} ({period}), chưa đạt",
    ),
    "summary_pace": (
        "it needs {required} a year from {latest} ({period}), against {observed} a year observed",
        "cần thay đổi {required} mỗi năm từ mức {latest} ({period}), so với {observed} mỗi năm đã quan sát",
    ),
    "summary_projection": (
        "the {model} projects {projected} for {year} ({level} interval {lower}–{upper}); probability of meeting it: "
        "{prob}",
        "mô hình {model} dự báo {projected} cho năm {year} (khoảng {level}: {lower}–{upper}); xác suất đạt mục tiêu: "
        "{prob}",
    ),
    "no_assessment": (
        "{name} has no national target for this series, or no figures to assess against one.",
        "{name}: chuỗi số liệu này không có mục tiêu quốc gia, hoặc chưa có số liệu để đánh giá.",
    ),
    "headline_no_figures": ("{name}: no published figures.", "{name}: chưa có số liệu công bố."),
    "headline_latest": ("{name}: {value} in {period}{status}", "{name}: {value} ({period}{status})"),
    "headline_no_target": ("no national target for this series", "không có mục tiêu quốc gia cho chuỗi này"),
    "headline_status": ("{status} (target: {target})", "{status} (mục tiêu: {target})"),
    "headline_pairs": ("Of {n} growth pairs, {parts}", "Trong {n} cặp giả định tăng trưởng, {parts}"),
    "headline_pairs_part": ("{met} reach {value}% by {year}", "{met} cặp đạt {value}% vào năm {year}"),
    "headline_reached_part": ("{value}% in {year}", "{value}% vào năm {year}"),
    "headline_first_scenario": (
        "in the first scenario ({name}) the share reaches {parts}",
        "theo kịch bản đầu tiên ({name}), tỷ trọng đạt {parts}",
    ),
    "and_join": (" and ", " và "),
    # -- table column headers ----------------------------------------------------------------------------------------
    "col_pillar": ("Pillar", "Trụ cột"),
    "col_indicator": ("Indicator id", "Mã chỉ tiêu"),
    "col_name": ("Indicator", "Chỉ tiêu"),
    "col_unit": ("Unit", "Đơn vị"),
    "col_series": ("Series", "Chuỗi số liệu"),
    "col_latest": ("Latest figure", "Số liệu mới nhất"),
    "col_latest_period": ("Period", "Kỳ số liệu"),
    "col_target": ("Target", "Mục tiêu"),
    "col_target_year": ("Target year", "Năm mục tiêu"),
    "col_comparator": ("Comparator", "Điều kiện"),
    "col_document": ("Document", "Văn bản"),
    "col_status": ("Status", "Tình trạng"),
    "col_gap": ("Gap to target", "Khoảng cách đến mục tiêu"),
    "col_required_annual_change": ("Required change a year", "Mức tăng cần thiết mỗi năm"),
    "col_observed_annual_change": ("Observed change a year", "Mức tăng thực tế mỗi năm"),
    "col_required_growth_rate": ("Required growth a year (%)", "Tốc độ tăng cần thiết mỗi năm (%)"),
    "col_observed_growth_rate": ("Observed growth a year (%)", "Tốc độ tăng thực tế mỗi năm (%)"),
    "col_model": ("Model", "Mô hình"),
    "col_projected": ("Projection for the target year", "Dự báo cho năm mục tiêu"),
    "col_lower": ("Lower bound", "Cận dưới"),
    "col_upper": ("Upper bound", "Cận trên"),
    "col_probability_met": ("Probability of meeting the target (%)", "Xác suất đạt mục tiêu (%)"),
    "col_year_reached": ("Year the trend reaches it", "Năm xu hướng đạt mục tiêu"),
    "col_reason": ("Reason", "Lý do"),
    "col_n": ("Figures", "Số số liệu"),
    "col_slope": ("Slope (working scale)", "Độ dốc (trên thang ước lượng)"),
    "col_forecast_next": ("Forecast, next year", "Dự báo năm tới"),
    "col_lower_next": ("Lower bound, next year", "Cận dưới năm tới"),
    "col_upper_next": ("Upper bound, next year", "Cận trên năm tới"),
    "col_backtest_mae": ("Back-test error (MAE)", "Sai số kiểm định ngược (MAE)"),
    "col_backtest_covered": (
        "Back-test: last figure inside the interval",
        "Kiểm định ngược: số liệu cuối nằm trong khoảng",
    ),
    "col_message": ("Note", "Ghi chú"),
    "col_period": ("Period", "Kỳ"),
    "col_releases": ("Releases", "Số lần công bố"),
    "col_first_value": ("First release", "Lần công bố đầu"),
    "col_latest_value": ("Latest release", "Lần công bố mới nhất"),
    "col_change": ("Revision", "Mức điều chỉnh"),
    "col_first_published": ("First published", "Công bố lần đầu"),
    "col_latest_published": ("Last published", "Công bố gần nhất"),
    "col_id": ("Source id", "Mã nguồn"),
    "col_publisher": ("Publisher", "Cơ quan công bố"),
    "col_title": ("Title", "Tiêu đề"),
    "col_date": ("Date", "Ngày"),
    "col_kind": ("Kind", "Loại"),
    "col_language": ("Language", "Ngôn ngữ"),
    "col_url": ("Address", "Địa chỉ"),
    "col_figures": ("Figures cited", "Số liệu trích dẫn"),
    "col_targets": ("Targets cited", "Mục tiêu trích dẫn"),
    "col_difference": ("Difference ({a} − {b})", "Chênh lệch ({a} − {b})"),
    "col_scenario": ("Scenario", "Kịch bản"),
    "col_part_growth": ("Digital economy growth (%)", "Tăng trưởng kinh tế số (%)"),
    "col_whole_growth": ("GDP growth (%)", "Tăng trưởng GDP (%)"),
    "col_share": ("Share in {year} (%)", "Tỷ trọng năm {year} (%)"),
    "col_reached": ("Year {value}% is reached", "Năm đạt {value}%"),
    "col_on_time": ("{year} target met", "Đạt mục tiêu năm {year}"),
    "yes": ("yes", "có"),
    "no": ("no", "không"),
}


def check_lang(lang: object) -> Lang:
    """Return ``lang`` if it is a supported language, else raise :class:`~dxanalysis.DxError` listing them.

    >>> check_lang("vi")
    'vi'
    """
    if lang == "en":
        return "en"
    if lang == "vi":
        return "vi"
    raise DxError(f"lang={lang!r} is not a supported language; accepted: 'en' (English), 'vi' (Vietnamese)")


def label(key: str, lang: str = "en", **fields: Any) -> str:
    """The text of a label in a language, with its ``{fields}`` filled in.

    Parameters
    ----------
    key
        A key of :data:`LABELS`: ``"target"``, ``"model_drift"``, ``"status_on track"``, ``"col_latest"``, ...
    lang
        ``"en"`` or ``"vi"``.
    fields
        Values for the template's fields, e.g. ``level="80%"`` for ``"interval"``.

    Examples
    --------
    >>> label("interval", "vi", level="80%")
    'Khoảng dự báo 80%'
    >>> label("status_insufficient data", "vi")
    'chưa đủ dữ liệu'
    """
    i = LANGS.index(check_lang(lang))
    try:
        text = LABELS[key][i]
    except KeyError:
        close = difflib.get_close_matches(key, LABELS, n=3)
        hint = f"did you mean {', '.join(map(repr, close))}?" if close else "see dxanalysis.present.i18n.LABELS"
        raise DxError(f"no label {key!r}: {hint}") from None
    return text.format(**fields) if fields else text


def fmt_number(x: float | int | None, lang: str = "en", digits: int = 1) -> str:
    """A number written the way the language writes it, with ``digits`` decimals.

    Vietnamese uses a decimal comma and a thousands dot (``12.345,6``), English the reverse (``12,345.6``). A
    missing value (``None``, ``NaN``, ``pd.NA``) is written ``—``.

    Examples
    --------
    >>> fmt_number(12345.6, "en"), fmt_number(12345.6, "vi")
    ('12,345.6', '12.345,6')
    >>> fmt_number(0.5, "vi", digits=2), fmt_number(2030, "vi", digits=0)
    ('0,50', '2.030')
    """
    lang = check_lang(lang)
    if is_missing(x):
        return "—"
    value = float(x)  # type: ignore[arg-type]
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    value = round(value, digits)
    if value == 0:
        value = 0.0  # no "-0.0"
    text = f"{value:,.{max(digits, 0)}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_percent(rate: float | None, lang: str = "en", digits: int = 1) -> str:
    """A growth rate or probability given as a fraction, written as a percentage: 0.067 -> ``6.7%`` / ``6,7%``.

    >>> fmt_percent(0.0667, "vi"), fmt_percent(0.2, "en", digits=0)
    ('6,7%', '20%')
    """
    if is_missing(rate):
        return fmt_number(None, lang)
    return fmt_number(100 * float(rate), lang, digits) + "%"  # type: ignore[arg-type]


def fmt_compact(x: float | None, lang: str = "en", digits: int = 1, *, short_digits: int | None = None) -> str:
    """A large number shortened for a chart: ``268 million`` / ``268 triệu``, ``1.5 bn`` / ``1,5 tỷ``.

    Numbers below a million are written in full with :func:`fmt_number` and ``digits`` decimals; shortened ones have
    at most ``short_digits`` decimals (default: ``digits``), trailing zeros dropped.

    >>> fmt_compact(268_000_000, "vi"), fmt_compact(1.5e9, "en"), fmt_compact(4400, "vi", digits=0)
    ('268 triệu', '1.5 bn', '4.400')
    >>> fmt_compact(101_537_104_671, "en", 0, short_digits=2), fmt_compact(85.1, "en", 1, short_digits=2)
    ('101.54 bn', '85.1')
    """
    lang = check_lang(lang)
    if is_missing(x):
        return fmt_number(None, lang)
    value = float(x)  # type: ignore[arg-type]
    for size, en, vi in ((1e9, "bn", "tỷ"), (1e6, "million", "triệu")):
        if abs(value) >= size:
            text = fmt_number(value / size, lang, digits if short_digits is None else short_digits)
            if "," in text or "." in text:
                text = text.rstrip("0").rstrip(",.")
            return f"{text} {en if lang == 'en' else vi}"
    return fmt_number(value, lang, digits)


_MD_SPECIAL = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "$": "&#36;",  # not a backslash: nbconvert's math parser takes two escaped dollars for a formula all the same
        **{c: "\\" + c for c in "\\`*_[]#|~:"},  # ":" too: no bare URL becomes a link
    }
)


def md_escape(text: object) -> str:
    """Text from a data file made safe to embed in Markdown: shown as written, never as markup, HTML or a formula.

    Names and descriptions from the user's files reach the reports' Markdown; ``*``, ``_``, ``[``, ``<``, ``$`` and
    the like in them are shown as characters (HTML is escaped, a dollar sign never opens a formula).

    >>> print(md_escape("High-tech exports (current US$) <b>*"))
    High-tech exports (current US&#36;) &lt;b&gt;\\*
    """
    return str(text).translate(_MD_SPECIAL)


def _catalogue_row(indicator: str) -> Mapping[str, Any]:
    from dxanalysis import data
    from dxanalysis.errors import UnknownIndicatorError

    cat = data.indicators().set_index("id")
    if indicator not in cat.index:
        raise UnknownIndicatorError(indicator, sorted(cat.index))
    return dict(cat.loc[indicator])


def indicator_name(indicator: str, lang: str = "en") -> str:
    """The indicator's name from the catalogue, in the language (``name_en`` / ``name_vi``).

    >>> indicator_name("digital_economy_share_gdp", "vi")
    'Tỷ trọng kinh tế số trong GDP'
    """
    lang = check_lang(lang)
    return str(_catalogue_row(indicator)[f"name_{lang}"])


def unit_label(indicator: str, lang: str = "en") -> str:
    """The indicator's unit as a reader reads it (``unit_label_en`` / ``unit_label_vi``): ``% of GDP``, ``% GDP``.

    >>> unit_label("fibre_households_using", "en"), unit_label("fibre_households_using", "vi")
    ('% of households', '% hộ gia đình')
    """
    lang = check_lang(lang)
    row = _catalogue_row(indicator)
    text = row.get(f"unit_label_{lang}")
    return str(text) if text and str(text) not in ("None", "nan") else str(row["unit"])


def indicator_description(indicator: str, lang: str = "en") -> str:
    """What the indicator measures, from the catalogue, as a Markdown paragraph: name, unit, pillar and description.

    >>> indicator_description("fibre_households_using", "vi").startswith("**Tỷ lệ")
    True
    """
    lang = check_lang(lang)
    row = _catalogue_row(indicator)
    unit = unit_label(indicator, lang)
    pillar = pillar_name(str(row["pillar"]), lang)
    unit_word, pillar_word = ("unit", "pillar") if lang == "en" else ("đơn vị", "trụ cột")
    # the package's own entries are reviewed Markdown (`mic` as code); text from a user's file is shown as written
    esc = md_escape if row.get("user") else str
    name, measures = esc(row[f"name_{lang}"]), esc(row[f"measures_{lang}"])
    return f"**{name}** ({unit_word}: {esc(unit)}; {pillar_word}: {pillar}). {measures}"


def pillar_name(pillar: str, lang: str = "en") -> str:
    """The name of a pillar of the national programme (``dxanalysis.data.schemas.PILLARS``).

    >>> pillar_name("digital_government", "vi")
    'Chính phủ số'
    """
    from dxanalysis.data.schemas import PILLARS

    i = LANGS.index(check_lang(lang))
    return PILLARS[pillar][i] if pillar in PILLARS else pillar


def model_name(model: str, lang: str = "en") -> str:
    """A trend model's name (``dx.MODELS``, plus ``two_points``); an unknown name is returned as is.

    >>> model_name("drift_logit", "vi")
    'Bước ngẫu nhiên có độ trôi (thang logit)'
    """
    check_lang(lang)
    return label(f"model_{model}", lang) if f"model_{model}" in LABELS else model


def status_name(status: str, lang: str = "en") -> str:
    """An assessment status (achieved, on track, off track, insufficient data) or a fit status, in the language.

    >>> status_name("on track", "vi")
    'đúng tiến độ'
    """
    check_lang(lang)
    return label(f"status_{status}", lang) if f"status_{status}" in LABELS else status


def series_name(series: str, lang: str = "en") -> str:
    """Who produced a series, in words: ``mic`` -> ``Ministry (MIC)`` / ``Bộ TT&TT``.

    >>> series_name("gso", "en")
    'Statistics office (GSO)'
    """
    check_lang(lang)
    return label(f"series_{series}", lang) if f"series_{series}" in LABELS else series


def geo_name(geo: str, lang: str = "en") -> str:
    """A place: ``VN`` -> ``Vietnam`` / ``Việt Nam``; a province code is returned as is.

    >>> geo_name("VN", "vi")
    'Việt Nam'
    """
    check_lang(lang)
    return label(f"geo_{geo}", lang) if f"geo_{geo}" in LABELS else geo
