"""Sphinx configuration of the dxanalysis documentation (`make docs`)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import copy_gallery, write_generated_pages  # noqa: E402

from dxanalysis._version import __version__  # noqa: E402  (the version is defined once)
from dxanalysis.reports.kernels import ensure_kernelspec  # noqa: E402

project = "dxanalysis"
author = "dxanalysis developers"
copyright = "dxanalysis developers"
version = release = __version__

extensions = [
    "myst_nb",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # MathJax served with the site: formulas render with no network
    "sphinx_copybutton",
]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "generate.py"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# Pages with code cells are executed at build time, so every example in the docs runs against the current code.
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_merge_streams = True

autosummary_generate = True
autodoc_typehints = "none"  # numpydoc renders the types from the docstrings
numpydoc_show_class_members = False
numpydoc_validation_checks: set[str] = set()

html_theme = "pydata_sphinx_theme"
html_title = f"dxanalysis {version}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
}
html_sidebars: dict[str, list[str]] = {"**": []}  # flat site: the top bar navigates; tables get the width
html_last_updated_fmt = None
suppress_warnings = ["myst.header"]


# autosummary writes a page per documented name into generated/api and never removes one: a name that moved (the flat
# layout's dxanalysis.plots.*) would leave a page in no toctree, which -W makes an error. The folder is rebuilt whole.
shutil.rmtree(HERE / "generated" / "api", ignore_errors=True)

ensure_kernelspec()  # the gallery notebooks name the 'dxanalysis' kernel: this interpreter
copy_gallery(HERE / "gallery")


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("builder-inited", lambda app: write_generated_pages(HERE / "generated"))
