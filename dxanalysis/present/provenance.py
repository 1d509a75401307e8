"""The figures with their sources, as a reader checks them: tables of period, value, unit, status, publication date,
source (title, publisher, linked address) and the verbatim quote, and the HTML that shows any table of a report page
with working links, text left-aligned, numbers right-aligned and nothing cut.

The tables (:func:`figures_table`, :func:`headline_figures`) keep their values numeric, rounded to the precision they
were published at (no ``2.1999999999999993`` in a CSV), with headers in the reader's language; :func:`html_table`
writes a table for reading: numbers the language's way, a figure at its own published precision, and every web
address as a link (only ``http`` and ``https`` addresses become links; all text is escaped).

>>> t = figures_table("digital_economy_share_gdp", "mic")
>>> t.columns[:4].tolist()
['Period', 'Measure (series)', 'Value', 'Unit']
>>> 'href="https://' in html_table(t).html
True
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from dxanalysis import data
from dxanalysis.data.periods import period_time
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_compact, fmt_number, fmt_period, label
from dxanalysis.present.numbers import PUBLISHED_DECIMALS, as_float, exact_decimals, is_missing

__all__ = [
    "SLUG_PREFIX",
    "LinkedTable",
    "figures_html",
    "figures_table",
    "headline_figures",
    "html_table",
    "linked_sources",
    "published_decimals",
    "published_text",
    "published_value",
    "readable_title",
    "verdicts_html",
    "web_address",
]


#: The columns of a figures table, in order (their headers are the ``fig_<name>`` labels).
FIGURE_COLUMNS = (
    "period",
    "measure",
    "value",
    "unit",
    "status",
    "published",
    "title",
    "publisher",
    "address",
    "quote",
    "source",
)


def web_address(text: Any) -> str | None:
    """The text as a web address a reader can follow, or ``None``: only ``http``/``https`` addresses with a host.

    >>> web_address(" https://example.org/a?b=1 "), web_address("javascript:alert(1)"), web_address(None)
    ('https://example.org/a?b=1', None, None)
    """
    if not isinstance(text, str):
        return None
    address: str = text.strip()
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in address):
        return None
    return address


def published_decimals(value: Any) -> int:
    """The decimals a figure was published with: those of its shortest exact writing, float noise left out (the
    saved tables' rule, :func:`~dxanalysis.present.numbers.exact_decimals`; at most
    :data:`~dxanalysis.present.numbers.PUBLISHED_DECIMALS`).

    >>> [published_decimals(v) for v in (16.5, 2.1999999999999993, 35.18, 20, 1 / 3)]
    [1, 1, 2, 0, 6]
    """
    if not math.isfinite(as_float(value)):
        return 0
    found = exact_decimals(value)
    return PUBLISHED_DECIMALS if found is None else found


def published_value(value: Any) -> float:
    """The figure at its published precision: arithmetic's float noise removed (``NaN`` stays ``NaN``).

    >>> published_value(2.1999999999999993), published_value(0.1 + 0.2)
    (2.2, 0.3)
    """
    number = as_float(value)
    return round(number, published_decimals(number)) if math.isfinite(number) else number


_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def published_text(day: Any, lang: str = "en") -> str:
    """A publication date as the data give it (``2025-09-05``, ``2025-09`` or ``2025``: as precise as published),
    as a reader writes it: 5 September 2025, September 2025, 2025; in Vietnamese as
    :func:`~dxanalysis.present.i18n.fmt_period` writes dates (5/9/2025, tháng 9/2025, năm 2025); "" for none.

    >>> published_text("2025-09-05"), published_text("2025-09", "vi"), published_text(""), published_text("soon")
    ('5 September 2025', 'tháng 9/2025', '', 'soon')
    """
    lang = check_lang(lang)
    if isinstance(day, dt.date):
        day = day.isoformat()[:10]
    if is_missing(day) or not str(day).strip():
        return ""
    text = str(day).strip()
    match = _ISO.match(text)
    if not match:
        return text
    if lang == "vi":
        return fmt_period(text, lang)
    year, month, dom = match.groups()
    if month is None:
        return year
    if dom is None:
        return f"{dt.date(int(year), int(month), 1):%B} {year}"
    return i18n.fmt_day(dt.date(int(year), int(month), int(dom)), lang)


def _published_iso(stamp: Any, precision: Any) -> str:
    """A publication timestamp as precise as it was published: ``2025-09-05``, ``2025-09`` or ``2025``."""
    if is_missing(stamp):
        return ""
    day = pd.Timestamp(stamp).date().isoformat()
    return {"year": day[:4], "month": day[:7]}.get(str(precision), day)


def _headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: label(f"fig_{c}", lang) for c in frame.columns if f"fig_{c}" in i18n.LABELS})


def _figure_rows(obs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Observations as the figures table's columns (before the headers are translated)."""
    sources = data.load_sources().set_index("id")

    def source_field(source: Any, field: str) -> str:
        if not isinstance(source, str) or source not in sources.index:
            return ""
        value = sources.at[source, field]
        return "" if is_missing(value) else str(value)

    status_word = {s: label(f"figure_{s}", lang) for s in ("actual", "estimate", "provisional", "projection")}
    precision = obs["published_precision"] if "published_precision" in obs.columns else pd.Series("day", obs.index)
    return pd.DataFrame(
        {
            "period": obs["period"].astype(str).to_numpy(),
            "measure": [i18n.series_name(str(s), lang) if isinstance(s, str) else "" for s in obs["series"]],
            "value": [published_value(v) for v in obs["value"]],
            "unit": [i18n.unit_label(str(i), lang) for i in obs["indicator"]],
            "status": [status_word.get(str(s), str(s)) for s in obs["status"]],
            "published": [_published_iso(p, k) for p, k in zip(obs["published"], precision, strict=True)],
            "title": [readable_title(source_field(s, "title"), lang) for s in obs["source"]],
            "publisher": [source_field(s, "publisher") for s in obs["source"]],
            "address": [web_address(source_field(s, "url")) or "" for s in obs["source"]],
            "quote": ["" if is_missing(q) else str(q) for q in obs["evidence"]],
            "source": ["" if is_missing(s) else str(s) for s in obs["source"]],
        }
    )


