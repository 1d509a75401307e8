"""Labels in English and Vietnamese for everything a figure, a table or a notebook's narrative prints.

Every text the figures and the notebooks show is looked up here, by key, in :data:`~dxanalysis.present.labels.LABELS`
(titles, axis labels, legend entries, model and status names, the tables' column headers), and numbers are written
the language's way (Vietnamese writes ``12.345,6`` where English writes ``12,345.6``). Indicator names, unit labels
and descriptions come from the catalogue (``name_en`` / ``name_vi``, ``unit_label_en`` / ``unit_label_vi``,
``measures_en`` / ``measures_vi``).

>>> from dxanalysis.present import i18n
>>> i18n.label("status_off track", "vi")
'chậm tiến độ'
>>> i18n.fmt_number(12345.6, "vi")
'12.345,6'

Periods and dates are written the language's way by one function, :func:`fmt_period` (Vietnamese writes
``6 tháng đầu năm 2024`` where the data write ``2024-H1``), and dates of judgement by :func:`fmt_day`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping
from typing import Any, Literal

from dxanalysis import data
from dxanalysis.data.observations import catalogue_entry
from dxanalysis.data.periods import parse_period
from dxanalysis.data.schemas import PILLARS
from dxanalysis.data.vocabularies import PRODUCER_RENAMES
from dxanalysis.errors import DxError, UnknownIndicatorError
from dxanalysis.present.labels import LABELS
from dxanalysis.present.numbers import is_missing

__all__ = [
    "LABELS",
    "LANGS",
    "Lang",
    "check_lang",
    "document_name",
    "fmt_compact",
    "fmt_day",
    "fmt_number",
    "fmt_percent",
    "fmt_period",
    "fmt_period_span",
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


_ROMAN_QUARTERS = ("I", "II", "III", "IV")


def fmt_period(period: object, lang: str = "en", *, short: bool = False) -> str:
    """A period, or a publication date, as a reader of the language writes it; the one rule for every table,
    sentence, chart label and page that shows one.

    Vietnamese: ``năm 2024`` (a year), ``6 tháng đầu năm 2024`` / ``6 tháng cuối năm 2024`` (a half-year),
    ``Quý II/2025`` (a quarter), ``tháng 10/2025`` (a month), ``26/10/2025`` (a day). ``short``: the forms charts
    and infographics use where space is tight, ``2024``, ``6T đầu/2024``, ``6T cuối/2024``, ``QII/2025``,
    ``T10/2025``, ``26/10/2025``. English keeps the data's own labels (``2024-H1``, ``2025-Q2``, ``2025-10-26``)
    either way. A date (``datetime.date``) is a day; a text that is not a period (a user's own label), or a missing
    value (``""``), is returned as written.

    Examples
    --------
    >>> [fmt_period(p, "vi") for p in ("2024", "2024-H1", "2024-H2", "2025-Q2")]
    ['năm 2024', '6 tháng đầu năm 2024', '6 tháng cuối năm 2024', 'Quý II/2025']
    >>> fmt_period("2025-10", "vi"), fmt_period("2025-10-26", "vi"), fmt_period(dt.date(2024, 5, 1), "vi")
    ('tháng 10/2025', '26/10/2025', '1/5/2024')
    >>> [fmt_period(p, "vi", short=True) for p in ("2024", "2024-H1", "2024-H2", "2025-Q2", "2025-10")]
    ['2024', '6T đầu/2024', '6T cuối/2024', 'QII/2025', 'T10/2025']
    >>> fmt_period("2024-H1", "en"), fmt_period(2023, "vi"), fmt_period("", "vi"), fmt_period("FY2024", "vi")
    ('2024-H1', 'năm 2023', '', 'FY2024')
    """
    lang = check_lang(lang)
    if isinstance(period, dt.datetime):
        period = period.date()
    if isinstance(period, dt.date):
        period = period.isoformat()
    if is_missing(period):
        return ""
    text = str(period)
    try:
        p = parse_period(text)
    except ValueError:
        return text
    if lang == "en":
        return p.label
    year = p.start.year
    if p.freq == "year":
        return str(year) if short else f"năm {year}"
    if p.freq == "half":
        part = "đầu" if p.start.month == 1 else "cuối"
        return f"6T {part}/{year}" if short else f"6 tháng {part} năm {year}"
    if p.freq == "quarter":
        roman = _ROMAN_QUARTERS[(p.start.month - 1) // 3]
        return f"Q{roman}/{year}" if short else f"Quý {roman}/{year}"
    if p.freq == "month":
        return f"T{p.start.month}/{year}" if short else f"tháng {p.start.month}/{year}"
    return f"{p.start.day}/{p.start.month}/{year}"


def fmt_period_span(first: object, last: object, lang: str = "en") -> str:
    """The periods a series covers, from ``first`` to ``last``, with :func:`fmt_period`'s words.

    >>> fmt_period_span("2021", "2025-H1"), fmt_period_span("2021", "2025-H1", "vi")
    ('2021–2025-H1', 'từ năm 2021 đến 6 tháng đầu năm 2025')
    >>> fmt_period_span("2021", "2024", "vi"), fmt_period_span("2024-04", "2024-04", "vi")
    ('giai đoạn 2021–2024', 'tháng 4/2024')
    """
    lang = check_lang(lang)
    a, b = str(first), str(last)
    if a == b:
        return fmt_period(a, lang)
    if lang == "en":
        return f"{a}–{b}"
    if a.isdigit() and b.isdigit():
        return f"giai đoạn {a}–{b}"
    return f"từ {fmt_period(a, lang)} đến {fmt_period(b, lang)}"


def fmt_day(day: object, lang: str = "en") -> str:
    """A date of judgement as a reader writes it: 3 December 2026 / 3/12/2026 (``""`` for no date).

    >>> fmt_day(dt.date(2026, 12, 3)), fmt_day(dt.date(2026, 12, 3), "vi"), fmt_day(None)
    ('3 December 2026', '3/12/2026', '')
    """
    lang = check_lang(lang)
    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        return ""
    return f"{day.day} {day:%B} {day.year}" if lang == "en" else fmt_period(day, lang)


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
    row = catalogue_entry(indicator)
    if row is None:
        raise UnknownIndicatorError(indicator, sorted(data.indicators()["id"]))
    return row


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
    """A verdict (met, met late, missed, not published, on track, uncertain, off track, insufficient data, measure
    discontinued) or a fit status, in the language.

    >>> status_name("on track", "vi")
    'đúng tiến độ'
    """
    check_lang(lang)
    return label(f"status_{status}", lang) if f"status_{status}" in LABELS else status


def series_name(series: str, lang: str = "en", period: object = None) -> str:
    """Who produced a series, in words: ``mic`` -> ``Ministry (MIC)`` / ``Bộ TT&TT``; with the ``period`` of the
    figure named, by the body that published it (:data:`~dxanalysis.data.vocabularies.PRODUCER_RENAMES`): the
    ministry's figures from March 2025 on are the Ministry of Science and Technology's. A series named over its
    whole span (a legend, a column) keeps its usual name: give no period.

    >>> series_name("gso", "en"), series_name("mic", "vi", "2024"), series_name("mic", "vi", "2025-H1")
    ('Statistics office (GSO)', 'Bộ TT&TT', 'Bộ KH&CN')
    >>> series_name("gso", "vi", "2025"), series_name("gso", "vi", "2025-Q1"), series_name("gso", "vi", "n/a")
    ('Cục Thống kê', 'Cục Thống kê', 'Tổng cục Thống kê')
    """
    i = LANGS.index(check_lang(lang))
    renamed = PRODUCER_RENAMES.get(series)
    if renamed is not None and not is_missing(period):
        try:
            since, english, vietnamese = renamed
            if parse_period(str(period)).end >= since:
                return (english, vietnamese)[i]
        except ValueError:
            pass  # not a period: the series' usual name
    return label(f"series_{series}", lang) if f"series_{series}" in LABELS else series


def document_name(document: object, lang: str = "en") -> str:
    """The document that sets a target, as the language names it: a document the targets file describes in English
    has its Vietnamese description under ``"vi"``; every other name (``Quyết định 749/QĐ-TTg``) is shown as written.

    >>> document_name("MIC 2024 target", "vi"), document_name("Quyết định 749/QĐ-TTg", "en"), document_name(None)
    ('Mục tiêu năm 2024 của Bộ TT&TT', 'Quyết định 749/QĐ-TTg', '')
    """
    check_lang(lang)
    if is_missing(document) or document is None:
        return ""
    text = str(document)
    return label(f"document_{text}", lang) if f"document_{text}" in LABELS else text


def geo_name(geo: str, lang: str = "en") -> str:
    """A place: ``VN`` -> ``Vietnam`` / ``Việt Nam``; a province code is returned as is.

    >>> geo_name("VN", "vi")
    'Việt Nam'
    """
    check_lang(lang)
    return label(f"geo_{geo}", lang) if f"geo_{geo}" in LABELS else geo
