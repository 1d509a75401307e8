"""What a notebook's text parameters become before anything is shown: the models named, the series to show (or
an empty one), and the assessment against every target year.

These are stand-ins. They are not presentation: ``parse_models`` belongs to the analysis room's model registry,
``assess_all_targets`` to its assessment (as ``assess_targets``), and ``load_series`` to the data room (a series, or
an empty one that still names its indicator). They sit here, in one place, until those rooms hold them; the
notebooks and ``dxanalysis.narrative`` then take them from there.

>>> parse_models("linear, drift_logit")
['linear', 'drift_logit']
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import TargetAssessment, assess_target
from dxanalysis.analysis.trends import MODELS
from dxanalysis.errors import DxError, UnknownSeriesError
from dxanalysis.present import i18n
from dxanalysis.present.numbers import as_float

__all__ = ["assess_all_targets", "load_series", "parse_models"]


def parse_models(text: str) -> list[str] | None:
    """A notebook's ``models`` parameter: comma-separated model names, or empty for every supported model.

    Raises :class:`~dxanalysis.DxError` naming an unknown model and the accepted ones.

    Examples
    --------
    >>> parse_models(""), parse_models("linear,growth")
    (None, ['linear', 'growth'])
    """
    if not isinstance(text, str):
        raise DxError(f"models must be text such as 'linear,drift', not a {type(text).__name__}")
    names = [m.strip() for m in text.split(",") if m.strip()]
    if not names:
        return None
    unknown = [m for m in names if m not in MODELS]
    if unknown:
        raise DxError(
            f"unknown model(s) {', '.join(map(repr, unknown))} in models={text!r}; accepted: {', '.join(MODELS)} "
            "(comma-separated), or empty for all"
        )
    return names


def load_series(indicator: str, series: str = "", geo: str = "VN", as_of: str | dt.date | None = "") -> pd.Series:
    """The figures of one series of an indicator, as :func:`dxanalysis.series` returns them.

    ``series=""`` takes the indicator's only series (an indicator with several asks you to choose); ``as_of=""`` the
    latest data. An indicator with no figures at all gives an empty series (its ``attrs`` still name it), so a
    notebook can say so instead of failing.

    >>> load_series("digital_economy_share_gdp", "mic").loc["2023"]
    np.float64(16.5)
    """
    try:
        return data.series(indicator, series or None, geo=geo, as_of=as_of or None)
    except UnknownSeriesError:
        obs = data.load_observations(as_of=as_of or None)
        if ((obs["indicator"] == indicator) & (obs["geo"] == geo)).any():
            raise  # the indicator has figures: the choice of series was wrong, and the error says why
        i18n.indicator_name(indicator)  # an unknown indicator raises here
        meta = data.indicators().set_index("id").loc[indicator]
        empty = pd.Series([], index=pd.Index([], name="year", dtype="int64"), name=indicator, dtype=float)
        empty.attrs = {
            "indicator": indicator,
            "series": series or "",
            "geo": geo,
            "unit": meta["unit"],
            "lower": as_float(meta["lower"]),
            "upper": as_float(meta["upper"]),
            "timing": meta["timing"],
            "as_of": None if not as_of else str(as_of),
            "status": {},
            "published": {},
            "source": {},
        }
        return empty


def assess_all_targets(
    indicator: str,
    series: str = "",
    *,
    geo: str = "VN",
    level: float = 0.8,
    as_of: str | dt.date | None = "",
    model: str | None = None,
) -> list[TargetAssessment]:
    """The assessment of an indicator against each of its national target years, in year order.

    Targets that name another series are left out (the digital-economy targets are set on the ministry's estimate);
    with no figures, or no target, the list is empty.

    >>> [a.target_year for a in assess_all_targets("digital_economy_share_gdp", "mic")]
    [2023, 2024, 2025, 2030, 2045]
    """
    targets = data.load_targets(as_of=as_of or None)
    rows = targets[(targets["indicator"] == indicator) & (targets["geo"] == geo)]
    if series:
        rows = rows[rows["series"].isin(["", series])]
    out = []
    for year in sorted(int(y) for y in rows["year"].unique()):
        try:
            a = assess_target(
                indicator,
                source=series or None,
                geo=geo,
                target_year=year,
                level=level,
                as_of=as_of or None,
                model=model,
            )
        except DxError:
            continue
        out.append(a)
    return out