def _ordered(obs: pd.DataFrame, indicator_of: pd.Series) -> pd.DataFrame:
    """Observations in reading order: indicator as given, then period in time, then measure, then publication."""
    timing = data.indicators().set_index("id")["timing"]
    time = [
        period_time(str(p), "end" if timing.get(i) == "end" else "period")
        for i, p in zip(indicator_of, obs["period"], strict=True)
    ]
    return obs.assign(_time=time).sort_values(["_time", "series", "published"], kind="stable").drop(columns="_time")


def figures_table(
    indicator: str,
    series: str | None = None,
    *,
    geo: str = "VN",
    as_of: str | dt.date | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Every published release of an indicator's figures (of one series, or all) with its source and quote, one row
    per release, in time order: period, measure, value (at its published precision), unit, status of the figure,
    publication date (as precise as published), the source's title, publisher and address, the verbatim quote and
    the source's id. Headers in the language; ``series`` ``""`` or ``None``: every series.

    >>> t = figures_table("digital_economy_share_gdp", "gso", lang="vi")
    >>> t["Kỳ"].iloc[0], float(t["Giá trị"].iloc[0])
    ('2020', 12.66)
    >>> bool(t["Trích dẫn nguyên văn"].str.len().gt(0).all())
    True
    """
    lang = check_lang(lang)
    i18n.indicator_name(indicator)  # an unknown indicator is said at once, with the accepted ids
    obs = data.load_observations(as_of=as_of or None, vintage="all")
    rows = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo)]
    if series:
        rows = rows[rows["series"] == series]
    rows = _ordered(rows, rows["indicator"])
    return _headers(_figure_rows(rows, lang).reset_index(drop=True), lang)


def headline_figures(card: pd.DataFrame, *, as_of: str | dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """The figures the scorecard's verdicts rest on, with their sources and quotes: for each indicator and series of
    ``card`` (:func:`dxanalysis.scorecard`), its latest figure and the figure for each past target year it is judged
    by, once each (the latest release as of ``as_of``), the indicator's name first.

    >>> import dxanalysis as dx
    >>> t = headline_figures(dx.scorecard())
    >>> t.columns[:3].tolist()
    ['Indicator', 'Period', 'Measure (series)']
    >>> bool(t["Quote (verbatim)"].str.len().gt(0).all())
    True
    """
    lang = check_lang(lang)
    obs = data.load_observations(as_of=as_of or None)
    wanted: list[tuple[str, str, str]] = []
    for _, row in card.iterrows():
        for column in ("latest_period", "basis_period"):
            period = row.get(column)
            if isinstance(row.get("series"), str) and isinstance(period, str) and period:
                key = (str(row["indicator"]), str(row["series"]), period)
                if key not in wanted:
                    wanted.append(key)
    order = {k: n for n, k in enumerate(dict.fromkeys(k[0] for k in wanted))}
    keys = pd.MultiIndex.from_frame(obs[["indicator", "series", "period"]])
    rows = obs[keys.isin(wanted) & (obs["geo"] == "VN")]
    rows = _ordered(rows, rows["indicator"])
    rows = rows.iloc[sorted(range(len(rows)), key=lambda n: order[str(rows["indicator"].iloc[n])])]
    out = _figure_rows(rows, lang)
    out.insert(0, "indicator", [i18n.indicator_name(str(i), lang) for i in rows["indicator"]])
    return _headers(out.reset_index(drop=True), lang)


# ----------------------------------------------------------------------------------------------------------------------
# HTML


@dataclass(frozen=True)
class LinkedTable:
    """A table as a report page shows it: ``html`` (what the notebook and its HTML page display) and ``frame`` (the
    same cells as text, for a plain-text view).

    >>> LinkedTable("<table></table>", pd.DataFrame())._repr_html_()
    '<table></table>'
    """

    html: str
    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


#: Cells of at most this many characters (periods, dates, units, codes) are kept on one line.
_NOWRAP_UP_TO = 16

# words are never broken inside (a narrow column widens instead, and a wide table scrolls sideways in its box)
_STYLE = (  # "table.dx-table" outranks JupyterLab's own rules (which right-align every cell of an output's table)
    "<style>.dx-scroll{overflow-x:auto;max-width:100%}"
    "table.dx-table{border-collapse:collapse;margin:0.5em 0;font-size:12px;table-layout:auto;margin-left:0}"
    "table.dx-table tr th,table.dx-table tr td{padding:0.3em 0.6em;vertical-align:top;"
    "border-bottom:1px solid #e3e3e3;max-width:none;white-space:normal;overflow-wrap:normal;word-break:normal}"
    "table.dx-table tr th{background:#f4f4f4;vertical-align:bottom;min-width:4em}"
    "table.dx-table tr .num{text-align:right}table.dx-table tr .text{text-align:left}"
    "table.dx-table tr .nowrap{white-space:nowrap}"
    "table.dx-table tr td.quote{min-width:20em;font-style:italic}table.dx-table tr td.long{min-width:10em}"
    "table.dx-table a{color:#1a5fb4}</style>"
)


def html_table(
    frame: pd.DataFrame,
    lang: str = "en",
    *,
    digits: int = 1,
    as_published: Collection[str] | None = None,
    links: Mapping[str, str] | None = None,
    hide: Collection[str] = (),
    quotes: Collection[str] | None = None,
) -> LinkedTable:
    """A table for reading on a report page: numbers written the language's way and right-aligned, text left-aligned
    and never cut, every web address a link.

    Parameters
    ----------
    digits
        Decimals of the decimal numbers (whole numbers are written as they are; missing values as ``—``).
    as_published
        Columns whose numbers keep each its own published precision (:func:`published_decimals`); by default the
        figures tables' value column.
    links
        Text column -> address column: the text links to the row's address (a source's title to its page). A column
        of addresses is shown as links whose text is the site's name.
    hide
        Columns left out of the page (kept in the CSV).
    quotes
        Columns of verbatim quotes (shown in quotation marks); by default the figures tables' quote column.

    >>> t = pd.DataFrame({"Title": ["A <b>"], "Address": ["https://ex.org/p?a=1&b=2"], "Value": [2.1999999999999993]})
    >>> page = html_table(t, links={"Title": "Address"}, as_published=["Value"]).html
    >>> '<a href="https://ex.org/p?a=1&amp;b=2">A &lt;b&gt;</a>' in page, '>ex.org</a>' in page, '>2.2<' in page
    (True, True, True)
    """
    lang = check_lang(lang)
    defaults = _figure_defaults(frame, lang)
    as_published = defaults["as_published"] if as_published is None else set(as_published)
    links = defaults["links"] if links is None else dict(links)
    quotes = defaults["quotes"] if quotes is None else set(quotes)
    shown = [c for c in frame.columns if c not in set(hide)]
    e = html.escape
    head = "".join(f'<th class="{"num" if _numeric(frame[c]) else "text"}">{e(str(c))}</th>' for c in shown)
    body, text_rows = [], []
    for _, row in frame.iterrows():
        cells, texts = [], []
        for c in shown:
            value = row[c]
            text = _cell_text(value, frame[c], lang, digits, own_precision=c in as_published)
            texts.append(text)
            classes = ["num" if _numeric(frame[c]) else "text"]
            if c in quotes and text != "—":
                inner = e(f"“{text}”")
                classes.append("quote")
            elif c in links and web_address(row.get(links[c])):
                inner = f'<a href="{e(str(web_address(row[links[c]])))}">{e(text)}</a>'
            elif web_address(value):
                address = str(web_address(value))
                inner = f'<a href="{e(address)}">{e(urlsplit(address).netloc.removeprefix("www."))}</a>'
            else:
                inner = e(text)
            if len(text) <= _NOWRAP_UP_TO:
                classes.append("nowrap")
            elif len(text) > 40 and "quote" not in classes:
                classes.append("long")
            cells.append(f'<td class="{" ".join(classes)}">{inner}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
        text_rows.append(texts)
    page = (
        f'{_STYLE}<div class="dx-scroll"><table class="dx-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
    return LinkedTable(page, pd.DataFrame(text_rows, columns=[str(c) for c in shown]))


def _figure_defaults(frame: pd.DataFrame, lang: str) -> dict[str, Any]:
    """The figures tables' own columns, where ``frame`` has them: value, source title -> address, quote."""
    value, title, address, quote = (label(f"fig_{k}", lang) for k in ("value", "title", "address", "quote"))
    src_title, src_url = label("col_title", lang), label("col_url", lang)
    links = {t: a for t, a in ((title, address), (src_title, src_url)) if t in frame.columns and a in frame.columns}
    return {
        "as_published": {value} & set(frame.columns),
        "links": links,
        "quotes": {quote} & set(frame.columns),
    }


