"""The verdicts' tables and words, in English or Vietnamese: the scorecard and an indicator's assessments as tables
(:func:`scorecard_table`, :func:`assessment_table`, re-exported by :mod:`dxanalysis.present.tables`), and the date of
judgement and the figure a past target rests on as the sentences and figures write them (:func:`judgement_text`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from dxanalysis.analysis.verdicts import judgement_date
from dxanalysis.present import i18n
from dxanalysis.present.i18n import check_lang, fmt_day, fmt_period, label

if TYPE_CHECKING:
    from dxanalysis.analysis.assessment import TargetAssessment

__all__ = ["assessment_table", "basis_period_text", "fmt_day", "judgement_text", "scorecard_table"]


def _headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column headers in the language (``col_<name>`` labels), as :mod:`dxanalysis.present.tables` names them."""
    return frame.rename(columns={c: label(f"col_{c}", lang) for c in frame.columns if f"col_{c}" in i18n.LABELS})


def judgement_text(day: dt.date | str | None, lang: str = "en") -> str:
    """The date of judgement in words: "as of 3 December 2026" / "tính đến ngày 3/12/2026" (no date: today's).

    >>> judgement_text(dt.date(2026, 12, 3)), judgement_text("2024-05-01", "vi")
    ('as of 3 December 2026', 'tính đến ngày 1/5/2024')
    """
    lang = check_lang(lang)
    return label("judged_on", lang, date=fmt_day(judgement_date(day or None), lang))


def scorecard_table(card: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The scorecard of :func:`dxanalysis.scorecard` for a reader: one row per (indicator, series, target year) with
    names, the unit, verdicts and headers in the language, the figure for the target year (once it is over) and the
    date of judgement.

    Probabilities and growth rates are in percent.

    >>> import dxanalysis as dx
    >>> t = scorecard_table(dx.scorecard(judged_on="2026-12-03"), "vi")
    >>> list(t.columns[:4]), t["Ngày đánh giá"].iloc[0]
    (['Trụ cột', 'Chỉ tiêu', 'Chuỗi số liệu', 'Đơn vị'], '3/12/2026')
    """
    lang = check_lang(lang)
    out = pd.DataFrame(
        {
            "pillar": card["pillar"].map(lambda p: i18n.pillar_name(str(p), lang)),
            "name": card["indicator"].map(lambda i: i18n.indicator_name(str(i), lang)),
            "series": [
                i18n.series_name(s, lang, p) if isinstance(s, str) else ""
                for s, p in zip(card["series"], card["latest_period"], strict=True)
            ],
            # percent, per 100 and rank values share the figures' columns: each row says which it is
            "unit": card["indicator"].map(lambda i: i18n.unit_label(str(i), lang)),
            "latest": card["latest"].astype(float),
            "latest_period": card["latest_period"].map(lambda p: fmt_period(p, lang) if isinstance(p, str) else ""),
            "target": card["target"].astype(float),
            "target_year": card["target_year"].astype("Int64"),
            "document": card["document"].map(lambda d: i18n.document_name(d, lang)),
            "status": card["status"].map(lambda s: i18n.status_name(str(s), lang)),
            "basis": card["basis"].astype(float),
            "basis_period": [
                basis_period_text(p, k, lang) for p, k in zip(card["basis_period"], card["basis_kind"], strict=True)
            ],
            "met_late_in": card["met_late_in"].map(lambda p: fmt_period(p, lang) if isinstance(p, str) else ""),
            "gap": card["gap"].astype(float),
            "required_annual_change": card["required_annual_change"].astype(float),
            "observed_annual_change": card["observed_annual_change"].astype(float),
            "projected": card["projected"].astype(float),
            "lower": card["lower"].astype(float),
            "upper": card["upper"].astype(float),
            "probability_met": 100 * card["probability_met"].astype(float),
            "year_reached": card["year_reached"].astype("Int64"),
            "judged_on": card["judged_on"].map(lambda d: fmt_day(d, lang)),
        }
    )
    return _headers(out, lang)


def basis_period_text(period: Any, kind: Any, lang: str) -> str:
    """The period of the figure a past target is judged by, saying so when it is only as far as published.

    >>> basis_period_text("2022-11", "as far as published", "en"), basis_period_text("2023", "annual", "vi")
    ('2022-11, as far as published', 'năm 2023')
    """
    if not isinstance(period, str):
        return ""
    text = fmt_period(period, lang)
    return text if kind == "annual" else label("as_far_as_published", lang, period=text)


def assessment_table(assessments: Sequence[TargetAssessment], lang: str = "en") -> pd.DataFrame:
    """One row per assessed target: the gap, the required against the observed pace, the projection, the
    probability of meeting it, the verdict, the figure for the target year it rests on (once the year is over), the
    measure and the date of judgement. Growth rates and probabilities in percent.

    >>> import dxanalysis as dx
    >>> assessments = [dx.assess_target("digital_economy_share_gdp", source="mic", target_year=y) for y in (2025, 2030)]
    >>> t = assessment_table(assessments)
    >>> t["Target year"].tolist()
    [2025, 2030]
    """
    lang = check_lang(lang)
    rows = [
        {
            "target_year": a.target_year,
            "target": a.target_value,
            "comparator": label(a.comparator, lang) if a.comparator in ("at_least", "at_most") else a.comparator,
            "document": i18n.document_name(a.document, lang),
            "latest": a.latest_value,
            "latest_period": fmt_period(a.latest_period, lang),
            "gap": a.gap,
            "required_annual_change": a.required_annual_change,
            "observed_annual_change": a.observed_annual_change,
            "required_growth_rate": 100 * a.required_growth_rate,
            "observed_growth_rate": 100 * a.observed_growth_rate,
            "model": i18n.model_name(a.model, lang),
            "projected": a.projected,
            "lower": a.projected_lower,
            "upper": a.projected_upper,
            "probability_met": 100 * a.probability_met,
            "year_reached": a.year_reached,
            "status": i18n.status_name(a.status, lang),
            "basis": a.basis_value,
            "basis_period": basis_period_text(a.basis_period, a.basis_kind, lang),
            "met_late_in": fmt_period(a.met_late_in or "", lang),
            "measure": i18n.series_name(a.series, lang, a.latest_period) if a.series else "",
            "judged_on": fmt_day(a.judged_on, lang),
        }
        for a in assessments
    ]
    columns = [
        "target_year",
        "target",
        "comparator",
        "document",
        "latest",
        "latest_period",
        "gap",
        "required_annual_change",
        "observed_annual_change",
        "required_growth_rate",
        "observed_growth_rate",
        "model",
        "projected",
        "lower",
        "upper",
        "probability_met",
        "year_reached",
        "status",
        "basis",
        "basis_period",
        "met_late_in",
        "measure",
        "judged_on",
    ]
    out = pd.DataFrame(rows, columns=columns)
    out["target_year"] = out["target_year"].astype("Int64")
    out["year_reached"] = pd.array([None if pd.isna(y) else int(y) for y in out["year_reached"]], dtype="Int64")
    for col in columns:
        text = ("comparator", "document", "latest_period", "model", "status", "basis_period", "met_late_in")
        if col not in ("target_year", "year_reached", *text, "measure", "judged_on"):
            out[col] = out[col].astype(float)
    return _headers(out, lang)
