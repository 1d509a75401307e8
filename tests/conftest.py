"""Shared fixtures: the shared research folder (optional), and a private copy of the package's data to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import dxanalysis as dx
from dxanalysis import data as dxdata

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """The tests' cache lives in a temporary folder, not the user's."""
    import os

    os.environ["DXANALYSIS_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield


SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """../shared beside the repository (CI has it; users do not): the test is skipped without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (it is in CI)")
    return SHARED


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the package's data files that the package loads instead of its own, for the test to modify."""
    folder = tmp_path / "data"
    shutil.copytree(dx.data_dir(), folder, ignore=shutil.ignore_patterns("README.md"))
    monkeypatch.setenv(dxdata.DATA_ENV, str(folder))
    dxdata.clear_cache()
    yield folder
    dxdata.clear_cache()


@pytest.fixture
def without_mst_2025(data_copy) -> Path:
    """The package's data without the ministry's 2025 digital-economy estimate (18.72%, given on 31 December 2025):
    the situation of issue 13's review, a 2025 target whose outcome the ministry had not yet published."""
    import pandas as pd

    path = data_copy / "observations.csv"
    obs = pd.read_csv(path, dtype=str, keep_default_na=False)
    drop = (obs.indicator == "digital_economy_share_gdp") & (obs.series == "mic") & (obs.period == "2025")
    assert drop.sum() == 1
    obs[~drop].to_csv(path, index=False)
    return data_copy
