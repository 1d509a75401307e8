"""The module paths of the flat layout (``dxanalysis.plots``, ``dxanalysis.trends``, …), kept importable for one
release after the code moved into its rooms (``data``, ``analysis``, ``present``, ``reports``).

One table, :data:`MOVED`, says where each old module went; an import finder on ``sys.meta_path`` answers an old
path with the new module itself (so ``dxanalysis.trends.fit_trend is dxanalysis.analysis.trends.fit_trend``), and
warns once with a :class:`DeprecationWarning` naming the new path. No shim files are needed, and none can go stale.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from collections.abc import Sequence

__all__ = ["MOVED", "install"]

#: Old module path -> the module(s) that now hold its public names (several: their names merged, in order).
MOVED: dict[str, tuple[str, ...]] = {
    "dxanalysis.artifacts": ("dxanalysis.reports.outputs", "dxanalysis._util"),
    "dxanalysis.assessment": ("dxanalysis.analysis.assessment",),
    "dxanalysis.cache": ("dxanalysis._cache",),
    "dxanalysis.calibration": ("dxanalysis.analysis.calibration",),
    "dxanalysis.files": ("dxanalysis.data.files",),
    "dxanalysis.i18n": ("dxanalysis.present.i18n",),
    "dxanalysis.importers": ("dxanalysis.data.publishers",),
    "dxanalysis.kernel": ("dxanalysis.reports.kernels",),
    "dxanalysis.narrative": (
        "dxanalysis.present.tables",
        "dxanalysis.present.sentences",
        "dxanalysis.present.flat_names",
    ),
    "dxanalysis.numbers": ("dxanalysis.data.numbers",),
    "dxanalysis.panel": ("dxanalysis.analysis.panel",),
    "dxanalysis.periods": ("dxanalysis.data.periods",),
    "dxanalysis.plots": ("dxanalysis.present.figures",),
    "dxanalysis.publishers": ("dxanalysis.data.publishers",),
    "dxanalysis.scenarios": ("dxanalysis.analysis.scenarios",),
    "dxanalysis.schemas": ("dxanalysis.data.schemas",),
    "dxanalysis.trends": ("dxanalysis.analysis.trends",),
    "dxanalysis.validation": ("dxanalysis.data.validation",),
}


def _merged(name: str, targets: Sequence[str]) -> types.ModuleType:
    """One module holding the public names of several (the first module that has a name wins)."""
    module = types.ModuleType(name, f"Moved: the names of {', '.join(targets)}.")
    exported: list[str] = []
    for target in reversed(targets):
        source = importlib.import_module(target)
        names = getattr(source, "__all__", [n for n in vars(source) if not n.startswith("_")])
        for n in names:
            setattr(module, n, getattr(source, n))
            exported.append(n)
    module.__all__ = sorted(set(exported))  # type: ignore[attr-defined]
    return module


class _MovedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old module path of :data:`MOVED` and loads it as the module it moved to."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        return importlib.util.spec_from_loader(fullname, self) if fullname in MOVED else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None  # the default placeholder, replaced in exec_module

    def exec_module(self, module: types.ModuleType) -> None:
        name = module.__name__
        targets = MOVED[name]
        warnings.warn(
            f"{name} has moved to {' and '.join(targets)}; the old path goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        # the import system returns whatever sys.modules holds for the name once this returns
        sys.modules[name] = importlib.import_module(targets[0]) if len(targets) == 1 else _merged(name, targets)


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder())
