"""Browser fixtures: one freshly built DB (tests/conftest.py's built_db, made by amnesty.build), one
served app and one headless chromium for the whole of tests/e2e.

They are package-scoped, not session-scoped: a sync Playwright left running would make every later
`sync_playwright()` (tests/test_render.py's) fail with "using Playwright Sync API inside the asyncio
loop", so chromium and the server stop once the last browser test is done.

Every test under tests/e2e is marked `browser`; they run in the default `pytest` / `make test`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import sync_playwright

E2E_DIR = Path(__file__).parent
# The helpers are imported by bare name (`import app_server`), here, in the tests and in bench/;
# as tests/e2e is a package, pytest does not put it on the path itself.
sys.path.insert(0, str(E2E_DIR))

import app_server  # noqa: E402
from streamlit_page import ARTIFACTS, TIMEOUT_MS  # noqa: E402

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="package")
def db(built_db):
    """Read-only connection to the DB the server serves: the expected numbers come from here."""
    con = duckdb.connect(str(built_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="package")
def server(built_db, artifacts):
    """`streamlit run app.py` on a free loopback port against this session's fresh DB."""
    served = app_server.start(built_db, artifacts / "logs")
    yield served
    served.stop()
    # A script error a page handled badly (or a download that failed on its thread) may never
    # reach the browser, but Streamlit logs its traceback.
    assert "Traceback" not in served.log_text(), served.log_text()[-4000:]


@pytest.fixture(scope="package")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=app_server.CHROMIUM,
                                              args=app_server.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _context(browser, viewport: dict, **options):
    context = browser.new_context(viewport=viewport, accept_downloads=True, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture(scope="package")
def desktop(browser):
    """One desktop context for all the tests: its HTTP cache keeps plotly.js (a lazy chunk of several
    MB) from being fetched again for every test."""
    context = _context(browser, DESKTOP)
    yield context
    context.close()


@pytest.fixture
def page(desktop, server):
    """A fresh desktop tab for each test; each tab is its own Streamlit session."""
    tab = desktop.new_page()
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def phone(browser, server):
    """One phone-sized tab shared by a module's tests: 390x844, touch, mobile meta viewport."""
    context = _context(browser, PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()
