"""A bounded load test: N readers open the dashboard at once against one local server.

    python bench/load.py [--sessions 20] [--out bench/load_results.json] [--db FILE] [--cold]

Loopback only, and it stops by itself: it builds a fresh database into a temporary folder (or
reads --db), starts `streamlit run app.py` on a free 127.0.0.1 port (tests/e2e/app_server.py),
opens one warm-up page that is not counted (it pays the server's first imports; --cold skips it,
and tests/e2e/test_cold_start.py covers that case), then opens N pages at once, spread over the
five pages, each in its own context of one headless chromium (an empty cache and a new Streamlit
session, as a first visit has). A session ends when the script run has finished and every visible
plotly chart has drawn its SVG and every visible dataframe its canvas, and the page has stayed
unchanged for a quiet period; or at the first stException; or at the timeout.

Per session it records the first-render time: from the moment its navigation was sent to the
page's last DOM change before the quiet period (wall clock, so a browser that is itself slow to
start navigating counts against the time, as a reader would feel it). The server's resident
memory, with its child processes, is sampled from /proc every 100 ms for the whole run.

The JSON written to --out is what bench/run.py reads for the "Concurrency" row of RESULTS.md.
Chromium runs on the same machine as the server, so on a small machine the times include the
browser's own work for N pages.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import re
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import app_server  # noqa: E402

DEFAULT_OUT = BENCH / "load_results.json"
# The app's five pages (url_path in app.py; the default page, the Overview, is served at the root
# only); session i opens PAGE_PATHS[i % 5].
PAGE_PATHS = ("/", "/act", "/political-prisoners", "/data", "/sources")
VIEWPORT = {"width": 1280, "height": 900}
QUIET_MS = 400

# Installed before any page script: the time of the latest DOM change, from navigation start.
TRACK_MUTATIONS = """
window.__lastMutation = 0;
new MutationObserver(() => { window.__lastMutation = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""

# 'exception' as soon as the script has finished with an exception on the page; 'rendered' once the
# script has finished, at least one plotly chart is drawn, every visible chart and table is drawn,
# and nothing has changed for quietMs. Every page of this app has a chart, so a page without one
# has not rendered.
SETTLED = """(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-testid="stException"]')) return 'exception';
  if (performance.now() - window.__lastMutation < quietMs) return false;
  // Only what a reader can see. A table in a closed expander keeps its box (getClientRects is not
  // empty) but draws no canvas until opened; checkVisibility() sees the closed <details>.
  const shown = (el) => el.checkVisibility();
  const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).filter(shown);
  if (!charts.length || charts.some((c) => !c.querySelector('.main-svg'))) return false;
  for (const f of document.querySelectorAll('[data-testid="stDataFrame"]'))
    if (shown(f) && !f.querySelector('canvas')) return false;
  return 'rendered';
}"""

# What a failed script run or a half-imported module leaves in the server's log.
LOG_PROBLEMS = re.compile(r"Traceback|partially initialized|Uncaught app exception")


@dataclass
class Session:
    index: int
    path: str
    first_render_s: float | None = None  # navigation sent → last DOM change before the quiet period
    charts: int = 0
    exceptions: int = 0
    exception_text: str = ""
    error: str = ""  # "", or what went wrong: an stException, a timeout, a failed navigation

    @property
    def ok(self) -> bool:
        return not self.error


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                kids = [int(k) for k in children.read_text().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def server_rss_mb(server: app_server.Server) -> tuple[float | None, float]:
    """(the streamlit process alone via Server.rss_mb, it plus every descendant) in MB."""
    main = server.rss_mb()
    children = sum(_rss_kb(pid) for pid in _descendants(server.process.pid)) / 1024
    return main, (main or 0) + children


class RssSampler:
    """Samples the server's RSS on a thread every `every_s` until stopped; keeps the peak."""

    def __init__(self, server: app_server.Server, every_s: float = 0.1):
        self.server, self.every_s = server, every_s
        self.samples: list[float] = []
        self.peak_main_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            main, tree = server_rss_mb(self.server)
            if main is not None:
                self.samples.append(tree)
                self.peak_main_mb = max(self.peak_main_mb, main)
            if self._stop.wait(self.every_s):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


async def _open_sessions(base_url: str, paths: list[str], timeout_s: float) -> list[Session]:
    """Open every path at once, one browser context each; the navigations are sent together."""
    from playwright.async_api import async_playwright

    sessions = [Session(i, path) for i, path in enumerate(paths)]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=app_server.CHROMIUM,
                                                   args=app_server.CHROMIUM_ARGS, headless=True)
        try:
            pages = []
            for _ in sessions:  # contexts first, so that the navigations start together
                context = await browser.new_context(viewport=VIEWPORT)
                await context.add_init_script(TRACK_MUTATIONS)
                pages.append(await context.new_page())
            await asyncio.gather(*(_visit(page, base_url + s.path, s, timeout_s)
                                   for page, s in zip(pages, sessions)))
        finally:
            await browser.close()
    return sessions


async def _visit(page, url: str, session: Session, timeout_s: float) -> None:
    sent = time.time()
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        left_ms = max(timeout_s - (time.time() - sent), 1) * 1000
        handle = await page.wait_for_function(SETTLED, arg=QUIET_MS, polling=50, timeout=left_ms)
        state = await handle.json_value()
        last_change_ms = await page.evaluate("performance.timeOrigin + window.__lastMutation")
        session.first_render_s = last_change_ms / 1000 - sent
        session.charts = await page.locator('[data-testid="stPlotlyChart"] .main-svg').count()
        exceptions = page.locator('[data-testid="stException"]')
        session.exceptions = await exceptions.count()
        # Streamlit answers an unknown path with the main page under a "Page not found" dialog.
        if await page.get_by_text("Page not found").count():
            session.error = "Page not found: the app served its main page instead"
        if session.exceptions or state == "exception":
            session.exception_text = (await exceptions.first.inner_text())[:500]
            session.error = "stException: " + session.exception_text.splitlines()[0][:200]
    except Exception as error:  # a timeout or a failed navigation is this session's error, not the run's
        session.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        try:
            session.exceptions = await page.locator('[data-testid="stException"]').count()
        except Exception:
            pass


def open_sessions(base_url: str, paths: list[str], timeout_s: float = 60) -> list[Session]:
    """Open every path under base_url at once in headless chromium and wait for each to render.

    Runs on a thread of its own, so that it works even where the caller already holds an event
    loop (Playwright's sync API, which a pytest fixture may have started, keeps one).
    """
    result: dict = {}

    def run():
        try:
            result["sessions"] = asyncio.run(_open_sessions(base_url, paths, timeout_s))
        except BaseException as error:
            result["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["sessions"]


def log_problems(text: str) -> list[str]:
    """Lines of a server log that show a failed script run or import."""
    return [line.strip()[:300] for line in text.splitlines() if LOG_PROBLEMS.search(line)]


def run_load(sessions: int = 20, db: Path | None = None, cold: bool = False, timeout_s: float = 60,
             work_dir: Path | None = None) -> dict:
    """Serve the app, open `sessions` pages at once, and return the results (see the module doc)."""
    from amnesty.build import build

    with tempfile.TemporaryDirectory(prefix="amnesty-load-", dir=work_dir) as tmp:
        tmp = Path(tmp)
        if db is None:
            started = time.perf_counter()
            db = build(ROOT / "data", tmp / "amnesty.duckdb")
            build_s = time.perf_counter() - started
        else:
            build_s = None
        server = app_server.start(Path(db), tmp)
        try:
            idle_main, idle_tree = server_rss_mb(server)
            warmup = None
            if not cold:
                warmup = open_sessions(server.url, [PAGE_PATHS[0]], timeout_s)[0]
            warm_main, warm_tree = server_rss_mb(server)
            paths = [PAGE_PATHS[i % len(PAGE_PATHS)] for i in range(sessions)]
            with RssSampler(server) as sampler:
                started = time.perf_counter()
                visited = open_sessions(server.url, paths, timeout_s)
                wall_s = time.perf_counter() - started
            after_main, after_tree = server_rss_mb(server)
            log = server.log_text()
        finally:
            server.stop()

    times = [s.first_render_s for s in visited if s.ok and s.first_render_s is not None]
    failed = [s for s in visited if not s.ok]
    server_errors = log_problems(log)
    peak = max(sampler.samples + [after_tree, warm_tree])
    by_page = {path: [s.first_render_s for s in visited if s.path == path and s.ok] for path in PAGE_PATHS}
    return {
        # The first keys are the ones bench/report.py looks for (by name, first match wins).
        "sessions": sessions,
        "errors": len(failed) + len(server_errors),
        "first_render_p50_s": percentile(times, 0.50),
        "first_render_p95_s": percentile(times, 0.95),
        "server_rss_peak_mb": peak,
        "first_render_max_s": max(times) if times else None,
        "first_render_mean_s": statistics.fmean(times) if times else None,
        "session_errors": [f"#{s.index} {s.path}: {s.error}" for s in failed],
        "server_log_errors": server_errors,
        "server_rss_mb": {"idle": idle_tree, "after_warmup": warm_tree, "after": after_tree, "peak": peak,
                          "peak_streamlit_process_alone": max(sampler.peak_main_mb, warm_main or 0, after_main or 0),
                          "samples": len(sampler.samples)},
        "wall_s": wall_s,
        "warmup": None if warmup is None else {"path": warmup.path, "first_render_s": warmup.first_render_s,
                                                "error": warmup.error},
        "by_page_median_s": {p: statistics.median(v) if v else None for p, v in by_page.items()},
        "per_session": [asdict(s) for s in visited],
        "how": ("one chromium, one context per session, navigations sent together; first render = navigation "
                "sent to the last DOM change before a 400 ms quiet period with the script finished and every "
                "visible plotly chart drawn; errors = sessions with an stException, a timeout or a failed "
                "navigation, plus server-log lines with a traceback; RSS = streamlit and its children, "
                "sampled every 100 ms from /proc; percentiles are nearest-rank"),
        "cold_server": cold,
        "timeout_s": timeout_s,
        "db_build_s": build_s,
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds")},
    }


def summary(results: dict) -> str:
    def s(x):
        return "–" if x is None else f"{x:.2f} s"
    rss = results["server_rss_mb"]
    lines = [f"{results['sessions']} sessions: p50 {s(results['first_render_p50_s'])}, "
             f"p95 {s(results['first_render_p95_s'])}, max {s(results['first_render_max_s'])}; "
             f"{results['errors']} errors; server RSS peak {rss['peak']:.0f} MB "
             f"(idle {rss['idle']:.0f} MB, after warm-up {rss['after_warmup']:.0f} MB); wall {results['wall_s']:.1f} s"]
    lines += [f"  session error: {e}" for e in results["session_errors"]]
    lines += [f"  server log: {e}" for e in results["server_log_errors"][:20]]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON file (default {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--db", type=Path, help="serve this DuckDB file instead of a fresh build of data/")
    parser.add_argument("--cold", action="store_true", help="no warm-up visit: the sessions also pay the first imports")
    parser.add_argument("--timeout", type=float, default=60, help="seconds each session may take (default 60)")
    args = parser.parse_args(argv)
    if args.sessions < 1:
        parser.error("--sessions must be at least 1")
    results = run_load(args.sessions, db=args.db, cold=args.cold, timeout_s=args.timeout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(summary(results))
    print(f"wrote {args.out}")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
