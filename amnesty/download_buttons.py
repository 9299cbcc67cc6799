"""Download buttons: a chart's PNG/SVG/PDF/HTML, the Data page's filtered view, and How to cite.

Every file is made lazily: `st.download_button` takes a callable for `data` and runs it only when
the reader clicks (on a thread of its own), so page loads never wait for chromium or a zip.
`on_click="ignore"` keeps a click from rerunning the page.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import plotly.io as pio
import streamlit as st

from amnesty import render
from amnesty.filters import Filters
from amnesty.i18n import N_, Language
from amnesty.page_language import current_language
from amnesty.panels import lazy_panel
from amnesty.citation import Citation
from amnesty.downloads import DOWNLOAD_MEDIA_TYPES, download_file_name, filtered_download
from amnesty.export_spec import ExportSpec
from amnesty.studio import export_facts
from components.chart import Chart

CHART_LABELS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "html": "HTML"}
CHART_HELP = {
    "png": N_("Image, 1600 × 900 px (16:9): articles and slides."),
    "svg": N_("Vector image with its words as text: for designers to restyle."),
    "pdf": N_("Vector, for print; the alt text is in the file's metadata."),
    "html": N_("Interactive chart that works offline; paste into a page or open in a browser."),
}
DATA_LABELS = {"csv": "CSV", "xlsx": "Excel", "parquet": "Parquet", "json": "JSON",
               "zip": N_("Zip: CSV + data dictionary + README"), "datapackage": N_("Data dictionary")}
DATA_HELP = {
    "csv": N_("UTF-8 with a byte-order mark, so Excel shows ə and – correctly."),
    "xlsx": N_("One sheet; text that looks like a formula is kept as text."),
    "parquet": N_("Typed columns for pandas, R (arrow) and DuckDB."),
    "json": N_("One object per row."),
    "zip": N_("The CSV, its datapackage.json and a README: what the columns mean, how to cite, "
              "which sources are secondary or AI-written."),
    "datapackage": N_("Frictionless datapackage.json describing every column of the CSV."),
}


# -- charts ------------------------------------------------------------------------------------------
def chart_downloads(chart: Chart, key: str) -> None:
    """A button that opens the chart's download menu.

    The menu is a modal dialog, not an st.popover: Streamlit's popover leaves focus on its button
    and portals its body to the end of the page, so Tab walked the page hidden under it. The dialog
    moves focus into the menu, keeps it there, and closes on Escape.
    """
    label = current_language()._("Download this chart")
    if st.button(label, icon=":material/download:", key=f"{key}-download-menu"):
        st.dialog(label)(_chart_download_menu)(chart, key)


def _chart_download_menu(chart: Chart, key: str) -> None:
    """PNG, SVG, PDF and HTML of the chart as shown, words and source line included."""
    lang = current_language()
    # The file names carry the language: an editor's Russian PNG is not overwritten by the English.
    stem = chart_file_stem(chart.title) + ("" if lang.code == "en" else f"-{lang.code}")
    chromium = render.chromium_available()
    for fmt in render.FORMATS:
        needs_chromium = fmt in render.KALEIDO_FORMATS and not chromium
        st.download_button(
            CHART_LABELS[fmt], data=_chart_file(chart, fmt, lang.code), file_name=f"{stem}.{fmt}",
            mime=render.MEDIA_TYPES[fmt], key=f"{key}-download-{fmt}", on_click="ignore",
            disabled=needs_chromium, width="stretch",
            help=render.INSTALL_HINT.format(path=render.CHROMIUM) if needs_chromium else lang._(CHART_HELP[fmt]))
    st.caption(lang._("Same words, numbers and source line as on this page. Other words, sizes and "
                      "a dark theme: “Customise and download” below the chart."))


def chart_file_stem(title: str, limit: int = 60) -> str:
    """'2025-26-amnesty-act-more-than-20-000-affected' from the title, cut at a word."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower().replace("–", "-")).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "chart"


def _chart_file(chart: Chart, fmt: str, lang: str):
    # Only plain, hashable values go into the cache key: the figure as JSON, its words and language.
    figure_json = chart.figure.to_json()
    words = (chart.alt_text, chart.title, chart.subtitle, chart.notes, chart.source)
    return lambda: _rendered(figure_json, words, fmt, lang)


@lru_cache(maxsize=64)
def _rendered(figure_json: str, words: tuple[str, ...], fmt: str, lang: str) -> bytes:
    alt_text, title, subtitle, notes, source = words
    chart = Chart(figure=pio.from_json(figure_json), alt_text=alt_text, data=pd.DataFrame(),
                  title=title, subtitle=subtitle, notes=notes, source=source)
    # The footer's dataset version is the served database's own (its dataset_info table).
    from amnesty import webapp

    return render.chart_bytes(chart, fmt, spec=ExportSpec(name="chart", lang=lang),
                              facts=export_facts(webapp.query))


# -- the Data page -----------------------------------------------------------------------------------
DATA_FORMATS = ("csv", "xlsx", "parquet", "json", "zip", "datapackage")


def data_downloads(con, filters: Filters, row_count: int, version: str, url: str | None) -> None:
    """Every row of the filtered view in every format, named for its filters. The rows are fetched
    when a button is clicked, through the CLI's code path (amnesty.downloads.filtered_download);
    `url` is the view's stable data URL, which the files' citation names."""
    lang = current_language()
    first, second = st.columns(4), st.columns(2)
    for column, fmt in zip([*first, *second], DATA_FORMATS):
        column.download_button(
            lang._(DATA_LABELS[fmt]), data=_data_file(con, filters, fmt, url, lang),
            file_name=download_file_name(filters, version, fmt, lang.code), mime=DOWNLOAD_MEDIA_TYPES[fmt],
            key=f"data-download-{fmt}", on_click="ignore", help=lang._(DATA_HELP[fmt]), width="stretch",
            disabled=row_count == 0)


def _data_file(con, filters: Filters, fmt: str, url: str | None, lang: Language):
    return lambda: filtered_download(con, filters, url=url, lang=lang).data(fmt)


def copy_panel(label: str, key: str):
    """A lazy panel for copyable code blocks: Streamlit fetches its syntax highlighter (0.5 MB
    gzipped, most of a first visit's excess: issue 16) for the first code block a page shows. The
    open expander, or None while it is closed."""
    return lazy_panel(label, key, icon=":material/content_copy:")


def how_to_cite(cite: Citation) -> None:
    """The view's citation as plain text (never Markdown: it holds a URL and sources' own names),
    and, in a panel, APA-style and as BibTeX, each with a copy button."""
    lang = current_language()
    st.subheader(lang._("How to cite this view"))
    with st.container(key="citation"):
        st.text(cite.text())
    if panel := copy_panel(lang._("Copy the citation, or get it as BibTeX"), "citation-copy"):
        with panel:
            st.code(cite.text(), language=None, wrap_lines=True)
            st.code(cite.bibtex(), language=None, wrap_lines=True)
    st.caption(lang._("Dataset version {version} is a content hash of the data files: the same "
                      "version always means the same numbers. Quote it with any figure you use. Only "
                      "the sources behind the rows above are listed; the zip and the Excel file carry "
                      "the same citation.", version=cite.version))
