"""The run's pages beside its index: the date of the newest figure the run's data hold (:func:`newest_figure`, which
the index shows as the data's date) and ``manifest.html``, the manifest for a reader (:func:`render_manifest`): run
times, fingerprints, parameters and the exact notebook files, the engineering details the index leaves out.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from dxanalysis import data
from dxanalysis.data import data_parameter, using_data
from dxanalysis.present.i18n import LABELS, LANGS, label

__all__ = ["newest_figure", "render_manifest"]


def newest_figure(
    as_of: str | dt.date | None = None,
    files: Sequence[str] = (),
    *,
    decimal: str = ".",
    sheet: str | int | None = None,
) -> dict[str, str] | None:
    """The most recently published figure of the data a run reads (the package's, with the user's ``files``, as
    published on ``as_of``): its publication date (ISO), indicator, series and period; ``None`` when no figure has a
    publication date.

    >>> newest_figure("2024-05-01")["published"] <= "2024-05-01"
    True
    """

    def load() -> dict[str, str] | None:
        obs = data.load_observations(as_of=as_of or None)
        dated = obs[obs["published"].notna()]
        if dated.empty:
            return None
        row = dated.sort_values("published", kind="stable").iloc[-1]
        return {
            "published": row["published"].date().isoformat(),
            "indicator": str(row["indicator"]),
            "series": str(row["series"]),
            "period": str(row["period"]),
        }

    if not files:
        return load()
    with using_data(data_parameter(files), decimal=decimal, sheet=sheet):
        return load()


def _tx(key: str, lang: str, **fields: Any) -> str:
    return label(f"report_{key}", lang, **fields) if f"report_{key}" in LABELS else key


def render_manifest(manifest: Mapping[str, Any]) -> str:
    """``manifest.html`` of a run: the run's facts and every job's status, start, run time, fingerprint, parameters
    and failure, from ``manifest.json`` (all text escaped), with a link back to the index.

    >>> page = render_manifest({"run_id": "r1", "jobs": [{"slug": "a", "status": "ok", "duration": 2.5, "key": "k"}]})
    >>> "<h1>Manifest of run r1</h1>" in page, ">2.5<" in page, 'href="index.html"' in page
    (True, True, True)
    """
    lang = str(manifest.get("lang")) if manifest.get("lang") in LANGS else "en"
    e = html.escape

    def shown(value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        return str(value)

    facts = "".join(
        f"<tr><th>{e(str(k))}</th><td><code>{e(shown(v))}</code></td></tr>" for k, v in manifest.items() if k != "jobs"
    )
    rows = []
    for j in manifest.get("jobs", []):
        duration = j.get("duration")
        rows.append(
            "<tr>"
            f'<td><a href="{e(str(j.get("slug", "")))}/report.html">{e(str(j.get("slug", "")))}</a><br>'
            f"<code>{e(shown(j.get('notebook')))}</code></td>"
            f"<td>{e(shown(j.get('status')))}</td><td>{e(shown(j.get('started')))}</td>"
            f'<td class="num">{e("—" if duration is None else f"{float(duration):.1f}")}</td>'
            f"<td><code>{e(shown(j.get('key')))}</code></td><td><code>{e(shown(j.get('parameters')))}</code></td>"
            f"<td>{e(shown(j.get('error')))}</td></tr>"
        )
    heads = [_tx(k, lang) for k in ("notebook", "status", "started", "duration", "key", "parameters")]
    heads.append(label("col_message", lang))
    title = _tx("manifest_title", lang, run=manifest.get("run_id", ""))
    return f"""<!doctype html>
<html lang="{e(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{e(title)}</title>
<style>
body{{font-family:system-ui,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1400px;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;margin-bottom:2rem}}td,th{{border-bottom:1px solid #ddd;padding:.4rem .6rem;
vertical-align:top;text-align:left;overflow-wrap:anywhere}}th{{background:#f4f4f4}}td.num{{text-align:right}}
code{{font-size:.85rem}}
</style></head><body>
<h1>{e(title)}</h1>
<p><a href="index.html">{e(_tx("back", lang))}</a> · <a href="manifest.json">manifest.json</a></p>
<table><tbody>{facts}</tbody></table>
<table><thead><tr>{"".join(f"<th>{e(h)}</th>" for h in heads)}</tr></thead><tbody>
{"".join(rows)}
</tbody></table></body></html>
"""
