"""dxanalysis: Vietnam's national digital transformation indicators, with their sources, trends and targets.

>>> import dxanalysis as dx
>>> dx.series("digital_economy_share_gdp", source="mic", freq="year").loc[2021:2023].tolist()
[11.91, 14.26, 16.5]

Heavy libraries (statsmodels, seaborn, papermill) are imported only by the functions that use them, so
``import dxanalysis`` stays quick.
"""

from typing import Any

from dxanalysis import _moved
from dxanalysis._version import __version__
from dxanalysis.analysis.assessment import TargetAssessment, assess_target
from dxanalysis.analysis.changes import Changes, changes
from dxanalysis.analysis.panel import fit_panel
from dxanalysis.analysis.scenarios import NAMED_SCENARIOS, share_scenario_grid, share_scenarios
from dxanalysis.analysis.scorecard import scorecard
from dxanalysis.analysis.trends import MODELS, TrendFit, compare_trends, fit_trend
from dxanalysis.data import (
    data_dir,
    indicators,
    load_observations,
    load_sources,
    load_targets,
    province,
    provinces,
    read_observations,
    series,
    use_data,
    validate_package_data,
)
from dxanalysis.data.numbers import parse_number
from dxanalysis.data.periods import parse_period, parse_publication_date, period_time
from dxanalysis.data.publishers import read_itu, read_owid, read_wdi
from dxanalysis.errors import (
    DataFileError,
    DataValidationError,
    DxError,
    OutputError,
    Problem,
    UnknownIndicatorError,
    UnknownProvinceError,
    UnknownSeriesError,
)

_moved.install()  # the flat layout's module paths (dxanalysis.plots, …) still import, for one release

__all__ = [
    "MODELS",
    "NAMED_SCENARIOS",
    "Changes",
    "DataFileError",
    "DataValidationError",
    "DxError",
    "OutputError",
    "Problem",
    "TargetAssessment",
    "TrendFit",
    "UnknownIndicatorError",
    "UnknownProvinceError",
    "UnknownSeriesError",
    "__version__",
    "assess_target",
    "changes",
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
    "province",
    "provinces",
    "read_itu",
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


#: Modules reached as attributes of the package, imported on first use (``dx.plots.plot_history``).
_LAZY = {
    "plots": "dxanalysis.present.figures",
    "i18n": "dxanalysis.present.i18n",
    "narrative": "dxanalysis.narrative",  # the flat layout's tables and sentences, through _moved.MOVED (warns)
    "reports": "dxanalysis.reports",
}


def __getattr__(name: str) -> Any:
    """``dx.plots``, ``dx.i18n``, ``dx.narrative``, ``dx.reports`` and ``dx.run_report``, imported on first use so
    that ``import dxanalysis`` stays light."""
    import importlib

    if name in _LAZY:
        return importlib.import_module(_LAZY[name])
    if name == "run_report":
        return importlib.import_module("dxanalysis.reports").run_report
    if f"dxanalysis.{name}" in _moved.MOVED:  # dx.trends and the like, from the flat layout (warns)
        return importlib.import_module(f"dxanalysis.{name}")
    raise AttributeError(f"module 'dxanalysis' has no attribute {name!r}")
