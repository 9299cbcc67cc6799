"""Journeys with the keyboard alone, as a reader who uses no mouse makes them: no .click(), no
.focus(); focus moves only by Tab, arrows, Enter, Space, typing and Escape.

Switch the Overview's scale; open the table under a chart and read its quotes and sources (in a
plotly hover they need a mouse); open a chart's download menu, find focus inside it and kept there,
choose PNG, and close it with Escape. (Filtering the Data page and downloading its CSV, by keyboard
too, is test_downloads.py's.)"""
import struct

from accessibility import axe_violations, focused, press_tab_until
from amnesty.export_spec import ExportSpec, pixel_size
from amnesty.figures import build_chart
from components.rows import quotes_and_sources
from streamlit_page import axis_types, open_page, problems, settle, wait_for_axis_change

OVERVIEW_CHART = ".st-key-overview-figure .js-plotly-plot"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_switch_the_overview_scale_with_the_keyboard(page, server):
    open_page(page, server.url)
    before = axis_types(page, OVERVIEW_CHART)  # the y axis is categorical, the x axis log
    assert "log" in before
    # The segmented control is one Tab stop (the selected option); arrows move between options.
    press_tab_until(page, ".st-key-scale [role=radio]")
    assert focused(page)["name"].endswith("“Log”")
    page.keyboard.press("ArrowRight")
    assert focused(page)["name"].endswith("“Linear”")
    page.keyboard.press("Space")
    assert "log" not in wait_for_axis_change(page, OVERVIEW_CHART, before)
    assert problems(page) == []


def test_quotes_and_sources_are_read_without_a_mouse(page, server, db):
    """The hover's quotes and sources, opened from the keyboard under the chart, in full."""
    open_page(page, server.url)
    # The Overview chart's table, past its "Customise and download" panel.
    press_tab_until(page, ".st-key-overview-numbers summary")
    page.keyboard.press("Enter")
    page.wait_for_selector(".st-key-overview-numbers details[open] [data-testid=stHtml]")
    shown = [" ".join(t.split()) for t in page.locator(".st-key-overview-numbers [data-testid=stHtml]")
             .all_inner_texts()]
    assert shown and shown == [" ".join(line.split())
                               for line in quotes_and_sources(build_chart("scale-vs-releases", db).data)]
    # Each quote is marked with its source's language, for a screen reader.
    marked = page.locator(".st-key-overview-numbers [data-testid=stHtml] span[lang]")
    assert marked.count() > 0 and set(marked.evaluate_all("els => els.map(e => e.lang)")) == {"en"}


def test_open_a_charts_download_menu_and_choose_png_with_the_keyboard(page, server):
    open_page(page, server.url)
    trigger = ".st-key-overview-download-menu button"
    press_tab_until(page, trigger)
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=dialog]")
    settle(page)
    # Focus has moved into the menu, and Tab keeps it there: nothing under the menu is reached.
    assert page.evaluate("() => !!document.activeElement.closest('[role=dialog]')")
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    assert all(stop["in_dialog"] for stop in stops), [s["name"] for s in stops if not s["in_dialog"]]
    assert {"PNG", "SVG", "PDF", "HTML"} <= {s["name"].split("“")[-1].rstrip("”") for s in stops}
    # The menu itself (the page under it has its own audit; the help tooltip of the focused button
    # sits in Streamlit's overlay layer, outside any landmark, which axe's "region" rule would name).
    assert axe_violations(page, within="[role=dialog]") == []

    press_tab_until(page, "[role=dialog] .st-key-overview-download-png button")
    with page.expect_download(timeout=120_000) as download_info:  # chromium renders it on Enter
        page.keyboard.press("Enter")
    data = download_info.value.path().read_bytes()
    assert data.startswith(PNG_MAGIC)
    size = pixel_size(ExportSpec(name="overview"))  # the article preset: 16:9
    assert struct.unpack(">II", data[16:24]) == (size.png_width, size.png_height)  # IHDR comes first

    # Streamlit disables a download button while it prepares the file, and a disabled button drops
    # focus; the next Tab carries on from it, still inside the menu (the next format).
    page.keyboard.press("Tab")
    assert focused(page)["in_dialog"] and focused(page)["name"].endswith("“SVG”")
    # Escape closes the menu and gives focus back to the button that opened it.
    page.keyboard.press("Escape")
    page.wait_for_selector("[role=dialog]", state="detached")
    assert page.evaluate("sel => !!document.activeElement.closest(sel)", trigger)
    assert problems(page) == []
