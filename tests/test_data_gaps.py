"""What is missing is said: an indicator with a national target and no figure says why, and a target whose measure
is no longer published is judged "measure discontinued", not "insufficient data"."""

from __future__ import annotations

import datetime as dt

import pytest

import dxanalysis as dx
from dxanalysis.analysis.targets import Target
from dxanalysis.analysis.verdicts import DISCONTINUED, TARGET_STATUSES, discontinued_measure, verdict


def test_every_targeted_indicator_without_figures_says_why_in_the_catalogue():
    cat = dx.indicators().set_index("id")
    unexplained = sorted(
        i
        for i in set(dx.load_targets()["indicator"]) - set(dx.load_observations()["indicator"])
        if not cat.at[i, "missing"].strip()
    )
    assert unexplained == []
    assert "not published as of 2026-12" in cat.at["fibre_households_covered", "missing"]
    assert cat.at["internet_users", "missing"] == ""  # a field only where something is missing


def test_a_discontinued_measure_is_judged_so_past_or_ahead():
    t = Target(80.0, 2025)
    assert verdict(t, dt.date(2026, 12, 3), discontinued="2023")[0] == DISCONTINUED
    assert verdict(t, dt.date(2024, 6, 1), probability=0.9, discontinued="2023")[0] == DISCONTINUED
    # before it was discontinued, the projection speaks as for any measure
    assert verdict(t, dt.date(2021, 6, 1), probability=0.9, discontinued="2023")[0] == "on track"
    # a figure for the target period, published before the measure stopped, still decides
    from dxanalysis.analysis.verdicts import Basis

    assert verdict(t, dt.date(2026, 1, 2), basis=Basis(85.0, "2025", "annual"), discontinued="2023")[0] == "met"
    assert DISCONTINUED in TARGET_STATUSES


def test_the_level4_services_target_is_measure_discontinued_in_both_languages():
    assert discontinued_measure("online_services_level4") == "2023" and discontinued_measure("internet_users") is None
    a = dx.assess_target("online_services_level4", judged_on="2026-12-03")
    assert a.status == "measure discontinued" != "insufficient data"
    assert "no longer published (discontinued in 2023)" in a.summary("en")
    assert "ngừng từ 2023" in a.summary("vi") and "Chỉ tiêu đã ngừng công bố" in a.summary("vi")
    assert dx.assess_target("online_services_level4", as_of="2021-12-31").status != "measure discontinued"
    from dxanalysis.present import i18n

    assert i18n.status_name("measure discontinued", "vi") == "chỉ tiêu đã ngừng công bố"
    from dxanalysis.present.figures._style import STATUS_COLOURS

    assert set(TARGET_STATUSES) <= set(STATUS_COLOURS)


def _data_with(tmp_path, **fields):
    """A copy of the package's data in which the level-4 services entry has ``fields`` changed (None: removed)."""
    import shutil

    import yaml

    from dxanalysis.data.catalogue import data_dir

    src = data_dir()
    for name in ("observations.csv", "targets.csv", "sources.yml"):
        shutil.copy(src / name, tmp_path / name)
    entries = yaml.safe_load((src / "indicators.yml").read_text(encoding="utf-8"))
    entry = next(e for e in entries if e["id"] == "online_services_level4")
    for key, value in fields.items():
        if value is None:
            entry.pop(key)
        else:
            entry[key] = value
    (tmp_path / "indicators.yml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"discontinued": "soon"}, "not a date"),
        ({"discontinued_note": None}, "given without its discontinued_note"),
        ({"missng": "a typo"}, "unknown field"),
    ],
)
def test_a_discontinued_field_needs_a_date_and_its_source(tmp_path, fields, message):
    from dxanalysis.data.catalogue import read_package_tables

    with pytest.raises(dx.DataValidationError, match=message):
        read_package_tables(_data_with(tmp_path, **fields))


def test_the_copy_itself_is_valid(tmp_path):
    from dxanalysis.data.catalogue import read_package_tables

    tables = read_package_tables(_data_with(tmp_path, missing="searched, not published as of 2026-12"))
    cat = tables.catalogue.set_index("id")
    assert cat.at["online_services_level4", "discontinued"] == "2023"
    assert cat.at["online_services_level4", "missing"] == "searched, not published as of 2026-12"
