"""What changed since a date, in words and tables, in English or Vietnamese: the overview's "What changed since …"
section over :func:`dxanalysis.changes`.

>>> import dxanalysis as dx
>>> ch = dx.changes("2024-05-01", as_of="2025-03-01")
>>> changes_summary(ch, "en").split(":")[0]
'Between 1 May 2024 and 1 March 2025'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_day, label
from dxanalysis.present.provinces import province_name

if TYPE_CHECKING:
    from dxanalysis.analysis.changes import Changes

__all__ = ["changed_figures_table", "changed_verdicts_table", "changes_summary"]


def _headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: label(f"col_{c}", lang) for c in frame.columns if f"col_{c}" in i18n.LABELS})


def _day(value: pd.Timestamp | None) -> str:
    return "" if value is None or pd.isna(value) else value.date().isoformat()


def changes_summary(ch: Changes, lang: str = "en") -> str:
    """One paragraph: how many figures are new and revised between the two dates, and each verdict that changed.

    >>> import dxanalysis as dx
    >>> "→" in changes_summary(dx.changes("2024-05-01", as_of="2025-03-01"), "vi")
    True
    """
    lang = check_lang(lang)
    moved = ch.changed_verdicts
    head = label(
        "changes_summary",
        lang,
        since=fmt_day(ch.since, lang),
        until=fmt_day(ch.as_of, lang),
        new=len(ch.new),
        revised=len(ch.revised),
        verdicts=len(moved),
    )
    items = [
        label(
            "changes_verdict",
            lang,
            name=i18n.indicator_name(str(r.indicator), lang),
            series=i18n.series_name(str(r.series), lang) if r.series else "—",
            year=r.target_year,
            old=i18n.status_name(r.old_status, lang) if isinstance(r.old_status, str) else label("changes_none", lang),
            new=i18n.status_name(r.new_status, lang) if isinstance(r.new_status, str) else label("changes_none", lang),
        )
        for r in moved.itertuples()
    ]
    return "\n".join([head, *(f"- {i}" for i in items)])


def changed_figures_table(ch: Changes, lang: str = "en") -> pd.DataFrame:
    """The new and the revised figures, one row each: the old value and source (a revision), the new value and
    source, and what changed.

    >>> import dxanalysis as dx
    >>> t = changed_figures_table(dx.changes("2024-05-01", as_of="2025-03-01"))
    >>> sorted(set(t["What changed"])), "Vietnam" in set(t["Place"]), "VN" in set(t["Place"])
    (['new figure', 'revised'], True, False)
    """
    lang = check_lang(lang)
    parts = [ch.revised.assign(what=label("change_revised", lang)), ch.new.assign(what=label("change_new", lang))]
    out = pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)
    out.insert(1, "name", out["indicator"].map(lambda i: i18n.indicator_name(str(i), lang)))
    out["geo"] = out["geo"].map(lambda g: province_name(str(g), lang))
    out["series"] = [
        i18n.series_name(s, lang, p) if isinstance(s, str) and s else ""
        for s, p in zip(out["series"], out["period"], strict=True)
    ]
    for col in ("old_published", "new_published"):
        out[col] = out[col].map(_day)
    columns = ["indicator", "name", "geo", "series", "period", "what", "old_value", "new_value", "change"]
    columns += ["old_published", "new_published", "old_source", "new_source"]
    return _headers(out.reindex(columns=columns), lang)


def changed_verdicts_table(ch: Changes, lang: str = "en") -> pd.DataFrame:
    """The verdicts that changed: the target, the verdict, the latest figure and the probability, then and now.

    >>> import dxanalysis as dx
    >>> t = changed_verdicts_table(dx.changes("2024-05-01", as_of="2025-03-01"), "vi")
    >>> "Đánh giá trước" in t.columns, sorted(set(t["Chuỗi số liệu"]) - {""})
    (True, ['Bộ TT&TT', 'Liên Hợp Quốc', 'Tổng cục Thống kê'])
    """
    lang = check_lang(lang)
    out = ch.changed_verdicts.copy()
    out.insert(1, "name", out["indicator"].map(lambda i: i18n.indicator_name(str(i), lang)))
    out["series"] = out["series"].map(lambda s: i18n.series_name(s, lang) if isinstance(s, str) and s else "")
    for col in ("old_status", "new_status"):
        out[col] = out[col].map(lambda s: i18n.status_name(s, lang) if isinstance(s, str) else "")
    for col in ("old_probability", "new_probability"):
        out[col] = (out[col].astype(float) * 100).round(0)
    out = out.rename(columns={"target_year": "target_year"})
    columns = ["indicator", "name", "series", "target_year", "old_target", "new_target", "old_status", "new_status"]
    columns += ["old_latest", "old_latest_period", "new_latest", "new_latest_period"]
    columns += ["old_probability", "new_probability"]
    return _headers(out.reindex(columns=columns), lang)
