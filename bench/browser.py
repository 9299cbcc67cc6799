"""First render of a page in headless chromium, as a reader's browser sees it.

"Rendered" means: the script run has finished (stApp's data-test-script-state is notRunning), the
main block holds at least one element, every visible plotly chart has drawn its SVG, every visible
dataframe its canvas, and the page then stays unchanged for a quiet period. Charts are lazy-loaded components, so
they can appear after the script has finished: the render time is therefore the moment of the
last DOM change before the quiet period (a MutationObserver, on the browser's own clock from
navigation start), not the moment the condition was first seen. Each visit uses a fresh browser
context (an empty cache and a new Streamlit session, as a first visit has). Bytes received over the websocket
up to that moment are recorded too: an oversized plotly payload shows there first.

Two earlier moments are taken on the same clock: first text (the first paragraph of body text or
metric value in the main block, a page's lede; headings and widget labels do not count) and first
chart (the first plotly chart's SVG). Both are taken when the element enters the DOM, not when it
is painted, the same way for the app's pages and for the bare pages they are compared with.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}

QUIET_MS = 400

# Installed before any page script: the time of the latest DOM change, of the first moment the
# script run was seen finished, of the first text and of the first drawn chart, from navigation
# start. First text: st.markdown / st.write / st.caption paragraphs and metric values in the main
# block (st.title is an stHeading and a widget's label an stWidgetLabel: neither counts).
TRACK_MUTATIONS = """
window.__lastMutation = 0;
window.__scriptDone = null;
window.__firstText = null;
window.__firstChart = null;
new MutationObserver(() => {
  window.__lastMutation = performance.now();
  if (window.__firstText === null && [...document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stMarkdown"], [data-testid="stMain"] [data-testid="stMetricValue"]')]
      .some(el => el.textContent.trim()))
    window.__firstText = performance.now();
  if (window.__firstChart === null
      && document.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg'))
    window.__firstChart = performance.now();
  if (window.__scriptDone === null) {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]'))
      window.__scriptDone = performance.now();
  }
})
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
// Where a first text's time goes: when the websocket opened, when each of its messages arrived, and
// the main thread's long tasks (over 50 ms), on the same clock.
window.__wsOpen = null;
window.__wsMessages = [];
window.__longTasks = [];
window.WebSocket = class extends window.WebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('open', () => { if (window.__wsOpen === null) window.__wsOpen = performance.now(); });
    this.addEventListener('message', () => window.__wsMessages.push(performance.now()));
  }
};
new PerformanceObserver(list => list.getEntries().forEach(
    task => window.__longTasks.push([task.startTime, task.duration])))
  .observe({type: 'longtask', buffered: true});
