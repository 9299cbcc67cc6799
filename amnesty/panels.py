"""`lazy_panel`: an expander whose contents are drawn only once the reader opens it.

A closed expander's elements are still sent with the page and drawn by the browser in the same
batch as the text above them. A chart's table of numbers, for one, held back its chart's first
drawing by about 0.3 s (bench/RESULTS.md, issue 16). A panel that waits costs the reader one short
rerun when it opens; its open state lives in the session (the key), so later reruns keep it open.
"""
from __future__ import annotations

import streamlit as st


def lazy_panel(label: str, key: str, icon: str | None = None):
    """The open expander, or None while it is closed (draw nothing in it then)."""
    panel = st.expander(label, icon=icon, key=key, on_change="rerun")
    return panel if panel.open else None
