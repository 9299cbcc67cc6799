"""Cold start: readers arriving at once on a freshly started server each get their page.

Each reader's script runs on its own thread. When two of them are the first to import pandas or
plotly at the same time, one can fail with "partially initialized module 'pandas' has no
attribute ..." (app.py's import_heavy_modules, a cache_resource, is the fix). So each test starts
its own server, and before any script has run there, opens all five pages at once in one chromium
(one context each, the navigations sent together, see bench/load.py) and waits for every page's
script to finish and its charts to draw. The race does not fire on every cold start, so there are
a few of them.
"""
from __future__ import annotations

import importlib.util
import sys

import pytest

import app_server
from amnesty.build import build
from amnesty.paths import DATA_DIR, ROOT

pytestmark = pytest.mark.browser

COLD_STARTS = 3


def _bench_load():
    """bench/load.py, which holds the concurrent visit (bench/ is not a package)."""
    if "bench_load" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_load"] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules["bench_load"]


load = _bench_load()


@pytest.fixture
def cold_server(tmp_path):
    """A server started for this test alone, on a DB built for it: no script has run in it yet."""
    db = build(DATA_DIR, tmp_path / "amnesty.duckdb")
    server = app_server.start(db, tmp_path)
    yield server
    server.stop()


@pytest.mark.parametrize("cold_start", range(1, COLD_STARTS + 1))
def test_every_page_opened_at_once_on_a_cold_server_renders(cold_server, cold_start):
    sessions = load.open_sessions(cold_server.url, list(load.PAGE_PATHS), timeout_s=120)
    log = cold_server.log_text()

    failed = [f"{s.path}: {s.error}\n{s.exception_text}" for s in sessions if not s.ok]
    assert not failed, "\n".join(failed) + "\n--- server log ---\n" + log[-4000:]
    assert all(s.charts > 0 for s in sessions), [(s.path, s.charts) for s in sessions]
    assert not load.log_problems(log), log[-4000:]
