"""Each executed notebook's ``report.html``: JupyterLab's template with the code hidden (unless asked for), and each
figure's title as its image's alternative text (``templates/dxreport``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["TEMPLATES", "HtmlExporter"]

#: The folder of the HTML templates shipped with the report runner.
TEMPLATES = Path(__file__).resolve().parent / "templates"


class HtmlExporter:
    """Writes an executed notebook's ``report.html`` (code hidden unless ``show_code``).

    >>> exporter = HtmlExporter(show_code=False)  # doctest: +SKIP
    >>> exporter.export(Path("reports/latest/overview"), "Overview")  # doctest: +SKIP
    []
    """

    def __init__(self, show_code: bool):
        from nbconvert import HTMLExporter

        self.exporter = HTMLExporter(template_name="dxreport", extra_template_basedirs=[str(TEMPLATES)])
        self.exporter.exclude_input = not show_code
        self.exporter.optimistic_validation = True  # validate once after the preprocessors, not after each one
        if not show_code:  # a note about the code cells has nothing to point at once they are hidden
            from nbconvert.preprocessors import TagRemovePreprocessor

            self.exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"about-code"}), enabled=True)
        self.exporter.exclude_input_prompt = True
        self.exporter.exclude_output_prompt = True

    def export(self, folder: Path, title: str, nb: Any = None) -> list[str]:
        """Write ``folder/report.html`` from the executed notebook (``nb``, or else ``folder/notebook.ipynb``).

        Returns the problems met (an HTML failure must not hide the notebook's own result): none when it was written,
        or when there is no executed notebook to export.
        """
        import nbformat

        nb_path, html_path = folder / "notebook.ipynb", folder / "report.html"
        if not nb_path.exists():
            return []
        try:
            if nb is None:
                nb = nbformat.read(str(nb_path), as_version=4)
            body, _ = self.exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
            html_path.write_text(body, encoding="utf-8")
        except Exception as exc:
            return [f"HTML export failed: {exc}"]
        return []
