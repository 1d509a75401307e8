"""Where a notebook puts what it produces: figures (PNG and SVG), tables (CSV) and a one-line headline.

A notebook creates ``out = ReportOutput(out_dir, lang=lang, as_of=as_of)`` from its parameters and calls
``out.figure(fig, name)``, ``out.table(frame, name, about=...)`` and ``out.headline(text)``. When the report runner
executes it, ``out_dir`` is the notebook's folder in the run; when an economist runs it in JupyterLab with the default
``out_dir = ""``, nothing is written and the figures simply show.

A table is saved as CSV with its numbers as published (:func:`dxanalysis.present.numbers.round_figures`), and with a
record of what it holds beside it (:mod:`dxanalysis.reports.table_info`), from which the run's workbook is made. A
text is written as it is, even one starting with ``=``, ``+``, ``-`` or ``@``: the CSV is the table for pandas, R and
other programs, which read it back exactly; the workbook is the one for spreadsheets, and none of its cells is a
formula (``docs/reports.md`` says why).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis._util import safe_name
from dxanalysis.present.numbers import MODEL_DECIMALS, round_figures
from dxanalysis.reports.table_info import TableInfo, describe_table

__all__ = ["InteractiveFigure", "ReportOutput"]

#: Where a notebook's page finds the run's copy of Plotly's JavaScript: the page is ``<run>/<job>/report.html``.
SCRIPT = "../assets/plotly.min.js"  # the run folder's interactive.JAVASCRIPT


class ReportOutput:
    """Saves a notebook's figures and tables under ``out_dir`` (nothing is saved when ``out_dir`` is empty); ``lang``
    and ``as_of`` are the notebook's, for the records of its tables.

    >>> ReportOutput("").table(pd.DataFrame({"x": [1]}), "t") is None
    True
    """

    def __init__(self, out_dir: str | Path | None, *, lang: str = "en", as_of: str = ""):
        self.root = Path(out_dir) if out_dir else None
        self.lang, self.as_of = lang, as_of
        self.figures: list[str] = []
        self.tables: list[str] = []
        self.table_info: dict[str, TableInfo] = {}
        self._charts = 0  # interactive charts shown so far (the first one's block loads the JavaScript)

    @property
    def active(self) -> bool:
        return self.root is not None

    def figure(self, fig: Any, name: str, *, dpi: int = 150) -> Any:
        """Save a matplotlib figure as ``figures/<name>.png`` and ``.svg``, and return what to show in the notebook.

        With an ``out_dir``, what is shown is the saved PNG itself (the figure is closed, not drawn a second time),
        so the report's HTML holds exactly the file in the report folder; without one, the figure.
        """
        if self.root is None:
            return fig
        folder = self.root / "figures"
        folder.mkdir(parents=True, exist_ok=True)
        stem = safe_name(name)
        png, svg = folder / f"{stem}.png", folder / f"{stem}.svg"
        import matplotlib.pyplot as plt

        engine = fig.get_layout_engine()
        crop = "tight" if engine is None else None  # a figure with no layout of its own is cropped to what it draws
        dpi_before = fig.dpi
        try:
            if engine is not None:
                # A figure laid out by its engine (or placed by hand, which matplotlib marks with a place-holder
                # engine): the layout is solved once, at the PNG's resolution, then the engine is set aside and both
                # files are drawn as laid out. savefig would otherwise spend a drawing pass on finding the layout
                # for each file; the PNG is the same pixel for pixel, and savefig's own settings still apply.
                fig.set_dpi(dpi)
                engine.execute(fig)
                fig.set_layout_engine(None)
                if fig.get_layout_engine() is not None:  # rcParams ask for an automatic layout: keep this one
                    fig.set_layout_engine("none")
            fig.savefig(png, dpi=dpi, bbox_inches=crop)
            with plt.rc_context({"svg.fonttype": "none"}):  # SVG text stays text: smaller, searchable, editable
                fig.savefig(svg, bbox_inches=crop)
        finally:  # the caller's figure keeps its own engine and resolution
            if engine is not None:
                fig.set_layout_engine(engine)
            fig.set_dpi(dpi_before)
        self.figures.append(stem)
        plt.close(fig)
        from IPython.display import Image

        from dxanalysis.present.figures.interactive import chart_of

        # the figure's title is the image's alternative text (screen readers, and nbconvert's accessibility check)
        alt = " ".join(fig.get_suptitle().split()) or stem.replace("_", " ")
        width = int(fig.get_figwidth() * 96)
        chart = chart_of(fig)
        if chart is not None:  # a history or trend chart: interactive in the HTML page, the PNG for print
            first, self._charts = self._charts == 0, self._charts + 1
            return InteractiveFigure(chart, png, stem=stem, alt=alt, width=width, load_script=first)
        return Image(filename=str(png), width=width, alt=alt)

    def table(
        self,
        frame: pd.DataFrame,
        name: str,
        *,
        about: pd.Series | Sequence[pd.Series] | None = None,
        rows: pd.DataFrame | None = None,
        indicator: str = "",
        series: str = "",
        geo: str = "",
        unit: str = "",
        sources: Iterable[str] = (),
        targets: bool = False,
        title: str = "",
        sheet: str = "",
        decimals: int = MODEL_DECIMALS,
    ) -> Path | None:
        """Save a table as ``tables/<name>.csv`` (UTF-8 with a BOM, so Excel shows Vietnamese correctly), its numbers
        as published (computed ones at ``decimals``), and its record as ``tables/<name>.json``.

        What the table is about: ``about``, the series of :func:`dxanalysis.series` it was made from (its indicator,
        producer, place, unit, sources and publication dates); or ``indicator`` (with ``series``, ``geo``) to find
        them in the data; or ``rows``, one row per row of the table with ``indicator``, ``series`` and ``geo``
        columns, where each row is a series of its own (the scorecard). ``sources`` adds source ids; ``targets``
        the sources of the indicator's targets (with ``rows``, of each row's ``target_year``). ``unit`` and
        ``title`` (what the table holds; by default the ``table_<name>`` label in the notebook's language) say what
        the data cannot; ``sheet`` is the table's word in its workbook sheet's name where ``name`` is long
        (``trends`` for ``trend_models``). A table of published figures written with many decimals (the World
        Bank's carry 14) states ``decimals=PUBLISHED_DECIMALS``.
        """
        if self.root is None:
            return None
        folder = self.root / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{safe_name(name)}.csv"
        saved = round_figures(frame, decimals)
        saved.to_csv(path, index=False, encoding="utf-8-sig")
        info = describe_table(
            saved,
            path.stem,
            lang=self.lang,
            as_of=self.as_of,
            about=about,
            rows=rows,
            indicator=indicator,
            series=series,
            geo=geo,
            unit=unit,
            sources=sources,
            targets=targets,
            title=title,
            sheet=sheet,
            decimals=decimals,
        )
        text = json.dumps(info.to_json(), indent=1, ensure_ascii=False)
        path.with_suffix(".json").write_text(text, encoding="utf-8")
        self.tables.append(path.stem)
        self.table_info[path.stem] = info
        return path

    def headline(self, text: str) -> None:
        """The one line the report's index shows for this notebook."""
        if self.root is None:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "headline.txt").write_text(str(text).strip() + "\n", encoding="utf-8")


class InteractiveFigure:
    """What a notebook shows for a history or trend figure: the interactive chart as HTML (drawn by the run's copy of
    Plotly's JavaScript, see :func:`~dxanalysis.present.figures.interactive.chart_html`), with the saved PNG inside
    it for print and for a page opened without the run's folder.

    >>> InteractiveFigure.__name__  # shown by ReportOutput.figure; see tests/test_interactive.py
    'InteractiveFigure'
    """

    def __init__(self, chart: Any, png: Path, *, stem: str, alt: str, width: int, load_script: bool) -> None:
        from dxanalysis.present.figures.interactive import chart_html

        self.html = chart_html(
            chart, png, element_id=f"dx-chart-{stem}", alt=alt, width=width, script=SCRIPT if load_script else None
        )
        self.alt = alt

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.alt
