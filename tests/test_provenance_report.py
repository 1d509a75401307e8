"""Provenance in the reader's hands (issue 15, items 1 and 6): every indicator page holds the table of its figures
with their quotes and working source links, the overview opens with its dated synthesis and a scorecard that cuts no
name, and the index gives the date of the newest figure, with the engineering details on the manifest's page.

The pages are those of real notebooks run through the report runner, read from their exported HTML."""

from __future__ import annotations

import datetime as dt
import html
import math

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import dxanalysis as dx
from dxanalysis import reports
from dxanalysis.present import provenance
from dxanalysis.present.verdict_tables import fmt_day
from dxanalysis.reports import Job

INDICATOR, SERIES = "digital_economy_share_gdp", "mic"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    plan = [
        Job("overview.ipynb", {}, "overview", "Overview"),
        Job("indicator.ipynb", {"indicator": INDICATOR, "series": SERIES}, "indicator", "Digital economy"),
        Job("indicator.ipynb", {"indicator": "egdi_rank", "series": "", "lang": "vi"}, "indicator_vi", "EGDI (vi)"),
    ]
    out = tmp_path_factory.mktemp("provenance")
    return reports.run_report(out=out, plan=plan, jobs=2, progress=False, log=lambda _: None)


def page(run, slug: str) -> BeautifulSoup:
    return BeautifulSoup((run.run_dir / slug / "report.html").read_text(encoding="utf-8"), "html.parser")


def figures_of(indicator: str, series: str | None = None) -> pd.DataFrame:
    obs = dx.load_observations(vintage="all")
    rows = obs[(obs["indicator"] == indicator) & (obs["geo"] == "VN")]
    return rows[rows["series"] == series] if series else rows


def test_every_notebook_ran(run):
    assert [j["slug"] for j in run.manifest["jobs"] if j["status"] != "ok"] == []


def test_the_indicator_page_shows_every_figure_with_its_quote_and_a_link_to_its_source(run):
    soup = page(run, "indicator")
    table = next(t for t in soup.find_all("table") if "Quote (verbatim)" in t.get_text())
    text = " ".join(table.get_text(" ").split())
    expected = figures_of(INDICATOR, SERIES)
    assert len(table.find("tbody").find_all("tr")) == len(expected)  # one row per release
    for quote in expected["evidence"]:
        assert " ".join(str(quote).split()) in text, quote
    hrefs = {a["href"] for a in table.find_all("a")}
    sources = dx.load_sources().set_index("id")
    urls = {sources.at[s, "url"] for s in expected["source"] if isinstance(sources.at[s, "url"], str)}
    assert urls and urls <= hrefs  # every source with an address is a link to it
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert 'href="http' in str(table)


def test_the_figures_table_is_saved_beside_the_page_at_published_precision(run):
    csv = run.run_dir / "indicator" / "tables" / "figures.csv"
    saved = pd.read_csv(csv, encoding="utf-8-sig", dtype=str)
    expected = figures_of(INDICATOR, SERIES)
    assert len(saved) == len(expected)
    assert sorted(saved["Value"].astype(float)) == sorted(expected["value"].astype(float))
    assert not saved["Value"].str.contains(r"\d{9,}").any()  # no float noise such as 2.1999999999999993
    assert set(saved["Source id"]) == set(expected["source"])
    assert "figures" in next(j for j in run.manifest["jobs"] if j["slug"] == "indicator")["tables"]


def test_the_vietnamese_page_has_vietnamese_headers_and_links(run):
    soup = page(run, "indicator_vi")
    table = next(t for t in soup.find_all("table") if "Trích dẫn nguyên văn" in t.get_text())
    headers = [th.get_text() for th in table.find_all("th")]
    assert headers[:2] == ["Kỳ", "Giá trị"]  # one measure: no column to say it
    assert "Mã nguồn" not in headers  # the source id is in the CSV, the page links the source itself
    assert table.find("a", href=lambda h: h and h.startswith("http"))


def test_the_overview_opens_with_its_dated_synthesis(run):
    soup = page(run, "overview")
    first = soup.find("h2")
    assert first is not None and first.get_text().startswith("Where the targets stand")
    # the synthesis is what follows the first heading, before the scorecard's
    section = []
    for node in first.find_all_next(string=True):
        if node.find_parent("h2") is not None and node.find_parent("h2") is not first:
            break
        section.append(str(node))
    text = " ".join(" ".join(section).split())
    card = dx.scorecard()
    assert fmt_day(card["judged_on"].dropna().iloc[0]) in text  # the date of judgement
    for status in set(card["status"]):
        assert f"{dx.present.i18n.status_name(status, 'en')} (" in text, status
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert not any(h.startswith("Headline") for h in headings)  # moved, not duplicated


