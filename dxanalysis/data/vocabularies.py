"""The package's vocabularies, each stated once: pillars, units, timings, figure statuses, producers, comparators,
source kinds and languages.

The data files are validated against these words (:mod:`dxanalysis.data.schemas`), and the figures, tables and
sentences name and order things by them, so a new producer or status is added here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = [
    "COMPARATORS",
    "FIGURE_STATUSES",
    "LANGUAGES",
    "PILLARS",
    "PRODUCERS",
    "PRODUCER_RENAMES",
    "SOURCE_KINDS",
    "STATUSES",
    "STATUS_WORDS",
    "TIMINGS",
    "UNITS",
    "figure_status",
    "producer_order",
]

#: The pillars of the national programme: id -> (English, Vietnamese), in the programme's order.
PILLARS: dict[str, tuple[str, str]] = {
    "digital_infrastructure": ("Digital infrastructure", "Hạ tầng số"),
    "digital_government": ("Digital government", "Chính phủ số"),
    "digital_economy": ("Digital economy", "Kinh tế số"),
    "digital_society": ("Digital society", "Xã hội số"),
    "digital_data": ("Digital data", "Dữ liệu số"),
    "governance": ("Implementation and governance", "Triển khai, tổ chức thực hiện"),
    "other": ("Other (from the user's files)", "Khác (từ tệp của người dùng)"),
}
UNITS = ("percent", "percent_change", "per_100_people", "count", "rank", "index")
#: When in its period a figure sits: "end" for a stock (the state at the period's end: coverage, subscriptions,
#: cumulative counts), "period" for a flow or an average over the period (a share of GDP, a filing rate, a growth rate).
TIMINGS = ("end", "period")
COMPARATORS = ("at_least", "at_most")
SOURCE_KINDS = ("news", "government_portal", "decision", "statistics", "dataset", "user")
LANGUAGES = ("vi", "en")

#: Who produced a series of figures: code (the ``series`` column) -> (English, Vietnamese), in display order: the
#: ministry before the statistics office, the international bodies after them, then the other ministries and the
#: e-commerce association (the trade ministry's e-commerce share before VECOM's), the user's own files last (those of
#: a publisher's download in alphabetical order, as any producer not named here).
PRODUCERS: dict[str, tuple[str, str]] = {
    "mic": ("Ministry (MIC)", "Bộ TT&TT"),
    "gso": ("Statistics office (GSO)", "Tổng cục Thống kê"),
    "itu": ("ITU / World Bank", "ITU / Ngân hàng Thế giới"),
    "un": ("United Nations", "Liên Hợp Quốc"),
    "mps": ("Ministry of Public Security (MPS)", "Bộ Công an"),
    "moit": ("Ministry of Industry and Trade (MoIT)", "Bộ Công Thương"),
    "vecom": ("E-commerce association (VECOM)", "Hiệp hội Thương mại điện tử Việt Nam (VECOM)"),
    "user": ("Your figures", "Số liệu của bạn"),
    "owid": ("Our World in Data (your file)", "Our World in Data (tệp của bạn)"),
    "wdi": ("World Bank WDI (your file)", "WDI của Ngân hàng Thế giới (tệp của bạn)"),
}

#: Producers that have since become another body: code -> (the day the new body is certain to have been in place,
#: its names in English and Vietnamese). A figure for a period ending on or after that day was published by the new
#: body, and is named by it; older figures keep the name they were published under. The series code stays.
#:
#: - ``mic``: the Ministry of Information and Communications merged into the Ministry of Science and Technology,
#:   "Nghị định số 55/2025/NĐ-CP ngày 02/3/2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức
#:   của Bộ Khoa học và Công nghệ (có hiệu lực thi hành từ 01/3/2025)" (dientuungdung.vn,
#:   bo-khoa-hoc-va-cong-nghe-cong-bo-cac-quyet-dinh-ve-cong-tac-to-chuc-can-bo-8233).
#: - ``gso``: the General Statistics Office became the statistics office of the Ministry of Finance, "Cục Thống kê là
#:   cơ quan trực thuộc Bộ Tài chính ... quy định tại Quyết định số 384/QĐ-BTC ngày 26 tháng 2 năm 2025" (defzone.net,
#:   wiki page "Tổng cục Thống kê (Việt Nam)"); 1 March 2025 is the first day after both that is certain.
PRODUCER_RENAMES: dict[str, tuple[dt.date, str, str]] = {
    "mic": (dt.date(2025, 3, 1), "Ministry (MST)", "Bộ KH&CN"),
    "gso": (dt.date(2025, 3, 1), "Statistics office (MoF)", "Cục Thống kê"),
}


def producer_order(series_codes: Iterable[str]) -> list[str]:
    """Series codes in display order (:data:`PRODUCERS`'s), each once; codes it does not name follow, alphabetically.

    Competing measures of one indicator are always shown in this order, so that "the first minus the second" means
    the same thing in every table and figure.

    >>> producer_order(["gso", "zeta", "mic", "alpha", "gso"])
    ['mic', 'gso', 'alpha', 'zeta']
    """
    order = list(PRODUCERS)
    codes = set(series_codes)
    return sorted(codes, key=lambda s: (order.index(s) if s in PRODUCERS else len(order), s))


#: How certain a published figure is, as the ``status`` column writes it.
FIGURE_STATUSES = ("actual", "estimate", "provisional", "projection")
#: The former name of :data:`FIGURE_STATUSES`.
STATUSES = FIGURE_STATUSES

#: Figure statuses as Vietnamese sources write them (data/README.md), read as the package's words.
STATUS_WORDS = {
    "thực tế": "actual",
    "chính thức": "actual",
    "thực hiện": "actual",
    "ước thực hiện": "estimate",
    "ước tính": "estimate",
    "ước đạt": "estimate",
    "ước": "estimate",
    "sơ bộ": "provisional",
    "tạm tính": "provisional",
    "dự kiến": "projection",
    "dự báo": "projection",
}


def figure_status(value: Any) -> Any:
    """A status cell in the package's words: ``ước tính`` -> ``estimate``, ``Actual`` -> ``actual``; anything else
    as written (validation then names it and what is accepted).

    >>> figure_status("Ước tính"), figure_status("PROVISIONAL"), figure_status("guess")
    ('estimate', 'provisional', 'guess')
    """
    if not isinstance(value, str):
        return value
    word = unicodedata.normalize("NFC", value).strip().lower()
    return STATUS_WORDS.get(word, word if word in FIGURE_STATUSES else value)
