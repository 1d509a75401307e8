"""Pages generated from the package's data at build time, so the docs can never disagree with the data."""

from __future__ import annotations

from pathlib import Path

import dxanalysis as dx
from dxanalysis.data.schemas import PILLARS


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _bounds(lo: float, hi: float) -> str:
    if lo != lo and hi != hi:  # both NaN
        return "unbounded"
    lo_s = "" if lo != lo else f"{lo:g}"
    hi_s = "" if hi != hi else f"{hi:g}"
    return f"[{lo_s}, {hi_s}]"


def indicators_page() -> str:
    cat = dx.indicators()
    obs = dx.load_observations()
    targets = dx.load_targets()
    lines = [
        "# The indicators",
        "",
        "Generated from `data/indicators.yml` when the documentation is built. For each indicator: what it "
        "measures, in English and Vietnamese, its unit and bounds, the series that measure it, how many figures "
        "and targets the package holds, and the latest figure of each series.",
        "",
    ]
    for pillar, (en, vi) in PILLARS.items():
        rows = cat[cat.pillar == pillar]
        if rows.empty:
            continue
        lines += [f"## {en} — {vi}", ""]
        for r in rows.itertuples():
            o = obs[obs.indicator == r.id]
            t = targets[targets.indicator == r.id]
            lines += [f"### {r.name_en}", "", f"*{r.name_vi}* · `{r.id}`", ""]
            lines += [f"{_cell(r.measures_en)}", "", f"{_cell(r.measures_vi)}", ""]
            lines += ["| unit | bounds | higher is better | figures | targets |", "| --- | --- | --- | --- | --- |"]
            lines += [
                f"| {_cell(r.unit_label_en)} ({r.unit}) | {_bounds(r.lower, r.upper)} | "
                f"{'yes' if r.higher_is_better else 'no'} | {len(o)} | {len(t)} |",
                "",
            ]
            if not o.empty:
                lines += [
                    "| series | latest period | value | status | published | source |",
                    "| --- | --- | --- | --- | --- | --- |",
                ]
                for series, group in o.groupby("series"):
                    last = group.sort_values("period_end").iloc[-1]
                    lines.append(
                        f"| {series} | {last.period} | {last.value:,.6g} | {last.status} | "
                        f"{last.published.date()} | `{last.source}` |"
                    )
                lines.append("")
            if r.related:
                lines += [f"Not to be confused with: {', '.join(f'`{x.strip()}`' for x in r.related.split(','))}.", ""]
    return "\n".join(lines) + "\n"


def sources_page() -> str:
    src = dx.load_sources()
    lines = [
        "# The sources",
        "",
        "Every source document the figures and targets cite (`data/sources.yml`), generated at build time.",
        "",
        "| id | publisher | title | date | kind |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in src.sort_values(["date", "id"]).itertuples():
        title = _cell(r.title)
        if r.url:
            title = f"[{title}]({r.url})"
        lines.append(f"| `{r.id}` | {_cell(r.publisher)} | {title} | {r.date} | {r.kind} |")
    return "\n".join(lines) + "\n"


def calibration_table() -> str:
    """The shipped calibration factors and the coverage they achieve (from dxanalysis/analysis/calibration_factors.csv):
    the pooled factors, then the factor and its leave-one-economy-out coverage by window band and by level band."""
    from dxanalysis.analysis.calibration import ALL, LEVEL_BANDS, WINDOW_BANDS, factors

    f = factors()
    f = f[f["level"] == 0.8]
    horizons = sorted(int(h) for h in f["horizon"].unique())
    heads = " | ".join(f"{h} yr" for h in horizons)
    rule = " | ".join("---" for _ in horizons)
    lines = [
        "**Pooled over windows and levels.** Raw coverage of the 80% interval, the widening factor, and the coverage "
        "of the calibrated interval leaving each economy out.",
        "",
        "| model | years ahead | forecast cases | economies | raw 80% interval covers | widening factor | "
        "calibrated interval covers |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    pooled = f[(f["window"] == ALL) & (f["band"] == ALL)]
    for r in pooled.sort_values(["model", "horizon"]).itertuples():
        lines.append(
            f"| `{r.model}` | {r.horizon} | {r.cases} | {r.economies} | {r.coverage_raw:.0%} | {r.factor:.2f} | "
            f"{r.coverage_loeo:.0%} |"
        )
    for title, column, values, other in (
        ("By window: the number of annual figures fitted", "window", WINDOW_BANDS, "band"),
        (
            "By level band: where the last figure sits in the range (shares; `unbounded`: per 100 people)",
            "band",
            LEVEL_BANDS,
            "window",
        ),
    ):
        lines += ["", f"**{title}.** Widening factor of the 80% interval (leave-one-economy-out coverage).", ""]
        lines += [f"| model | {column} | {heads} |", f"| --- | --- | {rule} |"]
        cells = f[(f[other] == ALL) & f[column].isin(values)]
        for (model, value), g in cells.groupby(["model", column], sort=False):
            by_h = g.set_index("horizon")
            row = " | ".join(
                f"{by_h.at[h, 'factor']:.2f} ({by_h.at[h, 'coverage_loeo']:.0%})" if h in by_h.index else "–"
                for h in horizons
            )
            lines.append(f"| `{model}` | {value} | {row} |")
    return "\n".join(lines) + "\n"


def copy_gallery(folder: Path) -> None:
    """The package's notebooks, copied for the gallery (the build executes them with their defaults)."""
    import shutil

    from dxanalysis.reports import NOTEBOOKS, notebooks_dir

    folder.mkdir(exist_ok=True)
    for name in NOTEBOOKS:
        source, target = notebooks_dir() / name, folder / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)


def write_generated_pages(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    pages = {"indicators.md": indicators_page(), "sources.md": sources_page(), "calibration.md": calibration_table()}
    for name, text in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
