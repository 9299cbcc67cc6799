"""Driving the served app in Playwright: the navigation, waiting for a rerun to settle, reading text.

Selectors are Streamlit's own `data-testid`s and the `st-key-<key>` class a keyed widget gets, so a
change of wording on a page does not break them.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from app_server import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "e2e"
SETTLED = ("[data-testid=stApp][data-test-connection-state=CONNECTED]"
           "[data-test-script-state=notRunning]")
TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class NavPage:
    script: str
    title: str
    url_path: str
    default: bool = False
    visibility: str = "visible"

    @property
    def public_path(self) -> str:
        """Where a reader finds the page: Streamlit serves the default page at the root only (its
        url_path answers with a "Page not found" dialog)."""
        return "" if self.default else self.url_path


def nav_pages(app_file: Path = ROOT / "app.py") -> list[NavPage]:
    """The st.Page(...) calls of app.py's pages() that the navigation shows (not the hidden embed
    page), read from its source: importing app.py would run it. Titles are the English message
    ids (`lang._("Overview")`)."""
    tree = ast.parse(app_file.read_text(encoding="utf-8"))
    function = next(node for node in ast.walk(tree)
                    if isinstance(node, ast.FunctionDef) and node.name == "pages")
    pages = next(node.value for node in ast.walk(function) if isinstance(node, ast.Return))
    found = []
    for call in pages.elts:
        keywords = {k.arg: ast.literal_eval(k.value.args[0] if isinstance(k.value, ast.Call) else k.value)
                    for k in call.keywords}
        found.append(NavPage(ast.literal_eval(call.args[0]), **keywords))
    return [page for page in found if page.visibility == "visible"]


def settle(page: Page) -> None:
    """Wait until the script run is over, nothing is stale and every chart has drawn its SVG.

    A chart shows a skeleton until plotly.js (a lazy chunk) has loaded, often seconds after the
    run ends, and only then becomes an stPlotlyChart: so no skeleton may be left either.

    The app's `data-test-script-state` starts as "initial", so after a navigation "notRunning"
    means the first run finished. After a click, callers first wait for the click's own effect
    (a new URL, a changed axis): until the rerun starts the state still reads "notRunning".
    """
    page.wait_for_selector(SETTLED, state="attached", timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid=stStatusWidget]", state="detached", timeout=TIMEOUT_MS)
    page.wait_for_function(
        """() => !document.querySelector('[data-stale=true], [data-testid=stSkeleton]')
              && [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
                   .every(c => c.querySelector('.js-plotly-plot svg.main-svg'))""",
        timeout=TIMEOUT_MS)


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    settle(page)


def main_text(page: Page) -> str:
    """The main block's visible text with runs of whitespace made single spaces."""
    return " ".join(page.inner_text("[data-testid=stMain]").split())


def problems(page: Page) -> list[str]:
    """Text of every exception box and every open dialog (such as Streamlit's "Page not found")."""
    shown = page.locator("[data-testid=stException], [data-testid=stDialog] [role=dialog]")
    return [" ".join(text.split()) for text in shown.all_inner_texts()]


def drawn_charts(page: Page) -> int:
    return page.locator(".js-plotly-plot:has(svg.main-svg)").count()


def axis_types(page: Page, chart: str = ".js-plotly-plot") -> set[str]:
    """Plotly's axis types ('log', 'linear', 'category') of the first chart matching `chart`."""
    return set(page.eval_on_selector(
        chart, "el => Object.keys(el.layout).filter(k => /^[xy]axis/.test(k)).map(k => el.layout[k].type)"))


CHANGED_AXES = """([sel, before]) => { const el = document.querySelector(sel);
     const types = el && el.layout && Object.keys(el.layout).filter(k => /^[xy]axis/.test(k)).map(k => el.layout[k].type);
     return types && types.sort().join() !== before.sort().join() && types; }"""


def wait_for_axis_change(page: Page, chart: str, before: set[str]) -> set[str]:
    """The axis types of `chart` once they differ from `before`. The rerun may redraw the chart
    after the first change is seen (CI once found no chart there at that moment), so they are read
    from a second wait, not from whatever the page holds then."""
    page.wait_for_function(CHANGED_AXES, arg=[chart, sorted(before)])
    settle(page)
    return set(page.wait_for_function(CHANGED_AXES, arg=[chart, sorted(before)]).json_value())


def has_word(text: str, word: str) -> bool:
    """`word` stands alone in `text` ("36" in "36 rows", not in "1,360" or "2036")."""
    return re.search(rf"(?<![\w.,]){re.escape(word)}(?![\w]|[.,]\d)", text) is not None


def full_screenshot(page: Page, name: str) -> Path:
    """Screenshot of the whole page. Streamlit scrolls stMain, not the document, so full_page alone
    would stop at the fold: the viewport is made as tall as the content for the shot."""
    size = page.viewport_size
    height = page.eval_on_selector("[data-testid=stMain]", "el => el.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    settle(page)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path
