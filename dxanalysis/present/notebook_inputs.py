"""The series a notebook shows: the figures of one series of an indicator, or an empty series that still names it.

This is a stand-in: it belongs to the data room (a series, or an empty one), and sits here until the data room
holds it; the notebooks then take it from there. ``parse_models`` and ``assess_all_targets`` are the flat layout's
names, kept for ``dxanalysis.narrative``: they are :func:`dxanalysis.analysis.models.parse_models` and
:func:`dxanalysis.analysis.assessment.assess_targets`.

>>> load_series("ecommerce_share_retail").attrs["indicator"]
'ecommerce_share_retail'
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import assess_targets
from dxanalysis.analysis.models import parse_models
from dxanalysis.errors import UnknownSeriesError
from dxanalysis.present import i18n
from dxanalysis.present.numbers import as_float

__all__ = ["assess_all_targets", "load_series", "parse_models"]

#: The flat layout's name of :func:`dxanalysis.analysis.assessment.assess_targets`.
assess_all_targets = assess_targets


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
