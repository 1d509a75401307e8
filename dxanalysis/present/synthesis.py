"""The overview's opening: the scorecard's verdicts in a few lines a reader takes in first, dated.

>>> import datetime as dt
>>> card = pd.DataFrame({"indicator": ["fibre_households_using"], "series": ["mic"], "target_year": [2025],
...                      "status": ["met"], "judged_on": [dt.date(2026, 1, 6)]})
>>> print(synthesis(card).splitlines()[-1])
- **met** (1): Households using fibre broadband internet (Ministry (MIC), 2025)
"""

from __future__ import annotations

import pandas as pd

from dxanalysis.analysis.assessment import TARGET_STATUSES
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, label, md_escape
from dxanalysis.present.sentences import overview_headline

__all__ = ["synthesis"]


def synthesis(card: pd.DataFrame, lang: str = "en") -> str:
    """The scorecard's verdicts as Markdown: the dated headline sentence, then one line per verdict that occurs (in
    the order of ``TARGET_STATUSES``: met, met late, missed, not published, on track, …) naming each indicator with
    its series and target years.

    >>> import dxanalysis as dx
    >>> text = synthesis(dx.scorecard(judged_on="2026-01-06"), "vi")
    >>> "tính đến ngày 6/1/2026" in text, "- **đã đạt**" in text
    (True, True)
    """
    lang = check_lang(lang)
    lines = [md_escape(overview_headline(card, lang)), ""]
    for status in TARGET_STATUSES:
        rows = card[card["status"] == status]
        if rows.empty:
            continue
        items: list[str] = []
        keys = rows[["indicator", "series"]].astype(object).where(rows[["indicator", "series"]].notna(), "")
        for (indicator, series), group in rows.groupby([keys["indicator"], keys["series"]], sort=False):
            years = sorted({int(y) for y in group["target_year"].dropna()})
            latest = group["latest_period"].iloc[0] if "latest_period" in group.columns else None
            items.append(
                label(
                    "synthesis_item",
                    lang,
                    name=md_escape(i18n.indicator_name(str(indicator), lang)),
                    # named as the scorecard's rows name it: by its latest figure's publisher (renamed in 2025)
                    series=md_escape(i18n.series_name(str(series), lang, latest)) + ", " if series else "",
                    years=", ".join(str(y) for y in years),
                )
            )
        lines.append(
            "- "
            + label(
                "synthesis_verdict", lang, status=i18n.status_name(status, lang), n=len(rows), items="; ".join(items)
            )
        )
    return "\n".join(lines)
