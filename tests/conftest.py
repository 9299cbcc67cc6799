"""Shared fixtures: one freshly built database per test session, from the shipped data/."""
import os
import tempfile

import pytest

from amnesty.build import build
from amnesty.paths import DATA_DIR
from app_runner import run_app_page


def pytest_configure(config):
    # Every render in this session is drawn by Kaleido at least once: the render cache starts empty
    # (the app servers the browser tests start inherit it), not with a previous run's files.
    os.environ.setdefault("AMNESTY_RENDER_CACHE", tempfile.mkdtemp(prefix="amnesty-render-cache-"))


@pytest.fixture(scope="session")
def built_db(tmp_path_factory):
    """Path of a DuckDB file built from data/ for this test session."""
    return build(DATA_DIR, tmp_path_factory.mktemp("db") / "amnesty.duckdb")


@pytest.fixture(scope="session")
def app_db(built_db):
    """Point the Streamlit app (amnesty.webapp reads paths.DEFAULT_DB at call time) at built_db."""
    import amnesty.paths as paths

    previous, paths.DEFAULT_DB = paths.DEFAULT_DB, built_db
    yield built_db
    paths.DEFAULT_DB = previous


@pytest.fixture
def run_page(app_db):
    """run_page("app_pages/x.py", act="...") -> the AppTest after the page has run with those params."""
    return lambda page, **query_params: run_app_page(page, query_params)
