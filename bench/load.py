"""A bounded load test: N readers open the dashboard at once against one local server.

    python bench/load.py [--sessions 20] [--client browser|websocket|both] [--out bench/load_results.json]
                         [--db FILE] [--cold] [--timeout S] [--via direct|proxy] [--replicas N]

Loopback only, and it stops by itself: it builds a fresh database into a temporary folder (or
reads --db), starts `streamlit run app.py` on a free 127.0.0.1 port (tests/e2e/app_server.py),
makes one warm-up visit that is not counted (it pays the server's first imports; --cold skips it,
and tests/e2e/test_cold_start.py covers that case), then starts N sessions at once, spread over
the five pages (session i opens page i mod 5).

Two clients, each against a server of its own:

- browser (the default): one headless chromium, one context per session (an empty cache and a
  new Streamlit session, as a first visit has), the navigations sent together. A session ends
  when the script run has finished, at least one plotly chart has drawn its SVG, every visible
  chart and dataframe is drawn and the page has stayed unchanged for a quiet period; or at the
  first stException; or at the timeout. Its first-render time runs from the moment its
  navigation was sent to the page's last DOM change before the quiet period (wall clock). The
  browser runs on the same machine as the server, so on a small machine this also times
  chromium drawing N pages at once.
- websocket: what N first visits ask of the server, without a browser's own work. Each session
  fetches the page and the static files that the warm-up browser visit fetched, then opens
  Streamlit's websocket, asks for a script run of its page (a BackMsg rerun_script, as the
  browser sends) and reads every ForwardMsg until script_finished. Its time runs from the
  session's start to script_finished; an exception element, a page_not_found or a run that does
  not finish successfully is an error.

`both` runs the browser client, then the websocket client on a fresh server, and writes the
browser results with the websocket ones under "websocket". The server's resident memory, with
its child processes, is sampled from /proc every 100 ms during each run.

--via proxy serves the app as `make serve` does (deploy/serve.py: nginx in front of --replicas
Streamlit processes, default 2) instead of one process: the static files then come from nginx,
gzipped, and each session's websocket goes through nginx to a replica. Memory and CPU are then
the replicas' (each with its children), with nginx's beside them. Every client asks for gzip, as
a browser does.

The JSON written to --out is what bench/run.py reads for the "Concurrency" rows of RESULTS.md.
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
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(1, str(BENCH))

import app_server  # noqa: E402
import proxy_server  # noqa: E402
# One page-timing probe, viewport and quiet period for the bench's page timings and the load test.
from browser import QUIET_MS, TRACK_MUTATIONS, VIEWPORT  # noqa: E402

DEFAULT_OUT = BENCH / "load_results.json"
CLIENTS = ("browser", "websocket")
# The app's five pages (url_path in app.py; the default page, the Overview, is served at the root
# only: /overview is "Page not found").
PAGE_PATHS = ("/", "/act", "/political-prisoners", "/data", "/sources")


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

# Where a page stands, for the message of a session that timed out.
STATE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]').length;
  const drawn = document.querySelectorAll('[data-testid="stPlotlyChart"]:has(.main-svg)').length;
  return `script ${app ? app.getAttribute('data-test-script-state') : 'not started'}, `
    + `${document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]').length} elements, `
    + `${drawn}/${charts} charts drawn, last DOM change ${Math.round(performance.now() - window.__lastMutation)} ms ago`;
}"""

# What a failed script run or a half-imported module leaves in the server's log.
LOG_PROBLEMS = re.compile(r"Traceback|partially initialized|Uncaught app exception")


@dataclass
class Session:
    index: int
    path: str
    client: str = "browser"
    first_render_s: float | None = None  # browser: navigation sent → last DOM change before the quiet period
    script_done_s: float | None = None  # start → script run finished (browser: as the page saw it)
    charts: int = 0  # browser: plotly charts drawn; websocket: plotly_chart elements received
    exceptions: int = 0
    exception_text: str = ""
    ws_bytes: int = 0  # websocket: ForwardMsg bytes received
    assets_s: float | None = None  # websocket: start → the page and its static files fetched
    script_run_s: float | None = None  # websocket: rerun asked for → script_finished
    assets_bytes: int = 0  # websocket: bytes of the page and its static files
    error: str = ""  # "", or what went wrong: an stException, a timeout, a failed navigation

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def seconds(self) -> float | None:
        """The time this client is judged by: first render in a browser, script finished otherwise."""
        return self.first_render_s if self.client == "browser" else self.script_done_s


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


# --- server memory ------------------------------------------------------------------------------

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


