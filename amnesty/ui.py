"""`show_chart`: the one function that lays out a chart in the app.

The figure already carries its title, notes and source line (so exports match the app); here it
gets its alt text as a caption, download buttons (PNG/SVG/PDF/HTML, made only when clicked) and
the same rows as a table.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from amnesty.download_buttons import chart_downloads
from components.chart import Chart
from components.text import markdown_literal

# No plotly mode bar: on a phone it sits on the chart's title, and the download menu below each
# chart gives the files, words included.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


def show_chart(chart: Chart, key: str) -> None:
    st.plotly_chart(chart.figure, width="stretch", key=f"{key}-figure", config=PLOTLY_CONFIG,
                    theme=None)
    st.caption(markdown_literal(chart.alt_text))
    chart_downloads(chart, key)
    with st.expander("The numbers in this chart", expanded=False):
        st.dataframe(chart.data, hide_index=True, width="stretch", key=f"{key}-table")


def show_table(frame: pd.DataFrame, labels: dict[str, str]) -> None:
    """A short reference table in full, wrapped rather than scrolled: `labels` picks the columns
    and names them for a reader. st.table renders every cell as Markdown, so text cells are made
    literal."""
    shown = frame[list(labels)].rename(columns=labels)
    shown = shown.apply(lambda column: column.map(
        lambda v: markdown_literal(v) if isinstance(v, str) else v))
    st.table(shown, hide_index=True)
