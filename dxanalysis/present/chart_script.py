"""Plotly's JavaScript for a run folder: written once per run, loaded by every page with an interactive chart.

Apart from :mod:`dxanalysis.present.figures.interactive` (which builds the charts and needs matplotlib's figures) so
that writing a run's files, a run with nothing to execute included, does not import the plotting stack.
"""

from __future__ import annotations

from pathlib import Path

from dxanalysis._util import write_atomic

__all__ = ["JAVASCRIPT", "write_javascript"]

#: Where a run folder keeps Plotly's JavaScript, relative to the run (a page one folder down loads ``../`` it).
JAVASCRIPT = "assets/plotly.min.js"


def write_javascript(run_folder: Path) -> Path:
    """Write Plotly's JavaScript into a run folder (:data:`JAVASCRIPT`) unless it is there already; returns its path.

    Written to a temporary name and moved into place, so two notebooks of one run writing it at once leave one
    complete file.

    >>> import tempfile
    >>> path = write_javascript(Path(tempfile.mkdtemp()))
    >>> path.name, path.stat().st_size > 1_000_000
    ('plotly.min.js', True)
    """
    path = Path(run_folder) / JAVASCRIPT
    if path.is_file() and path.stat().st_size > 0:
        return path
    from plotly.offline import get_plotlyjs

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, get_plotlyjs().encode("utf-8"))
    return path