"""

# The timeline of one visit up to its first text, in ms from navigation start: the websocket's
# opening, the last message before the text, the main thread's long tasks between the two, and the
# health checks Streamlit's frontend made before it connected (on a page other than the root it
# asks <page>/_stcore/health first, gets a 404 and tries /_stcore/health 100 ms later).
TIMELINE = """() => {
  const text = window.__firstText ?? performance.now();
  const before = window.__wsMessages.filter(t => t <= text);
  const open = window.__wsOpen;
  const busy = window.__longTasks
    .map(([start, length]) => Math.max(0, Math.min(start + length, text) - Math.max(start, open ?? text)))
    .reduce((a, b) => a + b, 0);
  const checks = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/_stcore/health')).length;
  return [open, before.length ? before[before.length - 1] : null, busy, checks];
}"""

# [quietMs, needChart]: needChart for a page known to draw a chart, so that a loaded machine's
# pause while plotly.js arrives (a skeleton, no DOM change for the quiet period) is not taken for the
# end. A skeleton is an element still loading its code.
READY = """([quietMs, needChart]) => {
  if (performance.now() - window.__lastMutation < quietMs) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')) return false;
  if (needChart && !document.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg'))
    return false;
  // Only what a reader can see: a chart or table in a closed expander or another tab draws later.
  // checkVisibility: a table in a closed expander still has client rects, but is not visible.
  const shown = (el) => el.checkVisibility();
  for (const c of document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    if (shown(c) && !c.querySelector('.main-svg')) return false;
  for (const f of document.querySelectorAll('[data-testid="stDataFrame"]'))
    if (shown(f) && !f.querySelector('canvas')) return false;
  return true;
}"""

NAV_LINKS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stSidebarNav"] a, a[data-testid="stSidebarNavLink"], a[data-testid="stTopNavLink"]'))
  .map(a => ({href: a.href, label: (a.innerText || a.textContent || '').trim()}))"""


@dataclass
class Visit:
    seconds: float
    script_done_s: float | None
    ws_bytes: int
    exceptions: int
    charts: int
    first_text_s: float | None = None
    first_chart_s: float | None = None
    plotly_loaded_s: float | None = None  # the plotly chunk's last byte arrived (Resource Timing)
    # With measure_bytes: what crossed the network for the page, its files and their headers, as
    # chromium counted it (compressed when the server compressed), by kind of file.
    transfer_bytes: dict | None = None
    # Up to the first text (TIMELINE): the websocket opened; its last message before the text
    # arrived; main-thread long tasks between the two; health checks before connecting.
    ws_open_s: float | None = None
    messages_done_s: float | None = None
    busy_before_text_s: float | None = None
    health_checks: int | None = None


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


@dataclass
class PageTiming:
    label: str
    url: str
    visits: list[Visit] = field(default_factory=list)
    need_chart: bool = True  # every page of this app draws a chart, and so does the bare chart page

    @property
    def median(self) -> float:
        return statistics.median(v.seconds for v in self.visits)

    @property
    def ws_bytes(self) -> int:
        return int(statistics.median(v.ws_bytes for v in self.visits))

    def as_dict(self) -> dict:
        return {"label": self.label, "url": self.url, "median_s": self.median,
                "samples_s": [v.seconds for v in self.visits],
                "script_done_median_s": statistics.median(v.script_done_s or v.seconds for v in self.visits),
                "first_text_median_s": _median(v.first_text_s for v in self.visits),
                "first_text_samples_s": [v.first_text_s for v in self.visits],
                "first_chart_median_s": _median(v.first_chart_s for v in self.visits),
                "first_chart_samples_s": [v.first_chart_s for v in self.visits],
                "plotly_loaded_median_s": _median(v.plotly_loaded_s for v in self.visits),
                "ws_open_median_s": _median(v.ws_open_s for v in self.visits),
                "messages_done_median_s": _median(v.messages_done_s for v in self.visits),
                "busy_before_text_median_s": _median(v.busy_before_text_s for v in self.visits),
                "health_checks": max((v.health_checks or 0) for v in self.visits),
                "ws_bytes": self.ws_bytes,
                "exceptions": max(v.exceptions for v in self.visits),
                "charts": max(v.charts for v in self.visits)}


def _kind(url: str, content_type: str) -> str:
    path = urlsplit(url).path
    if "/static/js/" in path:
        return "plotly chunk" if "/PlotlyChart." in path else "other JavaScript"
    if "/static/css/" in path:
        return "CSS"
    if "/static/media/" in path:
        return "fonts and images"
    if "html" in content_type:
        return "page"
    return "other"


class Browser:
    """One headless chromium for the whole run; a fresh context per visit."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                         headless=True)

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def visit(self, url: str, timeout_s: float = 60, measure_bytes: bool = False, need_chart: bool = False) -> Visit:
        context = self._browser.new_context(viewport=VIEWPORT)
        received = [0]
        finished = []

        def on_websocket(ws):
            ws.on("framereceived", lambda payload: received.__setitem__(
                0, received[0] + len(payload if isinstance(payload, bytes) else payload.encode())))

        try:
            context.add_init_script(TRACK_MUTATIONS)
            page = context.new_page()
            page.on("websocket", on_websocket)
            if measure_bytes:
                page.on("requestfinished", lambda request: finished.append(request))
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
            page.wait_for_function(READY, arg=[QUIET_MS, need_chart], polling=50, timeout=timeout_s * 1000)
            seconds, script_done, first_text, first_chart, plotly_loaded = page.evaluate(
                """[window.__lastMutation, window.__scriptDone, window.__firstText, window.__firstChart,
                    (performance.getEntriesByType('resource').find(e => e.name.includes('/PlotlyChart.'))
                     || {}).responseEnd ?? null]""")
            ws_open, messages_done, busy, checks = page.evaluate(TIMELINE)
            exceptions = page.locator('[data-testid="stException"]').count()
            charts = page.locator('[data-testid="stPlotlyChart"]').count()
            transfer = None
            if measure_bytes:
                transfer = {}
                for request in finished:
                    sizes = request.sizes()
                    response = request.response()
                    kind = _kind(request.url, response.header_value("content-type") or "" if response else "")
                    transfer[kind] = transfer.get(kind, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
            ms = lambda value: value / 1000 if value is not None else None  # noqa: E731
            return Visit(seconds / 1000, ms(script_done), received[0], exceptions, charts,
                         first_text_s=ms(first_text), first_chart_s=ms(first_chart),
                         plotly_loaded_s=ms(plotly_loaded), transfer_bytes=transfer,
                         ws_open_s=ms(ws_open), messages_done_s=ms(messages_done), busy_before_text_s=ms(busy),
                         health_checks=checks)
        finally:
            context.close()

    def nav_links(self, base: str) -> list[tuple[str, str]]:
        """(label, url) of every page in the app's navigation; the root alone when it has none."""
        context = self._browser.new_context(viewport=VIEWPORT)
        try:
            context.add_init_script(TRACK_MUTATIONS)
            page = context.new_page()
            page.goto(base, timeout=60_000)
            page.wait_for_function(READY, arg=[QUIET_MS, False], polling=50, timeout=60_000)
            links = page.evaluate(NAV_LINKS)
        finally:
            context.close()
        seen, pages = set(), []
        for link in links:
            path = urlsplit(link["href"]).path
            if path not in seen:
                seen.add(path)
                pages.append((link["label"] or path, base + path))
        return pages or [("root", base + "/")]


def time_pages(browser: Browser, bares: list[tuple[str, str]], pages: list[tuple[str, str]],
               repeats: int) -> tuple[list[PageTiming], list[PageTiming]]:
    """Median first render (and first text, first chart) of each bare page and of each page,
    visited in interleaved rounds so that the machine's noise falls on all of them alike. One
    warm-up visit each is not counted (it pays the server's first imports, which the cold-start
    test covers, not this one)."""
    bare = [PageTiming(label, url, need_chart="chart" in label) for label, url in bares]
    timings = [PageTiming(label, url) for label, url in pages]
    for target in [*bare, *timings]:
        browser.visit(target.url, need_chart=target.need_chart)
    for _ in range(repeats):
        for target in [*bare, *timings]:
            target.visits.append(browser.visit(target.url, need_chart=target.need_chart))
    return bare, timings


def first_visit_bytes(browser: Browser, pages: list[tuple[str, str]]) -> list[dict]:
    """Bytes over the network for one first visit (a fresh context) of each (label, url)."""
    out = []
    for label, url in pages:
        visit = browser.visit(url, measure_bytes=True, need_chart=True)
        out.append({"label": label, "url": url, "transfer_bytes": visit.transfer_bytes,
                    "http_bytes": sum(visit.transfer_bytes.values()), "ws_bytes": visit.ws_bytes,
                    "total_bytes": sum(visit.transfer_bytes.values()) + visit.ws_bytes})
    return out
