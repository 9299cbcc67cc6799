"""A small run of the load test (bench/load.py): 4 sessions at once with each client against one
process, and with the websocket client through nginx in front of two replicas; no errors, sane
numbers.

The 20-session run and its targets belong to `make bench`; timings here are too noisy to assert on,
so this checks that the harness works and what it records, not how fast the app is.
"""
from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from amnesty.paths import ROOT

pytestmark = pytest.mark.browser

SESSIONS = 4


def _bench(name: str):
    """bench/<name>.py as module bench_<name> (bench/ is not a package)."""
    if f"bench_{name}" not in sys.modules:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"bench_{name}"] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules[f"bench_{name}"]


load = _bench("load")


@pytest.fixture(scope="module", params=[(client, "direct") for client in load.CLIENTS] + [("websocket", "proxy")],
                ids=lambda p: "-".join(p))
def results(request, tmp_path_factory):
    client, via = request.param
    return load.run_load(SESSIONS, client=client, via=via, work_dir=tmp_path_factory.mktemp("load"), timeout_s=120)


def test_every_session_renders_without_error(results):
    assert results["errors"] == 0, results["session_errors"] + results["server_log_errors"]
    assert results["sessions"] == SESSIONS == len(results["per_session"])
    assert [s["path"] for s in results["per_session"]] == list(load.PAGE_PATHS[:SESSIONS])
    assert all(s["charts"] > 0 and s["exceptions"] == 0 for s in results["per_session"])


def test_percentiles_come_from_the_sessions(results):
    timed = "first_render_s" if results["client"] == "browser" else "script_done_s"
    times = sorted(s[timed] for s in results["per_session"])
    assert all(0 < t < results["timeout_s"] for t in times)
    assert results["p50_s"] == times[1]  # nearest rank: the 2nd of 4
    assert results["p95_s"] == times[-1] == results["max_s"]
    if results["client"] == "browser":  # the script finishes before the page has settled
        assert all(0 < s["script_done_s"] <= s["first_render_s"] for s in results["per_session"])
    else:  # every message of the run was read, after the page's static files
        assert all(s["ws_bytes"] > 10_000 and 0 < s["assets_s"] < s["script_done_s"] for s in results["per_session"])


def test_server_memory_is_sampled_during_the_run(results):
    rss = results["server_rss_mb"]
    assert rss["samples"] > 0
    # A Python process with pandas, plotly and DuckDB loaded: tens to a few hundred MB (each).
    assert 30 * results["replicas"] < rss["idle"] <= rss["peak"] < 4000
    assert results["server_rss_peak_mb"] == rss["peak"] >= rss["peak_streamlit_process_alone"]


def test_results_are_what_the_bench_report_reads(results):
    row, = _bench("report").load_rows({"available": True, "results": json.loads(json.dumps(results)), "run_s": 1.0})
    if results["via"] == "proxy":
        assert row["measure"] == f"Concurrency: load test ({results['client']}, through nginx, 2 replicas)"
        assert row["status"] in ("meets", "**misses**") and "RSS of all replicas" in row["target"]
        # The static files came gzipped from nginx: well under the 9 MB Streamlit sends itself.
        assert 0 < results["assets_mb_per_session"] < 4
    else:
        assert row["measure"] == f"Concurrency: load test ({results['client']})"
    assert f"{SESSIONS} concurrent sessions" in row["how"]
    assert "0 errors" in row["result"] and "p95" in row["result"] and "MB" in row["result"]