def test_the_overview_scorecard_has_units_full_names_and_left_aligned_text(run):
    soup = page(run, "overview")
    table = next(t for t in soup.find_all("table") if "Date of judgement" in t.get_text())
    headers = [th.get_text() for th in table.find_all("th")]
    assert "Unit" in headers
    assert "…" not in table.get_text()
    names = {td.get_text() for tr in table.find("tbody").find_all("tr") for td in tr.find_all("td")[1:2]}
    assert {dx.present.i18n.indicator_name(i) for i in dx.scorecard()["indicator"]} == names  # whole names
    name_col = headers.index("Indicator")
    latest_col = headers.index("Latest figure")
    row = table.find("tbody").find("tr").find_all("td")
    assert "text" in row[name_col]["class"] and "num" in row[latest_col]["class"]


def test_the_overview_names_every_source_with_a_link(run):
    soup = page(run, "overview")
    sources = next(t for t in soup.find_all("table") if "Figures cited" in t.get_text())
    with_url = dx.load_sources()["url"].dropna()
    assert {u for u in with_url if u.startswith("http")} <= {a["href"] for a in sources.find_all("a")}
    behind = next(t for t in soup.find_all("table") if "Quote (verbatim)" in t.get_text())
    assert behind.find("a", href=lambda h: h and h.startswith("http"))
    assert (run.run_dir / "overview" / "tables" / "headline_figures.csv").exists()


def test_the_index_gives_the_newest_figures_date_and_the_manifest_has_its_page(run):
    index = (run.run_dir / "index.html").read_text(encoding="utf-8")
    newest = dx.load_observations()["published"].max().date()
    assert f"Newest figure published {fmt_day(newest)}" in index
    assert "data as of latest" not in index
    assert run.manifest["data_fingerprint"] not in index  # engineering details: on the manifest's page
    assert 'href="manifest.html"' in index
    manifest = (run.run_dir / "manifest.html").read_text(encoding="utf-8")
    assert run.manifest["data_fingerprint"] in manifest
    for job in run.manifest["jobs"]:
        assert f">{job['duration']:.1f}<" in manifest and html.escape(job["key"]) in manifest


# ----------------------------------------------------------------------------------------------------------------------
# the table's rules, without a notebook


def test_only_http_addresses_become_links_and_text_is_escaped():
    frame = pd.DataFrame(
        {
            "Title": ['<script>alert("x")</script>', "plain"],
            "Address": ["javascript:alert(1)", "ftp://example.org/file"],
            "Other": ["https://example.org/a b", "http://ok.example/p?a=1&b=2"],
        }
    )
    page = provenance.html_table(frame, links={"Title": "Address"}).html
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="javascript' not in page and 'href="ftp' not in page and 'href="https://example.org/a b"' not in page
    assert '<a href="http://ok.example/p?a=1&amp;b=2">ok.example</a>' in page


@pytest.mark.parametrize(
    ("value", "written"), [(2.1999999999999993, "2.2"), (35.18, "35.18"), (99.0, "99"), (0.1 + 0.2, "0.3")]
)
def test_values_are_written_at_their_published_precision(value, written):
    frame = pd.DataFrame({"Value": [value]})
    assert provenance.html_table(frame, as_published=["Value"]).frame["Value"].item() == written
    assert provenance.published_value(value) == float(written)


def test_the_headline_figures_cover_every_latest_figure_of_the_scorecard():
    card = dx.scorecard(as_of="2025-06-30")
    table = provenance.headline_figures(card, as_of="2025-06-30")
    shown = set(zip(table["Indicator"], table["Period"], strict=True))
    for _, row in card.iterrows():
        if isinstance(row["latest_period"], str):
            assert (dx.present.i18n.indicator_name(row["indicator"]), row["latest_period"]) in shown
    published = pd.to_datetime(table["Published"].replace("", math.nan), format="mixed")
    assert (published.dropna().dt.date <= dt.date(2025, 6, 30)).all()  # as published on that date


def test_the_manifest_page_escapes_what_it_shows():
    manifest = {
        "run_id": "<b>r</b>",
        "jobs": [
            {
                "slug": "s",
                "notebook": "n.ipynb",
                "status": "failed",
                "duration": None,
                "key": "k",
                "parameters": {"x": "<script>alert(1)</script>"},
                "error": "<img src=x onerror=alert(1)>",
            }
        ],
    }
    page = reports.pages.render_manifest(manifest)
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>r</b>" not in page
    assert "&lt;script&gt;" in page and ">—<" in page  # no run time: a dash, not 0.0


def test_a_title_recorded_as_the_pages_address_reads_as_words_and_says_so():
    from dxanalysis.present.provenance import figures_table

    t = figures_table("fibre_households_using", "mic", lang="en")
    titles = t["Source"].tolist() if "Source" in t.columns else []
    assert titles and not any(str(x).startswith("slug:") for x in titles)
    assert any("title not recorded" in str(x) for x in titles)  # some pages' titles were not found
