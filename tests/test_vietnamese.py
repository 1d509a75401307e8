"""Vietnamese first under lang="vi": periods and dates written as a Vietnamese reader writes them (one function,
checked over every period the data files accept), and the HTML of a notebook keeping only its language's prose."""

from __future__ import annotations

import datetime as dt
import re

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxanalysis.data.periods import parse_period
from dxanalysis.present import i18n
from dxanalysis.reports.export import HtmlExporter

ISO_PERIOD = re.compile(r"\b\d{4}-(?:H[12]|Q[1-4]|\d{2})\b")

years = st.integers(min_value=1900, max_value=2100)
periods = st.one_of(
    years.map(str),
    st.tuples(years, st.integers(1, 2)).map(lambda t: f"{t[0]}-H{t[1]}"),
    st.tuples(years, st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    st.tuples(years, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
)


@given(periods)
def test_every_period_reads_the_vietnamese_way(period):
    p = parse_period(period)
    for short in (False, True):
        text = i18n.fmt_period(period, "vi", short=short)
        assert not ISO_PERIOD.search(text), text  # no "2024-H1", "2025-10", "2025-10-26"
        assert str(p.start.year) in text and "-" not in text
    long = i18n.fmt_period(period, "vi")
    expected = {
        "year": f"năm {p.start.year}",
        "half": f"6 tháng {'đầu' if p.start.month == 1 else 'cuối'} năm {p.start.year}",
        "quarter": f"Quý {['I', 'II', 'III', 'IV'][(p.start.month - 1) // 3]}/{p.start.year}",
        "month": f"tháng {p.start.month}/{p.start.year}",
        "day": f"{p.start.day}/{p.start.month}/{p.start.year}",
    }[p.freq]
    assert long == expected
    assert i18n.fmt_period(period, "en") == period  # English keeps the data's labels


@given(periods, periods)
def test_two_periods_never_read_alike(a, b):
    """The words name the period: two different periods are never written the same way (in either form)."""
    if a != b:
        assert i18n.fmt_period(a, "vi") != i18n.fmt_period(b, "vi")
        assert i18n.fmt_period(a, "vi", short=True) != i18n.fmt_period(b, "vi", short=True)


def test_dates_spans_and_what_is_not_a_period():
    assert i18n.fmt_day(dt.date(2025, 10, 26), "vi") == "26/10/2025" == i18n.fmt_period("2025-10-26", "vi")
    assert i18n.fmt_period_span("2021", "2025-H1", "vi") == "từ năm 2021 đến 6 tháng đầu năm 2025"
    assert i18n.fmt_period("Q2 2025", "vi") == "Q2 2025" and i18n.fmt_period(None, "vi") == ""


def test_producers_by_the_body_that_published_the_figure():
    assert i18n.series_name("mic", "vi", "2025-02") == "Bộ TT&TT"  # February 2025: still the old ministry
    assert i18n.series_name("mic", "vi", "2025-10-26") == "Bộ KH&CN"
    assert (
        i18n.series_name("gso", "vi", "2025") == "Cục Thống kê" and i18n.series_name("gso", "vi") == "Tổng cục Thống kê"
    )


def test_the_index_words_are_not_literal_translations():
    words = {i18n.label(f"report_{k}", "vi") for k in ("data", "notebook", "manifest", "ipynb", "ok")}
    assert not words & {"dấu vân tay dữ liệu", "Sổ tay", "sổ tay", "Bản kê", "xong"}


def _executed(lang: str | None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# English title\n\nEnglish prose.", metadata={"tags": ["lang-en"]}),
        nbformat.v4.new_markdown_cell("# Tiêu đề tiếng Việt\n\nVăn bản.", metadata={"tags": ["lang-vi"]}),
        nbformat.v4.new_markdown_cell("**Parameters**", metadata={"tags": ["about-code", "lang-en"]}),
        nbformat.v4.new_markdown_cell("Both languages: 2024", metadata={}),
    ]
    if lang is not None:
        nb.metadata["papermill"] = {"parameters": {"lang": lang}}
    return nb


@pytest.mark.parametrize(
    ("lang", "title", "dropped"), [("vi", "Tiêu đề tiếng Việt", "English"), (None, "English title", "Tiêu đề")]
)
def test_the_html_keeps_the_language_the_notebook_ran_in(tmp_path, lang, title, dropped):
    nb = _executed(lang)
    nbformat.write(nb, str(tmp_path / "notebook.ipynb"))
    assert HtmlExporter(show_code=False).export(tmp_path, "Trang", nb) == []
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    body = re.sub(r"<(style|script).*?</\1>", "", page, flags=re.S)
    headings = re.findall(r"<h1[^>]*>(.*?)<", body)
    assert headings and headings[0].strip() == title
    assert dropped not in body and "Parameters" not in body and "Both languages" in body
    assert f'<html lang="{lang or "en"}">' in page


def test_every_target_document_the_data_name_in_english_has_a_vietnamese_name():
    # a Vietnamese page must not name a target's document in English (the data name some so: a plan, a report)
    import dxanalysis as dx

    for document in sorted(set(dx.load_targets()["document"])):
        if document.isascii():  # the English names (the Vietnamese ones are written with their diacritics)
            assert i18n.LABELS.get(f"document_{document}", ("", ""))[1], document
