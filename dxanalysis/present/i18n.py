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
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import Any, Literal

from dxanalysis import data
from dxanalysis.data.schemas import PILLARS
from dxanalysis.errors import DxError, UnknownIndicatorError
from dxanalysis.present.labels import LABELS
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
