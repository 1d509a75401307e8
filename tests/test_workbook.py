"""The run's workbook and tables: named sheets, an index, units and dates, sources, numbers as published, and no
formula in any cell, even from a user's file whose texts start with "=", "+", "-" or "@"."""

from __future__ import annotations

import json
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dxanalysis import reports
from dxanalysis.present.numbers import exact_decimals, round_figures
from dxanalysis.reports.outputs import ReportOutput
from dxanalysis.reports.table_info import read_table_info
from dxanalysis.reports.workbook import sheet_name, write_workbook

FIXTURES = Path(__file__).parent / "fixtures"
TRICKY = ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


def formula_cells(book: openpyxl.Workbook) -> list[str]:
    cells = (c for ws in book.worksheets for row in ws.iter_rows() for c in row)
    return [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"]


def test_numbers_are_saved_as_published_and_computed_ones_at_stated_decimals():
    t = pd.DataFrame(
        {
            "gap": [16.5 - 14.3, 11.91 - 12.87, 105_155_696_565.04],
            "model": [1 / 3, 2 / 3, 20.0],
            "rank": pd.array([71, None, 86], dtype="Int64"),
        }
    )
    saved = round_figures(t)
    assert saved["gap"].tolist() == [2.2, -0.96, 105_155_696_565.04]
    assert saved["model"].tolist() == [0.333, 0.667, 20.0]
    assert round_figures(t, decimals=1)["model"].tolist() == [0.3, 0.7, 20.0]
    assert saved["rank"].tolist() == [71, pd.NA, 86]
    assert (exact_decimals(0.7709), exact_decimals(math.nan)) == (4, None)


def test_sheet_names_are_short_unique_and_legal():
    taken: list[str] = ["Index", "Sources"]
    for _ in range(12):
        taken.append(sheet_name(["digital_economy_share_gdp", "mic", "VN", "trends"], taken))
    taken.append(sheet_name(["index", ""], taken))
    taken.append(sheet_name(["a/b[c]*?:\\", "tỷ trọng", "VN-57", "x"], taken))
    assert all(0 < len(n) <= 31 for n in taken)
    assert len({n.lower() for n in taken}) == len(taken)
    assert not any(set(n) & set("[]:*?/\\") for n in taken)
    assert taken[2] == "dig econ shar gdp mic VN trends" and taken[3].endswith("~2")
    assert taken[-2].lower() != "index"


def test_a_users_texts_never_become_formulas_and_the_csv_reads_back(tmp_path):
    """A table with text cells from a user's file, saved by ReportOutput and made into a workbook without a kernel."""
    run = tmp_path / "run"
    out = ReportOutput(run / "mine", lang="en")
    frame = pd.DataFrame({"note": TRICKY, "value": [16.5 - 14.3, 1.0, 2.5, 1 / 3], "n": [1, 2, 3, 4]})
    out.table(frame, "notes", indicator="internet_users", series="mic", sources=TRICKY)
    back = pd.read_csv(run / "mine" / "tables" / "notes.csv", encoding="utf-8-sig")
    assert back["note"].tolist() == TRICKY  # as written: no apostrophe, no formula, exactly the text
    assert back["value"].tolist() == [2.2, 1.0, 2.5, 0.333]
    write_workbook(run, [{"slug": "mine", "title": "Mine", "notebook": "m.ipynb", "tables": ["notes"]}])
    book = openpyxl.load_workbook(run / "tables.xlsx")
    assert not formula_cells(book)
    sheet = book[book.sheetnames[1]]
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("note")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in notes] == TRICKY and all(c.data_type == "s" and c.quotePrefix for c in notes)
    values = next(sheet.iter_cols(min_col=header.index("value") + 1, min_row=2))
    assert [c.value for c in values] == [2.2, 1, 2.5, 0.333]
    sources = book["Sources"]
    assert [r[0] for r in sources.iter_rows(min_row=2, values_only=True)][:4] == TRICKY
    assert all(c.quotePrefix for c in next(sources.iter_cols(max_col=1, min_row=2, max_row=5)))


