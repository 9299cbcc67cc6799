"""Hostile text in the data, served for real: every page shows it as the characters typed.

The app is served from a database built from a copy of data/ whose text cells hold a Markdown link,
an outside image, a bare URL, dollar amounts, HTML and Streamlit directives (tests/hostile_data.py).
In chromium, no element may point at the attacker's host or carry the planted style, no KaTeX may
appear, and the planted text must be readable as typed.
"""
from __future__ import annotations

import pytest

import app_server
from amnesty.build import build
from hostile_data import (BARE_URL, EVERYTHING, HTML_LINK, IMAGE, LATEST_ACT, LINK, MONEY,
                          hostile_data)
from hostile_dom import images, maths, planted_elements
from components.text import WORD_JOINER
from streamlit_page import drawn_charts, main_text, open_page, problems

# Page path -> planted text a reader must see on it as typed.
SHOWN = {
    "": [f"2025–26 Amnesty Act {LINK}"],
    # The act's own date event is not drawn here: its sources date every step (act_events.csv).
    f"act?act={LATEST_ACT}": [f"{IMAGE} {MONEY}", f"Press {IMAGE}", EVERYTHING],
    "political-prisoners": [f"Listed {LINK}"],
    "data": [],
    "sources": [EVERYTHING, f"{HTML_LINK} {MONEY}", f"Press {IMAGE}"],
}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, artifacts):
    folder = tmp_path_factory.mktemp("hostile")
    db = build(hostile_data(folder / "data"), folder / "hostile.duckdb")
    served = app_server.start(db, artifacts / "logs")
    yield served
    served.stop()
    assert "Traceback" not in served.log_text(), served.log_text()[-4000:]


@pytest.mark.parametrize("path", list(SHOWN), ids=lambda p: p.split("?")[0] or "overview")
def test_planted_text_is_shown_as_text(desktop, hostile_server, path):
    page = desktop.new_page()
    try:
        open_page(page, f"{hostile_server.url}/{path}")
        assert problems(page) == []
        assert drawn_charts(page) >= 1
        assert planted_elements(page) == []
        assert images(page) == 0
        assert maths(page) == 0
        # The one invisible change: a word joiner keeps a bare address from being auto-linked.
        text = main_text(page).replace(WORD_JOINER, "")
        missing = [planted for planted in SHOWN[path] if planted not in text]
        assert missing == [], f"not shown as typed: {missing}"
    finally:
        page.close()
