"""`show_chart`: the one function that lays out a chart in the app.

The figure already carries its title, notes and source line (so exports match the app); here it
gets its alt text as its accessible name, download buttons (PNG/SVG/PDF/HTML, made only when
clicked), the "Customise and download" panel (the figure studio) and a panel with the same rows as
a table, with the hover's quotes and sources beside it as plain text. Both panels are drawn only
once opened (amnesty.panels).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from amnesty.data_dictionary import reader_table
from amnesty.download_buttons import chart_downloads
from amnesty.page_language import current_language
from amnesty.panels import lazy_panel
from amnesty.studio_panel import customise_panel
from components.chart import Chart
from components.rows import quote_lines
from components.text import marked_html, table_html

# No plotly mode bar: on a phone it sits on the chart's title, and the download menu below each
# chart gives the files, words included.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


def show_chart(chart: Chart, key: str) -> None:
    # The alt text is the chart's own accessible name (role="figure", aria-label), not a paragraph
    # beside it: the title above already says the finding to a sighted reader.
    st.plotly_chart(chart.figure, width="stretch", key=f"{key}-figure", config=PLOTLY_CONFIG,
                    theme=None, alt=chart.alt_text)
    chart_downloads(chart, key)
    customise_panel(chart, key)
    _numbers_panel(chart, key)


@st.fragment
def _numbers_panel(chart: Chart, key: str) -> None:
    """The chart's rows as a table, drawn when the reader opens the panel (a fragment: opening it
    reruns this panel alone, not the page)."""
    lang = current_language()
    panel = lazy_panel(lang._("The numbers in this chart"), key=f"{key}-numbers")
    if panel is None:
        return
    if lang.code not in chart.beside:
        chart.beside[lang.code] = (reader_table(chart.data, lang), quote_lines(chart.data, lang))
    table, lines = chart.beside[lang.code]
    with panel:
        st.dataframe(table, hide_index=True, width="stretch", key=f"{key}-table")
        # The hover's quote, derivation and sources, which the grid cuts short, in full and as plain
        # text (escaped, so data stays literal), so a reader without a mouse reads them; the quote
        # carries its source's language (<span lang>).
        for parts in lines:
            st.html(marked_html(parts))
        # The table's own CSV export is off (.streamlit/config.toml): ours escapes formulas.
        st.caption(lang._("To download these rows, use the Data page: its files keep spreadsheet "
                          "formulas from running."))


def show_table(frame: pd.DataFrame, labels: dict[str, str]) -> None:
    """A short reference table in full, wrapped rather than scrolled, with a card per row on a
    phone (components.text.table_html): `labels` picks the columns and names them for a reader.
    Numbers are written in the reader's language and set flush right; text is shown as typed."""
    lang = current_language()
    columns = [frame[column] for column in labels]
    numeric = {i for i, column in enumerate(columns) if _number(column)}
    # Plain lists, not DataFrame.apply and Series.map: those took half of Sources & method's
    # rerun (bench/RESULTS.md).
    cells = [[_cell(value, lang) for value in column.tolist()] for column in columns]
    st.html(table_html(list(labels.values()), list(zip(*cells)), numeric))


def _number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _cell(value, lang) -> str:
    if _empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():  # a count in a column with gaps
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return lang.number(value)
    return str(value)  # never rounded: a fraction is shown as stored


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        not isinstance(value, str) and pd.isna(value))


# A reference table longer than this is shown a page at a time (the real data's fit on one page;
# at a million figures the Sources & method tables would otherwise send every row to the browser).
REFERENCE_PAGE_ROWS = 100


def page_of_rows(name: str, key: str, **params) -> pd.DataFrame:
    """One page of a query's rows with our words in the reader's language, and, when there is more
    than one page, a box to choose the page and a line saying which rows are shown."""
    from amnesty import webapp

    lang = current_language()
    first_page, total = webapp.query_page(name, REFERENCE_PAGE_ROWS, 0, **params)
    pages = max(1, -(-total // REFERENCE_PAGE_ROWS))
    frame = first_page
    if pages > 1:
        page = st.number_input(lang._("Page (of {pages})", pages=lang.number(pages)), min_value=1,
                               max_value=pages, value=1, key=f"{key}-page")
        offset = (page - 1) * REFERENCE_PAGE_ROWS
        frame = webapp.query_page(name, REFERENCE_PAGE_ROWS, offset, **params)[0] if page > 1 else first_page
        st.caption(lang.n_("{n} row; showing {first}–{last}.", "{n} rows; showing {first}–{last}.",
                           total, first=lang.number(offset + 1), last=lang.number(offset + len(frame))))
    return webapp.in_language_here(frame, lang)

