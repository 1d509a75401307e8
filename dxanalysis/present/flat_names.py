"""Names the flat layout's ``dxanalysis.narrative`` held that now live in other rooms, kept for one release.

``parse_models`` is :func:`dxanalysis.analysis.models.parse_models`, ``assess_all_targets`` is
:func:`dxanalysis.analysis.assessment.assess_targets`, and ``load_series`` is :func:`dxanalysis.series` with
``missing="empty"``.

>>> load_series("fibre_households_covered").attrs["indicator"]
'fibre_households_covered'
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dxanalysis import data
from dxanalysis.analysis.assessment import assess_targets
from dxanalysis.analysis.models import parse_models

__all__ = ["assess_all_targets", "load_series", "parse_models"]

#: The flat layout's name of :func:`dxanalysis.analysis.assessment.assess_targets`.
assess_all_targets = assess_targets


def load_series(indicator: str, series: str = "", geo: str = "VN", as_of: str | dt.date | None = "") -> pd.Series:
    """:func:`dxanalysis.series` as the flat layout's notebooks called it: ``series=""`` the indicator's only series,
    and an empty series for an indicator with no figures.

    >>> load_series("digital_economy_share_gdp", "mic").loc["2023"]
    np.float64(16.5)
    """
    return data.series(indicator, series or None, geo=geo, as_of=as_of, missing="empty")
