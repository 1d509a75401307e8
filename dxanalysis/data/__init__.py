"""The data room: the curated figures, the catalogue, the targets and the sources, and the user's own figures.

Its modules import only downward: ``files``, ``numbers``, ``periods``, ``vocabularies`` -> ``schemas``,
``validation`` -> ``catalogue`` (the package's four tables, read, validated, typed and cached) -> ``provinces`` (the
two maps of the provinces) -> ``vietnamese`` (files as Vietnamese provinces write them) -> ``user`` (the user's frames
validated and merged) -> ``publishers`` (the WDI and OWID downloads) -> ``session`` (the user's files of a session)
-> ``observations`` (what the rest of the package reads) -> ``vintages`` (every release of a figure, and what changed
between two dates). This module only gathers their public names.

>>> from dxanalysis import data as dxdata
>>> dxdata.load_observations is dxdata.observations.load_observations
True
"""

from dxanalysis.data.catalogue import (
    DATA_ENV,
    FILES,
    PackageTables,
    clear_cache,
    data_dir,
    data_files,
    package_tables,
)
from dxanalysis.data.observations import (
    SERIES_KEY,
    Vintage,
    catalogue_entry,
    indicators,
    load_observations,
    load_sources,
    load_targets,
    read_observations,
    series,
    validate_package_data,
)
from dxanalysis.data.periods import parse_as_of
from dxanalysis.data.provinces import province, provinces, resolve_geo
from dxanalysis.data.schemas import OUTPUT_COLUMNS
from dxanalysis.data.session import data_parameter, data_paths, use_data, using_data
from dxanalysis.data.user import USER_DEFAULTS, ObservationInput, validate_observations
from dxanalysis.data.vintages import figure_changes, releases
from dxanalysis.data.vocabularies import (
    FIGURE_STATUSES,
    PRODUCERS,
    STATUS_WORDS,
    STATUSES,
    figure_status,
    producer_order,
)

__all__ = [
    "DATA_ENV",
    "FIGURE_STATUSES",
    "FILES",
    "OUTPUT_COLUMNS",
    "PRODUCERS",
    "SERIES_KEY",
    "STATUSES",
    "STATUS_WORDS",
    "USER_DEFAULTS",
    "ObservationInput",
    "PackageTables",
    "Vintage",
    "catalogue_entry",
    "clear_cache",
    "data_dir",
    "data_files",
    "data_parameter",
    "data_paths",
    "figure_changes",
    "figure_status",
    "indicators",
    "load_observations",
    "load_sources",
    "load_targets",
    "package_tables",
    "parse_as_of",
    "producer_order",
    "province",
    "provinces",
    "read_observations",
    "releases",
    "resolve_geo",
    "series",
    "use_data",
    "using_data",
    "validate_observations",
    "validate_package_data",
]