def _numeric(column: pd.Series) -> bool:
    return bool(pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column))


def _cell_text(value: Any, column: pd.Series, lang: str, digits: int, *, own_precision: bool) -> str:
    """One cell as a reader reads it (``—`` for a missing value)."""
    if isinstance(value, bool) or pd.api.types.is_bool_dtype(column):
        return "—" if is_missing(value) else label("yes" if value else "no", lang)
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return "—"
    if pd.api.types.is_integer_dtype(column):
        return str(int(value))
    if isinstance(value, float) and pd.api.types.is_float_dtype(column):
        if own_precision:
            return fmt_number(value, lang, published_decimals(value))
        return fmt_compact(value, lang, digits)
    return str(value)


def figures_html(frame: pd.DataFrame, lang: str = "en") -> LinkedTable:
    """A figures table (:func:`figures_table`, :func:`headline_figures`) for a page: the source ids (kept in the
    CSV) and a measure column that names one series only are left out; titles link to their sources.

    >>> page = figures_html(figures_table("egdi_rank"))
    >>> "Measure (series)" in page.html, "Source id" in page.html, page.html.count('href="https://') > 0
    (False, False, True)
    """
    lang = check_lang(lang)
    measure = label("fig_measure", lang)
    hide = [label("fig_source", lang)]
    if measure in frame.columns and frame[measure].nunique() <= 1:
        hide.append(measure)
    published, period = label("fig_published", lang), label("fig_period", lang)
    if published in frame.columns:  # as a reader writes a date, as precise as it was published
        frame = frame.assign(**{published: [published_text(d, lang) for d in frame[published]]})
    if period in frame.columns:  # "6 tháng đầu năm 2024", not "2024-H1", for a Vietnamese reader
        frame = frame.assign(**{period: [fmt_period(p, lang) for p in frame[period]]})
    return html_table(frame, lang, hide=hide)


