"""Every text a figure, a table, a sentence or the report's index shows, in English and Vietnamese.

One table, :data:`LABELS`: key -> (English, Vietnamese). Looking a label up, filling its fields and writing numbers
the language's way is :mod:`dxanalysis.present.i18n`'s job; this module is the vocabulary alone, so that adding a
text is one line here.

>>> LABELS["status_on track"]
('on track', 'đúng tiến độ')
"""

from __future__ import annotations

from dxanalysis.data.vocabularies import PRODUCERS
from dxanalysis.present.labels_provinces import PROVINCE_LABELS
from dxanalysis.present.labels_tables import TABLE_LABELS

__all__ = ["LABELS"]

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
    # -- the interactive charts of the HTML pages ----------------------------------------------------------------
    "hover_status": ("Status", "Tình trạng"),
    "hover_source": ("Source", "Nguồn"),
    "hover_published": ("Published", "Ngày công bố"),
    "hover_interval": ("Interval", "Khoảng dự báo"),
    "interactive_hint": (
        "Point at a figure for its value, period, status and source; click a legend entry to show or hide it.",
        "Di chuột lên một điểm để xem giá trị, kỳ, tình trạng và nguồn; bấm vào chú giải để ẩn hoặc hiện chuỗi đó.",
    ),
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
    "status_met": ("met", "đã đạt"),
    "status_met late": ("met late", "đạt muộn"),
    "status_missed": ("missed", "không đạt"),
    "status_not published": ("outcome not published", "chưa công bố kết quả"),
    "status_on track": ("on track", "đúng tiến độ"),
    "status_uncertain": ("uncertain", "chưa chắc chắn"),
    "status_off track": ("off track", "chậm tiến độ"),
    "status_insufficient data": ("insufficient data", "chưa đủ dữ liệu"),
    "status_measure discontinued": ("measure discontinued", "chỉ tiêu đã ngừng công bố"),
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
    "subtitle_assessment_verdict": ("{detail}; {when}.", "{detail}; {when}."),
    "nowcast_line": ("Nowcast: {model}", "Ước tính tức thời: {model}"),
    "projection_line": ("Projection: {model}", "Dự báo: {model}"),
    "basis_marker": ("Figure for {year}", "Số liệu năm {year}"),
    "met_late_marker": ("First met later ({period})", "Đạt muộn ({period})"),
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
        "One row per series and target year, {when}. Bar: the figure for the target year once it is over (hatched: "
        "no such figure, the latest instead), else the latest, as a share of the target (for a rank: target ÷ "
        "figure), capped at {cap}; colour: verdict",
        "Mỗi dòng là một chuỗi số liệu và một năm mục tiêu, {when}. Thanh: số liệu của năm mục tiêu khi năm đó đã qua "
        "(gạch chéo: chưa có số liệu đó, dùng số liệu mới nhất), nếu chưa thì số liệu mới nhất, so với mục tiêu (với "
        "thứ hạng: mục tiêu ÷ số liệu), tối đa {cap}; màu: kết quả đánh giá",
    ),
    "progress_axis": ("Figure as a share of the target (%)", "Số liệu so với mục tiêu (%)"),
    "scorecard_row": (
        "{latest} ({period}); target {target} by {year}",
        "{latest} ({period}); mục tiêu {target} năm {year}",
    ),
    "scorecard_row_unpublished": (
        "no {year} figure; latest {latest} ({period}); target {target}",
        "chưa có số liệu {year}; mới nhất {latest} ({period}); mục tiêu {target}",
    ),
    "scorecard_row_empty": ("no figures; target {target} by {year}", "chưa có số liệu; mục tiêu {target} năm {year}"),
    "title_heatmap": ("First year the share reaches {value}% of GDP", "Năm đầu tiên tỷ trọng đạt {value}% GDP"),
    "subtitle_heatmap": ("From {start}% in {start_year}", "Từ {start}% năm {start_year}"),
    "subtitle_heatmap_bold": (
        "blue, bold: reached by {year}; red: later",
        "xanh, chữ đậm: đạt đến năm {year}; đỏ: muộn hơn",
    ),
    "part_growth_axis": ("Nominal digital-economy growth (% a year)", "Tăng trưởng danh nghĩa kinh tế số (%/năm)"),
    "whole_growth_axis": ("Nominal GDP growth (% a year)", "Tăng trưởng GDP danh nghĩa (%/năm)"),
    "year_reached": ("Year reached", "Năm đạt"),
    "not_reached": ("—", "chưa"),
    "not_reached_note": ("—: not reached by {until}", "chưa: chưa đạt đến năm {until}"),
    "not_reached_any": ("—: not reached in the years computed", "chưa: chưa đạt trong các năm đã tính"),
    "title_scenarios": (
        "Digital economy share of GDP under growth scenarios",
        "Tỷ trọng kinh tế số trong GDP theo các kịch bản tăng trưởng",
    ),
    "share_axis": ("Share of GDP, both in current prices (%)", "Tỷ trọng trong GDP, cả hai theo giá hiện hành (%)"),
    "scenario_growth": (
        "digital economy {part}, GDP {whole} a year, nominal",
        "kinh tế số {part}, GDP {whole} mỗi năm, danh nghĩa",
    ),
    "scenario_note": (
        "Scenarios: share(t+1) = share(t) × (1 + digital-economy growth) / (1 + GDP growth), both growth rates "
        "nominal (real growth plus inflation); the rates are assumptions, not forecasts",
        "Kịch bản: tỷ trọng(t+1) = tỷ trọng(t) × (1 + tăng trưởng kinh tế số) / (1 + tăng trưởng GDP), cả hai tốc độ "
        "đều danh nghĩa (tăng trưởng thực cộng lạm phát); tốc độ là giả định, không phải dự báo",
    ),
    "scenario_bound_note": (
        "a share of GDP cannot reach {bound}%: a path stops (×) the year it would",
        "tỷ trọng trong GDP không thể đạt {bound}%: đường kịch bản dừng (×) ở năm chạm mức đó",
    ),
    "scenario_bound_mark": (
        "{bound}% of GDP in {year}: implausible beyond",
        "{bound}% GDP năm {year}: không hợp lý sau đó",
    ),
    "implausible_cell": ("≥{bound}%", "≥{bound}%"),
    "implausible_cell_note": (
        "≥{bound}%: reached only at or past {bound}% of GDP (impossible)",
        "≥{bound}%: chỉ đạt khi tỷ trọng từ {bound}% GDP trở lên (không thể)",
    ),
    "headline_start": ("From {value}% of GDP in {year}: ", "Từ {value}% GDP năm {year}: "),
    "scenario_basis_latest": (
        "The scenarios start from the latest published figure as of {as_of}: {value}% in {year} ({status}).",
        "Các kịch bản xuất phát từ số liệu công bố mới nhất tính đến {as_of}: {value}% năm {year} ({status}).",
    ),
    "scenario_basis_given": (
        "The scenarios start from a figure you gave: {value}% in {year}.",
        "Các kịch bản xuất phát từ số liệu do bạn nhập: {value}% năm {year}.",
    ),
    "scenario_basis_target": ("{value}% by {year}", "{value}% vào năm {year}"),
    "scenario_basis_targets": ("Targets: {items}.", "Mục tiêu: {items}."),
    "scenario_basis_nominal": (
        "Both growth rates are nominal: a share of GDP moves with the nominal growth of the digital economy and of GDP "
        "(real growth plus inflation).",
        "Cả hai tốc độ tăng trưởng đều là danh nghĩa: tỷ trọng trong GDP thay đổi theo tăng trưởng danh nghĩa của kinh "
        "tế số và của GDP (tăng trưởng thực cộng lạm phát).",
    ),
    "headline_implausible": (
        "; it reaches {bound}% of GDP in {year}, implausible beyond",
        "; kịch bản này chạm {bound}% GDP vào năm {year}, không hợp lý sau đó",
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
    "headline_overview": (
        "{k} indicators with targets, {n} verdicts by series and target year ({when}): {parts}",
        "{k} chỉ tiêu có mục tiêu, {n} đánh giá theo chuỗi số liệu và năm mục tiêu ({when}): {parts}",
    ),
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
    "changes_summary": (
        "Between {since} and {until}: {new} new figures, {revised} revised figures, {verdicts} verdicts changed.",
        "Từ {since} đến {until}: {new} số liệu mới, {revised} số liệu được điều chỉnh, {verdicts} đánh giá thay đổi.",
    ),
    "changes_verdict": ("{name} ({series}), {year}: {old} → {new}", "{name} ({series}), năm {year}: {old} → {new}"),
    "changes_none": ("no target was judged", "không có mục tiêu được đánh giá"),
    "sufficiency_none": (
        "No published figures for this series: nothing to fit or assess (insufficient data).",
        "Chuỗi này chưa có số liệu công bố: không thể ước lượng hay đánh giá (chưa đủ dữ liệu).",
    ),
    "sufficiency_one": (
        "{n} {figures} ({span}): too few to fit a trend (insufficient data); the figures below are shown as published.",
        "{n} {figures} ({span}): quá ít để ước lượng xu hướng (chưa đủ dữ liệu); các biểu đồ dưới đây chỉ thể hiện "
        "số liệu đã công bố.",
    ),
    "sufficiency_ok": (
        "{n} {figures} ({span}): enough for the trend models with intervals.",
        "{n} {figures} ({span}): đủ để ước lượng các mô hình xu hướng có khoảng dự báo.",
    ),
    "sufficiency_except": (
        "Not enough for: {models} (needs {k} annual figures).",
        "Chưa đủ cho: {models} (cần {k} số liệu năm).",
    ),
    # -- the guardrails of the trend fits (issue 13): too short, left out, caveats, a ceiling ----------------------
    "status_too_short": ("too short a history for a trend", "chuỗi số liệu quá ngắn để ước lượng xu hướng"),
    "sufficiency_too_short": (
        "{n} {figures} ({span}), spanning {years} years: too short a history for a trend (it needs at least {k} "
        "figures over {min_years} years); the figures below are shown as published.",
        "{n} {figures} ({span}), trải trên {years} năm: chuỗi số liệu quá ngắn để ước lượng xu hướng (cần ít nhất {k} "
        "số liệu trong {min_years} năm); các biểu đồ dưới đây chỉ thể hiện số liệu đã công bố.",
    ),
    "sufficiency_left_out": ("Left out: {items}.", "Không tính: {items}."),
    "and": (" and ", " và "),
    "figures_of_freq": ("{freq} figures", "số liệu {freq}"),
    "figure_of_freq": ("{freq} figure", "số liệu {freq}"),
    "freq_year": ("annual", "năm"),
    "freq_half": ("half-year", "nửa năm"),
    "freq_quarter": ("quarterly", "quý"),
    "freq_month": ("monthly", "tháng"),
    "freq_day": ("daily", "ngày"),
    "left_out_same_estimate": ("{period}, the same estimate as {kept}", "{period}, cùng một ước tính với {kept}"),
    "left_out_same_estimate_annual": (
        "{period}, the same estimate as the annual {kept}",
        "{period}, cùng một ước tính với số liệu {kept}",
    ),
    "left_out_same_date": ("{period}, the same date as {kept}", "{period}, cùng thời điểm với {kept}"),
    "left_out_other_window": (
        "{periods}, windows other than the series' {freq} figures",
        "{periods}: khác kỳ với các số liệu {freq} của chuỗi",
    ),
    "model_with_ceiling": ("{model}, toward a ceiling of {ceiling}", "{model}, hướng tới mức trần {ceiling}"),
    "col_caveat_next": ("Caveat, next year", "Lưu ý, năm tới"),
    "caveat_too_short": ("too short a history for a trend", "chuỗi số liệu quá ngắn để ước lượng xu hướng"),
    "caveat_insufficient_data": ("no projection (insufficient data)", "không có dự báo (chưa đủ dữ liệu)"),
    "caveat_no_interval": ("no interval", "không có khoảng dự báo"),
    "caveat_uncalibrated": ("raw interval, not calibrated", "khoảng dự báo thô, chưa hiệu chỉnh"),
    "caveat_uninformative": (
        "uninformative: the interval covers nearly the whole possible range",
        "không mang thông tin: khoảng dự báo gần như phủ toàn bộ miền giá trị có thể",
    ),
    "caveat_beyond_tested_horizon": ("beyond the tested horizon", "vượt quá tầm dự báo đã được kiểm định"),
    "too_short_fit": (
        "Too short a history for a trend: {n} {figures} over {years} years; no projection",
        "Chuỗi số liệu quá ngắn để ước lượng xu hướng: {n} {figures} trong {years} năm; không dự báo",
    ),
    "uninformative_band": ("uninformative interval", "khoảng dự báo không mang thông tin"),
    "ceiling_line": ("ceiling {value}", "mức trần {value}"),
    "beyond_tested_left": ("beyond the tested horizon →", "vượt quá tầm dự báo đã được kiểm định →"),
    # the verdict's sentence (present.sentences.summary_sentence): a head, then one body per status
    "judged_on": ("as of {date}", "tính đến ngày {date}"),
    "measure": ("{series} series", "chuỗi {series}"),
    "summary_head": ("{status}: the target of {target} ({when}):", "{status} so với mục tiêu {target} ({when}):"),
    "basis_annual": ("{value} ({period})", "{value} ({period})"),
    "basis_partial": ("{value} ({period}, as far as published)", "{value} ({period}, theo số liệu đã công bố)"),
    "summary_met": ("the figure for {year}, {basis}, meets it", "số liệu năm {year}, {basis}, đạt mục tiêu"),
    "summary_met_late": (
        "the figure for {year}, {basis}, fell short; first met in {period} ({value})",
        "số liệu năm {year}, {basis}, chưa đạt; đạt muộn vào {period} ({value})",
    ),
    "summary_missed": (
        "the figure for {year}, {basis}, falls short, and no later figure meets it",
        "số liệu năm {year}, {basis}, không đạt, và chưa có số liệu nào sau đó đạt mục tiêu",
    ),
    "summary_not_published": (
        "no figure for {year} is published; the latest is {latest} ({period})",
        "chưa có số liệu năm {year} được công bố; số liệu mới nhất là {latest} ({period})",
    ),
    "summary_nowcast": (
        "trend nowcast for {year} ({model}): {value} ({level} interval {lower}–{upper})",
        "ước tính tức thời theo xu hướng ({model}) cho năm {year}: {value} (khoảng {level}: {lower}–{upper})",
    ),
    "summary_no_nowcast": ("no trend nowcast: {why}", "không có ước tính tức thời theo xu hướng: {why}"),
    "summary_first_met": ("first met in {period} ({value})", "đạt muộn vào {period} ({value})"),
    "summary_other_measure": (
        "by the {series} series, the {year} figure was {value}, {verdict}",
        "theo chuỗi {series}, số liệu năm {year} là {value}, {verdict}",
    ),
    "other_meets": ("meeting the target", "đạt mục tiêu"),
    "other_short": ("short of the target", "chưa đạt mục tiêu"),
    "summary_latest_meets": (", which already meets the target", ", đã đạt mục tiêu"),
    "summary_already": ("already reached in {period} ({value})", "đã đạt vào {period} ({value})"),
    "summary_discontinued": (
        "the measure is no longer published (discontinued in {since}), so no figure for {year} will come; the last "
        "figure is {latest} ({period})",
        "chỉ tiêu không còn được công bố (ngừng từ {since}) nên sẽ không có số liệu năm {year}; số liệu cuối cùng là "
        "{latest} ({period})",
    ),
    "summary_insufficient": (
        "{why}; the latest figure is {latest} ({period})",
        "{why}; số liệu mới nhất là {latest} ({period})",
    ),
    "why_too_short": (
        "too short a history for a trend ({n} {figures} over {span} years)",
        "chuỗi số liệu quá ngắn để ước lượng xu hướng ({n} {figures} trong {span} năm)",
    ),
    "why_insufficient_data": (
        "no trend can be fitted ({n} {figures})",
        "không ước lượng được xu hướng ({n} {figures})",
    ),
    "why_beyond_tested_horizon": (
        "{year} is {horizon} years after the latest figure, beyond the {tested} years the intervals were tested on, "
        "so no probability is given",
        "năm {year} cách số liệu mới nhất {horizon} năm, vượt quá {tested} năm mà khoảng dự báo đã được kiểm định, "
        "nên không đưa ra xác suất",
    ),
    "why_uninformative": (
        "the interval covers nearly the whole range of the indicator, so no probability is given",
        "khoảng dự báo gần như phủ toàn bộ miền giá trị của chỉ tiêu, nên không đưa ra xác suất",
    ),
    "why_uncalibrated": (
        "the model's intervals are not calibrated, so no probability is given",
        "khoảng dự báo của mô hình chưa được hiệu chỉnh, nên không đưa ra xác suất",
    ),
    "why_no_interval": ("the trend gives no interval", "xu hướng không có khoảng dự báo"),
    "why_no_figures": ("no published figures", "chưa có số liệu công bố"),
    "summary_projected_only": (
        "the {model} projects {projected} for {year} ({level} interval {lower}–{upper})",
        "mô hình {model} dự báo {projected} cho năm {year} (khoảng {level}: {lower}–{upper})",
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
    "headline_status": ("{status}, {when} (target: {target})", "{status}, {when} (mục tiêu: {target})"),
    "headline_pairs": ("Of {n} growth pairs, {parts}", "Trong {n} cặp giả định tăng trưởng, {parts}"),
    "headline_pairs_part": ("{met} reach {value}% by {year}", "{met} cặp đạt {value}% vào năm {year}"),
    "headline_reached_part": ("{value}% in {year}", "{value}% vào năm {year}"),
    "headline_first_scenario": (
        "in the first scenario ({name}) the share reaches {parts}",
        "theo kịch bản đầu tiên ({name}), tỷ trọng đạt {parts}",
    ),
    "and_join": (" and ", " và "),
}
#: The tables', index's and workbook's texts (:mod:`dxanalysis.present.labels_tables`).
LABELS.update(TABLE_LABELS)

# The documents data/targets.csv names by an English description (a Vietnamese document is named as it is titled):
# the same description in Vietnamese, keyed by the English text (``document_<text>``; i18n.document_name).
_DOCUMENTS_VI = {
    "2024 target for full-process online dossiers (reported by the ministry)": (
        "Mục tiêu năm 2024 về hồ sơ trực tuyến toàn trình (theo báo cáo của Bộ)"
    ),
    "MIC plan to develop telecom infrastructure 2024–2025": (
        "Kế hoạch phát triển hạ tầng viễn thông giai đoạn 2024–2025 của Bộ TT&TT"
    ),
    "MIC 2023 action plan implementing the Quyết định 411/QĐ-TTg strategy": (
        "Kế hoạch hành động năm 2023 của Bộ TT&TT thực hiện Chiến lược theo Quyết định 411/QĐ-TTg"
    ),
    "Conclusion of the 5th meeting of the Government Steering Committee on science, technology, innovation, digital "
    "transformation and Project 06": (
        "Kết luận phiên họp thứ 5 của Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, "
        "chuyển đổi số và Đề án 06"
    ),
    "MIC 2023 plan": "Kế hoạch năm 2023 của Bộ TT&TT",
    "MIC 2024 target": "Mục tiêu năm 2024 của Bộ TT&TT",
}
LABELS.update({f"document_{en}": (en, vi) for en, vi in _DOCUMENTS_VI.items()})

# Who produced a series: the names are the producers' vocabulary's (one home, with their display order).
LABELS.update({f"series_{code}": names for code, names in PRODUCERS.items()})

# -- the peers page: Vietnam beside the ASEAN members and the aggregates --------------------------------------------
LABELS.update(
    {
        "geo_BRN": ("Brunei", "Brunei"),
        "geo_KHM": ("Cambodia", "Campuchia"),
        "geo_IDN": ("Indonesia", "Indonesia"),
        "geo_LAO": ("Laos", "Lào"),
        "geo_MYS": ("Malaysia", "Malaysia"),
        "geo_MMR": ("Myanmar", "Myanmar"),
        "geo_PHL": ("the Philippines", "Philippines"),
        "geo_SGP": ("Singapore", "Singapore"),
        "geo_THA": ("Thailand", "Thái Lan"),
        "geo_TLS": ("Timor-Leste", "Timor-Leste"),
        "geo_WLD": ("the world", "thế giới"),
        "geo_LMC": ("lower-middle-income countries", "các nước thu nhập trung bình thấp"),
        "title_peers": ("{name}: Vietnam beside its neighbours", "{name}: Việt Nam bên cạnh các nước láng giềng"),
        "subtitle_peers": (
            "ASEAN members and the world and lower-middle-income aggregates; latest release of each figure ({series})",
            "Các nước ASEAN, thế giới và nhóm nước thu nhập trung bình thấp; lần công bố mới nhất của mỗi số liệu "
            "({series})",
        ),
        "peers_aggregate": ("{name} (aggregate)", "{name} (nhóm)"),
        "peers_col_rank": ("Vietnam's rank in ASEAN", "Thứ hạng của Việt Nam trong ASEAN"),
        "peers_col_vietnam": ("Vietnam", "Việt Nam"),
        "peers_col_leader": ("Leader", "Dẫn đầu"),
        "peers_col_gap_leader": ("Gap to the leader", "Chênh lệch với nước dẫn đầu"),
        "peers_col_gap_to": ("Gap to {name}", "Chênh lệch với {name}"),
        "peers_col_peer": ("Place", "Nơi"),
        "peers_col_peer_value": ("Its latest figure", "Số liệu mới nhất"),
        "peers_col_reached": ("Reached Vietnam's {year} level in", "Đạt mức của Việt Nam năm {year} vào năm"),
        "peers_col_years": ("Vietnam behind (+) or ahead (−), years", "Việt Nam đi sau (+) hay đi trước (−), số năm"),
        "peers_rank_of": ("{rank} of {of}", "{rank}/{of}"),
        "peers_same_year": (
            "{geo}'s {name} in {year} ({value}) is {peer}'s of {reached}: {gap}.",
            "{name} của {geo} năm {year} ({value}) bằng mức của {peer} năm {reached}: {gap}.",
        ),
        "peers_before": (
            "{peer} was already at {geo}'s {year} level ({value}) in {reached}, its first figure: {geo} is at least "
            "{years} behind.",
            "{peer} đã đạt mức của {geo} năm {year} ({value}) ngay từ năm {reached}, số liệu đầu tiên: {geo} đi sau "
            "ít nhất {years}.",
        ),
        "peers_not_yet": (
            "{peer} had not reached {geo}'s {year} level ({value}) by {last}, its latest figure: {geo} is at least "
            "{years} ahead.",
            "Đến năm {last} (số liệu mới nhất), {peer} chưa đạt mức của {geo} năm {year} ({value}): {geo} đi trước "
            "ít nhất {years}.",
        ),
        "peers_stale": (
            "{peer}'s figures stop in {last}, below {geo}'s {year} level ({value}): not comparable on this release.",
            "Số liệu của {peer} dừng ở năm {last}, thấp hơn mức của {geo} năm {year} ({value}): chưa so sánh được.",
        ),
        "peers_gap_behind": ("{geo} {years} behind", "{geo} đi sau {years}"),
        "peers_gap_ahead": ("{geo} {years} ahead", "{geo} đi trước {years}"),
        "peers_one_year": ("{n} year", "{n} năm"),
        "peers_years": ("{n} years", "{n} năm"),
        "peers_gap_level": ("the same year", "cùng năm"),
        "peers_rank_sentence": (
            "In {year} {geo} ranked {rank} of the {of} ASEAN members with a figure on {name} ({value}; the leader, "
            "{leader}, {leader_value}).",
            "Năm {year}, {geo} đứng thứ {rank} trong {of} nước ASEAN có số liệu về {name} ({value}; dẫn đầu là "
            "{leader}, {leader_value}).",
        ),
        "peers_no_rank": (
            "No year has figures for {geo} and another ASEAN member on {name}, so there is no ranking.",
            "Không có năm nào có số liệu về {name} của cả {geo} và một nước ASEAN khác, nên chưa xếp hạng được.",
        ),
    }
)
#: The province page's and the provincial ranking's texts (:mod:`dxanalysis.present.labels_provinces`): none replaces
#: a label above (tests/test_province_page.py).
LABELS.update({k: v for k, v in PROVINCE_LABELS.items() if k not in LABELS})
