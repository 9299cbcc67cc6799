"""`show_chart`: the one function that lays out a chart in the app.

The figure already carries its title, notes and source line (so exports match the app); here it
gets its alt text as its accessible name, download buttons (PNG/SVG/PDF/HTML, made only when
clicked), the "Customise and download" panel (the figure studio) and the same rows as a table, with
the hover's quotes and sources beside it as plain text.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from amnesty.data_dictionary import reader_table
from amnesty.download_buttons import chart_downloads
from amnesty.page_language import current_language
from amnesty.studio_panel import customise_panel
from components.chart import Chart
from components.rows import quote_lines
from components.text import markdown_literal, marked_html

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
    lang = current_language()
    if lang.code not in chart.beside:
        chart.beside[lang.code] = (reader_table(chart.data, lang), quote_lines(chart.data, lang))
    table, lines = chart.beside[lang.code]
    with st.expander(lang._("The numbers in this chart"), expanded=False, key=f"{key}-numbers"):
        st.dataframe(table, hide_index=True, width="stretch", key=f"{key}-table")
        # The hover's quote, derivation and sources, which the grid cuts short, in full and as plain
        # text (escaped, so data stays literal), so a reader without a mouse reads them; the quote
        # carries its source's language (<span lang>).
        for parts in lines:
            st.html(marked_html(parts))
        # The table's own CSV export is off (.streamlit/config.toml): ours escapes formulas.
        st.caption(lang._("To download these rows, use the Data page: its files keep spreadsheet "
                          "formulas from running."))


def show_table(frame: pd.DataFrame, labels: dict[str, str], key: str) -> None:
    """A short reference table in full, wrapped rather than scrolled: `labels` picks the columns
    and names them for a reader. st.table renders every cell as Markdown, so text cells are made
    literal.

    On a phone the same rows are shown as cards, one "label: value" line per cell: four to seven
    columns of words, dates and long numbers do not fit 390 px even wrapped, and a table that
    scrolls sideways cannot be scrolled from the keyboard (WCAG 1.4.10 reflow, 2.1.1). The
    stylesheet (amnesty/accessibility.css) shows one of the two by the screen's width and hides the
    other from screen readers too.
    """
    # Plain lists, not DataFrame.apply and Series.map: those took half of Sources & method's
    # rerun (bench/RESULTS.md). Numbers, dates and flags keep their types for st.table.
    cells = {label: [markdown_literal(v) if isinstance(v, str) else v for v in frame[column].tolist()]
             for column, label in labels.items()}
    with st.container(key=f"wide-table-{key}"):
        st.table(pd.DataFrame({label: frame[column].array if _typed(frame[column]) else cells[label]
                               for column, label in labels.items()}), hide_index=True)
    with st.container(key=f"narrow-table-{key}"):
        # The bold labels are ours; the values were made literal above. All the cards are one
        # Markdown element, a rule between rows: an element per row made Sources & method send
        # some 150 of them on every run.
        st.markdown("\n\n---\n\n".join(
            "  \n".join(f"**{label}:** {value}" for label, value in zip(cells, row) if not _empty(value))
            for row in zip(*cells.values())))


def _typed(column: pd.Series) -> bool:
    """A column of numbers, dates or flags, which st.table shows as they are (no text to escape)."""
    return (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)
            or pd.api.types.is_datetime64_any_dtype(column))


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

