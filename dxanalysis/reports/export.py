"""Each executed notebook's ``report.html``: JupyterLab's template with the code hidden (unless asked for), each
figure's title as its image's alternative text (``templates/dxreport``), and the narrative in the report's language.

The notebooks' Markdown cells come in pairs, one per language, tagged ``lang-en`` and ``lang-vi``: JupyterLab shows
both, and the HTML keeps the cells of the language the notebook ran in (its ``lang`` parameter) and drops the other
language's, with nbconvert's own ``TagRemovePreprocessor``. So a Vietnamese page is Vietnamese from its title on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dxanalysis.present.i18n import LANGS, check_lang

__all__ = ["LANG_TAG", "TEMPLATES", "HtmlExporter", "notebook_lang"]

#: The folder of the HTML templates shipped with the report runner.
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: The cell tag of a Markdown cell written in a language: ``lang-en``, ``lang-vi``.
LANG_TAG = "lang-{lang}"


def notebook_lang(nb: Any) -> str:
    """The language an executed notebook ran in: its ``lang`` parameter as papermill recorded it, else ``"en"``
    (the notebooks' default).

    >>> notebook_lang({"metadata": {"papermill": {"parameters": {"lang": "vi"}}}}), notebook_lang({"metadata": {}})
    ('vi', 'en')
    """
    parameters = (nb.get("metadata", {}).get("papermill") or {}).get("parameters") or {}
    lang = parameters.get("lang", "en")
    return lang if lang in LANGS else "en"


class HtmlExporter:
    """Writes an executed notebook's ``report.html`` (code hidden unless ``show_code``), in the notebook's language.

    >>> exporter = HtmlExporter(show_code=False)  # doctest: +SKIP
    >>> exporter.export(Path("reports/latest/overview"), "Overview")  # doctest: +SKIP
    []
    """

    def __init__(self, show_code: bool):
        self.show_code = show_code
        self._exporters: dict[str, Any] = {}
        self.exporter = self._for(LANGS[0])  # made at once: a broken nbconvert is said before the first notebook

    def _for(self, lang: str) -> Any:
        """The nbconvert exporter of one language (made once): it drops the other languages' Markdown cells."""
        if lang not in self._exporters:
            from nbconvert import HTMLExporter
            from nbconvert.preprocessors import TagRemovePreprocessor

            exporter = HTMLExporter(template_name="dxreport", extra_template_basedirs=[str(TEMPLATES)])
            exporter.language_code = lang  # <html lang="vi">: browsers and screen readers read the page as Vietnamese
            exporter.exclude_input = not self.show_code
            exporter.optimistic_validation = True  # validate once after the preprocessors, not after each one
            remove = {LANG_TAG.format(lang=other) for other in LANGS if other != lang}
            if not self.show_code:  # a note about the code cells has nothing to point at once they are hidden
                remove.add("about-code")
            exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=remove), enabled=True)
            exporter.exclude_input_prompt = True
            exporter.exclude_output_prompt = True
            self._exporters[lang] = exporter
        return self._exporters[lang]

    def export(self, folder: Path, title: str, nb: Any = None, lang: str | None = None) -> list[str]:
        """Write ``folder/report.html`` from the executed notebook (``nb``, or else ``folder/notebook.ipynb``), in
        ``lang`` (default: the language the notebook ran in).

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
            lang = check_lang(lang) if lang else notebook_lang(nb)
            body, _ = self._for(lang).from_notebook_node(nb, resources={"metadata": {"name": title}})
            html_path.write_text(body, encoding="utf-8")
        except Exception as exc:
            return [f"HTML export failed: {exc}"]
        return []
