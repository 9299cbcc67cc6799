"""An unexpected error shows the reader a generic message, never the error's text, a server path or
a traceback; the details go to the server's log (client.showErrorDetails = "none").

The error is real: a database of ours with one table dropped, so the Act detail page's query fails.
"""
from __future__ import annotations

import shutil

import duckdb
import pytest

import app_server
from streamlit_page import main_text, open_page


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory, built_db, artifacts):
    folder = tmp_path_factory.mktemp("broken")
    broken = folder / "broken.duckdb"
    shutil.copy(built_db, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute("drop table statements")
    served = app_server.start(broken, artifacts / "logs")
    yield served, folder
    served.stop()


def test_an_unexpected_error_shows_no_details(desktop, broken_server):
    served, folder = broken_server
    page = desktop.new_page()
    try:
        open_page(page, f"{served.url}/act?act=amnesty-2025-26")
        error = page.locator("[data-testid=stException]")
        error.first.wait_for()
        shown = main_text(page)
        assert "This app has encountered an error" in shown
        for detail in ("statements", "Catalog", "Traceback", str(folder), "/site-packages/"):
            assert detail not in shown, detail
    finally:
        page.close()
    assert "statements" in served.log_text()  # the details are on the server
