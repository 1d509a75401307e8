"""dxanalysis: Vietnam's national digital transformation indicators, with their sources, trends and targets.

>>> import dxanalysis as dx
>>> dx.series("digital_economy_share_gdp", source="mic", freq="year").loc[2021:2023].tolist()
[11.91, 14.26, 16.5]

Heavy libraries (statsmodels, seaborn, papermill) are imported only by the functions that use them, so
``import dxanalysis`` stays quick.
"""

from typing import Any

from dxanalysis._version import __version__
from dxanalysis.assessment import TargetAssessment, assess_target, scorecard
from dxanalysis.data import (
    data_dir,
    indicators,
    load_observations,
    load_sources,
    load_targets,
    read_observations,
    series,
    use_data,
    validate_package_data,
)
from dxanalysis.errors import (
    DataFileError,
    DataValidationError,
    DxError,
    Problem,
    UnknownIndicatorError,
    UnknownSeriesError,
)
from dxanalysis.importers import read_owid, read_wdi
from dxanalysis.numbers import parse_number
from dxanalysis.panel import fit_panel
from dxanalysis.periods import parse_period, parse_publication_date, period_time
from dxanalysis.scenarios import NAMED_SCENARIOS, share_scenario_grid, share_scenarios
from dxanalysis.trends import MODELS, TrendFit, compare_trends, fit_trend

__all__ = [
    "MODELS",
    "NAMED_SCENARIOS",
    "DataFileError",
    "DataValidationError",
    "DxError",
    "Problem",
    "TargetAssessment",
    "TrendFit",
    "UnknownIndicatorError",
    "UnknownSeriesError",
    "__version__",
    "assess_target",
    "compare_trends",
    "data_dir",
    "fit_panel",
    "fit_trend",
    "indicators",
    "load_observations",
    "load_sources",
    "load_targets",
    "parse_number",
    "parse_period",
    "parse_publication_date",
    "period_time",
    "read_observations",
    "read_owid",
    "read_wdi",
    "scorecard",
    "series",
    "share_scenario_grid",
    "share_scenarios",
    "use_data",
    "validate_package_data",
]


def __getattr__(name: str) -> Any:
    """``dx.plots``, ``dx.i18n``, ``dx.narrative``, ``dx.reports`` and ``dx.run_report``, imported on first use so
    that ``import dxanalysis`` stays light."""
    import importlib

    if name in ("plots", "i18n", "narrative", "reports"):
        return importlib.import_module(f"dxanalysis.{name}")
    if name == "run_report":
        return importlib.import_module("dxanalysis.reports").run_report
    raise AttributeError(f"module 'dxanalysis' has no attribute {name!r}")
