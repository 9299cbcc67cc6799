"""WCAG 2.2 AA on every page, as the browser shows it: axe-core finds nothing at desktop and phone
width, each page has one h1, no skipped heading level and a title of its own, every target is at
least 24 x 24 px on a phone, and everything Tab reaches shows a focus ring of at least 3:1. The
chart-only embed page (framed on other sites, hidden from the navigation) is audited too."""
import re

import pytest

from accessibility import (axe_violations, focused, heading_outline, ring_contrast, skipped_levels,
                           small_targets)
from amnesty.figures import build_chart
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit_page import main_text, nav_pages, open_page, problems

PAGES = nav_pages()
EMBED = "embed?figure=scale-vs-releases"


def open_expanders(page) -> None:
    """Open every expander ("The numbers in this chart", "Customise and download", Data's full
    table) so the audit reads what is inside them too."""
    for summary in page.locator("[data-testid=stExpander] summary").all():
        summary.click()
    # Each panel draws its contents once opened (amnesty.panels), in a rerun; a click that lands
    # during another panel's run can be lost (seen once in CI): those still shut are clicked again.
    every_open = ("() => [...document.querySelectorAll('[data-testid=stExpander] details')]"
                  ".every(d => d.open && d.querySelector('[data-testid=stElementContainer]'))")
    try:
        page.wait_for_function(every_open, timeout=20_000)
    except PlaywrightTimeout:
        for summary in page.locator("[data-testid=stExpander] details:not([open]) summary").all():
            summary.click()
        page.wait_for_function(every_open)


def check_outline_and_title(page, nav) -> None:
    assert problems(page) == []
    assert page.title() == nav.title  # each st.Page's title names its tab (test_page_titles.py)
    outline = heading_outline(page)
    assert [level for level, _ in outline].count(1) == 1, outline
    assert skipped_levels(outline) == [], outline


CHART_ALT_JS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .map(c => [c.getAttribute('role'), c.getAttribute('aria-label') || ''])"""


def check_charts_are_named_by_their_alt_text(page, db, nav) -> None:
    """Each chart is a figure whose accessible name is its alt text, and no words of a chart run
    into its numbers ("more than20,000", where plotly broke a line)."""
    charts = page.evaluate(CHART_ALT_JS)
    assert charts and all(role == "figure" and label for role, label in charts), charts
    if nav.url_path == "overview":
        assert charts[0][1] == build_chart("scale-vs-releases", db).alt_text
    glued = re.findall(r"\b(?:than|nearly|about|least|most)\d", main_text(page))
    assert glued == []


def walk_focus(page, presses: int = 150) -> tuple[dict[str, list[str]], list[dict]]:
    """Tab through the page from its top; return the kinds of element reached and every focus whose
    ring is under 3:1 against what is behind it, or thinner than 2 px."""
    seen, weak = {}, []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focus = focused(page)
        if focus is None:  # past the last element: focus is back on the document
            break
        if focus["size"][0] * focus["size"][1] == 0:  # the data grid's hidden cells for screen readers
            continue
        seen.setdefault(focus["kind"], []).append(focus["name"])
        if ring_contrast(focus) < 3 or focus["width"] < 2:
            weak.append(focus)
    return seen, weak


# What a page's Tab order must include, so a ring is measured on each kind the issue names.
EXPECTED_KINDS = {
    "overview": {"nav link", "segmented control", "button", "expander", "page link"},
    "act": {"select box", "button"},
    "data": {"select box", "toggle", "download button"},
}


@pytest.mark.parametrize("nav", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_on_a_desktop_passes_the_audit_and_rings_every_focus(page, server, db, nav):
    open_page(page, f"{server.url}/{nav.public_path}")
    check_outline_and_title(page, nav)
    check_charts_are_named_by_their_alt_text(page, db, nav)
    seen, weak = walk_focus(page)
    assert weak == []
    assert EXPECTED_KINDS.get(nav.url_path, {"nav link"}) <= set(seen), seen
    open_expanders(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("nav", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_on_a_phone_passes_the_audit_with_targets_of_24_px(phone, server, nav):
    open_page(phone, f"{server.url}/{nav.public_path}")
    check_outline_and_title(phone, nav)
    assert small_targets(phone) == []
    open_expanders(phone)
    assert axe_violations(phone) == []


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_embed_page_passes_the_audit(page, phone, server, db, width):
    """The chart alone: a figure named by its alt text, and nothing axe finds, at either width."""
    tab = page if width == "desktop" else phone
    open_page(tab, f"{server.url}/{EMBED}")
    assert problems(tab) == []
    charts = tab.evaluate(CHART_ALT_JS)
    assert charts == [["figure", build_chart("scale-vs-releases", db).alt_text]]
    if width == "phone":
        assert small_targets(tab) == []
    assert axe_violations(tab) == []
