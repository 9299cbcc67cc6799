"""First render of a page in headless chromium, as a reader's browser sees it.

"Rendered" means: the script run has finished (stApp's data-test-script-state is notRunning), the
main block holds at least one element, every visible plotly chart has drawn its SVG, every visible
dataframe its canvas, and the page then stays unchanged for a quiet period. Charts are lazy-loaded components, so
they can appear after the script has finished: the render time is therefore the moment of the
last DOM change before the quiet period (a MutationObserver, on the browser's own clock from
navigation start), not the moment the condition was first seen. Each visit uses a fresh browser
context (an empty cache and a new Streamlit session, as a first visit has). Bytes received over the websocket
up to that moment are recorded too: an oversized plotly payload shows there first.
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

# Installed before any page script: the time of the latest DOM change and of the first moment the
# script run was seen finished, from navigation start.
TRACK_MUTATIONS = """
window.__lastMutation = 0;
window.__scriptDone = null;
new MutationObserver(() => {
  window.__lastMutation = performance.now();
  if (window.__scriptDone === null) {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]'))
      window.__scriptDone = performance.now();
  }
})
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""

READY = """(quietMs) => {
  if (performance.now() - window.__lastMutation < quietMs) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
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


@dataclass
class PageTiming:
    label: str
    url: str
    visits: list[Visit] = field(default_factory=list)

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
                "ws_bytes": self.ws_bytes,
                "exceptions": max(v.exceptions for v in self.visits),
                "charts": max(v.charts for v in self.visits)}


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

    def visit(self, url: str, timeout_s: float = 60) -> Visit:
        context = self._browser.new_context(viewport=VIEWPORT)
        received = [0]

        def on_websocket(ws):
            ws.on("framereceived", lambda payload: received.__setitem__(
                0, received[0] + len(payload if isinstance(payload, bytes) else payload.encode())))

        try:
            context.add_init_script(TRACK_MUTATIONS)
            page = context.new_page()
            page.on("websocket", on_websocket)
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
            page.wait_for_function(READY, arg=QUIET_MS, polling=50, timeout=timeout_s * 1000)
            seconds, script_done = page.evaluate("[window.__lastMutation, window.__scriptDone]")
            seconds /= 1000
            script_done = script_done / 1000 if script_done is not None else None
            exceptions = page.locator('[data-testid="stException"]').count()
            charts = page.locator('[data-testid="stPlotlyChart"]').count()
            return Visit(seconds, script_done, received[0], exceptions, charts)
        finally:
            context.close()

    def nav_links(self, base: str) -> list[tuple[str, str]]:
        """(label, url) of every page in the app's navigation; the root alone when it has none."""
        context = self._browser.new_context(viewport=VIEWPORT)
        try:
            context.add_init_script(TRACK_MUTATIONS)
            page = context.new_page()
            page.goto(base, timeout=60_000)
            page.wait_for_function(READY, arg=QUIET_MS, polling=50, timeout=60_000)
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


def time_pages(browser: Browser, bare_url: str, pages: list[tuple[str, str]], repeats: int) -> tuple[PageTiming, list[PageTiming]]:
    """Median first render of the bare page and of each page, visited in interleaved rounds so
    that the machine's noise falls on all of them alike. One warm-up visit each is not counted
    (it pays the server's first imports, which the cold-start test covers, not this one)."""
    bare = PageTiming("bare one-line page", bare_url)
    timings = [PageTiming(label, url) for label, url in pages]
    for target in [bare, *timings]:
        browser.visit(target.url)
    for _ in range(repeats):
        for target in [bare, *timings]:
            target.visits.append(browser.visit(target.url))
    return bare, timings
