"""Shared fixtures: one freshly built database per test session, from the shipped data/."""
import pytest

from amnesty.build import build
from amnesty.paths import DATA_DIR


@pytest.fixture(scope="session")
def built_db(tmp_path_factory):
    """Path of a DuckDB file built from data/ for this test session."""
    return build(DATA_DIR, tmp_path_factory.mktemp("db") / "amnesty.duckdb")