def verdicts_html(frame: pd.DataFrame, lang: str = "en", *, digits: int = 1) -> LinkedTable:
    """The scorecard or an assessment table (:mod:`dxanalysis.present.verdict_tables`) for a page: the published
    figures (latest, target, the figure for the target year) at their published precision, the computed ones with
    ``digits`` decimals.

    >>> import dxanalysis as dx
    >>> from dxanalysis.present.verdict_tables import scorecard_table
    >>> page = verdicts_html(scorecard_table(dx.scorecard()))
    >>> ">14.02<" in page.html, "…" in page.html
    (True, False)
    """
    lang = check_lang(lang)
    published = {label(f"col_{k}", lang) for k in ("latest", "target", "basis")} & set(frame.columns)
    return html_table(frame, lang, digits=digits, as_published=published)


def linked_sources(frame: pd.DataFrame, lang: str = "en") -> LinkedTable:
    """The sources table (:func:`dxanalysis.present.tables.sources_table`) for a page: each title a link to the
    source's page where it has one, the address as a link named by its site.

    >>> from dxanalysis.present.tables import sources_table
    >>> page = linked_sources(sources_table()).html
    >>> page.count('href="http') > 10
    True
    """
    lang = check_lang(lang)
    title = label("col_title", lang)
    if title in frame.columns:
        frame = frame.assign(**{title: [readable_title(t, lang) for t in frame[title]]})
    return html_table(frame, lang, links={title: label("col_url", lang)})


#: How data/sources.yml writes a title it could not find on the page: the address's own words.
SLUG_PREFIX = "slug: "


def readable_title(title: Any, lang: str = "en") -> str:
    """A source's title for a reader: as recorded, or, where only the page's address was recorded
    (``slug: viet-nam-tang-15-bac``), the address's words, said to be so.

    >>> readable_title("slug: viet-nam-tang-15-bac-chi-so")
    "Viet nam tang 15 bac chi so (the page address's words; title not recorded)"
    >>> readable_title("Digital economy expected to reach 18.6 per cent"), readable_title(None)
    ('Digital economy expected to reach 18.6 per cent', '')
    """
    if is_missing(title) or not str(title).strip():
        return ""
    text = str(title).strip()
    if not text.startswith(SLUG_PREFIX):
        return text
    words = text[len(SLUG_PREFIX) :].replace("-", " ").replace("_", " ").strip()
    return f"{words[:1].upper()}{words[1:]} ({label('fig_title_from_address', lang)})"