def _roots(server) -> list[int]:
    """The processes whose memory and CPU count as the server's: streamlit, or every replica."""
    if isinstance(server, proxy_server.Proxy):
        return [replica["pid"] for replica in server.replicas()]
    return [server.process.pid]


def server_rss_mb(server) -> tuple[float | None, float]:
    """(the streamlit processes alone, they plus every descendant) in MB; None while unreadable."""
    roots = _roots(server)
    main_kb = [_rss_kb(pid) for pid in roots]
    if not any(main_kb):
        return None, 0.0
    children = sum(_rss_kb(pid) for root in roots for pid in _descendants(root))
    return sum(main_kb) / 1024, (sum(main_kb) + children) / 1024


def _cpu_s(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / ticks


def server_cpu_s(server) -> float:
    """CPU seconds (user + system) that streamlit (every replica) and its children have used so far."""
    return _cpu_s([pid for root in _roots(server) for pid in [root, *_descendants(root)]])


def nginx_usage(server) -> tuple[float, float]:
    """(RSS in MB, CPU seconds) of nginx's master and workers; zeros for a direct server."""
    if not isinstance(server, proxy_server.Proxy):
        return 0.0, 0.0
    master = server.state["nginx_pid"]
    pids = [master, *_descendants(master)]
    return sum(_rss_kb(pid) for pid in pids) / 1024, _cpu_s(pids)


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


# --- the browser client -------------------------------------------------------------------------

async def _open_sessions(base_url: str, paths: list[str], timeout_s: float, assets: list | None) -> list[Session]:
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
                page = await context.new_page()
                if assets is not None:
                    page.on("requestfinished", lambda request: assets.append(request.url))
                pages.append(page)
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
        last_change, script_done = await page.evaluate(
            "[performance.timeOrigin + window.__lastMutation,"
            " window.__scriptDone === null ? null : performance.timeOrigin + window.__scriptDone]")
        session.first_render_s = last_change / 1000 - sent
        session.script_done_s = script_done / 1000 - sent if script_done is not None else None
        session.charts = await page.locator('[data-testid="stPlotlyChart"]:has(.main-svg)').count()
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
            session.error += f" ({await page.evaluate(STATE)})"
        except Exception:
            pass


def _in_own_thread(coroutine_function, *args):
    """asyncio.run on a thread of its own, so that it works even where the caller already holds an
    event loop (Playwright's sync API, which a pytest fixture may have started, keeps one)."""
    result: dict = {}

    def run():
        try:
            result["value"] = asyncio.run(coroutine_function(*args))
        except BaseException as error:
            result["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def open_sessions(base_url: str, paths: list[str], timeout_s: float = 60, assets: list | None = None) -> list[Session]:
    """Open every path under base_url at once in headless chromium and wait for each to render.
    If `assets` is a list, the URL of every request the pages made is appended to it."""
    return _in_own_thread(_open_sessions, base_url, paths, timeout_s, assets)


# --- the websocket client -----------------------------------------------------------------------

def _fetch(url: str) -> int:
    """Bytes as sent: asking for gzip as a browser does, and not decompressing."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return len(response.read())


def static_files(base_url: str, urls: list[str]) -> list[str]:
    """The distinct same-server files among `urls`, other than the websocket and health checks."""
    seen = []
    for url in urls:
        if url.startswith(base_url) and "/_stcore/" not in url and url not in seen:
            seen.append(url)
    return seen


async def _ws_visit(base_url: str, session: Session, assets: list[str], pool: ThreadPoolExecutor,
                    timeout_s: float) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            sizes = await asyncio.gather(*(loop.run_in_executor(pool, _fetch, url)
                                           for url in [base_url + session.path, *assets]))
            session.assets_bytes = sum(sizes)
            session.assets_s = time.perf_counter() - started
            url = "ws" + base_url.removeprefix("http") + "/_stcore/stream"
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
                request = BackMsg()
                request.rerun_script.query_string = ""
                request.rerun_script.page_name = session.path.strip("/")
                asked = time.perf_counter()
                await ws.send(request.SerializeToString())
                while True:
                    raw = await ws.recv()
                    session.ws_bytes += len(raw)
                    message = ForwardMsg()
                    message.ParseFromString(raw)
                    kind = message.WhichOneof("type")
                    if kind == "page_not_found":
                        session.error = "page_not_found: the app served its main page instead"
                    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                        element = message.delta.new_element
                        if element.WhichOneof("type") == "plotly_chart":
                            session.charts += 1
                        elif element.WhichOneof("type") == "exception":
                            session.exceptions += 1
                            session.exception_text = f"{element.exception.type}: {element.exception.message}"[:500]
                            session.error = "exception element: " + session.exception_text[:200]
                    elif kind == "script_finished":
                        status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
                        if status != "FINISHED_SUCCESSFULLY" and not session.error:
                            session.error = f"script_finished {status}"
                        break
        session.script_done_s = time.perf_counter() - started
        session.script_run_s = time.perf_counter() - asked
        if not session.charts and not session.error:
            session.error = "no plotly chart in the page"
    except Exception as error:  # a timeout or a refused connection is this session's error
        session.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else 'timed out'}"


async def _ws_sessions(base_url: str, paths: list[str], assets: list[str], timeout_s: float) -> list[Session]:
    sessions = [Session(i, path, client="websocket") for i, path in enumerate(paths)]
    with ThreadPoolExecutor(max_workers=max(len(sessions), 1) * 2) as pool:
        await asyncio.gather(*(_ws_visit(base_url, s, assets, pool, timeout_s) for s in sessions))
    return sessions


def websocket_sessions(base_url: str, paths: list[str], assets: list[str], timeout_s: float = 60) -> list[Session]:
    """Start a websocket session per path at once; each fetches `assets` first, then runs its page."""
    return _in_own_thread(_ws_sessions, base_url, paths, assets, timeout_s)


# --- one run ------------------------------------------------------------------------------------

def log_problems(text: str) -> list[str]:
    """Lines of a server log that show a failed script run or import."""
    return [line.strip()[:300] for line in text.splitlines() if LOG_PROBLEMS.search(line)]


def run_load(sessions: int = 20, db: Path | None = None, cold: bool = False, timeout_s: float = 180,
             client: str = "browser", work_dir: Path | None = None, via: str = "direct", replicas: int = 2) -> dict:
    """Serve the app (one process, or nginx in front of `replicas` with via="proxy"), start
    `sessions` sessions at once with `client`, and return the results."""
    from amnesty.build import build

    if client not in CLIENTS:
        raise ValueError(f"client must be one of {CLIENTS}, not {client!r}")
    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="amnesty-load-", dir=work_dir) as tmp:
        tmp = Path(tmp)
        build_s = None
        if db is None:
            started = time.perf_counter()
            db = build(ROOT / "data", tmp / "amnesty.duckdb")
            build_s = time.perf_counter() - started
        if via == "proxy":
            # The supervisor warms each replica itself; the warm-up visit below still fetches the
            # static file list the websocket client replays.
            server = proxy_server.start(Path(db), tmp / "serve", replicas=replicas)
        else:
            server = app_server.start(Path(db), tmp)
        try:
            idle_main, idle_tree = server_rss_mb(server)
            warmup, requested = None, []
            if not cold:
                warmup = open_sessions(server.url, [PAGE_PATHS[0]], timeout_s, assets=requested)[0]
            warm_main, warm_tree = server_rss_mb(server)
            paths = [PAGE_PATHS[i % len(PAGE_PATHS)] for i in range(sessions)]
            cpu_before = server_cpu_s(server)
            nginx_cpu_before = nginx_usage(server)[1]
            with RssSampler(server) as sampler:
                started = time.perf_counter()
                if client == "browser":
                    visited = open_sessions(server.url, paths, timeout_s)
                else:
                    assets = static_files(server.url, requested)
                    visited = websocket_sessions(server.url, paths, assets, timeout_s)
                wall_s = time.perf_counter() - started
            cpu_s = server_cpu_s(server) - cpu_before
            nginx_rss, nginx_cpu = nginx_usage(server)
            after_main, after_tree = server_rss_mb(server)
            replica_pids = _roots(server)
            log = server.log_text()
        finally:
            server.stop()

    times = [s.seconds for s in visited if s.ok and s.seconds is not None]
    script_done = [s.script_done_s for s in visited if s.ok and s.script_done_s is not None]
    failed = [s for s in visited if not s.ok]
    server_errors = log_problems(log)
    peak = max(sampler.samples + [after_tree, warm_tree, idle_tree])  # memory can also fall during a run
    timed = ("first render: navigation sent to the last DOM change before a 400 ms quiet period, with the "
             "script finished and every visible plotly chart drawn" if client == "browser" else
             "session start to script_finished: the page and its static files fetched, the websocket opened, "
             "a script run asked for and every message of it received")
    return {
        # The first keys are the ones bench/report.py looks for (by name, first match wins).
        "sessions": sessions,
        "client": client,
        "via": via,
        "replicas": len(replica_pids),
        "errors": len(failed) + len(server_errors),
        "p50_s": percentile(times, 0.50),
        "p95_s": percentile(times, 0.95),
        "server_rss_peak_mb": peak,
        "max_s": max(times) if times else None,
        "mean_s": statistics.fmean(times) if times else None,
        "timed": timed,
        "script_done_p50_s": percentile(script_done, 0.50),
        "script_done_p95_s": percentile(script_done, 0.95),
        # websocket: the two parts of a session, to tell static files from script runs.
        "assets_p95_s": percentile([s.assets_s for s in visited if s.ok and s.assets_s is not None], 0.95),
        "assets_mb_per_session": max((s.assets_bytes for s in visited), default=0) / 1e6,
        "script_run_p95_s": percentile([s.script_run_s for s in visited if s.ok and s.script_run_s is not None], 0.95),
        "session_errors": [f"#{s.index} {s.path}: {s.error}" for s in failed],
        "server_log_errors": server_errors,
        "server_rss_mb": {"idle": idle_tree, "after_warmup": warm_tree, "after": after_tree, "peak": peak,
                          "peak_streamlit_process_alone": max(sampler.peak_main_mb, warm_main or 0, after_main or 0),
                          "samples": len(sampler.samples)},
        "wall_s": wall_s,
        # Set against wall_s × cores: how much of the machine the server itself used during the run.
        "server_cpu_s": cpu_s,
        "nginx": None if via != "proxy" else {"rss_mb_after": nginx_rss, "cpu_s": nginx_cpu - nginx_cpu_before},
        "warmup": None if warmup is None else {"path": warmup.path, "first_render_s": warmup.first_render_s,
                                                "error": warmup.error, "requests": len(requested)},
        "by_page_median_s": {path: statistics.median(v) if (v := [s.seconds for s in visited
                                                                  if s.path == path and s.ok]) else None
                             for path in PAGE_PATHS},
        "per_session": [asdict(s) for s in visited],
        "how": ("errors = sessions with an exception, a timeout, a failed navigation or a page not found, plus "
                "server-log lines with a traceback; RSS = streamlit and its children, sampled every 100 ms from "
                "/proc; percentiles are nearest-rank; the client runs on the same machine as the server"),
        "cold_server": cold,
        "timeout_s": timeout_s,
        "db_build_s": build_s,
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_start": load_at_start, "load_average_at_end": os.getloadavg(),
                    "date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds")},
    }


def summary(results: dict) -> str:
    def s(x):
        return "–" if x is None else f"{x:.2f} s"
    rss = results["server_rss_mb"]
    lines = [f"{results['client']} ({results['via']}, {results['replicas']} replica(s)), {results['sessions']} sessions: p50 {s(results['p50_s'])}, "
             f"p95 {s(results['p95_s'])}, max {s(results['max_s'])} (script done p50 "
             f"{s(results['script_done_p50_s'])}, p95 {s(results['script_done_p95_s'])}); "
             f"{results['errors']} errors; server RSS peak {rss['peak']:.0f} MB (idle {rss['idle']:.0f} MB, "
             f"after warm-up {rss['after_warmup']:.0f} MB); wall {results['wall_s']:.1f} s, server CPU "
             f"{results['server_cpu_s']:.1f} s; load average "
             f"{results['machine']['load_average_at_start'][0]:.1f} at start"]
    if results["client"] == "websocket":
        lines.append(f"  of which: static files p95 {s(results['assets_p95_s'])}, script run p95 "
                     f"{s(results['script_run_p95_s'])}")
    lines += [f"  session error: {e}" for e in results["session_errors"]]
    lines += [f"  server log: {e}" for e in results["server_log_errors"][:20]]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--client", choices=(*CLIENTS, "both"), default="browser",
                        help="headless chromium (default), Streamlit's websocket without a browser, or both")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON file (default {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--db", type=Path, help="serve this DuckDB file instead of a fresh build of data/")
    parser.add_argument("--cold", action="store_true", help="no warm-up visit: the sessions also pay the first imports")
    parser.add_argument("--timeout", type=float, default=180, help="seconds each session may take (default 180)")
    parser.add_argument("--via", choices=("direct", "proxy"), default="direct",
                        help="one streamlit process (default), or nginx in front of --replicas (make serve)")
    parser.add_argument("--replicas", type=int, default=2, help="replicas behind nginx with --via proxy (default 2)")
    args = parser.parse_args(argv)
    if args.sessions < 1:
        parser.error("--sessions must be at least 1")
    clients = CLIENTS if args.client == "both" else (args.client,)
    runs = [run_load(args.sessions, db=args.db, cold=args.cold, timeout_s=args.timeout, client=c, via=args.via,
                     replicas=args.replicas) for c in clients]
    results = runs[0]
    for other in runs[1:]:
        results[other["client"]] = other
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    for run in runs:
        print(summary(run))
    print(f"wrote {args.out}")
    return 1 if any(run["errors"] for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