def test_an_older_run_without_records_still_makes_a_workbook(tmp_path):
    folder = tmp_path / "old" / "tables"
    folder.mkdir(parents=True)
    (folder / "state.csv").write_text("x,label\n1,=A1\n", encoding="utf-8")
    write_workbook(tmp_path, [{"slug": "old", "tables": ["state"]}])
    book = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert book.sheetnames == ["Index", "old state", "Sources"] and not formula_cells(book)
    assert read_table_info(folder / "state.csv") is None


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A small real report: the overview, the scenarios, and two indicator notebooks on a user's files whose texts
    start with "=", "+", "-" and "@" (the sources of a plain CSV, the indicator's name of a WDI download)."""
    folder = tmp_path_factory.mktemp("workbook")
    wdi = (FIXTURES / "wdi_gdp_growth.csv").read_text(encoding="utf-8-sig")
    (folder / "wdi_tricky.csv").write_text(
        wdi.replace('"GDP growth (annual %)"', '"=HYPERLINK(""http://example.com"",""GDP growth"")"'), encoding="utf-8"
    )
    rows = [f"internet_users,{2021 + i},{v},VN-57,{TRICKY[i]}" for i, v in enumerate([61.5, 70.25, 74.2, 78.4])]
    (folder / "mine.csv").write_text("indicator,period,value,geo,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    files = [str(folder / "wdi_tricky.csv"), str(folder / "mine.csv")]
    plan = [
        j
        for j in reports.build_plan(indicators=["wdi_ny_gdp_mktp_kd_zg", "internet_users"], data=files)
        if j.parameters["series"] in ("user", "wdi")
    ]
    plan += reports.build_plan(data=files, notebooks=["overview.ipynb", "scenarios.ipynb"])
    result = reports.run_report(out=folder / "out", plan=plan, progress=False, log=lambda _: None, jobs=2)
    assert not result.failed, result.failed
    return result


def test_the_workbook_has_an_index_named_sheets_units_and_dates(report):
    book = openpyxl.load_workbook(report.run_dir / "tables.xlsx")
    assert book.sheetnames[0] == "Index" and book.sheetnames[-1] == "Sources"
    index = book["Index"]
    header = [c.value for c in index[1]]
    lines = [dict(zip(header, r, strict=True)) for r in index.iter_rows(min_row=2, values_only=True)]
    assert [line["Sheet"] for line in lines] == book.sheetnames[1:-1]  # every sheet listed, in order
    links = [c.hyperlink.location for c in next(index.iter_cols(max_col=1, min_row=2))]
    assert links == [f"'{n}'!A1" for n in book.sheetnames[1:-1]]
    by_table = {(line["Indicator id"], line["Series"], line["Table"]): line for line in lines}
    trend_title = "Trend models: each fit, next year's forecast and its back-test"
    trends = by_table[("internet_users", "Your figures", trend_title)]
    assert trends["Unit"] == "% of population" and trends["Place"] == "Bình Dương" and trends["Data as of"]
    assert trends["Sheet"].startswith("int") and "user VN-57 trends" in trends["Sheet"]
    assert all(line["Date of judgement"] for line in lines)
    series = next(line for line in lines if line["Indicator id"] == "digital_economy_share_gdp")
    assert series["Series"] == "Statistics office (GSO), Ministry (MIC)" and series["Unit"] == "% of GDP"
    assert "kontum_2024_04_24" in series["Sources"]
    # each sheet: the unit and the date as columns on every row, the sources after the table
    scorecard = pd.read_excel(report.run_dir / "tables.xlsx", sheet_name="overview scorecard")
    assert {"Unit", "Data as of", "Sources"} <= set(scorecard.columns)  # a target with no figure yet: its own source
    units = dict(zip(scorecard["Indicator"], scorecard["Unit"], strict=False))
    assert units["Digital economy share of GDP"] == "% of GDP" and scorecard["Sources"].str.len().gt(0).all()
    manifest = json.loads((report.run_dir / "manifest.json").read_text(encoding="utf-8"))
    overview = next(j for j in manifest["jobs"] if j["slug"] == "overview")
    assert overview["table_info"]["scorecard"]["title"].startswith("Scorecard")


def test_no_cell_of_the_workbook_is_a_formula_and_the_users_texts_stay_texts(report):
    book = openpyxl.load_workbook(report.run_dir / "tables.xlsx")
    assert not formula_cells(book)
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for tricky in [*TRICKY, '=HYPERLINK("http://example.com","GDP growth")']:
        assert tricky in texts
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    marked = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert any(isinstance(c.value, float) and c.value < 0 for c in cells)  # a negative number stays a number
    assert marked and all(c.quotePrefix and c.data_type == "s" for c in marked)


def test_the_csvs_read_back_as_the_sheets_hold_them_without_float_noise(report):
    checked = 0
    for job in report.manifest["jobs"]:
        for table in job["tables"]:
            csv = pd.read_csv(report.run_dir / job["slug"] / "tables" / f"{table}.csv", encoding="utf-8-sig")
            for column in csv.select_dtypes("float").columns:
                assert all(exact_decimals(v) is not None for v in csv[column].dropna()), (table, column)
            name = job["table_info"][table]["workbook_sheet"]
            sheet = pd.read_excel(report.run_dir / "tables.xlsx", sheet_name=name)
            pd.testing.assert_frame_equal(sheet[csv.columns], csv, check_dtype=False)
            checked += 1
    assert checked >= 8
